import { useEffect, useState } from 'preact/hooks';
import { useAsync, useClient } from '../context.tsx';
import { ErrorNote, formatDuration, formatPercent, Loading, Time } from '../ui.tsx';
import type { DeadLetter, DeadLetterPage, DeadLetterReplay, DeliveryAnalytics } from '../../../sdk/index.ts';
import { TimeChart } from './chart.tsx';
import { NotificationLookup } from './notification-lookup.tsx';
import { formatHour, isForbidden, LoadError, NotForYourRole, plural, Segmented, usePaged } from './common.tsx';

type ChannelFigures = DeliveryAnalytics['channels'][number];
type SeriesPoint = DeliveryAnalytics['series'][number];
type ProviderHealth = DeliveryAnalytics['providers'][number];

const windows = [
  { value: 24, label: '24 h' },
  { value: 168, label: '7 d' },
];

const channelName: Record<string, string> = { email: 'Email', sms: 'SMS', push: 'Push', 'in-app': 'In-app', webhook: 'Webhook' };
const nameOf = (channel: string) => channelName[channel] ?? channel;

/** "120 ms", "3 s", "2 min" */
function formatMs(ms: number | null): string {
  if (ms === null) return '–';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 10_000) return `${(ms / 1000).toFixed(1)} s`;
  return formatDuration(ms / 1000);
}

export function OperatorDashboard() {
  const client = useClient();
  if (client.user.role !== 'operator') return <NotForYourRole title="Delivery" what="The delivery dashboard" />;
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

  if (analytics.error && !analytics.data) return <LoadError error={analytics.error} title="Delivery" what="The delivery dashboard" />;
  const data = analytics.data;

  return (
    <section class="page dash" aria-labelledby="delivery-title">
      <div class="dash-head">
        <div>
          <h1 id="delivery-title">Delivery</h1>
          <p class="muted">
            Notifications accepted in the last {hours === 24 ? '24 hours' : '7 days'}
            {data ? (
              <>
                , as of <Time iso={data.window.to} />
              </>
            ) : null}
            .
          </p>
        </div>
        <div class="dash-head-actions">
          <Segmented legend="Window" name="delivery-window" options={windows} value={hours} onChange={setHours} />
          <button type="button" class="secondary" onClick={analytics.reload} disabled={analytics.loading}>
            {analytics.loading && data ? 'Refreshing…' : 'Refresh'}
          </button>
        </div>
      </div>
      <ErrorNote error={analytics.error} />
      {!data ? (
        <Loading what="Loading delivery figures" />
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
      <h2 id="channels-title">Channels</h2>
      <div class="table-scroll card" tabIndex={0} role="region" aria-labelledby="channels-title">
        <table class="dash-table">
          <caption class="visually-hidden">Deliveries per channel</caption>
          <thead>
            <tr>
              <th scope="col">Channel</th>
              <th scope="col" class="num">Accepted</th>
              <th scope="col" class="num">Sent</th>
              <th scope="col" class="num">Delivered</th>
              <th scope="col" class="num">Delivery rate</th>
              <th scope="col" class="num">Failed</th>
              <th scope="col" class="num">Dead letters</th>
              <th scope="col" class="num">
                Time to send <span class="nowrap">p50 / p95</span>
              </th>
              <th scope="col" class="num">
                Time to delivery <span class="nowrap">p50 / p95</span>
              </th>
              <th scope="col" class="num">Opened</th>
              <th scope="col" class="num">Clicked</th>
              <th scope="col">Errors</th>
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
                  <Engaged count={c.engagement.opened} rate={c.engagement.openRate} machines={c.engagement.machineOnlyOpened} what="opened" />
                </td>
                <td class="num nowrap">
                  <Engaged count={c.engagement.clicked} rate={c.engagement.clickRate} machines={c.engagement.machineOnlyClicked} what="clicked" />
                </td>
                <td>
                  {c.errors.length ? (
                    <ul class="dash-errors">
                      {c.errors.slice(0, 3).map((e) => (
                        <li key={e.code}>
                          <span class="dash-code">{e.code}</span> × {e.count}
                        </li>
                      ))}
                      {c.errors.length > 3 ? <li class="muted">and {plural(c.errors.length - 3, 'other code')}</li> : null}
                    </ul>
                  ) : (
                    <span class="muted">None</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="muted dash-hint">
        Rates are of the deliveries attempted. Only in-app sockets and the SendGrid and Twilio callbacks confirm delivery; on other providers deliveries stay “sent”, so read the sent
        rate there. Opened and clicked count people only (rates of those sent); deliveries only machines opened or clicked (mail privacy proxies, link scanners) are shown apart.
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
      {machines ? <span class="muted dash-machine"> + {machines.toLocaleString()} only by machines<span class="visually-hidden"> ({what} by no person)</span></span> : null}
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
        <h2 id="hourly-title">Per hour</h2>
        {channels.length > 1 ? (
          <div class="dash-head-actions">
            <label class="inline" for="hourly-channel">
              Channel
            </label>
            <select id="hourly-channel" value={shown} onChange={(e) => setChannel(e.currentTarget.value)}>
              <option value="all">All channels</option>
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
        <p class="card">No notifications were accepted in this window.</p>
      ) : (
        <TimeChart
          title={`Sent, delivered and failed per hour${shown === 'all' ? '' : ` (${nameOf(shown)})`}`}
          x={x}
          xLabel="Hour"
          formatX={formatHour}
          formatY={(v) => v.toLocaleString()}
          height={hours > 48 ? 260 : 220}
          series={[
            { label: 'Sent', values: rows.map((r) => r.sent), color: '#0b5cad' },
            { label: 'Delivered', values: rows.map((r) => r.delivered), color: '#1a7f37', dash: [6, 4] },
            { label: 'Failed or dead-lettered', values: rows.map((r) => r.failed), color: '#b42318', dash: [2, 3] },
          ]}
          summary={`${plural(total('sent'), 'delivery', 'deliveries')} sent, ${total('delivered').toLocaleString()} confirmed delivered and ${total('failed').toLocaleString()} failed or dead-lettered, by the hour they were accepted.`}
        />
      )}
    </section>
  );
}

const stateLabel = {
  closed: { text: 'Healthy', tone: 'pill ok', hint: 'Circuit closed: calls go through.' },
  open: { text: 'Failing', tone: 'pill danger', hint: 'Circuit open: calls go to the next provider.' },
  half_open: { text: 'Testing', tone: 'pill warn', hint: 'Circuit half-open: a trial call decides.' },
} as const;

function Providers({ providers }: { providers: ProviderHealth[] }) {
  return (
    <section class="dash-section" aria-labelledby="providers-title">
      <h2 id="providers-title">Providers</h2>
      {providers.length === 0 ? (
        <p class="card">No providers are configured.</p>
      ) : (
        <ul class="dash-providers" aria-label="Providers">
          {providers.map((p) => {
            const state = p.state ? stateLabel[p.state] : null;
            return (
              <li key={`${p.channel}:${p.name}`} class="card dash-provider">
                <div class="dash-provider-name">
                  <span>
                    {p.name} <span class="muted">· {nameOf(p.channel)}</span>
                  </span>
                  {state ? <span class={state.tone}>{state.text}</span> : <span class="pill closed">Unknown</span>}
                </div>
                <span class="muted">
                  {state ? state.hint : p.configured ? 'No worker runs on this node, so its circuit is not known here.' : 'No longer configured.'}
                  {p.state === 'open' && p.trialAt ? (
                    <>
                      {' '}
                      Next trial at <Time iso={p.trialAt} />.
                    </>
                  ) : null}
                </span>
                <span>
                  {p.sent.toLocaleString()} sent, {plural(p.failedAttempts, 'failed call')}
                  {p.consecutiveFailures ? `, ${p.consecutiveFailures} in a row` : ''}
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
      setSaid(
        `${plural(result.replayed.length, 'delivery', 'deliveries')} queued again.` +
          (result.notReplayed.length ? ` ${plural(result.notReplayed.length, 'delivery was', 'deliveries were')} no longer dead-lettered and left as they are.` : ''),
      );
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
          Dead letters <span class="badge-count" aria-live="polite">{list.loading && !list.items.length ? '' : `(${list.items.length}${list.hasMore ? '+' : ''})`}</span>
        </h2>
        <div class="dash-head-actions">
          <label class="inline" for="dead-channel">
            Channel
          </label>
          <select id="dead-channel" value={channel} onChange={(e) => setChannel(e.currentTarget.value)}>
            <option value="">All channels</option>
            {Object.keys(channelName).map((c) => (
              <option key={c} value={c}>
                {nameOf(c)}
              </option>
            ))}
          </select>
          <button type="button" class="secondary" onClick={list.reload}>
            Refresh
          </button>
        </div>
      </div>
      <p class="muted">Deliveries that ran out of retries, oldest first. Replaying queues them again with their attempts reset.</p>
      <p class="ok dash-status" role="status">
        {said}
      </p>
      <ErrorNote error={error} />
      {list.error ? isForbidden(list.error) ? <p class="error">Dead letters are not available for your role.</p> : <ErrorNote error={list.error} /> : null}
      {list.loading && list.items.length === 0 ? (
        <Loading what="Loading dead letters" />
      ) : list.items.length === 0 && !list.error ? (
        <p class="card">No dead letters: every delivery either went out or is still being tried.</p>
      ) : (
        <>
          <div class="dash-select-all">
            <label class="inline">
              <input type="checkbox" checked={allChosen} onChange={(e) => setSelected(e.currentTarget.checked ? new Set(ids) : new Set())} />
              Select all {list.items.length} shown
            </label>
            <button type="button" onClick={() => replay(chosen)} disabled={busy || chosen.length === 0}>
              {busy ? 'Replaying…' : `Replay selected (${chosen.length})`}
            </button>
          </div>
          <ul class="dash-list dash-dead" aria-label="Dead letters">
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
                    {nameOf(d.channel)} to {d.userId}
                  </label>
                  <p class="muted">
                    {d.notificationType}
                    {d.provider ? ` · last tried with ${d.provider}` : ''} · {plural(d.attempts, 'attempt')} · accepted <Time iso={d.createdAt} />
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
          {list.loading ? 'Loading…' : 'Show more dead letters'}
        </button>
      ) : null}
    </section>
  );
}
