import type { MessageSentiment } from './sentiment.ts';
import { averageComparative, isStronglyNegative, negativity, sentimentList, turnsNegative } from './sentiment.ts';

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
export const messagesPerRound = 1_000;
/** Batches one run of the job takes at most, so a run ends even under a constant stream of messages. */
export const batchesPerRound = 50;
/** Days of per-day counts a conversation's analytics show. */
export const conversationDays = 90;

export const dayMs = 86_400_000;
export const utcDay = (at: Date) => at.toISOString().slice(0, 10);
export const roundSeconds = (value: number | null) => (value === null ? null : Math.round(value));
export const roundRate = (value: number | null) => (value === null ? null : Math.round(value * 10_000) / 10_000);
export const ratio = (part: number, whole: number) => (whole > 0 ? roundRate(part / whole) : null);

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


export function tallyOf(row: {
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

export function tallyColumns(t: Tally) {
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
