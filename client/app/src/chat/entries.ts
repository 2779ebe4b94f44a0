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

/**
 * Adds entries by key: a newer copy of a message replaces the old one; order by time, then sequence.
 * An entry that did not change keeps its object, and nothing new gives back `current` itself, so
 * that the timeline renders again only what changed.
 */
export function mergeEntries(current: Entry[], incoming: Entry[]): Entry[] {
  const byKey = new Map(current.map((e) => [e.key, e]));
  let changed = false;
  for (const entry of incoming) {
    const existing = byKey.get(entry.key);
    // A live system message does not replace the richer order event it stands for.
    if (existing?.kind === 'event' && entry.kind === 'message') continue;
    if (existing && sameEntry(existing, entry)) continue;
    byKey.set(entry.key, entry);
    changed = true;
  }
  return changed ? [...byKey.values()].sort(compareEntries) : current;
}

/** The same copy, or one with the same content (the REST answer and the socket's frame of a send). */
function sameEntry(a: Entry, b: Entry): boolean {
  if (a === b) return true;
  if (a.kind !== b.kind || a.at !== b.at) return false;
  const x = a.kind === 'message' ? a.message : a.event;
  const y = b.kind === 'message' ? b.message : b.event;
  return x === y || JSON.stringify(x) === JSON.stringify(y);
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
export const orderMessageTypes = new Set(['order_status', 'payment_confirmation', 'tracking', 'dispute_escalation', 'dispute_update', 'rating_request']);
