import { ParleyApiError } from './errors.ts';
import type { HttpClient } from './http.ts';
import type { ConnectionState, ParleyEvent } from './types.ts';

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

/** What the connection tells the client, and asks of it. */
export interface ConnectionHooks {
  /** The connection state changed (`error`: it stopped for good because of one). */
  state(state: ConnectionState, error?: Error): void;
  /** The server said `ready` on a new socket: resume, then deliver the event. */
  ready(event: ParleyEvent): void;
  /** Any other frame from the server. */
  frame(event: ParleyEvent): void;
  /** The socket was let go: a resume under way on it is void. */
  detached(): void;
  /** The socket is gone: sends still waiting for its ack go again. */
  gone(socket: WebSocketLike): void;
  /** One REST call, after a socket failed before `ready`: throws ParleyApiError 401/403 when the token is refused. */
  checkCredentials(): Promise<unknown>;
}

export interface ConnectionOptions {
  WebSocket?: WebSocketConstructor;
  minDelayMs: number;
  maxDelayMs: number;
  heartbeatMs: number;
}

const OPEN = 1;

/**
 * The live connection: one WebSocket at a time, replaced with backoff (and at once when the
 * browser comes back online) until close(); a heartbeat that takes a silent connection for
 * dead. It knows frames only as far as `ready` and `pong`: the client gives the rest meaning.
 */
export class LiveConnection {
  private readonly WebSocketImpl: WebSocketConstructor | undefined;
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

  constructor(
    private readonly http: HttpClient,
    private readonly options: ConnectionOptions,
    private readonly hooks: ConnectionHooks,
  ) {
    this.WebSocketImpl = options.WebSocket ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
  }

  get state(): ConnectionState {
    return this.connectionState;
  }

  /** The socket, while the connection is open. */
  get openSocket(): WebSocketLike | undefined {
    return this.connectionState === 'open' ? this.socket : undefined;
  }

  private setState(state: ConnectionState, error?: Error): void {
    if (this.connectionState === state && !error) return;
    this.connectionState = state;
    this.hooks.state(state, error);
  }

  connect(): Promise<void> {
    if (this.connectionState === 'open') return Promise.resolve();
    const ready = new Promise<void>((resolve, reject) => this.readyWaiters.push({ resolve, reject }));
    if (this.stopped) {
      this.stopped = false;
      this.failures = 0;
      this.setState('connecting');
      this.watchNetwork();
      void this.open();
    }
    return ready;
  }

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
      this.hooks.gone(socket);
    }
    this.rejectReady(new ParleyApiError(0, 'closed', 'The client was closed before the connection was ready.'));
    this.setState('closed');
  }

  private rejectReady(error: unknown): void {
    for (const waiter of this.readyWaiters.splice(0)) waiter.reject(error);
  }

  private async open(): Promise<void> {
    const generation = ++this.generation;
    let socket: WebSocketLike;
    try {
      if (!this.WebSocketImpl) throw new Error('No WebSocket implementation: pass the `ws` package\'s WebSocket as the WebSocket option.');
      const token = await this.http.freshToken();
      if (generation !== this.generation || this.stopped) return;
      const url = this.http.url('/ws', { token });
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
      this.hooks.gone(socket);
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
    this.hooks.detached();
    clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = undefined;
    this.pingSentAt = undefined;
    if (socket) {
      socket.onmessage = null;
      socket.onopen = null;
    }
  }

  /**
   * A connection that failed before the server's `ready`: was the token refused? A browser
   * cannot see the refused upgrade's status, so one REST call tells. A refused token (and no
   * token function to get another) stops the client; anything else is retried.
   */
  private async diagnose(generation: number): Promise<void> {
    try {
      await this.hooks.checkCredentials();
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
    const { minDelayMs, maxDelayMs } = this.options;
    const ceiling = Math.min(maxDelayMs, minDelayMs * 2 ** Math.min(this.failures + 1, 30));
    const delay = minDelayMs + Math.random() * (ceiling - minDelayMs);
    this.failures++;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      if (!this.stopped) void this.open();
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
        void this.open();
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
    const { heartbeatMs } = this.options;
    if (heartbeatMs <= 0) return;
    this.lastFrameAt = Date.now();
    this.heartbeatTimer = setInterval(() => {
      if (this.socket !== socket) return;
      const now = Date.now();
      if (this.pingSentAt !== undefined && now - this.pingSentAt >= heartbeatMs) {
        // No answer to the ping: the connection is dead even if no close event says so.
        try {
          const ws = socket as WebSocketLike & { terminate?: () => void };
          if (ws.terminate) ws.terminate();
          else socket.close(4000, 'no answer to ping');
        } catch {
          // closing anyway
        }
        socket.onclose?.({ code: 4000 });
      } else if (this.pingSentAt === undefined && now - this.lastFrameAt >= heartbeatMs) {
        this.pingSentAt = now;
        this.sendFrame({ type: 'ping' });
      }
    }, Math.max(10, Math.floor(heartbeatMs / 2)));
  }

  /** Sends a frame on the open connection; false when it is not open. */
  sendFrame(frame: Record<string, unknown>): boolean {
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
    if (event.type === 'ready') return this.onReady(event);
    this.hooks.frame(event);
  }

  private onReady(event: ParleyEvent): void {
    const socket = this.socket;
    if (!socket) return;
    this.readySocket = socket;
    this.failures = 0;
    this.setState('open');
    this.startHeartbeat(socket);
    for (const waiter of this.readyWaiters.splice(0)) waiter.resolve();
    this.hooks.ready(event);
  }
}
