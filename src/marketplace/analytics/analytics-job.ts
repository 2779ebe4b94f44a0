import type { Logger } from 'pino';
import type { MessageCrypto } from '../../crypto/message-crypto.ts';
import { findConversationSummary } from '../../conversations/sql/findConversationSummary.ts';
import { findLastMessageSeq } from '../../conversations/sql/findLastMessageSeq.ts';
import { listConversationsBehindAnalytics } from '../../conversations/sql/listConversationsBehindAnalytics.ts';
import type { Db } from '../../db/connect.ts';
import { listMessagesInRange } from '../../messages/sql/listMessagesInRange.ts';
import { raiseConversationFlag } from '../disputes/sql/raiseConversationFlag.ts';
import { systemSenderId } from '../../messages/messages-service.ts';
import { partiesOf } from '../conversation-parties.ts';
import { batchesPerRound, messagesPerRound, type CountedMessage, type RoundChanges, tallyColumns, tallyMessages, tallyOf, utcDay } from './analytics-tally.ts';
import { type MessageSentiment, scoreMessage } from './sentiment.ts';
import { addConversationDailyStats } from './sql/addConversationDailyStats.ts';
import { answerOpenQuestion } from './sql/answerOpenQuestion.ts';
import { claimConversationAnalytics } from './sql/claimConversationAnalytics.ts';
import { ensureConversationAnalytics } from './sql/ensureConversationAnalytics.ts';
import { insertConversationResponses } from './sql/insertConversationResponses.ts';
import { updateConversationAnalytics } from './sql/updateConversationAnalytics.ts';

export interface AnalyticsDeps {
  db: Db;
  crypto: MessageCrypto;
  log: Logger;
}


/**
 * The analytics job: takes in new messages in batches and keeps conversation_analytics,
 * conversation_responses and conversation_daily_stats (what counts: analytics-tally.ts), and
 * raises the negative-sentiment flags of the moderators' queue.
 */
export function createAnalyticsJob({ db, crypto, log }: AnalyticsDeps) {
  // --- the batch -------------------------------------------------------------------------------

  /** Conversations with a seller and messages not taken in yet, in id order after `afterId`. */
  async function conversationsBehind(batch: number, afterId: string | null): Promise<string[]> {
    return listConversationsBehindAnalytics(db, batch, afterId);
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
      const conversation = await findConversationSummary(trx, conversationId);
      if (!conversation) return false;
      const identity = { seller_id: parties.sellerId, buyer_id: parties.buyerId, conversation_type: conversation.conversation_type };
      await ensureConversationAnalytics(trx, conversationId, identity);
      const row = await claimConversationAnalytics(trx, conversationId);
      if (!row) return false;
      // Read after the claim: every message up to this sequence number is committed (sequence
      // numbers are handed out under the conversation's row lock, in commit order).
      const target = (await findLastMessageSeq(trx, conversationId))!;
      if (row.last_processed_seq >= target) return false;
      const { counted, processedSeq } = await countedMessages(trx, conversationId, row.last_processed_seq, target, parties.everyone);
      const changes = tallyMessages(tallyOf(row), counted);
      await writeRound(trx, conversationId, parties.sellerId, changes);
      await updateConversationAnalytics(trx, conversationId, { ...identity, ...tallyColumns(changes.tally), last_processed_seq: processedSeq });
      return true;
    });
  }

  /**
   * The messages after `after` up to `target` (at most `messagesPerRound`), those that count
   * classified by their sender's role, and the sequence number the round covers.
   */
  async function countedMessages(trx: Db, conversationId: string, after: number, target: number, everyone: { userId: string; role: string }[]) {
    const messages = await listMessagesInRange(trx, conversationId, after, target, messagesPerRound);
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
      await answerOpenQuestion(trx, conversationId, answeredAt, responseSeconds);
    }
    if (changes.questions.length) {
      await insertConversationResponses(
        trx,
        changes.questions.map((q) => ({
          conversation_id: conversationId,
          asked_seq: q.askedSeq,
          seller_id: sellerId,
          asked_at: q.askedAt,
          answered_at: q.answeredAt,
          response_seconds: q.responseSeconds,
          is_first: q.isFirst,
        })),
      );
    }
    if (changes.perDay.size) {
      await addConversationDailyStats(trx, conversationId, sellerId, changes.perDay);
    }
    if (changes.flag) {
      await raiseConversationFlag(trx, { conversationId, reason: 'negative_sentiment', score: changes.flag.score, detail: changes.flag.detail });
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

  return { refresh };
}

export type AnalyticsJob = ReturnType<typeof createAnalyticsJob>;
