import { ParleyApiError, statusForCode } from './errors.ts';
import { decodeUser } from './jwt.ts';
import type {
  Attachment,
  ConnectionState,
  Conversation,
  ConversationPage,
  ListConversationsQuery,
  ListMessagesQuery,
  ListNotificationsQuery,
  Message,
  MessagePage,
  MyOrdersPage,
  MyOrdersQuery,
  NotificationClickResult,
  NotificationMarkResult,
  NotificationPage,
  ParleyEvent,
  ParleyEventMap,
  ParleyUser,
  PreferencesInput,
  SearchQuery,
  SearchResult,
  SendMessageInput,
  SendOptions,
  Timeline,
  TimelineQuery,
  UserPreferences,
} from './types.ts';

/**
 * The part of a WebSocket the client uses: the browser's WebSocket and the `ws` package's
 * both fit. The token goes in the URL's `token` parameter, since browsers cannot set headers.
 */
export interface WebSocketLike {
  readonly readyState: number;
  // biome-ignore lint: the browser's and ws's event types differ; only `data` is read
  onopen: ((event: any) => void) | null;
  // biome-ignore lint: as above
  onmessage: ((event: any) => void) | null;
  // biome-ignore lint: as above
  onclose: ((event: any) => void) | null;
  // biome-ignore lint: as above
  onerror: ((event: any) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export type WebSocketConstructor = new (url: string) => WebSocketLike;

export type TokenSource = string | (() => string | Promise<string>);

export interface ParleyClientOptions {
  /** Where Parley is: omitted (or '') for the page's own origin, or 'https://chat.example.com'. Required outside a browser. */
  baseUrl?: string;
  /**
   * The user's JWT, signed by the marketplace's backend, or a function that fetches a fresh
   * one: it is called for each new connection, and again (once) when a request is refused
   * with `token_expired`, which is then retried.
   */
  token: TokenSource;
  /** A WebSocket constructor; the global one by default (Node.js 20: pass the `ws` package's). */
  WebSocket?: WebSocketConstructor;
  /** A fetch implementation; the global one by default. */
  fetch?: typeof fetch;
  /** Delays between reconnection attempts: exponential from minDelayMs (500) up to maxDelayMs (30,000), with jitter. */
  reconnect?: { minDelayMs?: number; maxDelayMs?: number };
  /**
   * After this long without a frame from the server the client pings; with no answer within
   * as long again the connection is taken for dead and replaced. Default 25,000; 0 turns it off.
   */
  heartbeatMs?: number;
}

type Query = Record<string, string | number | boolean | null | undefined>;
// biome-ignore lint: handlers of every event type live in one map
type AnyHandler = (event: any) => void;

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

const OPEN = 1;
/** How long a send over the socket waits for its ack before it is repeated over REST (same clientMessageId). */
const ackTimeoutMs = 10_000;
/** Attempts of a send (socket or REST) before its promise rejects. */
const maxSendAttempts = 5;
/** How long one REST attempt of a send may take before it is abandoned and tried again. */
const sendTimeoutMs = 15_000;
/** Message ids remembered to drop a replayed message.created; notification ids likewise. */
const seenLimit = 5_000;
/** Conversations the client keeps a cursor for, and sends in a resume (the server takes 1,000). */
const cursorLimit = 1_000;
const typingIntervalMs = 1_000;

/**
 * A marketplace frontend's way to Parley: REST calls, the live connection with reconnect and
 * resume, sends that are stored once whatever fails, and live unread counts. No framework, no
 * dependencies; browsers, and Node.js with the `ws` package.
 */
export class ParleyClient {
  private readonly baseUrl: string;
  private readonly tokenSource: TokenSource;
  private readonly fetchImpl: typeof fetch;
  private readonly WebSocketImpl: WebSocketConstructor | undefined;
  private readonly minDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly heartbeatMs: number;
  private readonly handlers = new Map<string, Set<AnyHandler>>();

  private currentToken: string | undefined;
  private currentUser: ParleyUser | undefined;
  private tokenRefresh: Promise<string> | undefined;

  private connectionState: ConnectionState = 'idle';
  /** close() was called: no reconnecting until connect() is called again. */
  private stopped = true;
  private socket: WebSocketLike | undefined;
  /** The socket the server said `ready` on: one that drops after that is replaced at once. */
  private readySocket: WebSocketLike | undefined;
  /** Each connection attempt's number: callbacks of an older one are ignored. */
  private generation = 0;
  private failures = 0;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private heartbeatTimer: ReturnType<typeof setInterval> | undefined;
  private lastFrameAt = 0;
  private pingSentAt: number | undefined;
  private readyWaiters: { resolve(): void; reject(error: unknown): void }[] = [];
  private onlineListener: (() => void) | undefined;

  /** The last seq seen per conversation, least recently raised first: the resume cursors. */
  private readonly cursors = new Map<string, number>();
  /** While a resume is being replayed, raises from live events wait for `resumed` (a drop before it resumes from the old cursors). */
  private resumeRaises: Map<string, number> | undefined;
  private readonly seenMessages = new Set<string>();
  private readonly seenNotifications = new Set<string>();

  private readonly unread = new Map<string, number>();
  private notificationsUnreadValue = 0;
  /** Counts events; a count read over REST is not applied over a live event newer than the request. */
  private epoch = 0;
  private readonly unreadEventEpoch = new Map<string, number>();
  private notificationsEventEpoch = 0;

  private readonly sends = new Map<string, PendingSend>();
  private readonly lastTyping = new Map<string, number>();

  constructor(options: ParleyClientOptions) {
    this.baseUrl = (options.baseUrl ?? '').replace(/\/+$/, '');
    if (!this.baseUrl && !pageLocation()) throw new Error('ParleyClient needs a baseUrl outside a browser, such as "https://chat.example.com".');
    this.tokenSource = options.token;
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.WebSocketImpl = options.WebSocket ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
    this.minDelayMs = Math.max(1, options.reconnect?.minDelayMs ?? 500);
    this.maxDelayMs = Math.max(this.minDelayMs, options.reconnect?.maxDelayMs ?? 30_000);
    this.heartbeatMs = options.heartbeatMs ?? 25_000;
    if (typeof options.token === 'string') this.setToken(options.token);
  }

  /** Who the client acts for, from the token. With a token function: once connect() or a request fetched one. */
  get user(): ParleyUser {
    if (!this.currentUser) throw new Error('The user is known once a token was fetched: call connect() or a request first.');
    return this.currentUser;
  }

  get state(): ConnectionState {
    return this.connectionState;
  }

  /** This user's unread messages in a conversation, kept live from `unread` events and listed conversations. */
  unreadCount(conversationId: string): number {
    return this.unread.get(conversationId) ?? 0;
  }

  /** The unread messages of every conversation the client knows. */
  get unreadTotal(): number {
    let total = 0;
    for (const n of this.unread.values()) total += n;
    return total;
  }

  /** Unread in-app notifications, kept live from `notification.created` and `notifications.unread`. */
  get notificationsUnread(): number {
    return this.notificationsUnreadValue;
  }

  // ---- Events ---------------------------------------------------------------------------------

  /** Listens for an event (or every event with '*'); returns the function that stops listening. */
  on<K extends keyof ParleyEventMap>(type: K, handler: (event: ParleyEventMap[K]) => void): () => void;
  on(type: string, handler: (event: ParleyEvent) => void): () => void;
  on(type: string, handler: AnyHandler): () => void {
    let set = this.handlers.get(type);
    if (!set) this.handlers.set(type, (set = new Set()));
    set.add(handler);
    return () => {
      set.delete(handler);
    };
  }

  private emit(event: ParleyEvent): void {
    for (const list of [this.handlers.get(event.type), this.handlers.get('*')]) {
      if (!list) continue;
      for (const handler of [...list]) {
        try {
          handler(event);
        } catch (error) {
          // One failing handler must not stop the others, nor the client.
          queueMicrotask(() => {
            throw error;
          });
        }
      }
    }
  }

  private setState(state: ConnectionState, error?: Error): void {
    if (this.connectionState === state && !error) return;
    this.connectionState = state;
    this.emit({ type: 'connection', state, ...(error ? { error } : {}) });
  }

  // ---- Tokens ---------------------------------------------------------------------------------

  private setToken(token: string): void {
    this.currentUser = decodeUser(token);
    this.currentToken = token;
  }

  /** A fresh token from the token function (one call at a time), or the fixed token. */
  private freshToken(): Promise<string> {
    const source = this.tokenSource;
    if (typeof source === 'string') return Promise.resolve(source);
    this.tokenRefresh ??= (async () => {
      try {
        const token = await source();
        this.setToken(token);
        return token;
      } finally {
        this.tokenRefresh = undefined;
      }
    })();
    return this.tokenRefresh;
  }

  private async bearer(): Promise<string> {
    return this.currentToken ?? this.freshToken();
  }

  private async me(): Promise<ParleyUser> {
    await this.bearer();
    return this.user;
  }

  // ---- HTTP -----------------------------------------------------------------------------------

  private url(path: string, query?: Query): URL {
    const url = new URL(this.baseUrl + path, this.baseUrl ? undefined : pageLocation());
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== null) url.searchParams.set(k, String(v));
    return url;
  }

  /**
   * One call with the bearer token; a `token_expired` refusal fetches a new token (token
   * function only) and tries once more. Error answers throw ParleyApiError.
   */
  private async call(method: string, path: string, init: { body?: BodyInit; json?: boolean; query?: Query; timeoutMs?: number }): Promise<Response> {
    const url = this.url(path, init.query);
    for (let retried = false; ; retried = true) {
      const token = await this.bearer();
      let response: Response;
      try {
        response = await this.fetchImpl(url, {
          method,
          headers: { authorization: `Bearer ${token}`, ...(init.json ? { 'content-type': 'application/json' } : {}) },
          body: init.body,
          ...(init.timeoutMs && typeof AbortSignal.timeout === 'function' ? { signal: AbortSignal.timeout(init.timeoutMs) } : {}),
        });
      } catch (error) {
        throw new ParleyApiError(0, 'network_error', `Parley could not be reached (${error instanceof Error ? error.message : String(error)}).`);
      }
      if (response.ok) return response;
      const error = await errorOf(response);
      if (error.code === 'token_expired' && typeof this.tokenSource === 'function' && !retried) {
        // Another call may have fetched a new token meanwhile: use it rather than asking again.
        if (this.currentToken === token) await this.freshToken();
        continue;
      }
      throw error;
    }
  }

  /** Any API call, as JSON. Error answers throw ParleyApiError; Parley unreachable is ParleyApiError(0, 'network_error'). */
  // biome-ignore lint: the caller names the answer's type
  async request<T = any>(method: string, path: string, body?: unknown, query?: Query): Promise<T> {
    return this.json<T>(method, path, body, query);
  }

  private async json<T>(method: string, path: string, body?: unknown, query?: Query, timeoutMs?: number): Promise<T> {
    const response = await this.call(method, path, { body: body === undefined ? undefined : JSON.stringify(body), json: body !== undefined, query, timeoutMs });
    const text = await response.text().catch(() => '');
    if (!text) return undefined as T;
    try {
      return JSON.parse(text) as T;
    } catch {
      return text as T;
    }
  }

  // ---- The live connection ---------------------------------------------------------------------

  /**
   * Opens the live connection; resolves at the server's `ready`. Until close(), a dropped
   * connection is replaced (state `reconnecting`) and resumed where it left off. Rejects when
   * close() is called first, or when Parley refuses the user's token for good.
   */
  connect(): Promise<void> {
    if (this.connectionState === 'open') return Promise.resolve();
    const ready = new Promise<void>((resolve, reject) => this.readyWaiters.push({ resolve, reject }));
    if (this.stopped) {
      this.stopped = false;
      this.failures = 0;
      this.setState('connecting');
      this.watchNetwork();
      void this.openSocket();
    }
    return ready;
  }

  /** Closes the connection for good (no reconnecting); sends in flight finish over REST. */
  close(): void {
    this.stopped = true;
    this.generation++;
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    this.unwatchNetwork();
    const socket = this.socket;
    this.detachSocket();
    if (socket) {
      try {
        socket.close(1000, 'closed by the client');
      } catch {
        // already closing
      }
      this.socketGone(socket);
    }
    this.rejectReady(new ParleyApiError(0, 'closed', 'The client was closed before the connection was ready.'));
    this.setState('closed');
  }

  private rejectReady(error: unknown): void {
    for (const waiter of this.readyWaiters.splice(0)) waiter.reject(error);
  }

  private async openSocket(): Promise<void> {
    const generation = ++this.generation;
    let socket: WebSocketLike;
    try {
      if (!this.WebSocketImpl) throw new Error('No WebSocket implementation: pass the `ws` package\'s WebSocket as the WebSocket option.');
      const token = await this.freshToken();
      if (generation !== this.generation || this.stopped) return;
      const url = this.url('/ws', { token });
      url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
      socket = new this.WebSocketImpl(url.toString());
    } catch (error) {
      if (generation !== this.generation || this.stopped) return;
      if (!this.WebSocketImpl) return this.fail(error instanceof Error ? error : new Error(String(error)));
      // The token function failed: try again later, like a connection that failed.
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      this.lastFrameAt = Date.now();
    };
    socket.onmessage = (event: { data: unknown }) => {
      if (this.socket === socket) this.onFrame(String(event.data));
    };
    socket.onerror = () => {
      // A close event follows.
    };
    socket.onclose = () => {
      if (this.socket !== socket) return;
      const ready = this.readySocket === socket;
      this.detachSocket();
      this.socketGone(socket);
      if (this.stopped) return;
      this.setState('reconnecting');
      if (ready) this.scheduleReconnect();
      else void this.diagnose(generation);
    };
  }

  /** Forgets the current socket (its late events are ignored) and stops the heartbeat. */
  private detachSocket(): void {
    const socket = this.socket;
    this.socket = undefined;
    this.readySocket = undefined;
    this.resumeRaises = undefined;
    clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = undefined;
    this.pingSentAt = undefined;
    if (socket) {
      socket.onmessage = null;
      socket.onopen = null;
    }
  }

  /** Sends still waiting for an ack on this socket go again, over REST, with the same clientMessageId. */
  private socketGone(socket: WebSocketLike): void {
    for (const send of this.sends.values()) {
      if (send.socket === socket && !send.settled) {
        clearTimeout(send.timer);
        send.socket = undefined;
        void this.attemptSend(send);
      }
    }
  }

  /**
   * A connection that failed before the server's `ready`: was the token refused? A browser
   * cannot see the refused upgrade's status, so one REST call tells. A refused token (and no
   * token function to get another) stops the client; anything else is retried.
   */
  private async diagnose(generation: number): Promise<void> {
    try {
      await this.fetchNotificationsUnread();
    } catch (error) {
      if (generation !== this.generation || this.stopped) return;
      if (error instanceof ParleyApiError && (error.status === 401 || error.status === 403)) {
        return this.fail(error);
      }
    }
    if (generation !== this.generation || this.stopped) return;
    this.scheduleReconnect();
  }

  private fail(error: Error): void {
    this.stopped = true;
    this.generation++;
    clearTimeout(this.reconnectTimer);
    this.unwatchNetwork();
    this.rejectReady(error);
    this.setState('closed', error);
  }

  private scheduleReconnect(): void {
    clearTimeout(this.reconnectTimer);
    const ceiling = Math.min(this.maxDelayMs, this.minDelayMs * 2 ** Math.min(this.failures + 1, 30));
    const delay = this.minDelayMs + Math.random() * (ceiling - this.minDelayMs);
    this.failures++;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      if (!this.stopped) void this.openSocket();
    }, delay);
  }

  /** Back online (browsers): reconnect now rather than at the end of the backoff. */
  private watchNetwork(): void {
    const target = globalThis as { addEventListener?: (type: string, listener: () => void) => void };
    if (this.onlineListener || typeof target.addEventListener !== 'function') return;
    this.onlineListener = () => {
      if (this.connectionState === 'reconnecting' && this.reconnectTimer !== undefined) {
        clearTimeout(this.reconnectTimer);
        this.reconnectTimer = undefined;
        void this.openSocket();
      }
    };
    target.addEventListener('online', this.onlineListener);
  }

  private unwatchNetwork(): void {
    const target = globalThis as { removeEventListener?: (type: string, listener: () => void) => void };
    if (this.onlineListener) target.removeEventListener?.('online', this.onlineListener);
    this.onlineListener = undefined;
  }

  private startHeartbeat(socket: WebSocketLike): void {
    clearInterval(this.heartbeatTimer);
    if (this.heartbeatMs <= 0) return;
    this.lastFrameAt = Date.now();
    this.heartbeatTimer = setInterval(() => {
      if (this.socket !== socket) return;
      const now = Date.now();
      if (this.pingSentAt !== undefined && now - this.pingSentAt >= this.heartbeatMs) {
        // No answer to the ping: the connection is dead even if no close event says so.
        try {
          const ws = socket as WebSocketLike & { terminate?: () => void };
          if (ws.terminate) ws.terminate();
          else socket.close(4000, 'no answer to ping');
        } catch {
          // closing anyway
        }
        socket.onclose?.({ code: 4000 });
      } else if (this.pingSentAt === undefined && now - this.lastFrameAt >= this.heartbeatMs) {
        this.pingSentAt = now;
        this.sendFrame({ type: 'ping' });
      }
    }, Math.max(10, Math.floor(this.heartbeatMs / 2)));
  }

  /** Sends a frame as is on the live connection (see the protocol in docs/ARCHITECTURE.md); false when it is not open. */
  send(frame: { type: string; [key: string]: unknown }): boolean {
    return this.sendFrame(frame);
  }

  private sendFrame(frame: Record<string, unknown>): boolean {
    const socket = this.socket;
    if (!socket || socket.readyState !== OPEN || this.connectionState !== 'open') return false;
    try {
      socket.send(JSON.stringify(frame));
      return true;
    } catch {
      return false;
    }
  }

  private onFrame(text: string): void {
    let event: ParleyEvent;
    try {
      event = JSON.parse(text) as ParleyEvent;
    } catch {
      return;
    }
    if (typeof event !== 'object' || event === null || typeof event.type !== 'string') return;
    this.lastFrameAt = Date.now();
    this.pingSentAt = undefined;
    switch (event.type) {
      case 'ready':
        return this.onReady(event);
      case 'message.created': {
        const message = event.message as Message | undefined;
        if (!message) return;
        if (!remember(this.seenMessages, message.messageId)) return;
        this.noteSeq(message.conversationId, message.seq, true);
        break;
      }
      case 'message.ack':
        if (event.message) this.noteSeq(event.message.conversationId, event.message.seq, false);
        this.settleSend(event.message?.conversationId, event.clientMessageId, event.message as Message);
        break;
      case 'error':
        if (typeof event.clientMessageId === 'string') this.refuseSend(event);
        break;
      case 'unread':
        this.epoch++;
        this.unreadEventEpoch.set(event.conversationId, this.epoch);
        this.unread.set(event.conversationId, event.unreadCount);
        break;
      case 'notification.created':
        if (event.notification?.logId && !remember(this.seenNotifications, event.notification.logId)) return;
        this.notificationsEventEpoch = ++this.epoch;
        this.notificationsUnreadValue++;
        break;
      case 'notifications.unread':
        this.notificationsEventEpoch = ++this.epoch;
        this.notificationsUnreadValue = event.unread;
        break;
      case 'resumed':
        for (const [conversationId, seq] of this.resumeRaises ?? []) this.raiseCursor(conversationId, seq);
        this.resumeRaises = undefined;
        break;
      case 'resync':
        // As after a reconnect: replay what came after each cursor, and re-read the counts.
        this.resume();
        void this.refreshCounts().catch(() => {});
        break;
    }
    this.emit(event);
  }

  private resume(): void {
    if (this.cursors.size === 0 || this.resumeRaises) return;
    const cursors = Object.fromEntries([...this.cursors].slice(-cursorLimit));
    this.resumeRaises = new Map();
    this.sendFrame({ type: 'resume', cursors });
  }

  private onReady(event: ParleyEvent): void {
    const socket = this.socket;
    if (!socket) return;
    this.readySocket = socket;
    this.failures = 0;
    this.setState('open');
    this.startHeartbeat(socket);
    // Resume where the client left off: the server replays what came after each cursor.
    this.resumeRaises = undefined;
    this.resume();
    for (const waiter of this.readyWaiters.splice(0)) waiter.resolve();
    this.emit(event);
    // Sends that were waiting for the connection (they went over REST otherwise) need nothing here;
    // counts may have moved while the client was away.
    void this.refreshCounts().catch(() => {});
  }

  // ---- Sequence numbers ---------------------------------------------------------------------------

  private noteSeq(conversationId: string | undefined, seq: number | undefined, live: boolean): void {
    if (typeof conversationId !== 'string' || typeof seq !== 'number') return;
    if (live && this.resumeRaises) {
      this.resumeRaises.set(conversationId, Math.max(seq, this.resumeRaises.get(conversationId) ?? 0));
      return;
    }
    this.raiseCursor(conversationId, seq);
  }

  private raiseCursor(conversationId: string, seq: number): void {
    const current = this.cursors.get(conversationId);
    if (current !== undefined && current >= seq) return;
    this.cursors.delete(conversationId);
    this.cursors.set(conversationId, seq);
    if (this.cursors.size > cursorLimit * 5) this.cursors.delete(this.cursors.keys().next().value as string);
  }

  private noteMessages(messages: readonly Message[]): void {
    for (const m of messages) this.noteSeq(m.conversationId, m.seq, false);
  }

  // ---- Counts -----------------------------------------------------------------------------------

  /** A count read over REST, unless an event newer than the request already set it. */
  private setUnreadFrom(since: number, conversationId: string, count: number): void {
    if ((this.unreadEventEpoch.get(conversationId) ?? 0) > since) return;
    const previous = this.unreadCount(conversationId);
    this.unread.set(conversationId, count);
    if (previous !== count) this.emit({ type: 'unread', conversationId, unreadCount: count });
  }

  private setNotificationsUnreadFrom(since: number, count: number): void {
    if (this.notificationsEventEpoch > since) return;
    const previous = this.notificationsUnreadValue;
    this.notificationsUnreadValue = count;
    if (previous !== count) this.emit({ type: 'notifications.unread', unread: count });
  }

  private noteConversations(since: number, conversations: readonly { conversationId: string; unreadCount: number; lastMessageSeq: number }[]): void {
    for (const c of conversations) {
      this.setUnreadFrom(since, c.conversationId, c.unreadCount);
      // A conversation known only from a list: resume it from there. Others keep the cursor of
      // what the client actually saw, so that a resume never skips a message it did not get.
      if (c.lastMessageSeq > 0 && !this.cursors.has(c.conversationId) && !this.resumeRaises?.has(c.conversationId)) {
        this.raiseCursor(c.conversationId, c.lastMessageSeq);
      }
    }
  }

  /** On each ready: the unread counts and the notification count, which may have moved while away. */
  private async refreshCounts(): Promise<void> {
    const since = this.epoch;
    const jobs: Promise<unknown>[] = [this.fetchNotificationsUnread()];
    if (this.currentUser?.role !== 'operator') {
      jobs.push(
        this.request<ConversationPage>('GET', '/conversations', undefined, { unread: true, limit: 100 }).then((page) => {
          this.noteConversations(since, page.conversations);
          if (page.nextCursor !== null) return;
          // Every unread conversation was listed: the others are read.
          const listed = new Set(page.conversations.map((c) => c.conversationId));
          for (const [conversationId, count] of this.unread) if (count > 0 && !listed.has(conversationId)) this.setUnreadFrom(since, conversationId, 0);
        }),
      );
    }
    await Promise.all(jobs);
  }

  // ---- Sending ----------------------------------------------------------------------------------

  /**
   * Sends a message; resolves with it as stored. Over the socket when it is open (and there is
   * no metadata), otherwise over REST. A socket that drops before the ack, an ack that does
   * not come, or Parley unreachable: the send is tried again with the same clientMessageId,
   * so Parley stores it once. Refusals reject with ParleyApiError.
   */
  sendMessage(conversationId: string, input: SendMessageInput = {}, options: SendOptions = {}): Promise<Message> {
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
    void this.attemptSend(send);
    return promise;
  }

  private async attemptSend(send: PendingSend): Promise<void> {
    if (send.settled) return;
    send.attempts++;
    const { content, attachments, messageType, payload, metadata } = send.input;
    const fields = strip({ content, attachments, messageType, payload });
    if (!send.restOnly && metadata === undefined && this.socket && this.connectionState === 'open') {
      const socket = this.socket;
      if (this.sendFrame({ type: 'message.send', conversationId: send.conversationId, clientMessageId: send.clientMessageId, ...fields })) {
        send.socket = socket;
        send.timer = setTimeout(() => {
          if (send.settled || send.socket !== socket) return;
          send.socket = undefined;
          send.restOnly = true;
          void this.attemptSend(send);
        }, ackTimeoutMs);
        return;
      }
    }
    send.socket = undefined;
    try {
      const body = { ...fields, ...(metadata === undefined ? {} : { metadata }), clientMessageId: send.clientMessageId };
      // A send that hangs is abandoned and tried again: the same clientMessageId keeps it single.
      const message = await this.json<Message>('POST', `/conversations/${encodeURIComponent(send.conversationId)}/messages`, body, undefined, sendTimeoutMs);
      this.noteSeq(message.conversationId, message.seq, false);
      this.finishSend(send, message);
    } catch (error) {
      if (send.settled || send.socket) return;
      if (error instanceof ParleyApiError && error.transient && send.attempts < maxSendAttempts) {
        const delay = Math.min(this.maxDelayMs, this.minDelayMs * 2 ** (send.attempts - 1)) * (0.5 + Math.random() / 2);
        send.timer = setTimeout(() => void this.attemptSend(send), delay);
        return;
      }
      // Parley unreachable: the error names the clientMessageId, to send again later with it.
      const failure = error instanceof ParleyApiError && error.status === 0 ? new ParleyApiError(0, error.code, error.message, { clientMessageId: send.clientMessageId }) : error;
      this.finishSend(send, undefined, failure);
    }
  }

  private findSend(conversationId: string | undefined, clientMessageId: string | undefined): PendingSend | undefined {
    if (typeof clientMessageId !== 'string') return undefined;
    if (typeof conversationId === 'string') return this.sends.get(`${conversationId}\n${clientMessageId}`);
    for (const send of this.sends.values()) if (send.clientMessageId === clientMessageId) return send;
    return undefined;
  }

  private settleSend(conversationId: string | undefined, clientMessageId: string | undefined, message: Message): void {
    const send = this.findSend(conversationId, clientMessageId);
    if (send && message) this.finishSend(send, message);
  }

  private refuseSend(event: ParleyEvent): void {
    const send = this.findSend(event.conversationId, event.clientMessageId);
    if (!send || !send.socket) return;
    const error = new ParleyApiError(statusForCode(event.code), event.code, event.message, event.details);
    if (error.transient && send.attempts < maxSendAttempts) {
      // A failure on the server's side: try again over REST (same clientMessageId).
      clearTimeout(send.timer);
      send.socket = undefined;
      send.restOnly = true;
      void this.attemptSend(send);
      return;
    }
    this.finishSend(send, undefined, error);
  }

  private finishSend(send: PendingSend, message?: Message, error?: unknown): void {
    if (send.settled) return;
    send.settled = true;
    clearTimeout(send.timer);
    this.sends.delete(send.key);
    if (message) send.resolve(message);
    else send.reject(error);
  }

  /** Tells the other participants this user is typing (socket only; at most one a second per conversation). */
  sendTyping(conversationId: string): void {
    const now = Date.now();
    if (now - (this.lastTyping.get(conversationId) ?? 0) < typingIntervalMs) return;
    if (this.sendFrame({ type: 'typing', conversationId })) {
      this.lastTyping.set(conversationId, now);
      if (this.lastTyping.size > 1_000) this.lastTyping.clear();
    }
  }

  /** Marks the conversation read up to `seq` (default: everything) and updates its unread count. */
  async markRead(conversationId: string, seq?: number): Promise<void> {
    const since = this.epoch;
    const result = await this.request<{ lastReadSeq: number; unreadCount: number }>(
      'POST',
      `/conversations/${encodeURIComponent(conversationId)}/read`,
      seq === undefined ? {} : { seq },
    );
    this.setUnreadFrom(since, conversationId, result.unreadCount);
  }

  // ---- Conversations and messages ------------------------------------------------------------------

  async listConversations(query: ListConversationsQuery = {}): Promise<ConversationPage> {
    const since = this.epoch;
    const page = await this.request<ConversationPage>('GET', '/conversations', undefined, { ...query });
    if (this.currentUser?.role !== 'operator') this.noteConversations(since, page.conversations);
    return page;
  }

  async getConversation(conversationId: string): Promise<Conversation> {
    const since = this.epoch;
    const conversation = await this.request<Conversation>('GET', `/conversations/${encodeURIComponent(conversationId)}`);
    if (conversation.participants.some((p) => p.userId === this.currentUser?.userId)) this.noteConversations(since, [conversation]);
    return conversation;
  }

  /** Messages in seq order: the newest page by default, `before` for older ones, `after` to catch up. */
  async listMessages(conversationId: string, query: ListMessagesQuery = {}): Promise<MessagePage> {
    const page = await this.request<MessagePage>('GET', `/conversations/${encodeURIComponent(conversationId)}/messages`, undefined, { ...query });
    this.noteMessages(page.messages);
    return page;
  }

  searchMessages(q: string, query: SearchQuery = {}): Promise<SearchResult> {
    return this.request<SearchResult>('GET', '/messages/search', undefined, { q, ...query });
  }

  /** An order conversation's messages and order events in one list. */
  async orderTimeline(conversationId: string, query: TimelineQuery = {}): Promise<Timeline> {
    const timeline = await this.request<Timeline>(
      'GET',
      `/marketplace/messaging/conversations/${encodeURIComponent(conversationId)}/order-timeline`,
      undefined,
      { ...query },
    );
    this.noteMessages(timeline.items.flatMap((item) => (item.kind === 'message' ? [item.message] : [])));
    return timeline;
  }

  /** The user's order conversations with each order's state. */
  async myOrders(query: MyOrdersQuery = {}): Promise<MyOrdersPage> {
    const since = this.epoch;
    const page = await this.request<MyOrdersPage>('GET', '/marketplace/messaging/conversations/my-orders', undefined, { ...query });
    if (this.currentUser?.role !== 'operator') this.noteConversations(since, page.conversations);
    return page;
  }

  // ---- Attachments ---------------------------------------------------------------------------------

  /** Uploads a file (give the Blob its type: Parley checks it) to send in a message by its `attachmentId`. */
  async uploadAttachment(conversationId: string, file: Blob, filename: string): Promise<Attachment> {
    const form = new FormData();
    form.append('file', file, filename);
    const response = await this.call('POST', `/conversations/${encodeURIComponent(conversationId)}/attachments`, { body: form });
    return (await response.json()) as Attachment;
  }

  /** An attachment's bytes. The download needs the bearer header: show an image with URL.createObjectURL(blob). */
  async fetchAttachment(attachmentId: string): Promise<Blob> {
    const response = await this.call('GET', `/attachments/${encodeURIComponent(attachmentId)}`, {});
    return response.blob();
  }

  // ---- Notifications -------------------------------------------------------------------------------

  async listNotifications(query: ListNotificationsQuery = {}): Promise<NotificationPage> {
    const since = this.epoch;
    const page = await this.request<NotificationPage>('GET', '/me/notifications', undefined, { ...query });
    this.setNotificationsUnreadFrom(since, page.unread);
    return page;
  }

  notificationsUnreadCount(): Promise<number> {
    return this.fetchNotificationsUnread();
  }

  private async fetchNotificationsUnread(): Promise<number> {
    const since = this.epoch;
    const { unread } = await this.request<{ unread: number }>('GET', '/me/notifications/unread-count');
    this.setNotificationsUnreadFrom(since, unread);
    return unread;
  }

  /** Marks these notifications read (none given: all of them). An empty list marks nothing. */
  markNotificationsRead(logIds?: string[]): Promise<NotificationMarkResult> {
    return this.markNotifications('read', logIds);
  }

  /** Marks these notifications seen: the list was shown (none given: all of them). */
  markNotificationsSeen(logIds?: string[]): Promise<NotificationMarkResult> {
    return this.markNotifications('seen', logIds);
  }

  private async markNotifications(what: 'read' | 'seen', logIds?: string[]): Promise<NotificationMarkResult> {
    if (logIds && logIds.length === 0) return { marked: 0, unread: this.notificationsUnreadValue };
    const since = this.epoch;
    const result = await this.request<NotificationMarkResult>('POST', `/me/notifications/${what}`, logIds ? { logIds } : { all: true });
    this.setNotificationsUnreadFrom(since, result.unread);
    return result;
  }

  /** Records that the user followed the notification's action (it also counts as read). */
  async clickNotification(logId: string): Promise<NotificationClickResult> {
    const since = this.epoch;
    const result = await this.request<NotificationClickResult>('POST', `/me/notifications/${encodeURIComponent(logId)}/click`, {});
    this.setNotificationsUnreadFrom(since, result.unread);
    return result;
  }

  // ---- Preferences ---------------------------------------------------------------------------------

  async getPreferences(userId?: string): Promise<UserPreferences> {
    const id = userId ?? (await this.me()).userId;
    return this.request<UserPreferences>('GET', `/users/${encodeURIComponent(id)}/preferences`);
  }

  /** Replaces the user's preferences; what getPreferences returned may be changed and passed back as is. */
  async putPreferences(preferences: PreferencesInput, userId?: string): Promise<UserPreferences> {
    const id = userId ?? (await this.me()).userId;
    return this.request<UserPreferences>('PUT', `/users/${encodeURIComponent(id)}/preferences`, { preferences: writablePreferences(preferences) });
  }
}

/** The preferences as PUT takes them: no nulls, and not the counters Parley keeps itself. */
function writablePreferences(input: PreferencesInput): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (input.channels) out.channels = input.channels;
  if (input.doNotDisturb) out.doNotDisturb = input.doNotDisturb;
  if (input.preferredTimeForDelivery) out.preferredTimeForDelivery = input.preferredTimeForDelivery;
  if (input.optOut) out.optOut = input.optOut;
  const limit = input.dailyLimits?.promotionalLimit;
  if (typeof limit === 'number') out.dailyLimits = { promotionalLimit: limit };
  return out;
}

async function errorOf(response: Response): Promise<ParleyApiError> {
  const text = await response.text().catch(() => '');
  let error: { code?: unknown; message?: unknown; details?: unknown } = {};
  try {
    error = (JSON.parse(text) as { error?: typeof error }).error ?? {};
  } catch {
    // not JSON (a proxy's page, say)
  }
  return new ParleyApiError(
    response.status,
    typeof error.code === 'string' ? error.code : 'http_error',
    typeof error.message === 'string' ? error.message : `Parley answered HTTP ${response.status}.`,
    error.details,
  );
}

/** Adds `id` to a bounded set; false if it was there already. */
function remember(set: Set<string>, id: string): boolean {
  if (set.has(id)) return false;
  set.add(id);
  if (set.size > seenLimit) set.delete(set.values().next().value as string);
  return true;
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

function pageLocation(): string | undefined {
  return (globalThis as { location?: { href?: string } }).location?.href;
}
