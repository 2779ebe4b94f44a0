import { ParleyApiError } from './errors.ts';
import { decodeUser } from './jwt.ts';
import type { ParleyUser } from './types.ts';

/**
 * The REST side of the client: where Parley is, the user's token (fixed, or fetched from a
 * token function and fetched again once when Parley says it expired), and calls that turn
 * error answers into ParleyApiError.
 */

export type TokenSource = string | (() => string | Promise<string>);

export type Query = Record<string, string | number | boolean | null | undefined>;

export interface HttpOptions {
  baseUrl?: string;
  token: TokenSource;
  fetch?: typeof fetch;
}

export class HttpClient {
  private readonly baseUrl: string;
  private readonly tokenSource: TokenSource;
  private readonly fetchImpl: typeof fetch;
  private currentToken: string | undefined;
  private currentUser: ParleyUser | undefined;
  private tokenRefresh: Promise<string> | undefined;

  constructor(options: HttpOptions) {
    this.baseUrl = (options.baseUrl ?? '').replace(/\/+$/, '');
    if (!this.baseUrl && !pageLocation()) throw new Error('ParleyClient needs a baseUrl outside a browser, such as "https://chat.example.com".');
    this.tokenSource = options.token;
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    if (typeof options.token === 'string') this.setToken(options.token);
  }

  /** Who the client acts for, from the token; undefined until a token was fetched. */
  get user(): ParleyUser | undefined {
    return this.currentUser;
  }

  private setToken(token: string): void {
    this.currentUser = decodeUser(token);
    this.currentToken = token;
  }

  /** A fresh token from the token function (one call at a time), or the fixed token. */
  freshToken(): Promise<string> {
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

  /** The user, fetching a token first if none was yet. */
  async me(): Promise<ParleyUser> {
    await this.bearer();
    return this.currentUser!;
  }

  /** A URL of Parley's: the page's own origin when no baseUrl was given. */
  url(path: string, query?: Query): URL {
    const url = new URL(this.baseUrl + path, this.baseUrl ? undefined : pageLocation());
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== null) url.searchParams.set(k, String(v));
    return url;
  }

  /**
   * One call with the bearer token; a `token_expired` refusal fetches a new token (token
   * function only) and tries once more. Error answers throw ParleyApiError.
   */
  async call(method: string, path: string, init: { body?: BodyInit; json?: boolean; query?: Query; timeoutMs?: number }): Promise<Response> {
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

  /** A call with a JSON body (if any) and a JSON answer (an empty answer is undefined). */
  async json<T>(method: string, path: string, body?: unknown, query?: Query, timeoutMs?: number): Promise<T> {
    const response = await this.call(method, path, { body: body === undefined ? undefined : JSON.stringify(body), json: body !== undefined, query, timeoutMs });
    const text = await response.text().catch(() => '');
    if (!text) return undefined as T;
    try {
      return JSON.parse(text) as T;
    } catch {
      return text as T;
    }
  }
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

function pageLocation(): string | undefined {
  return (globalThis as { location?: { href?: string } }).location?.href;
}
