import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';

/**
 * Where an event stands in an ordered stream (a conversation's messages, say): a socket gets a
 * stream's events in `seq` order, without gaps or repeats. Which events are ordered, and how,
 * is told to the hub by the domain that publishes them (HubHooks.order); transport knows none.
 */
export interface Ordered {
  stream: string;
  seq: number;
  /** Who wrote it: an event is not "delivered" to its own author. */
  author?: string;
}

/** An ordered event with its JSON text, as sent to the socket. */
export interface OrderedEvent extends Ordered {
  json: string;
}

/** An event waiting for the ones before it; an author's own events are not "delivered" to them. */
interface Held {
  line: string;
  own: boolean;
}

/** Reads a stream's events after a sequence number (from the database), to fill a gap. */
export type FetchMissing = (stream: string, afterSeq: number, limit: number) => Promise<OrderedEvent[]>;

/**
 * Frames for one socket in one turn of the event loop (a message, its ack, an unread count,
 * receipts) leave in one write instead of one each: the socket is corked at its first frame
 * and uncorked once the current I/O callbacks have run. Each write to a TCP socket is a
 * system call, and at thousands of messages a second they are most of the server's CPU.
 */
const corked = new Set<Socket>();

function holdUntilNextTurn(socket: WebSocket): void {
  const raw = (socket as unknown as { _socket?: Socket })._socket;
  if (!raw || corked.has(raw)) return;
  raw.cork();
  if (corked.size === 0) setImmediate(uncorkAll);
  corked.add(raw);
}

function uncorkAll(): void {
  for (const raw of corked) raw.uncork();
  corked.clear();
}

/** How long an out-of-order message waits for the ones before it before they are read from the database. */
const gapWaitMs = 150;
const maxBuffered = 500;

/**
 * One open socket. New messages reach it in sequence order per conversation, without gaps
 * or duplicates: each conversation tracks the last sequence sent; a later message waits
 * briefly for the missing ones (fan-out of concurrent commits can race), then they are read
 * from the database. Earlier or repeated sequences are dropped.
 */
export class ClientConnection {
  private readonly lastSent = new Map<string, number>();
  /** The first message sent in a conversation before any cursor was set: where this socket started on its own. */
  private readonly firstSeen = new Map<string, number>();
  private readonly pending = new Map<string, Map<number, Held>>();
  private readonly gapTimers = new Map<string, NodeJS.Timeout>();
  private closed = false;

  constructor(
    readonly userId: string,
    private readonly socket: WebSocket,
    private readonly fetchMissing: FetchMissing,
    private readonly onDelivered: (conversationId: string, seq: number) => void,
  ) {}

  /** An event outside any ordered stream: sent as is. */
  sendRaw(json: string): void {
    if (this.closed || this.socket.readyState !== this.socket.OPEN) return;
    holdUntilNextTurn(this.socket);
    this.socket.send(json);
  }

  send(payload: Record<string, unknown>): void {
    this.sendRaw(JSON.stringify(payload));
  }

  /** An ordered event (live, replayed or refilled), in any order; `json` is its text. */
  offer(order: Ordered, json: string): void {
    const { stream: conversationId, seq } = order;
    const own = order.author === this.userId;
    const last = this.lastSent.get(conversationId);
    if (last === undefined) {
      // First event seen in this stream on this socket: it starts the sequence.
      this.firstSeen.set(conversationId, seq);
      this.emit(conversationId, seq, { line: json, own });
      this.flush(conversationId);
      return;
    }
    if (seq <= last) return;
    const line = json;
    if (seq === last + 1) {
      this.emit(conversationId, seq, { line, own });
      this.flush(conversationId);
      return;
    }
    let buffer = this.pending.get(conversationId);
    if (!buffer) this.pending.set(conversationId, (buffer = new Map()));
    buffer.set(seq, { line, own });
    if (buffer.size > maxBuffered) {
      this.refill(conversationId);
      return;
    }
    if (!this.gapTimers.has(conversationId)) {
      this.gapTimers.set(
        conversationId,
        setTimeout(() => this.refill(conversationId), gapWaitMs),
      );
    }
  }

  /** Declares where the client stands in a conversation (resume), before replaying from there. */
  setCursor(conversationId: string, seq: number): void {
    this.lastSent.set(conversationId, seq);
  }

  cursor(conversationId: string): number | undefined {
    return this.lastSent.get(conversationId);
  }

  /**
   * Where the socket started a conversation on its own, when live messages reached it before
   * the client said where it stood: a later resume from an earlier cursor still owes the client
   * the messages before this one.
   */
  startedAt(conversationId: string): number | undefined {
    return this.firstSeen.get(conversationId);
  }

  /**
   * Sends, once, the messages between a resume cursor and where the socket started on its own
   * (see startedAt). They come after the later ones already sent; the cursor does not move.
   */
  backfill(conversationId: string, from: number, events: OrderedEvent[]): void {
    const first = this.firstSeen.get(conversationId);
    if (first === undefined || from + 1 >= first) return;
    for (const event of events) {
      if (event.seq > from && event.seq < first) {
        this.sendRaw(event.json);
        if (event.author !== this.userId) this.onDelivered(conversationId, event.seq);
      }
    }
    this.firstSeen.set(conversationId, from + 1);
  }

  close(): void {
    this.closed = true;
    for (const timer of this.gapTimers.values()) clearTimeout(timer);
    this.gapTimers.clear();
    this.pending.clear();
  }

  private emit(conversationId: string, seq: number, held: Held): void {
    this.lastSent.set(conversationId, seq);
    this.sendRaw(held.line);
    if (!held.own) this.onDelivered(conversationId, seq);
  }

  private flush(conversationId: string): void {
    const buffer = this.pending.get(conversationId);
    if (!buffer) return;
    let next = (this.lastSent.get(conversationId) ?? 0) + 1;
    for (let held = buffer.get(next); held !== undefined; held = buffer.get(next)) {
      buffer.delete(next);
      this.emit(conversationId, next, held);
      next++;
    }
    for (const seq of buffer.keys()) if (seq < next) buffer.delete(seq);
    if (buffer.size === 0) {
      this.pending.delete(conversationId);
      clearTimeout(this.gapTimers.get(conversationId));
      this.gapTimers.delete(conversationId);
    }
  }

  private refill(conversationId: string): void {
    clearTimeout(this.gapTimers.get(conversationId));
    this.gapTimers.delete(conversationId);
    if (this.closed) return;
    const after = this.lastSent.get(conversationId) ?? 0;
    this.fetchMissing(conversationId, after, maxBuffered)
      .then((messages) => {
        for (const event of messages) this.offer(event, event.json);
        const buffer = this.pending.get(conversationId);
        if (!buffer?.size || this.closed) return;
        // A full page: the database may hold more before the buffered ones; read on.
        if (messages.length >= maxBuffered) return this.refill(conversationId);
        // Whatever is still buffered beyond a hole the database cannot fill is sent in order.
        clearTimeout(this.gapTimers.get(conversationId));
        this.gapTimers.delete(conversationId);
        for (const seq of [...buffer.keys()].sort((a, b) => a - b)) {
          if (seq > (this.lastSent.get(conversationId) ?? 0)) this.emit(conversationId, seq, buffer.get(seq)!);
        }
        this.pending.delete(conversationId);
      })
      .catch(() => {
        if (!this.closed) this.gapTimers.set(conversationId, setTimeout(() => this.refill(conversationId), gapWaitMs * 4));
      });
  }
}
