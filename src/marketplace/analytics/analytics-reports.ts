import type { AccessPolicy } from '../../access/policy.ts';
import type { Principal } from '../../auth/principal.ts';
import type { Db } from '../../db/connect.ts';
import { countProductInquiries } from '../../conversations/sql/countProductInquiries.ts';
import { findConversationConversion } from '../../conversations/sql/findConversationConversion.ts';
import { partiesOf } from '../conversation-parties.ts';
import { findOpenConversationFlag } from '../disputes/sql/findOpenConversationFlag.ts';
import { analyticsWindows, conversationDays, dayMs, marketplaceMinSellers, ratio, responseDeadlineSeconds, roundRate, roundSeconds, utcDay } from './analytics-tally.ts';
import { marketplaceAverageRating, type SatisfactionFigures, satisfactionFigures } from '../ratings/satisfaction-figures.ts';
import { averageComparative, type MessageSentiment, sentimentList } from './sentiment.ts';
import type { AnalyticsScope as Scope } from './sql/analyticsScopeFilter.ts';
import { findConversationAnalytics } from './sql/findConversationAnalytics.ts';
import { listConversationDailyStats } from './sql/listConversationDailyStats.ts';
import { readMarketplaceFigures } from './sql/readMarketplaceFigures.ts';
import { readResponseFigures } from './sql/readResponseFigures.ts';
import { readVolumeByDay } from './sql/readVolumeByDay.ts';

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
  /** Median over sellers of their average rating from buyers; null when fewer than 5 sellers were rated. */
  averageRating: number | null;
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
  /** Customer satisfaction: the buyers' ratings of the seller's communication given in the window. */
  satisfaction: SatisfactionFigures;
  marketplace: MarketplaceFigures | null;
}

export interface SellerAnalyticsView {
  /** null: the whole marketplace (operators only). */
  sellerId: string | null;
  generatedAt: string;
  windows: AnalyticsWindow[];
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
      findConversationConversion(db, conversationId),
      findConversationAnalytics(db, conversationId),
      partiesOf(db, conversationId),
      responseFigures({ conversationId }, null, new Date()),
      conversationPerDay(conversationId),
      findOpenConversationFlag(db, conversationId),
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
    const rows = await listConversationDailyStats(db, conversationId, since);
    return rows.map((r) => ({ day: r.day, buyerMessages: r.buyer_messages, sellerMessages: r.seller_messages }));
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
      satisfaction: await satisfactionFigures(db, 'sellerId' in scope ? scope.sellerId : null, since),
      marketplace: await marketplaceFigures(since, sinceDay, now),
    };
  }

  /** Response figures over the questions asked since `since` (null: all of them). */
  async function responseFigures(scope: Scope, since: Date | null, now: Date): Promise<ResponseFigures> {
    const dueBefore = new Date(now.getTime() - responseDeadlineSeconds * 1000);
    const r = await readResponseFigures(db, scope, since, dueBefore);
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
    const r = await countProductInquiries(db, 'sellerId' in scope ? scope.sellerId : null, since);
    return { inquiries: r.inquiries, convertedInquiries: r.converted };
  }

  async function volumeByDay(scope: Scope, sinceDay: string): Promise<VolumeDay[]> {
    const rows = await readVolumeByDay(db, scope, sinceDay);
    return rows.map((r) => ({ day: r.day, buyerMessages: r.buyer, sellerMessages: r.seller, activeConversations: r.active, engagedConversations: r.engaged }));
  }

  /**
   * The marketplace's headline figures, anonymised: each is the median over sellers of that
   * seller's own figure, given only when at least `marketplaceMinSellers` sellers have it; the
   * whole comparison is null when fewer sellers were active in the window.
   */
  async function marketplaceFigures(since: Date, sinceDay: string, now: Date): Promise<MarketplaceFigures | null> {
    const dueBefore = new Date(now.getTime() - responseDeadlineSeconds * 1000);
    const r = await readMarketplaceFigures(db, since, sinceDay, dueBefore);
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
      averageRating: await marketplaceAverageRating(db, since, marketplaceMinSellers),
    };
  }

  return { conversationAnalytics, sellerAnalytics };
}

export type AnalyticsReports = ReturnType<typeof createAnalyticsReports>;
