import type { CampaignBody, CampaignChannel, ChannelTemplates } from './campaign-types.ts';
import { t } from '../i18n.ts';

export const DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export const HOLDBACK = 'holdback';

/** When, how fast and how split a campaign goes out, as typed. */
export interface OptionsDraft {
  when: 'now' | 'at' | 'weekly';
  sendAt: string;
  dayOfWeek: (typeof DAYS)[number];
  time: string;
  timeZone: string;
  pace: string;
  sendTimeOptimisation: boolean;
  abTest: boolean;
  percentA: string;
  percentB: string;
  holdback: string;
}

export const defaultOptions = (): OptionsDraft => ({
  when: 'now',
  sendAt: '',
  dayOfWeek: 'monday',
  time: '09:00',
  timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
  pace: '',
  sendTimeOptimisation: false,
  abTest: false,
  percentA: '50',
  percentB: '50',
  holdback: '0',
});

const num = (s: string) => Number(s.replace(',', '.'));

/** The schedule, pace, send-time optimisation and variants of the body, from the options typed. */
export function optionsBody(o: OptionsDraft, channels: CampaignChannel[], variantB: ChannelTemplates[]): Pick<CampaignBody, 'schedule' | 'pacePerMinute' | 'sendTimeOptimisation' | 'variants'> {
  const body: Pick<CampaignBody, 'schedule' | 'pacePerMinute' | 'sendTimeOptimisation' | 'variants'> = {};
  if (o.when === 'at' && o.sendAt) body.schedule = { sendAt: new Date(o.sendAt).toISOString() };
  if (o.when === 'weekly') body.schedule = { recurring: { frequency: 'weekly', dayOfWeek: o.dayOfWeek, time: o.time, timeZone: o.timeZone.trim() } };
  if (o.sendTimeOptimisation) body.sendTimeOptimisation = true;
  else if (o.pace.trim() !== '') body.pacePerMinute = Math.floor(num(o.pace));
  if (o.abTest) {
    body.variants = [
      { name: 'A', percent: num(o.percentA) },
      { name: 'B', percent: num(o.percentB), channels: variantB.filter((e) => channels.includes(e.channel)) },
    ];
    if (num(o.holdback) > 0) body.variants.push({ name: HOLDBACK, percent: num(o.holdback) });
  }
  return body;
}

/** Schedule, pace, send-time optimisation and the A/B split. */
export function ComposerOptions({ value, onChange }: { value: OptionsDraft; onChange: (o: OptionsDraft) => void }) {
  const set = <K extends keyof OptionsDraft>(key: K, v: OptionsDraft[K]) => onChange({ ...value, [key]: v });
  const total = num(value.percentA) + num(value.percentB) + num(value.holdback || '0');
  return (
    <>
      <fieldset class="composer-schedule">
        <legend>{t('compose.when')}</legend>
        {(['now', 'at', 'weekly'] as const).map((w) => (
          <label key={w} class="inline composer-radio">
            <input type="radio" name="compose-when" value={w} checked={value.when === w} onChange={() => set('when', w)} />
            {t(`compose.when_${w}`)}
          </label>
        ))}
        {value.when === 'at' ? (
          <div class="field">
            <label for="compose-send-at">{t('compose.sendAt')}</label>
            <input id="compose-send-at" type="datetime-local" value={value.sendAt} onInput={(e) => set('sendAt', e.currentTarget.value)} />
          </div>
        ) : null}
        {value.when === 'weekly' ? (
          <div class="composer-grid">
            <div class="field">
              <label for="compose-day">{t('compose.dayOfWeek')}</label>
              <select id="compose-day" value={value.dayOfWeek} onChange={(e) => set('dayOfWeek', e.currentTarget.value as OptionsDraft['dayOfWeek'])}>
                {DAYS.map((d) => (
                  <option key={d} value={d}>{t(`campaigns.day.${d}`)}</option>
                ))}
              </select>
            </div>
            <div class="field">
              <label for="compose-time">{t('compose.time')}</label>
              <input id="compose-time" type="time" value={value.time} onInput={(e) => set('time', e.currentTarget.value)} />
            </div>
            <div class="field">
              <label for="compose-tz">{t('compose.timeZone')}</label>
              <input id="compose-tz" value={value.timeZone} onInput={(e) => set('timeZone', e.currentTarget.value)} />
            </div>
          </div>
        ) : null}
      </fieldset>
      <fieldset class="composer-pace">
        <legend>{t('compose.paceLegend')}</legend>
        <label class="inline">
          <input type="checkbox" checked={value.sendTimeOptimisation} onChange={(e) => set('sendTimeOptimisation', e.currentTarget.checked)} />
          {t('compose.sendTimeOptimisation')}
        </label>
        <p class="muted dash-hint">{t('compose.sendTimeHint')}</p>
        {value.sendTimeOptimisation ? null : (
          <div class="field">
            <label for="compose-pace">{t('compose.pace')}</label>
            <input id="compose-pace" type="number" min={1} step={1} inputMode="numeric" value={value.pace} onInput={(e) => set('pace', e.currentTarget.value)} aria-describedby="compose-pace-hint" />
            <p id="compose-pace-hint" class="muted dash-hint">{t('compose.paceHint')}</p>
          </div>
        )}
      </fieldset>
      <fieldset class="composer-ab">
        <legend>{t('compose.abLegend')}</legend>
        <label class="inline">
          <input type="checkbox" checked={value.abTest} onChange={(e) => set('abTest', e.currentTarget.checked)} />
          {t('compose.abTest')}
        </label>
        {value.abTest ? (
          <>
            <div class="composer-grid">
              {(
                [
                  ['percentA', t('compose.percentA')],
                  ['percentB', t('compose.percentB')],
                  ['holdback', t('compose.percentHoldback')],
                ] as const
              ).map(([key, label]) => (
                <div class="field" key={key}>
                  <label for={`compose-${key}`}>{label}</label>
                  <input id={`compose-${key}`} type="number" min={0} max={100} step="any" value={value[key]} onInput={(e) => set(key, e.currentTarget.value)} />
                </div>
              ))}
            </div>
            <p class={total === 100 ? 'muted dash-hint' : 'error'} role="status">
              {total === 100 ? t('compose.splitOk') : t('compose.splitSum', { total: Number.isFinite(total) ? total : '–' })}
            </p>
            <p class="muted dash-hint">{t('compose.holdbackHint')}</p>
          </>
        ) : null}
      </fieldset>
    </>
  );
}
