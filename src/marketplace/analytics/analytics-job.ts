import { randomUUID } from 'node:crypto';
import { type RawBuilder, sql } from 'kysely';
import type { Logger } from 'pino';
import { isUuid, requireConversationAccess } from '../../auth/access.ts';
import { isOperator, type Principal } from '../../auth/principal.ts';
import type { MessageCrypto } from '../../crypto/message-crypto.ts';
import type { Db } from '../../db/connect.ts';
import { conflict, forbidden, notFound } from '../../errors.ts';
import { systemSenderId } from '../../messages/service.ts';
import { decodeCursor, encodeCursor } from '../../cursor.ts';
import { partiesOf, requireModerator } from '../conversation-parties.ts';
import { averageComparative, isStronglyNegative, type MessageSentiment, negativity, scoreMessage, turnsNegative } from './sentiment.ts';

/**
 * Conversation analytics, precomputed in batches, and sentiment flags for moderators.
 *
 * What counts:
 * - A **message** is one written by the conversation's buyer or seller (a participant with that
 *   role). Platform messages (sender `system`) and automated ones (`is_automated`: order
 *   events, automated notifications, auto-replies) never count, as messages or as responses.
 * - A **question** starts with the buyer's first message after the seller's last reply (or the
 *   buyer's first message at all); further buyer messages before a reply belong to it.
 * - A **response** is the seller's next message after a question; its response time runs from
 *   the question's first message. The **first response** answers the conversation's first
 *   question. A response is **within 24 h** at up to 86,400 seconds and **late** after that.
 *   An unanswered question stays open (`unansweredSince`) until the seller writes.
 * - A conversation is **active** on a day (UTC) when a buyer or seller message counts that day,
 *   and **engaged** on that day when both the buyer and the seller wrote.
 *
 * The batch job (`refresh`) takes in new messages every analytics interval, so every figure
 * lags by up to that interval (`PARLEY_ANALYTICS_INTERVAL_SECONDS`); queries read only the
 * precomputed tables and never the messages.
 */

/** Seconds in a day: a response within it is on time, after it is late. */
export const responseDeadlineSeconds = 86_400;
/** The windows seller analytics are given for, in days. */
export const analyticsWindows = [7, 30, 90] as const;
/** The anonymised marketplace comparison needs at least this many sellers in a window. */
export const marketplaceMinSellers = 5;
/** Messages one conversation takes in per batch; the rest wait for the next batch. */
const messagesPerRound = 1_000;
/** Batches one run of the job takes at most, so a run ends even under a constant stream of messages. */
const batchesPerRound = 50;
/** Days of per-day counts a conversation's analytics show. */
const conversationDays = 90;

const dayMs = 86_400_000;
const utcDay = (at: Date) => at.toISOString().slice(0, 10);
const roundSeconds = (value: number | null) => (value === null ? null : Math.round(value));
const roundRate = (value: number | null) => (value === null ? null : Math.round(value * 10_000) / 10_000);
const ratio = (part: number, whole: number) => (whole > 0 ? roundRate(part / whole) : null);

// ---------------------------------------------------------------------------------------------
// The batch: folding new messages into a conversation's figures

/** A buyer or seller message that counts, in sequence order. */
export interface CountedMessage {
  seq: number;
  side: 'buyer' | 'seller';
  at: Date;
  /** null when it has no text (an attachment, a deleted message) or could not be read. */
  sentiment: MessageSentiment | null;
}

/** One conversation's running figures, as `conversation_analytics` keeps them. */
export interface Tally {
  buyerMessages: number;
  sellerMessages: number;
  firstBuyerMessageAt: Date | null;
  firstResponseSeconds: number | null;
  /** When the open question was asked; null when the seller has answered everything. */
  pendingSince: Date | null;
  responses: number;
  responseSecondsTotal: number;
  responsesWithin24h: number;
  lateResponses: number;
  sentimentRecent: MessageSentiment[];
}

/** A question asked in this round, answered in it or not. */
export interface Question {
  askedSeq: number;
  askedAt: Date;
  isFirst: boolean;
  answeredAt: Date | null;
  responseSeconds: number | null;
}

/** What one round adds to a conversation's analytics. */
export interface RoundChanges {
  tally: Tally;
  questions: Question[];
  /** The answer to the question that was already open before this round. */
  earlierQuestionAnswered: { answeredAt: Date; responseSeconds: number } | null;
  perDay: Map<string, { buyerMessages: number; sellerMessages: number }>;
  /** A negative-sentiment flag to raise (unless an unreviewed one is open). */
  flag: { score: number; detail: Record<string, unknown> } | null;
}

/** Folds a round's counted messages into the running figures. Pure: the caller writes the result. */
export function tallyMessages(before: Tally, messages: readonly CountedMessage[]): RoundChanges {
  const tally: Tally = { ...before, sentimentRecent: [...before.sentimentRecent] };
  const changes: RoundChanges = { tally, questions: [], earlierQuestionAnswered: null, perDay: new Map(), flag: null };
  for (const message of messages) {
    countDay(changes.perDay, message);
    if (message.side === 'buyer') takeBuyerMessage(changes, message);
    else takeSellerMessage(changes, message);
  }
  return changes;
}

function countDay(perDay: RoundChanges['perDay'], message: CountedMessage): void {
  const day = utcDay(message.at);
  const counts = perDay.get(day) ?? { buyerMessages: 0, sellerMessages: 0 };
  if (message.side === 'buyer') counts.buyerMessages += 1;
  else counts.sellerMessages += 1;
  perDay.set(day, counts);
}

function takeBuyerMessage(changes: RoundChanges, message: CountedMessage): void {
  const { tally } = changes;
  tally.buyerMessages += 1;
  if (!tally.pendingSince) {
    changes.questions.push({ askedSeq: message.seq, askedAt: message.at, isFirst: tally.firstBuyerMessageAt === null, answeredAt: null, responseSeconds: null });
    tally.pendingSince = message.at;
  }
  tally.firstBuyerMessageAt ??= message.at;
  if (!message.sentiment) return;
  tally.sentimentRecent = [...tally.sentimentRecent, message.sentiment].slice(-negativity.keep);
  if (!changes.flag && turnsNegative(tally.sentimentRecent)) changes.flag = negativeSentimentFlag(message.seq, tally.sentimentRecent);
}

function takeSellerMessage(changes: RoundChanges, message: CountedMessage): void {
  const { tally } = changes;
  tally.sellerMessages += 1;
  if (!tally.pendingSince) return;
  const responseSeconds = Math.max(0, Math.round((message.at.getTime() - tally.pendingSince.getTime()) / 1000));
  const open = changes.questions.find((q) => q.answeredAt === null);
  if (open) Object.assign(open, { answeredAt: message.at, responseSeconds });
  else changes.earlierQuestionAnswered = { answeredAt: message.at, responseSeconds };
  if (tally.responses === 0) tally.firstResponseSeconds = responseSeconds;
  tally.responses += 1;
  tally.responseSecondsTotal += responseSeconds;
  if (responseSeconds <= responseDeadlineSeconds) tally.responsesWithin24h += 1;
  else tally.lateResponses += 1;
  tally.pendingSince = null;
}

/** The flag's score is the average comparative score of the window the rule looked at. */
function negativeSentimentFlag(messageSeq: number, recent: MessageSentiment[]): RoundChanges['flag'] {
  const window = recent.slice(-negativity.window);
  const latest = recent.at(-1)!;
  return {
    score: averageComparative(window)!,
    detail: { messageSeq, rule: isStronglyNegative(latest) ? 'strongly_negative_message' : 'negative_run', recent },
  };
}

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

export interface FlagView {
  flagId: string;
  conversationId: string;
  conversationType: string;
  orderId: string | null;
  buyerId: string | null;
  sellerId: string | null;
  reason: string;
  score: number | null;
  recent: MessageSentiment[];
  /** The sequence number of the message that raised it. */
  messageSeq: number | null;
  flaggedAt: string;
  reviewedAt: string | null;
  reviewedBy: string | null;
  reviewNote: string | null;
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

interface FlagRow {
  id: string;
  conversation_id: string;
  conversation_type: string;
  order_id: string | null;
  buyer_id: string | null;
  seller_id: string | null;
  reason: string;
  score: number | null;
  detail: unknown;
  flagged_at: Date;
  reviewed_at: Date | null;
  reviewed_by: string | null;
  review_note: string | null;
}

export interface AnalyticsDeps {
  db: Db;
  crypto: MessageCrypto;
  log: Logger;
}

export function createAnalytics({ db, crypto, log }: AnalyticsDeps) {
  // --- the batch -------------------------------------------------------------------------------

  /** Conversations with a seller and messages not taken in yet, in id order after `afterId`. */
  async function conversationsBehind(batch: number, afterId: string | null): Promise<string[]> {
    let q = db
      .selectFrom('conversations as c')
      .leftJoin('conversation_analytics as a', 'a.conversation_id', 'c.id')
      .select('c.id')
      .where(sql<boolean>`c.last_message_seq > coalesce(a.last_processed_seq, 0)`)
      .where((eb) => eb.exists(eb.selectFrom('conversation_participants as p').select('p.user_id').whereRef('p.conversation_id', '=', 'c.id').where('p.role', '=', 'seller')));
    if (afterId) q = q.where('c.id', '>', afterId);
    const rows = await q.orderBy('c.id').limit(batch).execute();
    return rows.map((r) => r.id);
  }

  /** The sentiment of a buyer message's text, or null when it has none or cannot be read. */
  function sentimentOf(row: { content_encrypted: Uint8Array | null; key_id: string | null; seq: number }, conversationId: string): MessageSentiment | null {
    if (!row.content_encrypted || !row.key_id) return null;
    try {
      return scoreMessage(crypto.decrypt(row.content_encrypted, row.key_id));
    } catch (error) {
      log.warn({ conversationId, seq: row.seq, err: (error as Error).message }, 'analytics could not read a message; it counts without a sentiment score');
      return null;
    }
  }

  /**
   * Takes in one conversation's new messages, in its own transaction: claims its analytics row
   * (FOR UPDATE SKIP LOCKED: a row another worker holds is left to it), reads the messages after
   * `last_processed_seq`, and writes every figure with the new `last_processed_seq`. Resolves
   * false when there was nothing to do or another worker had it.
   */
  async function takeInConversation(conversationId: string): Promise<boolean> {
    return db.transaction().execute(async (trx) => {
      const parties = await partiesOf(trx, conversationId);
      if (!parties.sellerId) return false;
      const conversation = await trx.selectFrom('conversations').select('conversation_type').where('id', '=', conversationId).executeTakeFirst();
      if (!conversation) return false;
      const identity = { seller_id: parties.sellerId, buyer_id: parties.buyerId, conversation_type: conversation.conversation_type };
      await trx
        .insertInto('conversation_analytics')
        .values({ conversation_id: conversationId, ...identity })
        .onConflict((oc) => oc.column('conversation_id').doNothing())
        .execute();
      const row = await trx.selectFrom('conversation_analytics').selectAll().where('conversation_id', '=', conversationId).forUpdate().skipLocked().executeTakeFirst();
      if (!row) return false;
      // Read after the claim: every message up to this sequence number is committed (sequence
      // numbers are handed out under the conversation's row lock, in commit order).
      const { last_message_seq: target } = await trx.selectFrom('conversations').select('last_message_seq').where('id', '=', conversationId).executeTakeFirstOrThrow();
      if (row.last_processed_seq >= target) return false;
      const { counted, processedSeq } = await countedMessages(trx, conversationId, row.last_processed_seq, target, parties.everyone);
      const changes = tallyMessages(tallyOf(row), counted);
      await writeRound(trx, conversationId, parties.sellerId, changes);
      await trx
        .updateTable('conversation_analytics')
        .set({ ...identity, ...tallyColumns(changes.tally), last_processed_seq: processedSeq, updated_at: sql`now()` })
        .where('conversation_id', '=', conversationId)
        .execute();
      return true;
    });
  }

  /**
   * The messages after `after` up to `target` (at most `messagesPerRound`), those that count
   * classified by their sender's role, and the sequence number the round covers.
   */
  async function countedMessages(trx: Db, conversationId: string, after: number, target: number, everyone: { userId: string; role: string }[]) {
    const messages = await trx
      .selectFrom('messages')
      .select(['seq', 'sender_id', 'is_automated', 'created_at', 'content_encrypted', 'key_id'])
      .where('conversation_id', '=', conversationId)
      .where('seq', '>', after)
      .where('seq', '<=', target)
      .orderBy('seq')
      .limit(messagesPerRound)
      .execute();
    const sides = new Map(everyone.filter((p) => p.role === 'buyer' || p.role === 'seller').map((p) => [p.userId, p.role as 'buyer' | 'seller']));
    const counted: CountedMessage[] = [];
    for (const m of messages) {
      const side = m.sender_id === systemSenderId || m.is_automated ? undefined : sides.get(m.sender_id);
      if (side) counted.push({ seq: m.seq, side, at: m.created_at, sentiment: side === 'buyer' ? sentimentOf(m, conversationId) : null });
    }
    return { counted, processedSeq: messages.length === messagesPerRound ? messages.at(-1)!.seq : target };
  }

  async function writeRound(trx: Db, conversationId: string, sellerId: string, changes: RoundChanges): Promise<void> {
    if (changes.earlierQuestionAnswered) {
      const { answeredAt, responseSeconds } = changes.earlierQuestionAnswered;
      await trx
        .updateTable('conversation_responses')
        .set({ answered_at: answeredAt, response_seconds: responseSeconds })
        .where('conversation_id', '=', conversationId)
        .where('answered_at', 'is', null)
        .execute();
    }
    if (changes.questions.length) {
      await trx
        .insertInto('conversation_responses')
        .values(
          changes.questions.map((q) => ({
            conversation_id: conversationId,
            asked_seq: q.askedSeq,
            seller_id: sellerId,
            asked_at: q.askedAt,
            answered_at: q.answeredAt,
            response_seconds: q.responseSeconds,
            is_first: q.isFirst,
          })),
        )
        .execute();
    }
    if (changes.perDay.size) {
      await trx
        .insertInto('conversation_daily_stats')
        .values([...changes.perDay].map(([day, c]) => ({ conversation_id: conversationId, day, seller_id: sellerId, buyer_messages: c.buyerMessages, seller_messages: c.sellerMessages })))
        .onConflict((oc) =>
          oc.columns(['conversation_id', 'day']).doUpdateSet({
            seller_id: sellerId,
            buyer_messages: sql`conversation_daily_stats.buyer_messages + excluded.buyer_messages`,
            seller_messages: sql`conversation_daily_stats.seller_messages + excluded.seller_messages`,
          }),
        )
        .execute();
    }
    if (changes.flag) {
      await trx
        .insertInto('conversation_flags')
        .values({ id: randomUUID(), conversation_id: conversationId, reason: 'negative_sentiment', score: changes.flag.score, detail: JSON.stringify(changes.flag.detail) })
        .onConflict((oc) => oc.columns(['conversation_id', 'reason']).where('reviewed_at', 'is', null).doNothing())
        .execute();
    }
  }

  /**
   * The batch job: takes in the new messages of conversations `batch` at a time, each
   * conversation in its own transaction, walking every conversation that is behind once (at
   * most `batchesPerRound` batches). Safe on several workers at once and after a crash: a
   * conversation's figures commit with the sequence number they cover. Resolves with the
   * conversations updated.
   */
  async function refresh(batch = 200): Promise<number> {
    let updated = 0;
    let afterId: string | null = null;
    for (let round = 0; round < batchesPerRound; round += 1) {
      const behind = await conversationsBehind(batch, afterId);
      updated += await takeInAll(behind);
      if (behind.length < batch) break;
      afterId = behind.at(-1)!;
    }
    return updated;
  }

  /** One batch; a conversation that fails is logged and tried again next round. */
  async function takeInAll(conversationIds: string[]): Promise<number> {
    let updated = 0;
    for (const conversationId of conversationIds) {
      try {
        if (await takeInConversation(conversationId)) updated += 1;
      } catch (error) {
        log.warn({ conversationId, err: (error as Error).message }, 'analytics could not take in a conversation; it is tried again next round');
      }
    }
    return updated;
  }

  // --- conversation analytics ----------------------------------------------------------------------

  /**
   * One conversation's figures. Its seller, its moderators and operators may read them; its
   * buyer may not (they describe the seller's work); anyone else learns nothing (404).
   */
  async function conversationAnalytics(principal: Principal, conversationId: string): Promise<ConversationAnalyticsView> {
    const access = await requireConversationAccess(db, principal, conversationId);
    const role = access.participant?.role;
    if (!isOperator(principal) && role !== 'seller' && role !== 'moderator') {
      throw forbidden('analytics_sellers_only', "A conversation's analytics are for its seller, its moderators and operators.");
    }
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
  function sellerScope(principal: Principal, sellerId: string | undefined): Scope {
    if (isOperator(principal)) return sellerId ? { sellerId } : { everySeller: true };
    if (principal.role !== 'seller') throw forbidden('sellers_only', 'Messaging analytics are for sellers (their own) and operators.');
    if (sellerId !== undefined && sellerId !== principal.userId) throw forbidden('not_your_analytics', 'A seller can only read their own analytics; leave out sellerId or use your own.');
    return { sellerId: principal.userId };
  }

  /** A seller's (or the marketplace's) figures over the last 7, 30 and 90 days, with the anonymised comparison. */
  async function sellerAnalytics(principal: Principal, query: { sellerId?: string }): Promise<SellerAnalyticsView> {
    const scope = sellerScope(principal, query.sellerId);
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

  // --- moderation --------------------------------------------------------------------------------

  function flagQuery() {
    const participant = (role: string) =>
      sql<string | null>`(SELECT p.user_id FROM conversation_participants p WHERE p.conversation_id = f.conversation_id AND p.role = ${role} ORDER BY p.joined_at LIMIT 1)`;
    return db
      .selectFrom('conversation_flags as f')
      .innerJoin('conversations as c', 'c.id', 'f.conversation_id')
      .select(['f.id', 'f.conversation_id', 'f.reason', 'f.score', 'f.detail', 'f.flagged_at', 'f.reviewed_at', 'f.reviewed_by', 'f.review_note', 'c.conversation_type', 'c.order_id'])
      .select([participant('buyer').as('buyer_id'), participant('seller').as('seller_id')]);
  }

  function flagView(row: FlagRow): FlagView {
    const detail = (row.detail ?? {}) as { recent?: unknown; messageSeq?: unknown };
    return {
      flagId: row.id,
      conversationId: row.conversation_id,
      conversationType: row.conversation_type,
      orderId: row.order_id,
      buyerId: row.buyer_id,
      sellerId: row.seller_id,
      reason: row.reason,
      score: row.score,
      recent: sentimentList(detail.recent),
      messageSeq: typeof detail.messageSeq === 'number' ? detail.messageSeq : null,
      flaggedAt: row.flagged_at.toISOString(),
      reviewedAt: row.reviewed_at?.toISOString() ?? null,
      reviewedBy: row.reviewed_by,
      reviewNote: row.review_note,
    };
  }

  /** Flagged conversations, newest first; `reviewed` keeps reviewed (true) or open (false) flags. Moderators and operators only. */
  async function flagged(principal: Principal, query: { reviewed?: boolean; cursor?: string; limit?: number }): Promise<{ flags: FlagView[]; nextCursor: string | null }> {
    requireModerator(principal, 'list flagged conversations');
    const limit = Math.min(Math.max(query.limit ?? 50, 1), 200);
    let q = flagQuery();
    if (query.reviewed !== undefined) q = q.where('f.reviewed_at', query.reviewed ? 'is not' : 'is', null);
    if (query.cursor) {
      const [at, id] = decodeCursor(query.cursor, ['date', 'uuid']);
      q = q.where((eb) => eb.or([eb('f.flagged_at', '<', at), eb.and([eb('f.flagged_at', '=', at), eb('f.id', '<', id)])]));
    }
    const rows = (await q.orderBy('f.flagged_at', 'desc').orderBy('f.id', 'desc').limit(limit + 1).execute()) as FlagRow[];
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      flags: page.map(flagView),
      nextCursor: rows.length > limit && last ? encodeCursor([last.flagged_at, last.id]) : null,
    };
  }

  /** Marks a flag reviewed, once, by the calling moderator or operator. */
  async function review(principal: Principal, flagId: string, note?: string): Promise<FlagView> {
    requireModerator(principal, 'review flagged conversations');
    if (!isUuid(flagId)) throw notFound('flag');
    const updated = await db
      .updateTable('conversation_flags')
      .set({ reviewed_at: sql`now()`, reviewed_by: principal.userId, review_note: note ?? null })
      .where('id', '=', flagId)
      .where('reviewed_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    const row = (await flagQuery().where('f.id', '=', flagId).executeTakeFirst()) as FlagRow | undefined;
    if (!row) throw notFound('flag');
    if (!updated) {
      throw conflict('flag_already_reviewed', `This flag was already reviewed by ${row.reviewed_by ?? 'someone'} at ${row.reviewed_at?.toISOString() ?? 'an earlier time'}.`);
    }
    return flagView(row);
  }

  return { refresh, conversationAnalytics, sellerAnalytics, flagged, review };
}

export type Analytics = ReturnType<typeof createAnalytics>;

function tallyOf(row: {
  buyer_messages: number;
  seller_messages: number;
  first_buyer_message_at: Date | null;
  first_response_seconds: number | null;
  pending_since: Date | null;
  responses: number;
  response_seconds_total: number;
  responses_within_24h: number;
  late_responses: number;
  sentiment_recent: unknown;
}): Tally {
  return {
    buyerMessages: row.buyer_messages,
    sellerMessages: row.seller_messages,
    firstBuyerMessageAt: row.first_buyer_message_at,
    firstResponseSeconds: row.first_response_seconds,
    pendingSince: row.pending_since,
    responses: row.responses,
    responseSecondsTotal: Number(row.response_seconds_total),
    responsesWithin24h: row.responses_within_24h,
    lateResponses: row.late_responses,
    sentimentRecent: sentimentList(row.sentiment_recent),
  };
}

function tallyColumns(t: Tally) {
  return {
    buyer_messages: t.buyerMessages,
    seller_messages: t.sellerMessages,
    first_buyer_message_at: t.firstBuyerMessageAt,
    first_response_seconds: t.firstResponseSeconds,
    pending_since: t.pendingSince,
    responses: t.responses,
    response_seconds_total: t.responseSecondsTotal,
    responses_within_24h: t.responsesWithin24h,
    late_responses: t.lateResponses,
    sentiment_recent: JSON.stringify(t.sentimentRecent),
  };
}

/** Stored sentiment scores, read defensively (jsonb written by this module). */
function sentimentList(value: unknown): MessageSentiment[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter((v): v is MessageSentiment => typeof v?.score === 'number' && typeof v?.comparative === 'number')
    .map((v) => ({ score: v.score, comparative: v.comparative }));
}
