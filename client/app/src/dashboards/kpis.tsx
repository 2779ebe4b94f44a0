import { useState } from 'preact/hooks';
import { useAsync, useClient } from '../context.tsx';
import { ErrorNote, formatDuration, Loading, Time } from '../ui.tsx';
import type { Kpi, KpiReport } from '../../../sdk/index.ts';
import { LoadError, NotForYourRole } from './common.tsx';
import { t } from '../i18n.ts';

/** KPI names, channels, notification types and count names are `kpis.name.*`, `kpis.channel.*`, `kpis.type.*`, `kpis.count.*`. */
const kpiTitle = (name: string) => t(`kpis.name.${name}`, { defaultValue: name });
const channelName = (channel: string) => t(`kpis.channel.${channel}`, { defaultValue: channel });
const typeName = (type: string) => t(`kpis.type.${type}`, { defaultValue: type });

/** "Delivery rate · Email", "Email open rate · promotional" */
function label(k: Kpi): string {
  const parts = [kpiTitle(k.name)];
  if (k.channel && !k.name.startsWith('email_') && !k.name.startsWith('push_')) parts.push(channelName(k.channel));
  if (k.notificationType && k.name !== 'promotional_conversion_rate') parts.push(typeName(k.notificationType));
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
  if (k.target === null) return t('kpis.noTargetLower');
  const sign = k.comparison === 'above' ? '>' : k.comparison === 'below' ? '<' : '≥';
  return `${sign} ${formatValue(k.target, k.unit)}`;
}

const countName = (key: string) => t(`kpis.count.${key}`, { defaultValue: key });

function Counts({ counts }: { counts: Kpi['counts'] }) {
  const entries = Object.entries(counts).filter(([, n]) => n !== undefined) as [string, number][];
  return <>{entries.map(([key, n]) => `${n.toLocaleString()} ${countName(key)}`).join(', ')}</>;
}

function Status({ kpi }: { kpi: Kpi }) {
  if (kpi.met === null) return <span class="pill closed">{kpi.actual === null ? t('kpis.noData') : t('kpis.noTarget')}</span>;
  return kpi.met ? <span class="pill ok">✓ {t('kpis.met')}</span> : <span class="pill danger">✗ {t('kpis.missed')}</span>;
}

/** The KPIs of one group as a table: target, actual, met or missed, and the counts behind each. */
function KpiTable({ caption, kpis }: { caption: string; kpis: Kpi[] }) {
  const missed = kpis.filter((k) => k.met === false).length;
  const met = kpis.filter((k) => k.met === true).length;
  return (
    <div class="dash-section">
      <h2>
        {caption} <span class="badge-count">{t('kpis.metMissed', { met, missed })}</span>
      </h2>
      {/* Focusable, so a keyboard can scroll it sideways on a narrow screen. */}
      <div class="table-scroll" tabIndex={0} role="region" aria-label={t('kpis.tableLabel', { caption })}>
        <table class="dash-table kpi-table">
          <caption class="visually-hidden">{t('kpis.caption', { caption })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('kpis.col.kpi')}</th>
              <th scope="col" class="num">{t('kpis.col.target')}</th>
              <th scope="col" class="num">{t('kpis.col.actual')}</th>
              <th scope="col">{t('kpis.col.status')}</th>
              <th scope="col">{t('kpis.col.from')}</th>
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
      aria-label={t('kpis.filters')}
      onSubmit={(e) => {
        e.preventDefault();
        onChange(draft);
      }}
    >
      <div>
        <label for="kpi-from">{t('kpis.from')}</label>
        <input id="kpi-from" type="date" value={draft.from} onInput={set('from')} required />
      </div>
      <div>
        <label for="kpi-to">{t('kpis.to')}</label>
        <input id="kpi-to" type="date" value={draft.to} onInput={set('to')} required />
      </div>
      <div>
        <label for="kpi-channel">{t('kpis.channelLabel')}</label>
        <select id="kpi-channel" value={draft.channel} onChange={set('channel')}>
          <option value="">{t('kpis.everyChannel')}</option>
          {['email', 'sms', 'push', 'in-app'].map((c) => (
            <option key={c} value={c}>
              {channelName(c)}
            </option>
          ))}
        </select>
      </div>
      {own ? null : (
        <div>
          <label for="kpi-vendor">{t('kpis.vendorId')}</label>
          <input id="kpi-vendor" value={draft.vendorId} onInput={set('vendorId')} placeholder={t('kpis.everyVendor')} aria-describedby="kpi-vendor-hint" />
          <p id="kpi-vendor-hint" class="muted dash-hint">{t('seller.leaveEmpty')}</p>
        </div>
      )}
      <button type="submit" class="secondary">{t('seller.show')}</button>
    </form>
  );
}

/** KPIs with their filters: the operator's whole dashboard, or a seller's own panel. */
function KpiView({ own, headingLevel }: { own: boolean; headingLevel: 1 | 2 }) {
  const client = useClient();
  const [filters, setFilters] = useState(defaultFilters);
  const report = useAsync(() => client.request<KpiReport>('GET', '/kpis', undefined, query(filters, own)), [client, filters, own]);
  const data = report.data;
  const title = own ? t('kpis.titleOwn') : t('kpis.title');
  if (report.error && !data && headingLevel === 1) return <LoadError error={report.error} title={title} what={t('kpis.what')} />;
  const Heading = headingLevel === 1 ? 'h1' : 'h2';
  const operational = data?.kpis.filter((k) => k.group === 'operational') ?? [];
  const engagement = data?.kpis.filter((k) => k.group === 'engagement') ?? [];
  return (
    <section class={headingLevel === 1 ? 'page dash' : 'dash-section'} aria-labelledby="kpi-title">
      <div class="dash-head">
        <div>
          <Heading id="kpi-title">{title}</Heading>
          <p class="muted">
            {own ? t('kpis.introOwn') : t('kpis.intro')}
            {data ? (
              <>
                {' '}
                {t('kpis.windowFrom')} <Time iso={data.window.from} /> {t('kpis.windowTo')} <Time iso={data.window.to} />
                {data.filters.vendorId && !own ? t('kpis.vendor', { vendorId: data.filters.vendorId }) : ''}
              </>
            ) : null}
            .
          </p>
        </div>
      </div>
      <FilterForm value={filters} onChange={setFilters} own={own} />
      <ErrorNote error={report.error} />
      {!data ? (
        <Loading what={t('kpis.loading')} />
      ) : (
        <>
          {own ? null : <KpiTable caption={t('kpis.operational')} kpis={operational} />}
          <KpiTable caption={own ? t('kpis.deliveryEngagement') : t('kpis.engagementBusiness')} kpis={own ? [...operational.filter((k) => k.name === 'delivery_rate'), ...engagement] : engagement} />
          <p class="muted dash-hint">
            {t('kpis.attribution', { hours: data.attributionHours })}
          </p>
        </>
      )}
    </section>
  );
}

/** The operators' KPI dashboard (/kpis). */
export function KpiDashboard() {
  const client = useClient();
  if (client.user.role !== 'operator') return <NotForYourRole title={t('kpis.title')} what={t('kpis.what')} />;
  return <KpiView own={false} headingLevel={1} />;
}

/** A seller's own KPIs, on their dashboard. */
export function SellerEngagementPanel() {
  return <KpiView own headingLevel={2} />;
}
