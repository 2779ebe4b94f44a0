import { useEffect, useState } from 'preact/hooks';
import { useAsync, useClient } from '../context.tsx';
import { ErrorNote, formatDuration, formatPercent, Loading, Time } from '../ui.tsx';
import type { DeadLetter, DeadLetterPage, DeadLetterReplay, DeliveryAnalytics } from '../../../sdk/index.ts';
import { TimeChart } from './chart.tsx';
import { NotificationLookup } from './notification-lookup.tsx';
import { formatHour, isForbidden, LoadError, NotForYourRole, Segmented, usePaged } from './common.tsx';
import { t } from '../i18n.ts';
import { channelName } from '../notifications/labels.ts';

type ChannelFigures = DeliveryAnalytics['channels'][number];
type SeriesPoint = DeliveryAnalytics['series'][number];
type ProviderHealth = DeliveryAnalytics['providers'][number];

const windows = () => [
  { value: 24, label: t('operator.window24') },
  { value: 168, label: t('operator.window7') },
];

const CHANNELS = ['email', 'sms', 'push', 'in-app', 'webhook'];
const nameOf = channelName;

/** "120 ms", "3 s", "2 min" */
function formatMs(ms: number | null): string {
  if (ms === null) return '–';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 10_000) return `${(ms / 1000).toFixed(1)} s`;
  return formatDuration(ms / 1000);
}

export function OperatorDashboard() {
  const client = useClient();
  if (client.user.role !== 'operator') return <NotForYourRole title={t('nav.delivery')} what={t('operator.what')} />;
  return <DeliveryPage />;
}

function DeliveryPage() {
  const client = useClient();
  const [hours, setHours] = useState(24);
  const analytics = useAsync(() => client.request<DeliveryAnalytics>('GET', '/notifications/analytics', undefined, { hours }), [client, hours]);

  // The figures move while the page is open: read them again every minute.
  useEffect(() => {
    const timer = setInterval(() => document.visibilityState === 'visible' && analytics.reload(), 60_000);
    return () => clearInterval(timer);
  }, [analytics.reload]);

  if (analytics.error && !analytics.data) return <LoadError error={analytics.error} title={t('nav.delivery')} what={t('operator.what')} />;
  const data = analytics.data;

  return (
    <section class="page dash" aria-labelledby="delivery-title">
      <div class="dash-head">
        <div>
          <h1 id="delivery-title">{t('nav.delivery')}</h1>
          <p class="muted">
            {hours === 24 ? t('operator.accepted24') : t('operator.accepted7')}
            {data ? (
              <>
                {t('operator.asOf')} <Time iso={data.window.to} />
              </>
            ) : null}
            .
          </p>
        </div>
        <div class="dash-head-actions">
          <Segmented legend={t('operator.window')} name="delivery-window" options={windows()} value={hours} onChange={setHours} />
          <button type="button" class="secondary" onClick={analytics.reload} disabled={analytics.loading}>
            {analytics.loading && data ? t('operator.refreshing') : t('webhooks.refresh')}
          </button>
        </div>
      </div>
      <ErrorNote error={analytics.error} />
      {!data ? (
        <Loading what={t('operator.loading')} />
      ) : (
        <>
          <ChannelTable channels={data.channels} />
          <HourlyChart series={data.series} hours={data.window.hours} />
          <Providers providers={data.providers} />
        </>
      )}
      <NotificationLookup />
      <DeadLetters onReplayed={analytics.reload} />
    </section>
  );
}

function ChannelTable({ channels }: { channels: ChannelFigures[] }) {
  return (
    <section class="dash-section" aria-labelledby="channels-title">
      <h2 id="channels-title">{t('operator.channels')}</h2>
      <div class="table-scroll card" tabIndex={0} role="region" aria-labelledby="channels-title">
        <table class="dash-table">
          <caption class="visually-hidden">{t('operator.perChannel')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('suppressions.channelLabel')}</th>
              <th scope="col" class="num">{t('operator.col.accepted')}</th>
              <th scope="col" class="num">{t('operator.col.sent')}</th>
              <th scope="col" class="num">{t('operator.col.delivered')}</th>
              <th scope="col" class="num">{t('operator.col.rate')}</th>
              <th scope="col" class="num">{t('operator.col.failed')}</th>
              <th scope="col" class="num">{t('operator.deadLetters')}</th>
              <th scope="col" class="num">
                {t('operator.col.timeToSend')} <span class="nowrap">p50 / p95</span>
              </th>
              <th scope="col" class="num">
                {t('operator.col.timeToDelivery')} <span class="nowrap">p50 / p95</span>
              </th>
              <th scope="col" class="num">{t('operator.col.opened')}</th>
              <th scope="col" class="num">{t('operator.col.clicked')}</th>
              <th scope="col">{t('operator.col.errors')}</th>
            </tr>
          </thead>
          <tbody>
            {channels.map((c) => (
              <tr key={c.channel}>
                <th scope="row">{nameOf(c.channel)}</th>
                <td class="num">{c.accepted.toLocaleString()}</td>
                <td class="num nowrap">
                  {c.sent.toLocaleString()}
                  {c.sentRate !== null ? <span class="muted"> ({formatPercent(c.sentRate)})</span> : null}
                </td>
                <td class="num">{c.delivered.toLocaleString()}</td>
                <td class="num">{formatPercent(c.deliveryRate)}</td>
                <td class="num">{c.failed ? <strong class="error">{c.failed.toLocaleString()}</strong> : 0}</td>
                <td class="num">{c.deadLettered ? <strong class="error">{c.deadLettered.toLocaleString()}</strong> : 0}</td>
                <td class="num nowrap">
                  {formatMs(c.latencyMs.sentP50)} / {formatMs(c.latencyMs.sentP95)}
                </td>
                <td class="num nowrap">
                  {formatMs(c.latencyMs.deliveredP50)} / {formatMs(c.latencyMs.deliveredP95)}
                </td>
                <td class="num nowrap">
                  <Engaged count={c.engagement.opened} rate={c.engagement.openRate} machines={c.engagement.machineOnlyOpened} what={t('operator.openedLower')} />
                </td>
                <td class="num nowrap">
                  <Engaged count={c.engagement.clicked} rate={c.engagement.clickRate} machines={c.engagement.machineOnlyClicked} what={t('operator.clickedLower')} />
                </td>
                <td>
                  {c.errors.length ? (
                    <ul class="dash-errors">
                      {c.errors.slice(0, 3).map((e) => (
                        <li key={e.code}>
                          <span class="dash-code">{e.code}</span> × {e.count}
                        </li>
                      ))}
                      {c.errors.length > 3 ? <li class="muted">{t('operator.otherCodes', { count: c.errors.length - 3 })}</li> : null}
                    </ul>
                  ) : (
                    <span class="muted">{t('operator.none')}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="muted dash-hint">
        {t('operator.ratesHint')}
      </p>
    </section>
  );
}

/** A person's opens (or clicks) with their rate, and the deliveries only machines reached, apart. */
function Engaged({ count, rate, machines, what }: { count: number; rate: number | null; machines: number; what: string }) {
  return (
    <>
      {count.toLocaleString()}
      {rate !== null ? <span class="muted"> ({formatPercent(rate)})</span> : null}
      {machines ? <span class="muted dash-machine">
          {' '}
          + {t('operator.onlyMachines', { count: machines, n: machines.toLocaleString() })}
          <span class="visually-hidden">{t('operator.byNoPerson', { what })}</span>
        </span> : null}
    </>
  );
}

function HourlyChart({ series, hours }: { series: SeriesPoint[]; hours: number }) {
  const channels = [...new Set(series.map((p) => p.channel))];
  const [channel, setChannel] = useState('all');
  const shown = channel === 'all' || channels.includes(channel) ? channel : 'all';
  const byHour = new Map<string, { sent: number; delivered: number; failed: number }>();
  for (const p of series) {
    if (shown !== 'all' && p.channel !== shown) continue;
    const h = byHour.get(p.hour) ?? { sent: 0, delivered: 0, failed: 0 };
    h.sent += p.sent;
    h.delivered += p.delivered;
    h.failed += p.failed + p.deadLettered;
    byHour.set(p.hour, h);
  }
  const hoursList = [...byHour.keys()].sort();
  const x = hoursList.map((h) => Date.parse(h) / 1000);
  const rows = hoursList.map((h) => byHour.get(h)!);
  const total = (key: 'sent' | 'delivered' | 'failed') => rows.reduce((n, r) => n + r[key], 0);

  return (
    <section class="dash-section" aria-labelledby="hourly-title">
      <div class="dash-head">
        <h2 id="hourly-title">{t('operator.perHour')}</h2>
        {channels.length > 1 ? (
          <div class="dash-head-actions">
            <label class="inline" for="hourly-channel">
              {t('suppressions.channelLabel')}
            </label>
            <select id="hourly-channel" value={shown} onChange={(e) => setChannel(e.currentTarget.value)}>
              <option value="all">{t('suppressions.allChannels')}</option>
              {channels.map((c) => (
                <option key={c} value={c}>
                  {nameOf(c)}
                </option>
              ))}
            </select>
          </div>
        ) : null}
      </div>
      {x.length === 0 ? (
        <p class="card">{t('operator.noneAccepted')}</p>
      ) : (
        <TimeChart
          title={shown === 'all' ? t('operator.hourlyTitle') : t('operator.hourlyTitleChannel', { channel: nameOf(shown) })}
          x={x}
          xLabel={t('operator.hour')}
          formatX={formatHour}
          formatY={(v) => v.toLocaleString()}
          height={hours > 48 ? 260 : 220}
          series={[
            { label: t('operator.col.sent'), values: rows.map((r) => r.sent), color: '#0b5cad' },
            { label: t('operator.col.delivered'), values: rows.map((r) => r.delivered), color: '#1a7f37', dash: [6, 4] },
            { label: t('operator.failedOrDead'), values: rows.map((r) => r.failed), color: '#b42318', dash: [2, 3] },
          ]}
          summary={t('operator.hourlySummary', { count: total('sent'), sent: total('sent').toLocaleString(), delivered: total('delivered').toLocaleString(), failed: total('failed').toLocaleString() })}
        />
      )}
    </section>
  );
}

/** A circuit state's words are `operator.state.<state>.text` and `.hint`. */
const stateTone = { closed: 'pill ok', open: 'pill danger', half_open: 'pill warn' } as const;
const stateLabel = (state: keyof typeof stateTone) => ({ text: t(`operator.state.${state}.text`), tone: stateTone[state], hint: t(`operator.state.${state}.hint`) });

function Providers({ providers }: { providers: ProviderHealth[] }) {
  return (
    <section class="dash-section" aria-labelledby="providers-title">
      <h2 id="providers-title">{t('operator.providers')}</h2>
      {providers.length === 0 ? (
        <p class="card">{t('operator.noProviders')}</p>
      ) : (
        <ul class="dash-providers" aria-label={t('operator.providers')}>
          {providers.map((p) => {
            const state = p.state ? stateLabel(p.state) : null;
            return (
              <li key={`${p.channel}:${p.name}`} class="card dash-provider">
                <div class="dash-provider-name">
                  <span>
                    {p.name} <span class="muted">· {nameOf(p.channel)}</span>
                  </span>
                  {state ? <span class={state.tone}>{state.text}</span> : <span class="pill closed">{t('operator.unknown')}</span>}
                </div>
                <span class="muted">
                  {state ? state.hint : p.configured ? t('operator.noWorker') : t('operator.noLonger')}
                  {p.state === 'open' && p.trialAt ? (
                    <>
                      {' '}
                      {t('operator.nextTrial')} <Time iso={p.trialAt} />.
                    </>
                  ) : null}
                </span>
                <span>
                  {t('operator.providerSent', { sent: p.sent.toLocaleString(), failed: t('operator.failedCalls', { count: p.failedAttempts }) })}
                  {p.consecutiveFailures ? t('operator.inARow', { count: p.consecutiveFailures }) : ''}
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

// ---------------------------------------------------------------------------------------------
// Dead letters

const pageSize = 50;

function DeadLetters({ onReplayed }: { onReplayed: () => void }) {
  const client = useClient();
  const [channel, setChannel] = useState('');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [said, setSaid] = useState('');
  const list = usePaged<DeadLetter>(async (after) => {
    const page = await client.request<DeadLetterPage>('GET', '/notifications/dead-letters', undefined, {
      channel: channel || undefined,
      after,
      limit: pageSize,
    });
    return { items: page.deadLetters, next: page.next };
  }, [client, channel]);

  const ids = list.items.map((d) => d.logId);
  const chosen = ids.filter((id) => selected.has(id));
  const allChosen = ids.length > 0 && chosen.length === ids.length;

  function toggle(id: string, on: boolean) {
    const next = new Set(selected);
    if (on) next.add(id);
    else next.delete(id);
    setSelected(next);
  }

  async function replay(logIds: string[]) {
    setBusy(true);
    setError(undefined);
    setSaid('');
    try {
      const result = await client.request<DeadLetterReplay>('POST', '/notifications/dead-letters/replay', { logIds });
      const gone = new Set(result.replayed);
      list.update((items) => items.filter((d) => !gone.has(d.logId)));
      setSelected(new Set([...selected].filter((id) => !gone.has(id))));
      setSaid(t('operator.replayed', { count: result.replayed.length }) + (result.notReplayed.length ? ` ${t('operator.notReplayed', { count: result.notReplayed.length })}` : ''));
      onReplayed();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="dash-section" aria-labelledby="dead-title">
      <div class="dash-head">
        <h2 id="dead-title">
          {t('operator.deadLetters')} <span class="badge-count" aria-live="polite">{list.loading && !list.items.length ? '' : `(${list.items.length}${list.hasMore ? '+' : ''})`}</span>
        </h2>
        <div class="dash-head-actions">
          <label class="inline" for="dead-channel">
            {t('suppressions.channelLabel')}
          </label>
          <select id="dead-channel" value={channel} onChange={(e) => setChannel(e.currentTarget.value)}>
            <option value="">{t('suppressions.allChannels')}</option>
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {nameOf(c)}
              </option>
            ))}
          </select>
          <button type="button" class="secondary" onClick={list.reload}>
            {t('webhooks.refresh')}
          </button>
        </div>
      </div>
      <p class="muted">{t('operator.deadIntro')}</p>
      <p class="ok dash-status" role="status">
        {said}
      </p>
      <ErrorNote error={error} />
      {list.error ? isForbidden(list.error) ? <p class="error">{t('dash.notForRole', { what: t('operator.deadLetters') })}</p> : <ErrorNote error={list.error} /> : null}
      {list.loading && list.items.length === 0 ? (
        <Loading what={t('operator.loadingDead')} />
      ) : list.items.length === 0 && !list.error ? (
        <p class="card">{t('operator.noDead')}</p>
      ) : (
        <>
          <div class="dash-select-all">
            <label class="inline">
              <input type="checkbox" checked={allChosen} onChange={(e) => setSelected(e.currentTarget.checked ? new Set(ids) : new Set())} />
              {t('operator.selectAll', { count: list.items.length })}
            </label>
            <button type="button" onClick={() => replay(chosen)} disabled={busy || chosen.length === 0}>
              {busy ? t('operator.replaying') : t('operator.replaySelected', { count: chosen.length })}
            </button>
          </div>
          <ul class="dash-list dash-dead" aria-label={t('operator.deadLetters')}>
            {list.items.map((d) => (
              <li key={d.logId} class="card dash-dead-item">
                <input
                  type="checkbox"
                  id={`dead-${d.logId}`}
                  checked={selected.has(d.logId)}
                  onChange={(e) => toggle(d.logId, e.currentTarget.checked)}
                />
                <div>
                  <label for={`dead-${d.logId}`} class="dash-dead-title">
                    {t('operator.deadTo', { channel: nameOf(d.channel), userId: d.userId })}
                  </label>
                  <p class="muted">
                    {d.notificationType}
                    {d.provider ? ` · ${t('operator.lastTried', { provider: d.provider })}` : ''} · {t('operator.attempts', { count: d.attempts })} · {t('operator.acceptedAt')} <Time iso={d.createdAt} />
                  </p>
                  {d.errorCode || d.errorMessage ? (
                    <p>
                      {d.errorCode ? <span class="dash-code">{d.errorCode}</span> : null} {d.errorMessage}
                    </p>
                  ) : null}
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
      {list.hasMore ? (
        <button type="button" class="secondary dash-more" onClick={list.more} disabled={list.loading}>
          {list.loading ? t('moderation.loading') : t('operator.moreDead')}
        </button>
      ) : null}
    </section>
  );
}
