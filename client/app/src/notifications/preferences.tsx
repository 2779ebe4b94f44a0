import { useMemo, useState } from 'preact/hooks';
import { ParleyApiError } from '../../../sdk/index.ts';
import { useAsync, useClient } from '../context.tsx';
import { ErrorNote, Loading, formatTime } from '../ui.tsx';
import { t } from '../i18n.ts';
import { type OptOutKey, type PreferenceChoices, type PreferencesAnswer, type PreferencesInput, type TimeWindow, getPreferences, loadChoices, putPreferences, removeDevice } from './api.ts';
import { AccountDeletion } from './account-deletion.tsx';
import { type DigestForm, DigestFields, digestBody, digestForm, digestProblem } from './digest-choices.tsx';
import { DataExport } from './data-export.tsx';
import { PromotionalConsents } from './promotional-consents.tsx';
import { channelName, optOutKey, typeHint, typeName } from './labels.ts';
import './notifications.css';

interface Form {
  channels: Record<string, string[]>;
  optOut: Record<OptOutKey, boolean>;
  quiet: TimeWindow;
  window: TimeWindow;
  limit: string;
  digests: DigestForm;
}

const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';


/** The types to offer: what the server declares, plus any the user has settings for. */
function typesOf(choices: PreferenceChoices, answer: PreferencesAnswer): string[] {
  return [...new Set([...choices.types, ...Object.keys(answer.preferences.channels ?? {})])];
}

function toForm(answer: PreferencesAnswer, choices: PreferenceChoices): Form {
  const p = answer.preferences;
  const stored = (p.channels ?? {}) as Record<string, string[] | undefined>;
  return {
    // No list for a type means every channel is accepted.
    channels: Object.fromEntries(typesOf(choices, answer).map((t) => [t, stored[t] ?? choices.channels])),
    optOut: Object.assign({ email: false, sms: false, push: false, inApp: false, whatsapp: false }, p.optOut),
    quiet: p.doNotDisturb ?? { enabled: false, startTime: '22:00', endTime: '07:00', timezone: browserZone },
    window: p.preferredTimeForDelivery ?? { enabled: false, startTime: '09:00', endTime: '21:00', timezone: browserZone },
    limit: p.dailyLimits?.promotionalLimit == null ? '' : String(p.dailyLimits.promotionalLimit),
    digests: digestForm(p, typesOf(choices, answer), p.doNotDisturb?.timezone ?? p.preferredTimeForDelivery?.timezone ?? browserZone),
  };
}

/** The PUT body: the whole model, since PUT replaces it. */
function toBody(form: Form, answer: PreferencesAnswer, choices: PreferenceChoices): PreferencesInput {
  const { doNotDisturb, preferredTimeForDelivery } = answer.preferences;
  // A type that takes every channel is left out: it then takes channels added later too.
  const channels = Object.fromEntries(Object.entries(form.channels).filter(([, list]) => !choices.channels.every((c) => list.includes(c))));
  return {
    channels: channels as PreferencesInput['channels'],
    optOut: form.optOut,
    // A window that was never set stays unset until it is turned on.
    doNotDisturb: form.quiet.enabled || doNotDisturb ? form.quiet : null,
    preferredTimeForDelivery: form.window.enabled || preferredTimeForDelivery ? form.window : null,
    dailyLimits: form.limit.trim() === '' ? null : { promotionalLimit: Number(form.limit) },
    digests: digestBody(form.digests, answer.preferences),
  };
}

/** A problem the server would refuse anyway, said in the form's own words. */
function check(form: Form): { message: string; field: string } | null {
  const limit = form.limit.trim();
  if (limit !== '' && !/^\d+$/.test(limit)) return { message: t('preferences.limitInvalid'), field: 'dailyLimits' };
  for (const [key, w] of [['doNotDisturb', form.quiet], ['preferredTimeForDelivery', form.window]] as const) {
    if (!w.startTime) return { message: t(`preferences.${key}.startMissing`), field: `${key}.startTime` };
    if (!w.endTime) return { message: t(`preferences.${key}.endMissing`), field: `${key}.endTime` };
  }
  return digestProblem(form.digests);
}

/** The field an API error names: details.field ("doNotDisturb.timezone") or details.path ("/body/preferences/dailyLimits/..."). */
function errorField(error: unknown): string {
  if (!(error instanceof ParleyApiError)) return '';
  const details = (error.details ?? {}) as { field?: string; path?: string };
  if (details.field) return details.field;
  return (details.path ?? '').replace(/^\/body\/preferences\//, '').replace(/\//g, '.');
}

export function PreferenceCenter() {
  const client = useClient();
  const loaded = useAsync(async () => {
    const [answer, choices] = await Promise.all([getPreferences(client), loadChoices(client)]);
    return { answer, choices };
  }, [client]);

  return (
    <section class="page prefs" aria-labelledby="prefs-title">
      <h1 id="prefs-title">{t('preferences.title')}</h1>
      <p class="muted">{t('preferences.intro')}</p>
      {loaded.error && !loaded.data ? (
        <>
          <ErrorNote error={loaded.error} />
          <button type="button" class="secondary" onClick={loaded.reload}>
            {t('common.tryAgain')}
          </button>
        </>
      ) : null}
      {loaded.loading && !loaded.data ? <Loading what={t('preferences.loading')} /> : null}
      {loaded.data ? <PreferencesForm answer={loaded.data.answer} choices={loaded.data.choices} onSaved={(answer) => loaded.set({ ...loaded.data!, answer })} /> : null}
      <PromotionalConsents />
      <DataExport />
      <AccountDeletion />
    </section>
  );
}

function PreferencesForm({ answer, choices, onSaved }: { answer: PreferencesAnswer; choices: PreferenceChoices; onSaved: (answer: PreferencesAnswer) => void }) {
  const client = useClient();
  const [form, setForm] = useState(() => toForm(answer, choices));
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<{ message: string; field: string } | null>(null);
  const zones = useMemo(() => timeZones([form.quiet.timezone, form.window.timezone, form.digests.timezone]), []);

  const change = (update: (f: Form) => Form) => {
    setForm(update);
    setSaved(false);
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    setSaved(false);
    const problem = check(form);
    setError(problem);
    if (problem) return;
    setSaving(true);
    try {
      const next = await putPreferences(client, toBody(form, answer, choices));
      setForm(toForm(next, choices));
      onSaved(next);
      setSaved(true);
    } catch (e) {
      setError({ message: e instanceof Error ? e.message : String(e), field: errorField(e) });
    } finally {
      setSaving(false);
    }
  };

  /** Marks a control invalid when the error is about it. */
  const invalid = (field: string) => (error?.field && (error.field === field || error.field.startsWith(`${field}.`)) ? { 'aria-invalid': true as const, 'aria-describedby': 'prefs-error' } : {});

  const types = Object.keys(form.channels);
  const offChannels = choices.channels.filter((c) => {
    const key = optOutKey(c);
    return key && form.optOut[key];
  });
  const sentToday = answer.preferences.dailyLimits?.promotionalSentToday ?? 0;

  return (
    <>
      <form class="prefs-form" onSubmit={submit} noValidate>
        <fieldset>
          <legend>{t('preferences.channelsLegend')}</legend>
          <p class="prefs-hint" id="prefs-channels-hint">
            {t('preferences.channelsHint')}
          </p>
          <div class="table-scroll">
            <table class="prefs-table" aria-describedby="prefs-channels-hint">
              <thead>
                <tr>
                  <th scope="col">{t('preferences.kind')}</th>
                  {choices.channels.map((c) => (
                    <th scope="col" key={c}>
                      {channelName(c)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {types.map((type) => (
                  <tr key={type}>
                    <th scope="row">
                      {typeName(type)}
                      {typeHint(type) ? <span class="prefs-hint">{typeHint(type)}</span> : null}
                    </th>
                    {choices.channels.map((c) => {
                      const on = form.channels[type]?.includes(c) ?? false;
                      return (
                        <td key={c}>
                          <input
                            type="checkbox"
                            aria-label={t('preferences.channelFor', { channel: channelName(c), type: typeName(type) })}
                            checked={on}
                            disabled={offChannels.includes(c)}
                            onChange={(e) => {
                              const checked = e.currentTarget.checked;
                              change((f) => ({ ...f, channels: { ...f.channels, [type]: checked ? [...(f.channels[type] ?? []), c] : (f.channels[type] ?? []).filter((x) => x !== c) } }));
                            }}
                          />
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {offChannels.length ? <p class="prefs-hint">{t('preferences.offEverywhere', { channels: offChannels.map(channelName).join(', ') })}</p> : null}
        </fieldset>

        <fieldset>
          <legend>{t('preferences.optOutLegend')}</legend>
          <div class="prefs-checks">
            {choices.channels.map((c) => {
              const key = optOutKey(c);
              if (!key) return null;
              return (
                <label class="inline" key={c}>
                  <input type="checkbox" checked={form.optOut[key]} onChange={(e) => {
                    const checked = e.currentTarget.checked;
                    change((f) => ({ ...f, optOut: { ...f.optOut, [key]: checked } }));
                  }} />
                  {t(`preferences.stopAll.${key}`)}
                </label>
              );
            })}
          </div>
        </fieldset>

        <WindowFields
          id="quiet"
          field="doNotDisturb"
          legend={t('preferences.doNotDisturb.legend')}
          toggle={t('preferences.doNotDisturb.toggle')}
          hint={t('preferences.doNotDisturb.hint')}
          value={form.quiet}
          zones={zones}
          invalid={invalid}
          onChange={(quiet) => change((f) => ({ ...f, quiet }))}
        />
        <WindowFields
          id="window"
          field="preferredTimeForDelivery"
          legend={t('preferences.preferredTimeForDelivery.legend')}
          toggle={t('preferences.preferredTimeForDelivery.toggle')}
          hint={t('preferences.preferredTimeForDelivery.hint')}
          value={form.window}
          zones={zones}
          invalid={invalid}
          onChange={(window) => change((f) => ({ ...f, window }))}
        />

        <DigestFields form={form.digests} zones={zones} invalid={invalid} onChange={(digests) => change((f) => ({ ...f, digests }))} />

        <fieldset>
          <legend>{t('preferences.limitLegend')}</legend>
          <label for="prefs-limit">{t('preferences.limitLabel')}</label>
          <input
            id="prefs-limit"
            type="number"
            inputMode="numeric"
            min={0}
            max={1000}
            step={1}
            value={form.limit}
            aria-describedby="prefs-limit-hint"
            onInput={(e) => {
              const limit = e.currentTarget.value;
              change((f) => ({ ...f, limit }));
            }}
            {...invalid('dailyLimits')}
          />
          <p class="prefs-hint" id="prefs-limit-hint">
            Leave empty for no limit; 0 stops promotions. {sentToday} sent today.
          </p>
        </fieldset>

        <div class="prefs-save">
          <button type="submit" disabled={saving}>
            {saving ? t('preferences.saving') : t('preferences.save')}
          </button>
          <p role="status" class="ok">
            {saved ? t('preferences.saved') : ''}
          </p>
        </div>
        {error ? (
          <p class="error" role="alert" id="prefs-error">
            {error.message}
          </p>
        ) : null}
      </form>
      <Devices initial={answer.deviceTokens} />
    </>
  );
}

function WindowFields(props: {
  id: string;
  field: string;
  legend: string;
  toggle: string;
  hint: string;
  value: TimeWindow;
  zones: string[];
  invalid: (field: string) => Record<string, unknown>;
  onChange: (value: TimeWindow) => void;
}) {
  const { id, field, value, onChange, invalid } = props;
  const set = (patch: Partial<TimeWindow>) => onChange({ ...value, ...patch });
  return (
    <fieldset>
      <legend>{props.legend}</legend>
      <p class="prefs-hint" id={`${id}-hint`}>
        {props.hint}
      </p>
      <label class="inline">
        <input type="checkbox" checked={value.enabled} aria-describedby={`${id}-hint`} onChange={(e) => set({ enabled: e.currentTarget.checked })} />
        {props.toggle}
      </label>
      <div class="prefs-window">
        <div>
          <label for={`${id}-start`}>{t('preferences.from')}</label>
          <input id={`${id}-start`} type="time" value={value.startTime} onInput={(e) => set({ startTime: e.currentTarget.value })} {...invalid(`${field}.startTime`)} />
        </div>
        <div>
          <label for={`${id}-end`}>{t('preferences.until')}</label>
          <input id={`${id}-end`} type="time" value={value.endTime} onInput={(e) => set({ endTime: e.currentTarget.value })} {...invalid(`${field}.endTime`)} />
        </div>
        <div class="prefs-zone">
          <label for={`${id}-zone`}>{t('preferences.timeZone')}</label>
          <select id={`${id}-zone`} value={value.timezone} onChange={(e) => set({ timezone: e.currentTarget.value })} {...invalid(`${field}.timezone`)}>
            {props.zones.map((z) => (
              <option key={z} value={z}>
                {z.replace(/_/g, ' ')}
              </option>
            ))}
          </select>
        </div>
      </div>
    </fieldset>
  );
}

/** Every IANA zone the browser knows, with the browser's own and any already chosen. */
function timeZones(chosen: string[]): string[] {
  let all: string[] = [];
  try {
    all = Intl.supportedValuesOf('timeZone');
  } catch {
    // An older browser: the chosen ones and UTC are still offered.
  }
  return [...new Set([...all, browserZone, 'UTC', ...chosen])].sort();
}

function Devices({ initial }: { initial: PreferencesAnswer['deviceTokens'] }) {
  const client = useClient();
  const [devices, setDevices] = useState(initial ?? []);
  const [error, setError] = useState<unknown>(null);
  const [removing, setRemoving] = useState<string | null>(null);
  if (!initial) return null;

  const remove = async (deviceId: string) => {
    setRemoving(deviceId);
    setError(null);
    try {
      await removeDevice(client, deviceId);
      setDevices((list) => list.filter((d) => d.deviceId !== deviceId));
    } catch (e) {
      setError(e);
    } finally {
      setRemoving(null);
    }
  };

  const platform = (p: string) => t(`preferences.platform.${p}`, { defaultValue: p });
  return (
    <section class="prefs-devices" aria-labelledby="prefs-devices-title">
      <h2 id="prefs-devices-title">{t('preferences.devices')}</h2>
      <ErrorNote error={error} />
      {devices.length === 0 ? (
        <p class="muted">{t('preferences.noDevices')}</p>
      ) : (
        <div class="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('preferences.device')}</th>
                <th scope="col">{t('preferences.platformHeading')}</th>
                <th scope="col">{t('preferences.lastUsed')}</th>
                <th scope="col">
                  <span class="visually-hidden">{t('common.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {devices.map((d) => (
                <tr key={d.deviceId}>
                  <td class="prefs-device-id">{d.deviceId}</td>
                  <td>{platform(d.platform)}</td>
                  <td>
                    <time dateTime={d.lastUsed}>{formatTime(d.lastUsed)}</time>
                  </td>
                  <td>
                    <button type="button" class="secondary notif-small" aria-label={t('preferences.removeDevice', { deviceId: d.deviceId })} disabled={removing === d.deviceId} onClick={() => remove(d.deviceId)}>
                      {t('common.remove')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
