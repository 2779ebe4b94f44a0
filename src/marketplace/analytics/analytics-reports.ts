import { type RawBuilder, sql } from 'kysely';
import type { AccessPolicy } from '../../access/policy.ts';
import type { Principal } from '../../auth/principal.ts';
import type { Db } from '../../db/connect.ts';
import { partiesOf } from '../conversation-parties.ts';
import { analyticsWindows, conversationDays, dayMs, marketplaceMinSellers, ratio, responseDeadlineSeconds, roundRate, roundSeconds, utcDay } from './analytics-tally.ts';
import { averageComparative, type MessageSentiment, sentimentList } from './sentiment.ts';

/**
 * The analytics reports: one conversation's figures, and a seller's (or the marketplace's) over
 * 7, 30 and 90 days. They read only the tables the analytics job keeps (see analytics-tally.ts
 * for what counts), so every figure lags by up to the job's interval.
 */

// ---------------------------------------------------------------------------------------------
// Views

export interface ResponseFigures {
  /** Median seconds to the first response of a conversation (one conversation: its own). */
  firstResponseSeconds: number | null;
  medianResponseSeconds: number | null;
  averageResponseSeconds: number | null;
  /** Questions asked (answered or not). */
  questions: number;
  /** Questions answered. */
  responses: number;
  /** Answered within 24 h, of the questions asked at least 24 h ago or already answered. */
  responseRate24h: number | null;
  /** Answered after 24 h, of the answered questions. */
  lateResponseRate: number | null;
}

export interface DayVolume {
  day: string;
  buyerMessages: number;
  sellerMessages: number;
}

export interface ConversationAnalyticsView extends Omit<ResponseFigures, 'questions'> {
  conversationId: string;
  sellerId: string | null;
  buyerId: string | null;
  conversationType: string;
  /** When the open question was asked; null when the seller has answered everything. */
  unansweredSince: string | null;
  buyerMessages: number;
  sellerMessages: number;
  /** The order a product inquiry led to; null when it has not (or it is not an inquiry). */
  converted: string | null;
  sentiment: { recent: MessageSentiment[]; average: number | null; flagged: boolean };
  /** The last 90 days with counted messages, oldest first. */
  perDay: DayVolume[];
  /** When the batch last took in this conversation's messages; null before its first round. */
  updatedAt: string | null;
}

export interface VolumeDay extends DayVolume {
  activeConversations: number;
  engagedConversations: number;
}

/** The anonymised comparison: medians of per-seller figures, no seller ids. */
export interface MarketplaceFigures {
  /** Sellers with a question, an inquiry or a counted message in the window. */
  sellers: number;
  firstResponseSeconds: number | null;
  medianResponseSeconds: number | null;
  averageResponseSeconds: number | null;
  responseRate24h: number | null;
  lateResponseRate: number | null;
  conversionRate: number | null;
  engagementRate: number | null;
}

export interface AnalyticsWindow extends ResponseFigures {
  days: number;
  since: string;
  /** Product inquiries with the seller created in the window, and how many led to an order. */
  inquiries: number;
  convertedInquiries: number;
  conversionRate: number | null;
  /** Days (UTC) with counted messages, oldest first. */
  messageVolume: VolumeDay[];
  /** Engaged conversation-days of the active ones. */
  engagementRate: number | null;
  marketplace: MarketplaceFigures | null;
}

export interface SellerAnalyticsView {
  /** null: the whole marketplace (operators only). */
  sellerId: string | null;
  generatedAt: string;
  windows: AnalyticsWindow[];
}

/** Whose figures a query covers: one seller, one conversation, or every seller. */
type Scope = { sellerId: string } | { conversationId: string } | { everySeller: true };

function scopeFilter(scope: Scope): RawBuilder<boolean> {
  if ('sellerId' in scope) return sql<boolean>`seller_id = ${scope.sellerId}`;
  if ('conversationId' in scope) return sql<boolean>`conversation_id = ${scope.conversationId}`;
  return sql<boolean>`seller_id IS NOT NULL`;
}

interface ResponseRow {
  first_response: number | null;
  median_response: number | null;
  average_response: number | null;
  questions: number;
  responses: number;
  within_24h: number;
  due: number;
  late: number;
}

interface MarketplaceRow {
  sellers: number;
  first_response: number | null;
  first_response_n: number;
  median_response: number | null;
  median_response_n: number;
  average_response: number | null;
  average_response_n: number;
  response_rate: number | null;
  response_rate_n: number;
  late_rate: number | null;
  late_rate_n: number;
  conversion_rate: number | null;
  conversion_rate_n: number;
  engagement_rate: number | null;
  engagement_rate_n: number;
}


export function createAnalyticsReports({ db, access }: { db: Db; access: AccessPolicy }) {
  // --- conversation analytics ----------------------------------------------------------------------

  /**
   * One conversation's figures. Its seller, its moderators and operators may read them; its
   * buyer may not (they describe the seller's work); anyone else learns nothing (404).
   */
  async function conversationAnalytics(principal: Principal, conversationId: string): Promise<ConversationAnalyticsView> {
    await access.requireAccess(principal, 'analytics.conversation', { conversationId });
    const [conversation, row, parties, responses, perDay, openFlag] = await Promise.all([
      db.selectFrom('conversations').select(['conversation_type', 'converted_order_id']).where('id', '=', conversationId).executeTakeFirstOrThrow(),
      db.selectFrom('conversation_analytics').selectAll().where('conversation_id', '=', conversationId).executeTakeFirst(),
      partiesOf(db, conversationId),
      responseFigures({ conversationId }, null, new Date()),
      conversationPerDay(conversationId),
      db.selectFrom('conversation_flags').select('id').where('conversation_id', '=', conversationId).where('reviewed_at', 'is', null).executeTakeFirst(),
    ]);
    const recent = row ? sentimentList(row.sentiment_recent) : [];
    const { questions: _questions, ...figures } = responses;
    return {
      conversationId,
      sellerId: parties.sellerId,
      buyerId: parties.buyerId,
      conversationType: conversation.conversation_type,
      ...figures,
      firstResponseSeconds: row?.first_response_seconds ?? null,
      unansweredSince: row?.pending_since?.toISOString() ?? null,
      buyerMessages: row?.buyer_messages ?? 0,
      sellerMessages: row?.seller_messages ?? 0,
      converted: conversation.conversation_type === 'product_inquiry' ? conversation.converted_order_id : null,
      sentiment: { recent, average: averageComparative(recent), flagged: Boolean(openFlag) },
      perDay,
      updatedAt: row ? row.updated_at.toISOString() : null,
    };
  }

  async function conversationPerDay(conversationId: string): Promise<DayVolume[]> {
    const since = utcDay(new Date(Date.now() - (conversationDays - 1) * dayMs));
    const rows = await sql<{ day: string; buyer_messages: number; seller_messages: number }>`
      SELECT to_char(day, 'YYYY-MM-DD') AS day, buyer_messages, seller_messages
        FROM conversation_daily_stats
       WHERE conversation_id = ${conversationId} AND day >= ${since}::date
       ORDER BY day`.execute(db);
    return rows.rows.map((r) => ({ day: r.day, buyerMessages: r.buyer_messages, sellerMessages: r.seller_messages }));
  }

  // --- seller analytics ----------------------------------------------------------------------------

  /**
   * Whose figures a caller may read: a seller their own; an operator any seller's, or (no
   * sellerId) the whole marketplace's. Everyone else is refused.
   */
  async function sellerScope(principal: Principal, sellerId: string | undefined): Promise<Scope> {
    await access.requireAccess(principal, 'analytics.seller', { sellerId });
    if (principal.role === 'seller') return { sellerId: principal.userId };
    return sellerId ? { sellerId } : { everySeller: true };
  }

  /** A seller's (or the marketplace's) figures over the last 7, 30 and 90 days, with the anonymised comparison. */
  async function sellerAnalytics(principal: Principal, query: { sellerId?: string }): Promise<SellerAnalyticsView> {
    const scope = await sellerScope(principal, query.sellerId);
    const now = new Date();
    const windows: AnalyticsWindow[] = [];
    for (const days of analyticsWindows) windows.push(await analyticsWindow(scope, days, now));
    return { sellerId: 'sellerId' in scope ? scope.sellerId : null, generatedAt: now.toISOString(), windows };
  }

  async function analyticsWindow(scope: Scope, days: number, now: Date): Promise<AnalyticsWindow> {
    const since = new Date(now.getTime() - days * dayMs);
    const sinceDay = utcDay(new Date(now.getTime() - (days - 1) * dayMs));
    const responses = await responseFigures(scope, since, now);
    const inquiries = await inquiryFigures(scope, since);
    const messageVolume = await volumeByDay(scope, sinceDay);
    const active = messageVolume.reduce((n, d) => n + d.activeConversations, 0);
    const engaged = messageVolume.reduce((n, d) => n + d.engagedConversations, 0);
    return {
      days,
      since: since.toISOString(),
      ...responses,
      ...inquiries,
      conversionRate: ratio(inquiries.convertedInquiries, inquiries.inquiries),
      messageVolume,
      engagementRate: ratio(engaged, active),
      marketplace: await marketplaceFigures(since, sinceDay, now),
    };
  }

  /** Response figures over the questions asked since `since` (null: all of them). */
  async function responseFigures(scope: Scope, since: Date | null, now: Date): Promise<ResponseFigures> {
    const dueBefore = new Date(now.getTime() - responseDeadlineSeconds * 1000);
    const result = await sql<ResponseRow>`
      SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY response_seconds) FILTER (WHERE is_first) AS first_response,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY response_seconds) AS median_response,
             avg(response_seconds)::float8 AS average_response,
             count(*)::int AS questions,
             count(answered_at)::int AS responses,
             count(*) FILTER (WHERE response_seconds <= ${responseDeadlineSeconds})::int AS within_24h,
             count(*) FILTER (WHERE answered_at IS NOT NULL OR asked_at <= ${dueBefore})::int AS due,
             count(*) FILTER (WHERE response_seconds > ${responseDeadlineSeconds})::int AS late
        FROM conversation_responses
       WHERE ${scopeFilter(scope)} AND (${since}::timestamptz IS NULL OR asked_at >= ${since}::timestamptz)`.execute(db);
    const r = result.rows[0]!;
    return {
      firstResponseSeconds: roundSeconds(r.first_response),
      medianResponseSeconds: roundSeconds(r.median_response),
      averageResponseSeconds: roundSeconds(r.average_response),
      questions: r.questions,
      responses: r.responses,
      responseRate24h: ratio(r.within_24h, r.due),
      lateResponseRate: ratio(r.late, r.responses),
    };
  }

  /** Product inquiries with the seller created since `since`, and those that led to an order. */
  async function inquiryFigures(scope: Scope, since: Date): Promise<{ inquiries: number; convertedInquiries: number }> {
    const seller = 'sellerId' in scope ? sql`AND p.user_id = ${scope.sellerId}` : sql``;
    const result = await sql<{ inquiries: number; converted: number }>`
      SELECT count(*)::int AS inquiries, count(c.converted_order_id)::int AS converted
        FROM conversations c
       WHERE c.conversation_type = 'product_inquiry' AND c.created_at >= ${since}
         AND EXISTS (SELECT 1 FROM conversation_participants p WHERE p.conversation_id = c.id AND p.role = 'seller' ${seller})`.execute(db);
    const r = result.rows[0]!;
    return { inquiries: r.inquiries, convertedInquiries: r.converted };
  }

  async function volumeByDay(scope: Scope, sinceDay: string): Promise<VolumeDay[]> {
    const result = await sql<{ day: string; buyer: number; seller: number; active: number; engaged: number }>`
      SELECT to_char(day, 'YYYY-MM-DD') AS day,
             sum(buyer_messages)::int AS buyer, sum(seller_messages)::int AS seller,
             count(*)::int AS active,
             count(*) FILTER (WHERE buyer_messages > 0 AND seller_messages > 0)::int AS engaged
        FROM conversation_daily_stats
       WHERE ${scopeFilter(scope)} AND day >= ${sinceDay}::date
       GROUP BY day ORDER BY day`.execute(db);
    return result.rows.map((r) => ({ day: r.day, buyerMessages: r.buyer, sellerMessages: r.seller, activeConversations: r.active, engagedConversations: r.engaged }));
  }

  /**
   * The marketplace's headline figures, anonymised: each is the median over sellers of that
   * seller's own figure, given only when at least `marketplaceMinSellers` sellers have it; the
   * whole comparison is null when fewer sellers were active in the window.
   */
  async function marketplaceFigures(since: Date, sinceDay: string, now: Date): Promise<MarketplaceFigures | null> {
    const dueBefore = new Date(now.getTime() - responseDeadlineSeconds * 1000);
    const median = (column: string) => sql.raw(`percentile_cont(0.5) WITHIN GROUP (ORDER BY ${column}) AS ${column}, count(${column})::int AS ${column}_n`);
    const result = await sql<MarketplaceRow>`
      WITH r AS (
        SELECT seller_id,
               percentile_cont(0.5) WITHIN GROUP (ORDER BY response_seconds) FILTER (WHERE is_first) AS first_response,
               percentile_cont(0.5) WITHIN GROUP (ORDER BY response_seconds) AS median_response,
               avg(response_seconds)::float8 AS average_response,
               count(*) FILTER (WHERE response_seconds <= ${responseDeadlineSeconds})::float8
                 / nullif(count(*) FILTER (WHERE answered_at IS NOT NULL OR asked_at <= ${dueBefore}), 0) AS response_rate,
               count(*) FILTER (WHERE response_seconds > ${responseDeadlineSeconds})::float8 / nullif(count(answered_at), 0) AS late_rate
          FROM conversation_responses WHERE asked_at >= ${since} GROUP BY seller_id
      ), i AS (
        SELECT p.user_id AS seller_id, count(c.converted_order_id)::float8 / count(*) AS conversion_rate
          FROM conversations c JOIN conversation_participants p ON p.conversation_id = c.id AND p.role = 'seller'
         WHERE c.conversation_type = 'product_inquiry' AND c.created_at >= ${since} GROUP BY p.user_id
      ), e AS (
        SELECT seller_id, count(*) FILTER (WHERE buyer_messages > 0 AND seller_messages > 0)::float8 / count(*) AS engagement_rate
          FROM conversation_daily_stats WHERE day >= ${sinceDay}::date AND seller_id IS NOT NULL GROUP BY seller_id
      )
      SELECT (SELECT count(*)::int FROM (SELECT seller_id FROM r UNION SELECT seller_id FROM i UNION SELECT seller_id FROM e) s) AS sellers, r_m.*, i_m.*, e_m.*
        FROM (SELECT ${median('first_response')}, ${median('median_response')}, ${median('average_response')},
                     ${median('response_rate')}, ${median('late_rate')} FROM r) r_m,
             (SELECT ${median('conversion_rate')} FROM i) i_m,
             (SELECT ${median('engagement_rate')} FROM e) e_m`.execute(db);
    const r = result.rows[0]!;
    if (r.sellers < marketplaceMinSellers) return null;
    const enough = (value: number | null, n: number) => (n >= marketplaceMinSellers ? value : null);
    return {
      sellers: r.sellers,
      firstResponseSeconds: roundSeconds(enough(r.first_response, r.first_response_n)),
      medianResponseSeconds: roundSeconds(enough(r.median_response, r.median_response_n)),
      averageResponseSeconds: roundSeconds(enough(r.average_response, r.average_response_n)),
      responseRate24h: roundRate(enough(r.response_rate, r.response_rate_n)),
      lateResponseRate: roundRate(enough(r.late_rate, r.late_rate_n)),
      conversionRate: roundRate(enough(r.conversion_rate, r.conversion_rate_n)),
      engagementRate: roundRate(enough(r.engagement_rate, r.engagement_rate_n)),
    };
  }

  return { conversationAnalytics, sellerAnalytics };
}

export type AnalyticsReports = ReturnType<typeof createAnalyticsReports>;
