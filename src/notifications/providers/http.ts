import { Agent, request as undiciRequest } from 'undici';
import { ProviderError } from './types.ts';

export const DEFAULT_TIMEOUT_MS = 10_000;

/** What an adapter sends: a method, headers and a text or form body. */
export interface HttpRequest {
  method: 'GET' | 'POST';
  headers?: HeadersInit;
  /** A URLSearchParams body is sent form-encoded. */
  body?: string | URLSearchParams;
}

/** The parts of an answer adapters read. */
export interface HttpResponse {
  status: number;
  ok: boolean;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
  json(): Promise<unknown>;
  /** Reads and drops the body, so the connection can be reused. */
  discard(): Promise<void>;
}

/**
 * One keep-alive connection pool per process, shared by every HTTP provider, with at most 64
 * connections per origin: thousands of deliveries in flight queue on warm connections instead of
 * opening one socket each. undici's request API, not fetch: no web streams per call.
 */
const agent = new Agent({ connections: 64, keepAliveTimeout: 30_000, keepAliveMaxTimeout: 600_000 });

async function send(url: string, init: HttpRequest, timeoutMs: number): Promise<HttpResponse> {
  const headers: Record<string, string> = {};
  new Headers(init.headers).forEach((value, name) => {
    headers[name] = value;
  });
  let body = init.body;
  if (body instanceof URLSearchParams) {
    headers['content-type'] ??= 'application/x-www-form-urlencoded;charset=UTF-8';
    body = body.toString();
  }
  let response: Awaited<ReturnType<typeof undiciRequest>>;
  try {
    response = await undiciRequest(url, { method: init.method, headers, body, dispatcher: agent, headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
  } catch (err) {
    const code = (err as { code?: string }).code ?? 'network_error';
    const host = new URL(url).host;
    if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') {
      throw new ProviderError('retryable', 'timeout', `No answer from ${host} within ${timeoutMs} ms`);
    }
    throw new ProviderError('retryable', 'connection_failed', `Could not reach ${host}: ${code}`);
  }
  const status = response.statusCode;
  const raw = response.headers;
  return {
    status,
    ok: status >= 200 && status < 300,
    headers: {
      get(name) {
        const value = raw[name.toLowerCase()];
        return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
      },
    },
    text: () => response.body.text(),
    json: () => response.body.json(),
    discard: () => response.body.dump(),
  };
}

/** The transport; tests replace `http.send` to see what an adapter would send where. */
export const http = { send };

/**
 * An HTTP call with a deadline; a network failure or a timeout becomes a retryable ProviderError.
 * The response is returned whatever its status: the adapter reads the body and classifies it.
 */
export function request(url: string, init: HttpRequest, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<HttpResponse> {
  return http.send(url, init, timeoutMs);
}

/** Retry-After as seconds or an HTTP date, in milliseconds; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

/**
 * The common HTTP classification: 408, 429 and 5xx are retryable (honouring Retry-After),
 * every other 4xx is permanent. Adapters refine `code` from the provider's own error body.
 */
export function httpFailure(provider: string, response: HttpResponse, detail: string, code?: string): ProviderError {
  const status = response.status;
  const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
  const message = `${provider} answered ${status}${detail ? `: ${detail}` : ''}`;
  if (status === 429) return new ProviderError('retryable', code ?? 'rate_limited', message, { status, retryAfterMs });
  if (status === 408) return new ProviderError('retryable', code ?? 'timeout', message, { status, retryAfterMs });
  if (status >= 500) return new ProviderError('retryable', code ?? 'server_error', message, { status, retryAfterMs });
  if (status === 401 || status === 403) return new ProviderError('permanent', code ?? 'unauthorized', message, { status });
  return new ProviderError('permanent', code ?? 'rejected', message, { status });
}

/** Reads a response body as text without letting a huge or broken body hurt the caller. */
export async function bodyText(response: HttpResponse, limit = 4096): Promise<string> {
  try {
    const text = await response.text();
    return text.length > limit ? `${text.slice(0, limit)}…` : text;
  } catch {
    return '';
  }
}
