import { alignPartiesJoinedAt } from '../conversations/sql/alignPartiesJoinedAt.ts';
import { listPendingReminders } from '../conversations/sql/listPendingReminders.ts';
import { setConversationTimeSpans } from '../conversations/sql/setConversationTimeSpans.ts';
import { setReminderDueAt } from '../conversations/sql/setReminderDueAt.ts';
import type { Db } from '../db/connect.ts';
import { forgetConversationAnalytics } from '../marketplace/analytics/sql/forgetConversationAnalytics.ts';
import { listOrderEventTimes } from '../marketplace/orders/sql/listOrderEventTimes.ts';
import { backdateRatingRequests } from '../marketplace/ratings/sql/backdateRatingRequests.ts';
import { setRepliesLastUsedAt } from '../marketplace/replies/sql/setRepliesLastUsedAt.ts';
import { systemSenderId } from '../messages/messages-service.ts';
import { backdateMessagesByClientId, backdateMessagesById } from '../messages/sql/backdateMessages.ts';
import { findFirstUnreadTypedAt } from '../messages/sql/findFirstUnreadTypedAt.ts';
import { findMessageOutOfTimeOrder } from '../messages/sql/findMessageOutOfTimeOrder.ts';
import { listMessageTimeSpans } from '../messages/sql/listMessageTimeSpans.ts';
import { listReplyLastUses } from '../messages/sql/listReplyLastUses.ts';
import { MESSAGE_TIMES, ORDERS } from './story.ts';

/** A message the seeding wrote, by its key in the story. */
export interface WrittenMessage {
  key: string;
  conversationId: string;
  senderId: string;
}

/** Backdating found the messages in an order it cannot keep; nothing was moved. */
export class BackdatingRefused extends Error {}

/**
 * Moves the demo messages to their time in the story (MESSAGE_TIMES), the system message of
 * each order event to the time the event occurred, and the ask to rate a delivered order to its
 * delivery, with every time that derives from them.
 *
 * Demo data only. Messages cannot be backdated through the API (it stamps them as they are
 * written), and the dashboards need real-looking gaps: response times, the 24-hour rate and the
 * daily volume all come from `messages.created_at`. So the messages are written through the API
 * like everything else, and right after their timestamps are moved here, in one transaction:
 *
 * - `messages.created_at`: only of messages still later than their story time, so a second run
 *   (or a restart of demo mode) moves nothing again. Story times count from the first run, which
 *   the stored order events give back (their occurredAt was counted from it).
 * - `conversations`: `created_at` (no later than the first message), `last_message_at` (the
 *   last message's) and `updated_at` (the last message, or the inquiry's conversion by an order).
 * - `conversation_participants`: the buyer's and seller's `joined_at` (when the conversation
 *   began), and `reminder_due_at`, due the configured delay after the first unread message typed
 *   by someone else, as sending it would have set it. Read marks are sequence numbers (no times)
 *   and stay as they are: whoever wrote has read up to their message (`say`), and a participant
 *   who read to the end has no reminder, so none is set for them.
 * - Analytics taken in before the move (`conversation_analytics`, `conversation_responses`,
 *   `conversation_daily_stats`) are dropped for these conversations; the analytics job counts
 *   them again from the moved times.
 * - `last_used_at` of the templates and quick replies the moved messages used.
 *
 * Within a conversation times must rise with seq; if they would not (a data directory seeded by
 * another version, say), nothing is moved and BackdatingRefused says why.
 */
export async function backdateMessages(db: Db, written: WrittenMessage[], reminderSeconds: number): Promise<number> {
  const orderIds = ORDERS.map((o) => o.orderId);
  return db.transaction().execute(async (trx) => {
    const events = await listOrderEventTimes(trx, orderIds);
    const occurred = new Map(events.map((e) => [e.eventId, e.occurredAt.getTime()]));
    // The first run's "now": every backdated order event was counted from it.
    const anchor = ORDERS.flatMap((o) => o.steps.map((step) => ({ eventId: `${o.orderId}-${step.type}`, daysAgo: step.daysAgo }))).find((a) => a.daysAgo !== undefined && occurred.has(a.eventId));
    if (!anchor) throw new BackdatingRefused('The demo messages keep the times they were written at: no backdated order event was found to count their times from.');
    const firstRun = occurred.get(anchor.eventId)! + anchor.daysAgo! * 86_400_000;

    const targets: { conversationId: string; senderId: string; clientMessageId: string; at: Date }[] = [];
    for (const w of written) {
      const when = MESSAGE_TIMES[w.key];
      if (!when) continue;
      const base = 'ago' in when ? firstRun - when.ago : occurred.get(when.after);
      if (base === undefined) continue;
      const at = 'ago' in when ? base : base + when.by;
      targets.push({ conversationId: w.conversationId, senderId: w.senderId, clientMessageId: `demo:${w.key}`, at: new Date(at) });
    }

    // The system message each order event posted, at the time the event occurred; then what the
    // buyers and sellers wrote, at its time in the story.
    const systemMoved = await backdateMessagesById(trx, events.flatMap((e) => (e.messageId ? [{ id: e.messageId, at: e.occurredAt }] : [])));
    // The ask to rate the seller went out with the delivery, a second after its message.
    const delivered = orderIds.flatMap((orderId) => {
      const at = occurred.get(`${orderId}-delivered`);
      return at === undefined ? [] : [{ orderId, at: new Date(at + 1000) }];
    });
    systemMoved.push(...(await backdateMessagesById(trx, await backdateRatingRequests(trx, delivered))));
    const typedMoved = await backdateMessagesByClientId(trx, targets);
    const moved = [...systemMoved, ...typedMoved];
    if (moved.length === 0) return 0;
    const affected = [...new Set(moved.map((m) => m.conversationId))];

    const outOfOrder = await findMessageOutOfTimeOrder(trx, affected);
    if (outOfOrder) {
      throw new BackdatingRefused(`The demo messages keep the times they were written at: moved, message ${outOfOrder.seq} of conversation ${outOfOrder.conversationId} would be older than the one before it.`);
    }

    await setConversationTimeSpans(trx, await listMessageTimeSpans(trx, affected));
    await alignPartiesJoinedAt(trx, affected);
    // A pending reminder falls due the configured delay after the first unread message someone typed.
    const firstUnread = await findFirstUnreadTypedAt(trx, await listPendingReminders(trx, affected), systemSenderId);
    await setReminderDueAt(trx, firstUnread.map((u) => ({ conversationId: u.conversationId, userId: u.userId, dueAt: new Date(u.firstAt.getTime() + reminderSeconds * 1000) })));

    // Figures the analytics job may have taken in from the old times: it counts these conversations again.
    await forgetConversationAnalytics(trx, affected);

    const movedIds = moved.map((m) => m.id);
    for (const [table, key] of [['message_templates', 'templateId'], ['quick_replies', 'quickReplyId']] as const) {
      const uses = await listReplyLastUses(trx, movedIds, key);
      await setRepliesLastUsedAt(trx, table, uses.map((u) => ({ replyId: u.replyId, sellerId: u.senderId, lastAt: u.lastAt })));
    }
    return moved.length;
  });
}
