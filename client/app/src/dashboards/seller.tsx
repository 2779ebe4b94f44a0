import { useState } from 'preact/hooks';
import { useAsync, useClient } from '../context.tsx';
import { ErrorNote, formatDuration, formatPercent, Loading, Time } from '../ui.tsx';
import type { SellerAnalytics } from '../../../sdk/index.ts';
import { TimeChart } from './chart.tsx';
import { SellerConsents } from './seller-consents.tsx';
import { formatDay, IdPicker, LoadError, NotForYourRole, Segmented } from './common.tsx';
import { t } from '../i18n.ts';
import { SellerEngagementPanel } from './kpis.tsx';
import { SatisfactionView } from './satisfaction.tsx';

type AnalyticsWindow = SellerAnalytics['windows'][number];
type MarketplaceFigures = AnalyticsWindow['marketplace'];
type VolumeDay = AnalyticsWindow['messageVolume'][number];

const periods = () => [7, 30, 90].map((value) => ({ value, label: t('seller.days', { count: value }) }));

const canSee = (role: string) => role === 'seller' || role === 'operator';

export function SellerDashboard() {
  const client = useClient();
  if (!canSee(client.user.role)) return <NotForYourRole title={t('seller.dashboard')} what={t('seller.what')} />;
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

  const title = operator ? t('seller.titleOperator') : t('seller.title');
  if (analytics.error && !analytics.data) return <LoadError error={analytics.error} title={title} what={t('seller.what')} />;
  const data = analytics.data;
  const current = data?.windows.find((w) => w.days === days);
  const nothingYet = data !== undefined && data.windows.every(isEmpty);

  return (
    <section class="page dash" aria-labelledby="seller-title">
      <div class="dash-head">
        <div>
          <h1 id="seller-title">{title}</h1>
          <p class="muted">
            {operator ? (sellerId ? t('seller.oneSeller', { sellerId }) : t('seller.wholeMarketplace')) + ' ' : null}
            {t('seller.refreshed')}
            {data ? (
              <>
                {t('seller.readAt')} <Time iso={data.generatedAt} />
              </>
            ) : null}
            .
          </p>
        </div>
        {nothingYet ? null : <Segmented legend={t('seller.period')} name="seller-period" options={periods()} value={days} onChange={setDays} />}
      </div>
      {operator ? <IdPicker id="seller-id" label={t('seller.sellerId')} placeholder={t('seller.everySeller')} hint={t('seller.leaveEmpty')} button={t('seller.show')} value={sellerId} onChange={setSellerId} /> : null}
      {analytics.error ? <ErrorNote error={analytics.error} /> : null}
      {!data ? (
        <Loading what={t('seller.loading')} />
      ) : nothingYet ? (
        <div class="card dash-empty">
          <h2>{t('seller.noFigures')}</h2>
          <p>{operator ? t('seller.noFiguresOperator') : t('seller.noFiguresOwn')}</p>
        </div>
      ) : current ? (
        <WindowView window={current} own={!operator} sellerId={operator ? sellerId || undefined : undefined} />
      ) : null}
      {operator ? null : <SellerEngagementPanel />}
      {operator && !sellerId ? null : <SellerConsents vendorId={operator ? sellerId : client.user.userId} />}
    </section>
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
        <h2>{t('seller.nothingIn', { days: w.days })}</h2>
        <p>{t('seller.nothingInDetail')}</p>
      </div>
    );
  }
  return (
    <>
      <h2>{t('seller.responses')}</h2>
      <ul class="dash-stats">
        <Stat
          label={t('seller.firstResponse')}
          value={formatDuration(w.firstResponseSeconds)}
          detail={t('seller.firstResponseDetail')}
          compare={compare(m, m?.firstResponseSeconds, formatDuration)}
        />
        <Stat label={t('seller.medianResponse')} value={formatDuration(w.medianResponseSeconds)} detail={t('seller.overAnswers', { count: w.responses })} compare={compare(m, m?.medianResponseSeconds, formatDuration)} />
        <Stat label={t('seller.averageResponse')} value={formatDuration(w.averageResponseSeconds)} compare={compare(m, m?.averageResponseSeconds, formatDuration)} />
        <Stat
          label={t('seller.within24h')}
          value={formatPercent(w.responseRate24h)}
          detail={t('seller.questions', { count: w.questions })}
          compare={compare(m, m?.responseRate24h, formatPercent)}
        />
        <Stat label={t('seller.late')} value={formatPercent(w.lateResponseRate)} detail={t('seller.lateDetail')} compare={compare(m, m?.lateResponseRate, formatPercent)} />
        <Stat
          label={t('seller.conversion')}
          value={formatPercent(w.conversionRate)}
          detail={t('seller.conversionDetail', { converted: w.convertedInquiries.toLocaleString(), count: w.inquiries })}
          compare={compare(m, m?.conversionRate, formatPercent)}
        />
      </ul>
      <SatisfactionView window={w} own={own} sellerId={sellerId} />
      <h2>{t('seller.activity')}</h2>
      <VolumeCharts window={w} own={own} />
    </>
  );
}

function compare<T>(m: MarketplaceFigures | null, value: T | null | undefined, format: (v: T) => string): string {
  if (!m || value === null || value === undefined) return t('seller.noCompare');
  return t('seller.median', { value: format(value) });
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
        title={t('seller.messagesPerDay')}
        utc
        xLabel={t('seller.day')}
        x={x}
        formatX={formatDay}
        formatY={count}
        series={[
          { label: t('seller.fromBuyers'), values: days.map((d) => d.buyerMessages), color: '#0b5cad' },
          { label: own ? t('seller.yourReplies') : t('seller.sellerReplies'), values: days.map((d) => d.sellerMessages), color: '#b35900', dash: [6, 4] },
        ]}
        summary={t('seller.messagesSummary', { messages: t('seller.messages', { count: sum('buyerMessages') }), replies: t('seller.replies', { count: sum('sellerMessages') }), days: w.days })}
      />
      <TimeChart
        title={t('seller.conversationsPerDay')}
        utc
        xLabel={t('seller.day')}
        x={x}
        formatX={formatDay}
        formatY={count}
        series={[
          { label: t('seller.active'), values: days.map((d) => d.activeConversations), color: '#0b5cad' },
          { label: t('seller.engaged'), values: days.map((d) => d.engagedConversations), color: '#1a7f37', dash: [6, 4] },
        ]}
        summary={
          t(own ? 'seller.engagementOwn' : 'seller.engagement', { rate: formatPercent(w.engagementRate), engaged: count(sum('engagedConversations')), active: t('seller.activeDays', { count: sum('activeConversations') }) }) +
          (w.marketplace?.engagementRate != null ? ` ${t('seller.median', { value: formatPercent(w.marketplace.engagementRate) })}.` : '')
        }
      />
    </div>
  );
}
