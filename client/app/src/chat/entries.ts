import type { Message, OrderEvent, Participant, TimelineItem } from './api.ts';

/**
 * One line of a conversation's timeline. An order event and the system message it posted
 * share a key (the message's id): the timeline lists the event, a live socket sends the
 * message, and either stands for the other.
 */
export type Entry = { key: string; at: string; kind: 'message'; message: Message } | { key: string; at: string; kind: 'event'; event: OrderEvent };

export const messageEntry = (message: Message): Entry => ({ key: message.messageId, at: message.timestamp, kind: 'message', message });

export function timelineEntry(item: TimelineItem): Entry {
  if (item.kind === 'message') return messageEntry(item.message);
  return { key: item.event.messageId ?? item.event.eventId, at: item.at, kind: 'event', event: item.event };
}

/** Adds entries by key: a newer copy of a message replaces the old one; order by time, then sequence. */
export function mergeEntries(current: Entry[], incoming: Entry[]): Entry[] {
  const byKey = new Map(current.map((e) => [e.key, e]));
  for (const entry of incoming) {
    const existing = byKey.get(entry.key);
    // A live system message does not replace the richer order event it stands for.
    if (existing?.kind === 'event' && entry.kind === 'message') continue;
    byKey.set(entry.key, entry);
  }
  return [...byKey.values()].sort(compareEntries);
}

function compareEntries(a: Entry, b: Entry): number {
  if (a.kind === 'message' && b.kind === 'message') return a.message.seq - b.message.seq;
  return a.at < b.at ? -1 : a.at > b.at ? 1 : 0;
}

export function highestSeq(entries: Entry[], floor: number): number {
  let seq = floor;
  for (const e of entries) if (e.kind === 'message' && e.message.seq > seq) seq = e.message.seq;
  return seq;
}

/**
 * Where one of my messages stands with the others (the platform aside): read when all of
 * them read it, delivered when it reached all of them. Follows live `receipt` events.
 */
export function receiptOf(message: Message, participants: Participant[]): { status: 'sent' | 'delivered' | 'read'; readBy: string[] } {
  const others = participants.filter((p) => p.userId !== message.senderId && p.role !== 'system');
  const readBy = others.filter((p) => p.lastReadSeq >= message.seq).map((p) => p.userId);
  if (others.length > 0 && readBy.length === others.length) return { status: 'read', readBy };
  if (others.length > 0 && others.every((p) => p.lastDeliveredSeq >= message.seq)) return { status: 'delivered', readBy };
  return { status: message.status === 'read' || message.status === 'delivered' ? message.status : 'sent', readBy };
}

/** The order-event message types the platform posts. */
export const orderMessageTypes = new Set(['order_status', 'payment_confirmation', 'tracking', 'dispute_escalation', 'dispute_update']);
