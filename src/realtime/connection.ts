import type { WebSocket } from 'ws';

/** A message event as carried to sockets; ordering uses its conversation and sequence. */
export interface MessageEventPayload {
  type: 'message.created';
  message: { conversationId: string; seq: number };
}

export type FetchMissing = (conversationId: string, afterSeq: number, limit: number) => Promise<MessageEventPayload['message'][]>;

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
  private readonly pending = new Map<string, Map<number, string>>();
  private readonly gapTimers = new Map<string, NodeJS.Timeout>();
  private closed = false;

  constructor(
    readonly userId: string,
    private readonly socket: WebSocket,
    private readonly fetchMissing: FetchMissing,
    private readonly onDelivered: (conversationId: string, seq: number) => void,
  ) {}

  /** Any event other than new messages: sent as is. */
  sendRaw(json: string): void {
    if (!this.closed && this.socket.readyState === this.socket.OPEN) this.socket.send(json);
  }

  send(payload: Record<string, unknown>): void {
    this.sendRaw(JSON.stringify(payload));
  }

  /** A new message (live, replayed or refilled), in any order. */
  offerMessage(message: MessageEventPayload['message'], json?: string): void {
    const { conversationId, seq } = message;
    const last = this.lastSent.get(conversationId);
    if (last === undefined) {
      // First message seen in this conversation on this socket: it starts the sequence.
      this.emit(conversationId, seq, json ?? JSON.stringify({ type: 'message.created', message }));
      this.flush(conversationId);
      return;
    }
    if (seq <= last) return;
    const line = json ?? JSON.stringify({ type: 'message.created', message });
    if (seq === last + 1) {
      this.emit(conversationId, seq, line);
      this.flush(conversationId);
      return;
    }
    let buffer = this.pending.get(conversationId);
    if (!buffer) this.pending.set(conversationId, (buffer = new Map()));
    buffer.set(seq, line);
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

  close(): void {
    this.closed = true;
    for (const timer of this.gapTimers.values()) clearTimeout(timer);
    this.gapTimers.clear();
    this.pending.clear();
  }

  private emit(conversationId: string, seq: number, json: string): void {
    this.lastSent.set(conversationId, seq);
    this.sendRaw(json);
    this.onDelivered(conversationId, seq);
  }

  private flush(conversationId: string): void {
    const buffer = this.pending.get(conversationId);
    if (!buffer) return;
    let next = (this.lastSent.get(conversationId) ?? 0) + 1;
    for (let line = buffer.get(next); line !== undefined; line = buffer.get(next)) {
      buffer.delete(next);
      this.emit(conversationId, next, line);
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
        for (const message of messages) this.offerMessage(message);
        // Whatever is still buffered beyond a hole the database cannot fill is sent in order.
        const buffer = this.pending.get(conversationId);
        if (buffer?.size) {
          for (const seq of [...buffer.keys()].sort((a, b) => a - b)) {
            if (seq > (this.lastSent.get(conversationId) ?? 0)) this.emit(conversationId, seq, buffer.get(seq)!);
          }
          this.pending.delete(conversationId);
        }
      })
      .catch(() => {
        if (!this.closed) this.gapTimers.set(conversationId, setTimeout(() => this.refill(conversationId), gapWaitMs * 4));
      });
  }
}
