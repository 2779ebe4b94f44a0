/**
 * The Parley client: a marketplace frontend's way to Parley, with no framework and no
 * dependencies. It works in browsers and, given a WebSocket implementation, in Node.js.
 */

export type Role = 'buyer' | 'seller' | 'moderator' | 'operator';

export interface ParleyUser {
  userId: string;
  role: Role;
  name?: string;
}

export interface ParleyClientOptions {
  /** Where Parley is: '' (or omitted) for the page's own origin, or 'https://chat.example.com'. */
  baseUrl?: string;
  /** The user's JWT, or a function that returns a fresh one (called again when one expires). */
  token: string | (() => string | Promise<string>);
  /** A WebSocket constructor; the global one by default (Node.js 20: pass the `ws` package's). */
  WebSocket?: WebSocketLike;
  fetch?: typeof fetch;
}

export type WebSocketLike = new (url: string) => WebSocket;

/** An error answer from the API: `code` is machine-readable, `message` is for a person. */
export class ParleyApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ParleyApiError';
  }
}

export type ConnectionState = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'closed';

// biome-ignore lint: events are whatever the server sends
export type ParleyEvent = { type: string; [key: string]: any };
type Handler = (event: ParleyEvent) => void;

export class ParleyClient {
  readonly user: ParleyUser;
  private readonly baseUrl: string;
  private readonly fetchImpl: typeof fetch;
  private readonly WebSocketImpl: WebSocketLike;
  private readonly handlers = new Map<string, Set<Handler>>();
  private token: string | (() => string | Promise<string>);
  private currentToken: string | undefined;
  private socket: WebSocket | undefined;
  state: ConnectionState = 'idle';

  constructor(options: ParleyClientOptions) {
    this.baseUrl = (options.baseUrl ?? '').replace(/\/$/, '');
    this.token = options.token;
    this.fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.WebSocketImpl = options.WebSocket ?? (globalThis.WebSocket as unknown as WebSocketLike);
    if (typeof options.token === 'string') this.currentToken = options.token;
    this.user = this.currentToken ? decodeUser(this.currentToken) : { userId: '', role: 'buyer' };
  }

  /** Listens for a server event (`message.created`, `unread`, ...) or `connection`; returns the way to stop. */
  on(type: string, handler: Handler): () => void {
    let set = this.handlers.get(type);
    if (!set) this.handlers.set(type, (set = new Set()));
    set.add(handler);
    return () => set.delete(handler);
  }

  private emit(event: ParleyEvent): void {
    for (const handler of this.handlers.get(event.type) ?? []) handler(event);
    for (const handler of this.handlers.get('*') ?? []) handler(event);
  }

  private async bearer(): Promise<string> {
    if (this.currentToken) return this.currentToken;
    this.currentToken = typeof this.token === 'string' ? this.token : await this.token();
    return this.currentToken;
  }

  /** Any API call, as JSON; an error answer throws ParleyApiError. */
  async request<T = any>(method: string, path: string, body?: unknown, query?: Record<string, string | number | boolean | undefined>): Promise<T> {
    const url = new URL(this.baseUrl + path, this.baseUrl ? undefined : globalThis.location?.href);
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    const response = await this.fetchImpl(url, {
      method,
      headers: { authorization: `Bearer ${await this.bearer()}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const json = text ? JSON.parse(text) : undefined;
    if (!response.ok) {
      const error = json?.error ?? {};
      throw new ParleyApiError(response.status, error.code ?? 'http_error', error.message ?? `HTTP ${response.status}`, error.details);
    }
    return json as T;
  }

  /** Opens the live connection; resolves once the server says it is ready. */
  async connect(): Promise<void> {
    const url = new URL(`${this.baseUrl}/ws`, this.baseUrl ? undefined : globalThis.location?.href);
    url.protocol = url.protocol.replace('http', 'ws');
    url.searchParams.set('token', await this.bearer());
    this.state = 'connecting';
    const socket = new this.WebSocketImpl(url.toString());
    this.socket = socket;
    await new Promise<void>((resolve, reject) => {
      socket.onmessage = (frame) => {
        const event = JSON.parse(String(frame.data)) as ParleyEvent;
        if (event.type === 'ready') {
          this.state = 'open';
          this.emit({ type: 'connection', state: 'open' });
          resolve();
        }
        this.emit(event);
      };
      socket.onerror = () => reject(new Error('The connection to Parley failed.'));
      socket.onclose = () => {
        this.state = 'closed';
        this.emit({ type: 'connection', state: 'closed' });
      };
    });
  }

  /** Sends a frame on the live connection. */
  send(frame: ParleyEvent): void {
    this.socket?.send(JSON.stringify(frame));
  }

  close(): void {
    this.socket?.close();
  }
}

/** Reads the user from a JWT's payload (Parley checks the signature; this only shows who). */
export function decodeUser(token: string): ParleyUser {
  const part = token.split('.')[1];
  if (!part) throw new Error('This is not a JWT.');
  const json = JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(part.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0))));
  return { userId: String(json.sub), role: (json.role ?? 'buyer') as Role, name: typeof json.name === 'string' ? json.name : undefined };
}
