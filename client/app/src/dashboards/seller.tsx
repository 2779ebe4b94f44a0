import { useState } from 'preact/hooks';
import { useAsync, useClient } from '../context.tsx';
import { ErrorNote, formatDuration, formatPercent, Loading, Time } from '../ui.tsx';
import type { SellerAnalytics } from '../../../sdk/index.ts';
import { TimeChart } from './chart.tsx';
import { SellerConsents } from './seller-consents.tsx';
import { formatDay, LoadError, NotForYourRole, plural, Segmented } from './common.tsx';
import { SellerEngagementPanel } from './kpis.tsx';
import { SatisfactionView } from './satisfaction.tsx';

type AnalyticsWindow = SellerAnalytics['windows'][number];
type MarketplaceFigures = AnalyticsWindow['marketplace'];
type VolumeDay = AnalyticsWindow['messageVolume'][number];

const periods = [
  { value: 7, label: '7 days' },
  { value: 30, label: '30 days' },
  { value: 90, label: '90 days' },
];

const canSee = (role: string) => role === 'seller' || role === 'operator';

export function SellerDashboard() {
  const client = useClient();
  if (!canSee(client.user.role)) return <NotForYourRole title="Seller dashboard" what="The seller dashboard" />;
  return <SellerAnalyticsPage />;
}

function SellerAnalyticsPage() {
  const client = useClient();
  const operator = client.user.role === 'operator';
  const [days, setDays] = useState(30);
  // Operators may look at one seller, or at the whole marketplace when none is named.
  const [sellerId, setSellerId] = useState('');
  const analytics = useAsync(
    () => client.request<SellerAnalytics>('GET', '/marketplace/messaging/seller/analytics/messaging', undefined, { sellerId: operator && sellerId ? sellerId : undefined }),
    [client, operator, sellerId],
  );

  const title = operator ? 'Seller messaging' : 'Your messaging';
  if (analytics.error && !analytics.data) return <LoadError error={analytics.error} title={title} what="The seller dashboard" />;
  const data = analytics.data;
  const current = data?.windows.find((w) => w.days === days);
  const nothingYet = data !== undefined && data.windows.every(isEmpty);

  return (
    <section class="page dash" aria-labelledby="seller-title">
      <div class="dash-head">
        <div>
          <h1 id="seller-title">{title}</h1>
          <p class="muted">
            {operator ? (sellerId ? `Seller ${sellerId}. ` : 'The whole marketplace. ') : null}
            Figures are refreshed every few minutes{data ? <>; these were read at <Time iso={data.generatedAt} /></> : null}.
          </p>
        </div>
        {nothingYet ? null : <Segmented legend="Period" name="seller-period" options={periods} value={days} onChange={setDays} />}
      </div>
      {operator ? <SellerPicker value={sellerId} onChange={setSellerId} /> : null}
      {analytics.error ? <ErrorNote error={analytics.error} /> : null}
      {!data ? (
        <Loading what="Loading your figures" />
      ) : nothingYet ? (
        <div class="card dash-empty">
          <h2>No figures yet</h2>
          <p>
            Once buyers write to {operator ? 'sellers' : 'you'}, response times, message volume and conversion show up here. Figures are worked out in the
            background, so new messages take a few minutes to count.
          </p>
        </div>
      ) : current ? (
        <WindowView window={current} own={!operator} sellerId={operator ? sellerId || undefined : undefined} />
      ) : null}
      {operator ? null : <SellerEngagementPanel />}
      {operator && !sellerId ? null : <SellerConsents vendorId={operator ? sellerId : client.user.userId} />}
    </section>
  );
}

function SellerPicker({ value, onChange }: { value: string; onChange: (sellerId: string) => void }) {
  const [draft, setDraft] = useState(value);
  return (
    <form
      class="dash-toolbar"
      onSubmit={(e) => {
        e.preventDefault();
        onChange(draft.trim());
      }}
    >
      <div>
        <label for="seller-id">Seller ID</label>
        <input id="seller-id" value={draft} onInput={(e) => setDraft(e.currentTarget.value)} placeholder="Every seller" aria-describedby="seller-id-hint" />
        <p id="seller-id-hint" class="muted dash-hint">Leave empty for the whole marketplace.</p>
      </div>
      <button type="submit" class="secondary">Show</button>
    </form>
  );
}

function isEmpty(w: AnalyticsWindow): boolean {
  return w.questions === 0 && w.inquiries === 0 && w.messageVolume.length === 0 && w.satisfaction.ratings === 0;
}

function WindowView({ window: w, own, sellerId }: { window: AnalyticsWindow; own: boolean; sellerId: string | undefined }) {
  const m = w.marketplace;
  if (isEmpty(w)) {
    return (
      <div class="card dash-empty">
        <h2>Nothing in the last {w.days} days</h2>
        <p>No buyer messages or inquiries in this period. Pick a longer period to see earlier figures.</p>
      </div>
    );
  }
  return (
    <>
      <h2>Responses</h2>
      <ul class="dash-stats">
        <Stat
          label="First response time"
          value={formatDuration(w.firstResponseSeconds)}
          detail="Median time to answer a buyer's first message"
          compare={compare(m, m?.firstResponseSeconds, formatDuration)}
        />
        <Stat label="Median response time" value={formatDuration(w.medianResponseSeconds)} detail={`Over ${plural(w.responses, 'answer')}`} compare={compare(m, m?.medianResponseSeconds, formatDuration)} />
        <Stat label="Average response time" value={formatDuration(w.averageResponseSeconds)} compare={compare(m, m?.averageResponseSeconds, formatDuration)} />
        <Stat
          label="Answered within 24 h"
          value={formatPercent(w.responseRate24h)}
          detail={`${plural(w.questions, 'question')} from buyers`}
          compare={compare(m, m?.responseRate24h, formatPercent)}
        />
        <Stat label="Late responses" value={formatPercent(w.lateResponseRate)} detail="Answers after more than 24 h" compare={compare(m, m?.lateResponseRate, formatPercent)} />
        <Stat
          label="Inquiry to order"
          value={formatPercent(w.conversionRate)}
          detail={`${w.convertedInquiries.toLocaleString()} of ${plural(w.inquiries, 'product inquiry', 'product inquiries')} led to an order`}
          compare={compare(m, m?.conversionRate, formatPercent)}
        />
      </ul>
      <SatisfactionView window={w} own={own} sellerId={sellerId} />
      <h2>Activity</h2>
      <VolumeCharts window={w} own={own} />
    </>
  );
}

function compare<T>(m: MarketplaceFigures | null, value: T | null | undefined, format: (v: T) => string): string {
  if (!m || value === null || value === undefined) return 'Not enough sellers to compare';
  return `Marketplace median: ${format(value)}`;
}

function Stat({ label, value, detail, compare }: { label: string; value: string; detail?: string; compare: string }) {
  return (
    <li class="card dash-stat">
      <h3>{label}</h3>
      <p class="stat">{value}</p>
      {detail ? <p class="muted">{detail}</p> : null}
      <p class="dash-compare">{compare}</p>
    </li>
  );
}

const dayMs = 86_400_000;

/** Every day of the window, oldest first, with zeros on days without messages (the API lists only days with some). */
function everyDay(w: AnalyticsWindow): { x: number[]; days: VolumeDay[] } {
  const byDay = new Map(w.messageVolume.map((d) => [d.day, d]));
  const today = Date.parse(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`);
  const x: number[] = [];
  const days: VolumeDay[] = [];
  for (let i = w.days - 1; i >= 0; i--) {
    const at = today - i * dayMs;
    const day = new Date(at).toISOString().slice(0, 10);
    x.push(at / 1000);
    days.push(byDay.get(day) ?? { day, buyerMessages: 0, sellerMessages: 0, activeConversations: 0, engagedConversations: 0 });
  }
  return { x, days };
}

function VolumeCharts({ window: w, own }: { window: AnalyticsWindow; own: boolean }) {
  const { x, days } = everyDay(w);
  const sum = (key: keyof Omit<VolumeDay, 'day'>) => days.reduce((n, d) => n + d[key], 0);
  const count = (n: number) => n.toLocaleString();
  return (
    <div class="dash-charts">
      <TimeChart
        title="Messages per day"
        utc
        xLabel="Day"
        x={x}
        formatX={formatDay}
        formatY={count}
        series={[
          { label: 'From buyers', values: days.map((d) => d.buyerMessages), color: '#0b5cad' },
          { label: own ? 'Your replies' : 'Seller replies', values: days.map((d) => d.sellerMessages), color: '#b35900', dash: [6, 4] },
        ]}
        summary={`${plural(sum('buyerMessages'), 'message')} from buyers and ${plural(sum('sellerMessages'), 'reply', 'replies')} in the last ${w.days} days.`}
      />
      <TimeChart
        title="Conversations per day"
        utc
        xLabel="Day"
        x={x}
        formatX={formatDay}
        formatY={count}
        series={[
          { label: 'Active', values: days.map((d) => d.activeConversations), color: '#0b5cad' },
          { label: 'Engaged (both wrote)', values: days.map((d) => d.engagedConversations), color: '#1a7f37', dash: [6, 4] },
        ]}
        summary={`Engagement ${formatPercent(w.engagementRate)}: on ${count(sum('engagedConversations'))} of ${plural(sum('activeConversations'), 'active conversation-day')}, both ${own ? 'you' : 'the seller'} and the buyer wrote.${w.marketplace?.engagementRate != null ? ` Marketplace median: ${formatPercent(w.marketplace.engagementRate)}.` : ''}`}
      />
    </div>
  );
}
