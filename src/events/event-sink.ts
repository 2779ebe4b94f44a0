import type { Db } from '../db/connect.ts';

/**
 * Where the modules that own conversations, messages, orders, disputes and notifications
 * report what happened, for the event webhooks. A one-way hook: the owners are handed a sink
 * when they are built and never import its implementation (src/webhooks), so no import circle
 * forms.
 */

export const EVENT_TYPES = [
  'message.created',
  'conversation.created',
  'order.placed',
  'order.paid',
  'order.shipped',
  'order.delivered',
  'order.cancelled',
  'order.refunded',
  'dispute.opened',
  'dispute.assigned',
  'dispute.status_changed',
  'dispute.resolved',
  'notification.delivered',
  'notification.opened',
  'notification.clicked',
  'notification.failed',
  'notification.dead_lettered',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

export interface DomainEvent {
  type: EventType;
  /** The seller the event is about (a conversation's or an order's): their endpoints get it too; null: the marketplace's only. */
  sellerId: string | null;
  /** The event's `data`, as receivers get it. */
  data: Record<string, unknown>;
  occurredAt?: Date;
}

export interface EventSink {
  /**
   * Records events with `executor`: the caller's transaction where it has one, so that an
   * event is stored if and only if the change it reports is.
   */
  record(executor: Db, events: DomainEvent[]): Promise<void>;
}

/** No webhooks: events go nowhere (units built alone, tools). */
export const noEvents: EventSink = { record: async () => {} };
