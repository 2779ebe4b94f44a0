import { ProviderError } from './types.ts';

export const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * fetch with a deadline; a network failure or a timeout becomes a retryable ProviderError.
 * The response is returned whatever its status: the adapter reads the body and classifies it.
 */
export async function request(url: string, init: RequestInit, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<Response> {
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    const e = err as Error & { cause?: { code?: string } };
    if (e.name === 'TimeoutError' || e.name === 'AbortError') {
      throw new ProviderError('retryable', 'timeout', `No answer from ${new URL(url).host} within ${timeoutMs} ms`);
    }
    const code = e.cause?.code ?? 'network_error';
    throw new ProviderError('retryable', 'connection_failed', `Could not reach ${new URL(url).host}: ${code}`);
  }
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
export function httpFailure(provider: string, response: Response, detail: string, code?: string): ProviderError {
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
export async function bodyText(response: Response, limit = 4096): Promise<string> {
  try {
    const text = await response.text();
    return text.length > limit ? `${text.slice(0, limit)}…` : text;
  } catch {
    return '';
  }
}
