import { listParticipantIds } from '../../conversations/sql/listParticipantIds.ts';
import { markParticipantRead } from '../../conversations/sql/markParticipantRead.ts';
import type { Db } from '../../db/connect.ts';
import { conflict, invalid, notFound, ParleyError } from '../../errors.ts';
import { maxContentLength } from '../../messages/message-view.ts';
import type { MessagesService } from '../../messages/messages-service.ts';
import type { PushActionClaim, PushActionLinks, ServerAction } from '../../notifications/push-actions/push-action-links.ts';
import type { FanOut } from '../../realtime/fanout.ts';
import type { OrderAutomation } from '../orders/order-automation.ts';
import type { OrderConversations } from '../orders/order-conversations.ts';
import { findPushActionUse } from './sql/findPushActionUse.ts';
import { recordPushActionUse } from './sql/recordPushActionUse.ts';

/** What a device sends when the user taps a button (or answers a reply field) of a notification. */
export interface PushActionInput {
  action: string;
  /** The reply's text (Android RemoteInput, iOS UNTextInputNotificationAction). */
  text?: string;
}

export interface PushActionResult {
  action: ServerAction;
  conversationId?: string;
  /** The reply posted. */
  messageId?: string;
  /** After "mark as read": what stays unread (0). */
  unreadCount?: number;
  orderId?: string;
  /** After "confirm receipt": the order's status. */
  orderStatus?: string;
}

const tokenNotValid = () =>
  new ParleyError('not_found', 'push_action_not_valid', 'This notification action is not valid: it expired, was changed, or is not one Parley sent. Open the app instead.');

/**
 * Owner of push_action_uses. The buttons of a push notification act here, through the signed,
 * single-use token the notification carried: a reply posted into the conversation as the user,
 * "mark as read", or the buyer's "confirm receipt" (the order's `delivered` step, through order
 * automation). The token's id is spent in the transaction of the effect: a replay finds it spent
 * (409 push_action_used) and changes nothing, as does any refusal.
 */
export function createPushActions(deps: { db: Db; tokens: PushActionLinks; messages: MessagesService; orders: OrderAutomation; orderConversations: OrderConversations; fanOut: FanOut }) {
  const { db, tokens, messages, orders, orderConversations, fanOut } = deps;

  async function act(token: string, input: PushActionInput): Promise<PushActionResult> {
    const claim = tokens.read(token);
    if (!claim) throw tokenNotValid();
    const action = claim.actions.find((a) => a === input.action);
    if (!action) {
      const offered = claim.actions.map((a) => `"${a}"`).join(' and ');
      throw invalid('action_not_offered', `This notification's buttons act here with ${offered} only; "${input.action.slice(0, 40)}" is not one of them (a button like "view-order" opens the app instead).`, { field: 'action' });
    }
    const text = action === 'reply' ? replyText(input.text) : undefined;
    const used = await findPushActionUse(db, claim.id);
    if (used) throw spent(used.action);
    switch (action) {
      case 'reply':
        return reply(claim, text!);
      case 'mark-read':
        return markRead(claim);
      case 'confirm-receipt':
        return confirmReceipt(claim);
    }
  }

  /** Spends the token inside `trx`; a concurrent use that won the race makes this one a replay. */
  async function spend(trx: Db, claim: PushActionClaim, action: ServerAction): Promise<void> {
    if (!(await recordPushActionUse(trx, claim.id, action))) throw spent(action);
  }

  async function reply(claim: PushActionClaim, text: string): Promise<PushActionResult> {
    const conversationId = claim.conversationId!;
    // Posted as the user (masking applies); a user who left the conversation is refused as not found.
    const posted = await db.transaction().execute(async (trx) => {
      await spend(trx, claim, 'reply');
      return messages.postAsPlatform(trx, conversationId, { messageType: 'text', content: text, senderId: claim.userId, automated: false, metadata: { sentFrom: 'push-action' } });
    });
    posted.publish();
    return { action: 'reply', conversationId, messageId: posted.message.messageId };
  }

  async function markRead(claim: PushActionClaim): Promise<PushActionResult> {
    const conversationId = claim.conversationId!;
    const marks = await db.transaction().execute(async (trx) => {
      await spend(trx, claim, 'mark-read');
      const row = await markParticipantRead(trx, conversationId, claim.userId, null);
      if (!row) throw notFound('conversation');
      return row;
    });
    // As a read in the app tells them: the other participants see the receipt, the user's other devices the count.
    fanOut.publish({
      userIds: await listParticipantIds(db, conversationId),
      payload: { type: 'receipt', conversationId, userId: claim.userId, lastReadSeq: marks.last_read_seq, lastDeliveredSeq: marks.last_delivered_seq },
    });
    fanOut.publish({ userIds: [claim.userId], payload: { type: 'unread', conversationId, unreadCount: marks.unread_count } });
    return { action: 'mark-read', conversationId, unreadCount: marks.unread_count };
  }

  /** The buyer says the order arrived: its `delivered` event, applied as the marketplace's would be. */
  async function confirmReceipt(claim: PushActionClaim): Promise<PushActionResult> {
    const orderId = claim.orderId!;
    const order = await orderConversations.orderRow(orderId);
    if (!order || order.buyer_id !== claim.userId) throw notFound('order');
    const result = await orders.handle(
      { eventId: `push-action:${claim.id}`, type: 'delivered', orderId, note: 'The buyer confirmed receipt from a notification.' },
      'push-action',
      { alongside: (trx) => spend(trx, claim, 'confirm-receipt') },
    );
    // The event id is the token's: taken already means the token was spent by a concurrent request.
    if (result.replayed) throw spent('confirm-receipt');
    return { action: 'confirm-receipt', orderId, conversationId: result.conversationId, orderStatus: result.order.status };
  }

  return { act };
}

function replyText(text: string | undefined): string {
  const trimmed = (text ?? '').trim();
  if (trimmed === '') throw invalid('reply_text_required', 'A reply needs the text the user typed in "text".', { field: 'text' });
  if (trimmed.length > maxContentLength) throw invalid('reply_text_too_long', `A reply may be at most ${maxContentLength} characters; open the app to send a longer message.`, { field: 'text' });
  return trimmed;
}

function spent(action: string) {
  return conflict('push_action_used', `This notification was answered already ("${action}"); each notification's actions work once. Open the app to do more.`);
}

export type PushActions = ReturnType<typeof createPushActions>;
