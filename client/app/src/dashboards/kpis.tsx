import { useState } from 'preact/hooks';
import { useAsync, useClient } from '../context.tsx';
import { ErrorNote, formatDuration, Loading, Time } from '../ui.tsx';
import type { Kpi, KpiReport } from '../../../sdk/index.ts';
import { LoadError, NotForYourRole } from './common.tsx';

const channelName: Record<string, string> = { email: 'Email', sms: 'SMS', push: 'Push', 'in-app': 'In-platform' };
const typeName: Record<string, string> = { transactional: 'transactional', promotional: 'promotional' };

const kpiTitle: Record<string, string> = {
  delivery_rate: 'Delivery rate',
  delivery_latency_p50: 'Delivery latency p50',
  delivery_latency_p95: 'Delivery latency p95',
  delivery_latency_p99: 'Delivery latency p99',
  error_rate: 'Error rate',
  throughput_sustained: 'Throughput, busiest 5 minutes',
  throughput_peak: 'Throughput, busiest second',
  uptime: 'Uptime',
  email_open_rate: 'Email open rate',
  email_click_through_rate: 'Email click-through rate',
  push_click_through_rate: 'Push click-through rate',
  vendor_response_time: 'Vendor response time in chat',
  promotional_conversion_rate: 'Conversion from promotions',
  opt_out_rate: 'Opt-out rate',
};

/** "Delivery rate · Email", "Email open rate · promotional" */
function label(k: Kpi): string {
  const parts = [kpiTitle[k.name] ?? k.name];
  if (k.channel && !k.name.startsWith('email_') && !k.name.startsWith('push_')) parts.push(channelName[k.channel] ?? k.channel);
  if (k.notificationType && k.name !== 'promotional_conversion_rate') parts.push(typeName[k.notificationType] ?? k.notificationType);
  return parts.join(' · ');
}

function formatValue(value: number | null, unit: Kpi['unit']): string {
  if (value === null) return '–';
  if (unit === 'ratio') return `${(value * 100).toFixed(value === 1 || value === 0 ? 0 : 2)}%`;
  if (unit === 'milliseconds') return value < 1000 ? `${Math.round(value)} ms` : `${(value / 1000).toFixed(2)} s`;
  if (unit === 'per_second') return `${value.toLocaleString('en', { maximumFractionDigits: 1 })}/s`;
  return formatDuration(value);
}

function formatTarget(k: Kpi): string {
  if (k.target === null) return 'no target';
  const sign = k.comparison === 'above' ? '>' : k.comparison === 'below' ? '<' : '≥';
  return `${sign} ${formatValue(k.target, k.unit)}`;
}

const countName: Record<string, string> = {
  measured: 'measured',
  attempted: 'attempted',
  delivered: 'delivered',
  failed: 'failed',
  deadLettered: 'dead letters',
  opened: 'opened',
  clicked: 'clicked',
  questions: 'questions',
  responses: 'answered',
  recipients: 'recipients',
  engagedRecipients: 'opened or clicked',
  convertedRecipients: 'ordered',
  orders: 'orders',
  promotionalDelivered: 'promotions delivered',
  withdrawn: 'withdrawals',
  dispatched: 'dispatched',
  busiestSecond: 'in the busiest second',
  busiestFiveMinutes: 'in the busiest 5 minutes',
  minutesUp: 'minutes up',
  minutesMeasured: 'minutes measured',
};

function Counts({ counts }: { counts: Kpi['counts'] }) {
  const entries = Object.entries(counts).filter(([, n]) => n !== undefined) as [string, number][];
  return <>{entries.map(([key, n]) => `${n.toLocaleString()} ${countName[key] ?? key}`).join(', ')}</>;
}

function Status({ kpi }: { kpi: Kpi }) {
  if (kpi.met === null) return <span class="pill closed">{kpi.actual === null ? 'No data' : 'No target'}</span>;
  return kpi.met ? <span class="pill ok">✓ Met</span> : <span class="pill danger">✗ Missed</span>;
}

/** The KPIs of one group as a table: target, actual, met or missed, and the counts behind each. */
function KpiTable({ caption, kpis }: { caption: string; kpis: Kpi[] }) {
  const missed = kpis.filter((k) => k.met === false).length;
  const met = kpis.filter((k) => k.met === true).length;
  return (
    <div class="dash-section">
      <h2>
        {caption} <span class="badge-count">{met} met, {missed} missed</span>
      </h2>
      {/* Focusable, so a keyboard can scroll it sideways on a narrow screen. */}
      <div class="table-scroll" tabIndex={0} role="region" aria-label={`${caption} KPIs`}>
        <table class="dash-table kpi-table">
          <caption class="visually-hidden">{caption}: target, actual and whether it was met</caption>
          <thead>
            <tr>
              <th scope="col">KPI</th>
              <th scope="col" class="num">Target</th>
              <th scope="col" class="num">Actual</th>
              <th scope="col">Status</th>
              <th scope="col">From</th>
            </tr>
          </thead>
          <tbody>
            {kpis.map((k) => (
              <tr key={`${k.name}-${k.channel}-${k.notificationType}`} data-kpi={`${k.name}${k.channel ? `.${k.channel}` : ''}${k.notificationType ? `.${k.notificationType}` : ''}`} class={k.met === false ? 'kpi-missed' : undefined}>
                <th scope="row">{label(k)}</th>
                <td class="num">{formatTarget(k)}</td>
                <td class="num">
                  <strong>{formatValue(k.actual, k.unit)}</strong>
                </td>
                <td>
                  <Status kpi={k} />
                </td>
                <td class="muted">
                  <Counts counts={k.counts} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

const day = (d: Date) => d.toISOString().slice(0, 10);

interface Filters {
  from: string;
  to: string;
  channel: string;
  vendorId: string;
}

function defaultFilters(): Filters {
  const today = new Date();
  return { from: day(new Date(today.getTime() - 29 * 86_400_000)), to: day(today), channel: '', vendorId: '' };
}

/** The filters as the query of GET /kpis: whole UTC days, the end day included. */
function query(f: Filters, own: boolean) {
  const from = new Date(`${f.from}T00:00:00Z`);
  const to = new Date(new Date(`${f.to}T00:00:00Z`).getTime() + 86_400_000);
  return {
    from: Number.isNaN(from.getTime()) ? undefined : from.toISOString(),
    to: Number.isNaN(to.getTime()) ? undefined : to.toISOString(),
    channel: f.channel || undefined,
    vendorId: own ? undefined : f.vendorId.trim() || undefined,
  };
}

function FilterForm({ value, onChange, own }: { value: Filters; onChange: (f: Filters) => void; own: boolean }) {
  const [draft, setDraft] = useState(value);
  const set = (field: keyof Filters) => (e: Event) => setDraft({ ...draft, [field]: (e.currentTarget as HTMLInputElement).value });
  return (
    <form
      class="dash-toolbar"
      aria-label="KPI filters"
      onSubmit={(e) => {
        e.preventDefault();
        onChange(draft);
      }}
    >
      <div>
        <label for="kpi-from">From</label>
        <input id="kpi-from" type="date" value={draft.from} onInput={set('from')} required />
      </div>
      <div>
        <label for="kpi-to">To (included)</label>
        <input id="kpi-to" type="date" value={draft.to} onInput={set('to')} required />
      </div>
      <div>
        <label for="kpi-channel">Channel</label>
        <select id="kpi-channel" value={draft.channel} onChange={set('channel')}>
          <option value="">Every channel</option>
          <option value="email">Email</option>
          <option value="sms">SMS</option>
          <option value="push">Push</option>
          <option value="in-app">In-platform</option>
        </select>
      </div>
      {own ? null : (
        <div>
          <label for="kpi-vendor">Vendor ID</label>
          <input id="kpi-vendor" value={draft.vendorId} onInput={set('vendorId')} placeholder="Every vendor" aria-describedby="kpi-vendor-hint" />
          <p id="kpi-vendor-hint" class="muted dash-hint">Leave empty for the whole marketplace.</p>
        </div>
      )}
      <button type="submit" class="secondary">Show</button>
    </form>
  );
}

/** KPIs with their filters: the operator's whole dashboard, or a seller's own panel. */
function KpiView({ own, headingLevel }: { own: boolean; headingLevel: 1 | 2 }) {
  const client = useClient();
  const [filters, setFilters] = useState(defaultFilters);
  const report = useAsync(() => client.request<KpiReport>('GET', '/kpis', undefined, query(filters, own)), [client, filters, own]);
  const data = report.data;
  const title = own ? 'Your engagement KPIs' : 'KPIs';
  if (report.error && !data && headingLevel === 1) return <LoadError error={report.error} title={title} what="The KPI dashboard" />;
  const Heading = headingLevel === 1 ? 'h1' : 'h2';
  const operational = data?.kpis.filter((k) => k.group === 'operational') ?? [];
  const engagement = data?.kpis.filter((k) => k.group === 'engagement') ?? [];
  return (
    <section class={headingLevel === 1 ? 'page dash' : 'dash-section'} aria-labelledby="kpi-title">
      <div class="dash-head">
        <div>
          <Heading id="kpi-title">{title}</Heading>
          <p class="muted">
            {own ? 'The notifications sent for you, your buyers’ orders after them, and your response time in chat' : 'The specification’s targets beside what was measured'}
            {data ? (
              <>
                {' '}
                from <Time iso={data.window.from} /> to <Time iso={data.window.to} />
                {data.filters.vendorId && !own ? `, vendor ${data.filters.vendorId}` : ''}
              </>
            ) : null}
            .
          </p>
        </div>
      </div>
      <FilterForm value={filters} onChange={setFilters} own={own} />
      <ErrorNote error={report.error} />
      {!data ? (
        <Loading what="Loading KPIs" />
      ) : (
        <>
          {own ? null : <KpiTable caption="Operational" kpis={operational} />}
          <KpiTable caption={own ? 'Delivery and engagement' : 'Engagement and business'} kpis={own ? [...operational.filter((k) => k.name === 'delivery_rate'), ...engagement] : engagement} />
          <p class="muted dash-hint">
            Conversions count an order within {data.attributionHours} hours after a promotional notification was opened or clicked. Targets are the specification’s unless PARLEY_KPI_TARGETS sets them.
          </p>
        </>
      )}
    </section>
  );
}

/** The operators' KPI dashboard (/kpis). */
export function KpiDashboard() {
  const client = useClient();
  if (client.user.role !== 'operator') return <NotForYourRole title="KPIs" what="The KPI dashboard" />;
  return <KpiView own={false} headingLevel={1} />;
}

/** A seller's own KPIs, on their dashboard. */
export function SellerEngagementPanel() {
  return <KpiView own headingLevel={2} />;
}
