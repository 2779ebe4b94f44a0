import type { SellerAnalytics, SellerRatingsPage } from '../../../sdk/index.ts';
import { useClient } from '../context.tsx';
import { ErrorNote, Time } from '../ui.tsx';
import { TimeChart } from './chart.tsx';
import { formatDay, usePaged } from './common.tsx';
import { t } from '../i18n.ts';

type AnalyticsWindow = SellerAnalytics['windows'][number];
type SellerRating = SellerRatingsPage['ratings'][number];

const formatRating = (value: number | null | undefined) => (value === null || value === undefined ? '–' : t('satisfaction.ofFive', { score: value.toFixed(2) }));

/**
 * Customer satisfaction beside the response times: how buyers rated the seller's communication
 * in the window (average, distribution, per week) with the marketplace's median, and the latest
 * ratings with their comments.
 */
export function SatisfactionView({ window: w, own, sellerId }: { window: AnalyticsWindow; own: boolean; sellerId: string | undefined }) {
  const s = w.satisfaction;
  const median = w.marketplace?.averageRating;
  return (
    <section class="dash-section" aria-labelledby="satisfaction-title">
      <h2 id="satisfaction-title">{t('satisfaction.title')}</h2>
      {s.ratings === 0 ? (
        <p class="card">
          {t(own ? 'satisfaction.noneOwn' : 'satisfaction.none', { days: w.days })}
        </p>
      ) : (
        <>
          <ul class="dash-stats">
            <li class="card dash-stat">
              <h3>{t('satisfaction.average')}</h3>
              <p class="stat">{formatRating(s.averageRating)}</p>
              <p class="muted">{t(own ? 'satisfaction.fromOwn' : 'satisfaction.from', { count: s.ratings })}</p>
              <p class="dash-compare">{median == null ? t('satisfaction.noMedian') : t('satisfaction.median', { rating: formatRating(median) })}</p>
            </li>
            <li class="card dash-stat">
              <h3>{t('satisfaction.byStars')}</h3>
              <Distribution distribution={s.distribution} total={s.ratings} />
            </li>
          </ul>
          <div class="dash-charts">
            <WeeklyChart window={w} />
          </div>
        </>
      )}
      <RecentRatings sellerId={sellerId} />
    </section>
  );
}

const weekMs = 7 * 86_400_000;

/** Every week (its Monday, UTC) the window touches, oldest first, with null for weeks without ratings (the API lists only weeks with some). */
function everyWeek(w: AnalyticsWindow): { x: number[]; values: (number | null)[] } {
  const byWeek = new Map(w.satisfaction.weekly.map((wk) => [wk.week, wk.averageRating]));
  const monday = (at: number) => {
    const d = new Date(at);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  };
  const x: number[] = [];
  const values: (number | null)[] = [];
  for (let at = monday(Date.parse(w.since)); at <= Date.now(); at += weekMs) {
    x.push(at / 1000);
    values.push(byWeek.get(new Date(at).toISOString().slice(0, 10)) ?? null);
  }
  return { x, values };
}

function WeeklyChart({ window: w }: { window: AnalyticsWindow }) {
  const s = w.satisfaction;
  const { x, values } = everyWeek(w);
  return (
    <TimeChart
      title={t('satisfaction.perWeek')}
      utc
      xLabel={t('satisfaction.weekOf')}
      x={x}
      formatX={formatDay}
      formatY={(v) => v.toFixed(2)}
      series={[{ label: t('satisfaction.average'), values, color: '#8a5a00' }]}
      summary={t('satisfaction.summary', { ratings: t('satisfaction.ratings', { count: s.ratings }), weeks: t('satisfaction.weeks', { count: s.weekly.length }), average: formatRating(s.averageRating) })}
    />
  );
}

function Distribution({ distribution, total }: { distribution: AnalyticsWindow['satisfaction']['distribution']; total: number }) {
  return (
    <table class="rating-distribution">
      <caption class="visually-hidden">{t('satisfaction.byNumber')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('satisfaction.stars')}</th>
          <th scope="col" class="num">
            {t('satisfaction.ratingsHeading')}
          </th>
          <th scope="col">
            <span class="visually-hidden">{t('satisfaction.share')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {[...distribution].reverse().map((d) => (
          <tr key={d.rating}>
            <th scope="row">{d.rating}</th>
            <td class="num">{d.count.toLocaleString()}</td>
            <td class="rating-bar-cell">
              <span class="rating-bar" style={{ width: `${total ? Math.round((d.count / total) * 100) : 0}%` }} />
              <span class="visually-hidden">{total ? Math.round((d.count / total) * 100) : 0}%</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function RecentRatings({ sellerId }: { sellerId: string | undefined }) {
  const client = useClient();
  const ratings = usePaged<SellerRating>(
    async (cursor) => {
      const page = await client.sellerRatings({ sellerId, cursor, limit: 10 });
      return { items: page.ratings, next: page.nextCursor };
    },
    [client, sellerId],
  );
  if (ratings.items.length === 0 && !ratings.error) return null;
  return (
    <div class="card rating-list">
      <h3>{t('satisfaction.latest')}</h3>
      <ErrorNote error={ratings.error} />
      <ul>
        {ratings.items.map((r) => (
          <li key={r.orderId}>
            <p>
              <strong>{t('satisfaction.ofFive', { score: r.rating })}</strong> {t('satisfaction.forOrder', { orderId: r.orderId })} · <Time iso={r.ratedAt} />
            </p>
            {r.comment ? <blockquote class="rating-comment">{r.comment}</blockquote> : null}
          </li>
        ))}
      </ul>
      {ratings.hasMore ? (
        <button type="button" class="secondary" onClick={ratings.more} disabled={ratings.loading}>
          {t('satisfaction.more')}
        </button>
      ) : null}
    </div>
  );
}
