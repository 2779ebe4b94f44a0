import type { DigestChoice, DigestPreferences, Preferences } from '../../../sdk/index.ts';
import { t } from '../i18n.ts';
import { typeName } from './labels.ts';

type Mode = DigestChoice['mode'];

/** The digest part of the preferences form: a choice per kind (each type, and chat), and the timezone of daily digests. */
export interface DigestForm {
  choices: Record<string, { mode: Mode; at: string }>;
  timezone: string;
}

const kindName = (kind: string) => (kind === 'chat' ? t('preferences.digests.chat') : typeName(kind));

export function digestForm(p: Preferences, types: string[], defaultZone: string): DigestForm {
  const stored = (p.digests ?? {}) as Record<string, DigestChoice | undefined>;
  return {
    choices: Object.fromEntries([...types, 'chat'].map((k) => [k, { mode: stored[k]?.mode ?? 'off', at: stored[k]?.at ?? '18:00' }])),
    timezone: p.digests?.timezone ?? defaultZone,
  };
}

/**
 * What PUT takes: the kinds chosen, and those stored before (turned off now); a kind never
 * chosen is left out, so the operator's default for its type still applies.
 */
export function digestBody(form: DigestForm, p: Preferences): DigestPreferences {
  const stored = (p.digests ?? {}) as Record<string, DigestChoice | undefined>;
  const out: Record<string, unknown> = {};
  for (const [kind, c] of Object.entries(form.choices)) {
    if (c.mode === 'off' && !stored[kind]) continue;
    out[kind] = c.mode === 'daily' ? { mode: 'daily', at: c.at } : { mode: c.mode };
  }
  if (Object.values(form.choices).some((c) => c.mode === 'daily') || p.digests?.timezone) out.timezone = form.timezone;
  return out as DigestPreferences;
}

/** A daily digest without a time, in the form's words. */
export function digestProblem(form: DigestForm): { message: string; field: string } | null {
  for (const [kind, c] of Object.entries(form.choices)) {
    if (c.mode === 'daily' && !c.at) return { message: t('preferences.digests.timeMissing', { kind: kindName(kind) }), field: `digests.${kind}.at` };
  }
  return null;
}

export function DigestFields({ form, zones, invalid, onChange }: { form: DigestForm; zones: string[]; invalid: (field: string) => Record<string, unknown>; onChange: (form: DigestForm) => void }) {
  const set = (kind: string, patch: Partial<{ mode: Mode; at: string }>) => onChange({ ...form, choices: { ...form.choices, [kind]: { ...form.choices[kind]!, ...patch } } });
  return (
    <fieldset>
      <legend>{t('preferences.digests.legend')}</legend>
      <p class="prefs-hint" id="digests-hint">
        {t('preferences.digests.hint')}
      </p>
      <div class="prefs-digests">
        {Object.entries(form.choices).map(([kind, c]) => (
          <div class="prefs-window" key={kind}>
            <div>
              <label for={`digest-${kind}`}>{t('preferences.digests.choiceFor', { kind: kindName(kind) })}</label>
              {kind === 'chat' ? <span class="prefs-hint">{t('preferences.digests.chatHint')}</span> : null}
              <select id={`digest-${kind}`} value={c.mode} aria-describedby="digests-hint" onChange={(e) => set(kind, { mode: e.currentTarget.value as Mode })} {...invalid(`digests.${kind}`)}>
                <option value="off">{t('preferences.digests.off')}</option>
                <option value="hourly">{t('preferences.digests.hourly')}</option>
                <option value="daily">{t('preferences.digests.daily')}</option>
              </select>
            </div>
            {c.mode === 'daily' ? (
              <div>
                <label for={`digest-${kind}-at`}>{t('preferences.digests.timeFor', { kind: kindName(kind) })}</label>
                <input id={`digest-${kind}-at`} type="time" value={c.at} onInput={(e) => set(kind, { at: e.currentTarget.value })} {...invalid(`digests.${kind}.at`)} />
              </div>
            ) : null}
          </div>
        ))}
      </div>
      {Object.values(form.choices).some((c) => c.mode === 'daily') ? (
        <div class="prefs-zone">
          <label for="digest-zone">{t('preferences.digests.timeZone')}</label>
          <select id="digest-zone" value={form.timezone} onChange={(e) => onChange({ ...form, timezone: e.currentTarget.value })} {...invalid('digests.timezone')}>
            {zones.map((z) => (
              <option key={z} value={z}>
                {z.replace(/_/g, ' ')}
              </option>
            ))}
          </select>
        </div>
      ) : null}
    </fieldset>
  );
}
