import type { Envelope } from '../realtime/fanout.ts';
import type { Ordered, OrderedEvent } from '../realtime/connection.ts';
import type { MessageView } from './message-view.ts';

/**
 * New messages form one ordered stream per conversation: the hub is given this (HubHooks.order)
 * so that each socket gets a conversation's messages in sequence order, without gaps or repeats.
 */
export function messageOrder(payload: Envelope['payload']): Ordered | undefined {
  if (payload.type !== 'message.created') return undefined;
  const message = payload.message as Pick<MessageView, 'conversationId' | 'seq' | 'senderId'>;
  return { stream: message.conversationId, seq: message.seq, author: message.senderId };
}

/** A stored message as the `message.created` event a socket replays or refills. */
export function messageCreatedEvent(message: MessageView): OrderedEvent {
  return { stream: message.conversationId, seq: message.seq, author: message.senderId, json: JSON.stringify({ type: 'message.created', message }) };
}
