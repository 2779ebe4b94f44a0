import { ParleyApiError, statusForCode } from './errors.ts';
import type { HttpClient } from './http.ts';
import type { LiveConnection, WebSocketLike } from './socket.ts';
import type { ClientState } from './state.ts';
import type { Message, ParleyEvent, SendMessageInput, SendOptions } from './types.ts';

interface PendingSend {
  key: string;
  conversationId: string;
  clientMessageId: string;
  input: SendMessageInput;
  promise: Promise<Message>;
  resolve(message: Message): void;
  reject(error: unknown): void;
  attempts: number;
  settled: boolean;
  /** The socket the current attempt went out on; undefined while going over REST. */
  socket?: WebSocketLike;
  /** After an ack timed out, the next attempt goes over REST even if the socket looks open. */
  restOnly: boolean;
  timer?: ReturnType<typeof setTimeout>;
}

/** How long a send over the socket waits for its ack before it is repeated over REST (same clientMessageId). */
const ackTimeoutMs = 10_000;
/** Attempts of a send (socket or REST) before its promise rejects. */
const maxSendAttempts = 5;
/** How long one REST attempt of a send may take before it is abandoned and tried again. */
const sendTimeoutMs = 15_000;

/**
 * Sends that are stored once whatever fails: each send has a clientMessageId and goes over the
 * socket when it is open (its `message.ack` settles it), otherwise over REST; a socket that
 * drops before the ack, an ack that does not come, or Parley unreachable sends it again with
 * the same clientMessageId, so Parley stores it once.
 */
export class Outbox {
  private readonly sends = new Map<string, PendingSend>();

  constructor(
    private readonly http: HttpClient,
    private readonly connection: LiveConnection,
    private readonly state: ClientState,
    private readonly backoff: { minDelayMs: number; maxDelayMs: number },
  ) {}

  send(conversationId: string, input: SendMessageInput, options: SendOptions): Promise<Message> {
    const clientMessageId = options.clientMessageId ?? randomId();
    const key = `${conversationId}\n${clientMessageId}`;
    const existing = this.sends.get(key);
    if (existing) return existing.promise;
    let resolve!: (message: Message) => void;
    let reject!: (error: unknown) => void;
    const promise = new Promise<Message>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    const send: PendingSend = { key, conversationId, clientMessageId, input, promise, resolve, reject, attempts: 0, settled: false, restOnly: false };
    this.sends.set(key, send);
    void this.attempt(send);
    return promise;
  }

  private async attempt(send: PendingSend): Promise<void> {
    if (send.settled) return;
    send.attempts++;
    const { content, attachments, messageType, payload, metadata } = send.input;
    const fields = strip({ content, attachments, messageType, payload });
    const socket = this.connection.openSocket;
    if (!send.restOnly && metadata === undefined && socket) {
      if (this.connection.sendFrame({ type: 'message.send', conversationId: send.conversationId, clientMessageId: send.clientMessageId, ...fields })) {
        send.socket = socket;
        send.timer = setTimeout(() => {
          if (send.settled || send.socket !== socket) return;
          send.socket = undefined;
          send.restOnly = true;
          void this.attempt(send);
        }, ackTimeoutMs);
        return;
      }
    }
    send.socket = undefined;
    try {
      const body = { ...fields, ...(metadata === undefined ? {} : { metadata }), clientMessageId: send.clientMessageId };
      // A send that hangs is abandoned and tried again: the same clientMessageId keeps it single.
      const message = await this.http.json<Message>('POST', `/conversations/${encodeURIComponent(send.conversationId)}/messages`, body, undefined, sendTimeoutMs);
      this.state.noteSeq(message.conversationId, message.seq, false);
      this.finish(send, message);
    } catch (error) {
      if (send.settled || send.socket) return;
      if (error instanceof ParleyApiError && error.transient && send.attempts < maxSendAttempts) {
        const { minDelayMs, maxDelayMs } = this.backoff;
        const delay = Math.min(maxDelayMs, minDelayMs * 2 ** (send.attempts - 1)) * (0.5 + Math.random() / 2);
        send.timer = setTimeout(() => void this.attempt(send), delay);
        return;
      }
      // Parley unreachable: the error names the clientMessageId, to send again later with it.
      const failure = error instanceof ParleyApiError && error.status === 0 ? new ParleyApiError(0, error.code, error.message, { clientMessageId: send.clientMessageId }) : error;
      this.finish(send, undefined, failure);
    }
  }

  private find(conversationId: string | undefined, clientMessageId: string | undefined): PendingSend | undefined {
    if (typeof clientMessageId !== 'string') return undefined;
    if (typeof conversationId === 'string') return this.sends.get(`${conversationId}\n${clientMessageId}`);
    for (const send of this.sends.values()) if (send.clientMessageId === clientMessageId) return send;
    return undefined;
  }

  /** A `message.ack`: the send is stored. */
  acked(conversationId: string | undefined, clientMessageId: string | undefined, message: Message): void {
    const send = this.find(conversationId, clientMessageId);
    if (send && message) this.finish(send, message);
  }

  /** An `error` event naming a send's clientMessageId: refused, or (a failure on the server's side) tried again over REST. */
  refused(event: ParleyEvent): void {
    const send = this.find(event.conversationId, event.clientMessageId);
    if (!send || !send.socket) return;
    const error = new ParleyApiError(statusForCode(event.code), event.code, event.message, event.details);
    if (error.transient && send.attempts < maxSendAttempts) {
      clearTimeout(send.timer);
      send.socket = undefined;
      send.restOnly = true;
      void this.attempt(send);
      return;
    }
    this.finish(send, undefined, error);
  }

  /** Sends still waiting for an ack on this socket go again, over REST, with the same clientMessageId. */
  socketGone(socket: WebSocketLike): void {
    for (const send of this.sends.values()) {
      if (send.socket === socket && !send.settled) {
        clearTimeout(send.timer);
        send.socket = undefined;
        void this.attempt(send);
      }
    }
  }

  private finish(send: PendingSend, message?: Message, error?: unknown): void {
    if (send.settled) return;
    send.settled = true;
    clearTimeout(send.timer);
    this.sends.delete(send.key);
    if (message) send.resolve(message);
    else send.reject(error);
  }
}

function strip<T extends Record<string, unknown>>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function randomId(): string {
  const c = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  if (c?.randomUUID) return c.randomUUID();
  // Outside a secure context browsers have no randomUUID: a v4 UUID from getRandomValues or Math.random.
  const bytes = new Uint8Array(16);
  const g = (globalThis as { crypto?: { getRandomValues?: (a: Uint8Array) => Uint8Array } }).crypto;
  if (g?.getRandomValues) g.getRandomValues(bytes);
  else for (let i = 0; i < 16; i++) bytes[i] = Math.floor(Math.random() * 256);
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
