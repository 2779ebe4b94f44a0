import type { LookupFunction } from 'node:net';
import { Agent, request } from 'undici';
import { parseRetryAfter } from '../notifications/providers/http.ts';
import { AddressRefused, type AddressRules, hostOf } from './address-rules.ts';

/** What one POST came to. */
export interface SendResult {
  ok: boolean;
  /** The receiver's HTTP status; null when there was no answer. */
  status: number | null;
  /** Why it failed: a machine-readable code (http_500, timeout, redirect_refused, url_not_allowed...). */
  error: string | null;
  detail: string | null;
  /** The receiver's Retry-After, in milliseconds. */
  retryAfterMs?: number;
}

export interface SenderLimits {
  /** Connecting, and waiting for the headers and for each part of the body. */
  timeoutMs: number;
  /** The most of an answer's body that is read (the rest is dropped, the connection closed). */
  maxResponseBytes: number;
}

/**
 * POSTs signed events to endpoints, never anywhere the address rules forbid: every connection
 * resolves its host through the rules (all addresses checked, so a rebinding to a private
 * address is refused at connect time, not only at registration), redirects are not followed,
 * and time and the size of the answer are bounded.
 */
export function createWebhookSender(rules: AddressRules, limits: SenderLimits) {
  const guardedLookup: LookupFunction = (hostname, options, callback) => {
    rules.resolve(hostname).then(
      (addresses) => {
        const family = typeof options === 'object' ? options.family : undefined;
        const usable = family === 4 || family === 6 ? addresses.filter((a) => a.family === family) : addresses;
        if (usable.length === 0) return callback(Object.assign(new Error(`no IPv${family} address for ${hostname}`), { code: 'ENOTFOUND' }), '', 4);
        if (typeof options === 'object' && options.all) return (callback as unknown as (e: null, a: typeof usable) => void)(null, usable);
        callback(null, usable[0]!.address, usable[0]!.family);
      },
      (error: Error) => callback(Object.assign(error, { code: error instanceof AddressRefused ? 'EADDRREFUSED' : 'ENOTFOUND' }), '', 4),
    );
  };
  const agent = new Agent({
    connect: { lookup: guardedLookup, timeout: limits.timeoutMs },
    headersTimeout: limits.timeoutMs,
    bodyTimeout: limits.timeoutMs,
    connections: 16,
    keepAliveTimeout: 10_000,
  });

  async function post(url: string, headers: Record<string, string>, body: string): Promise<SendResult> {
    try {
      // IP literals never reach a lookup: they are checked here, before connecting.
      await rules.resolve(hostOf(new URL(url)));
    } catch (error) {
      if (error instanceof AddressRefused) return { ok: false, status: null, error: error.code, detail: error.message };
      throw error;
    }
    let response: Awaited<ReturnType<typeof request>>;
    try {
      response = await request(url, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json', 'user-agent': 'Parley-Webhooks' },
        body,
        dispatcher: agent,
        signal: AbortSignal.timeout(limits.timeoutMs * 3),
      });
    } catch (error) {
      return failure(error as Error & { code?: string; cause?: { code?: string; message?: string } }, limits.timeoutMs);
    }
    const status = response.statusCode;
    const text = await readCapped(response.body, limits.maxResponseBytes).catch(() => '');
    if (status >= 200 && status < 300) return { ok: true, status, error: null, detail: text.slice(0, 200) || null };
    const retryAfter = response.headers['retry-after'];
    const retryAfterMs = parseRetryAfter(Array.isArray(retryAfter) ? retryAfter[0] : retryAfter);
    if (status >= 300 && status < 400) {
      const location = response.headers.location;
      return { ok: false, status, error: 'redirect_refused', detail: `Answered ${status}${location ? ` to ${String(location)}` : ''}; redirects are not followed.` };
    }
    return { ok: false, status, error: `http_${status}`, detail: text.slice(0, 200) || null, retryAfterMs };
  }

  return { post, close: () => agent.close() };
}

/** Reads at most `limit` bytes of a body, then drops the rest (closing the connection). */
async function readCapped(body: AsyncIterable<Buffer> & { destroy(): void }, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > limit) {
      chunks.push(chunk.subarray(0, chunk.length - (size - limit)));
      body.destroy();
      break;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function failure(error: Error & { code?: string; cause?: { code?: string; message?: string } }, timeoutMs: number): SendResult {
  const code = error.code ?? error.cause?.code ?? error.name;
  if (code === 'EADDRREFUSED') return { ok: false, status: null, error: 'url_not_allowed', detail: error.message };
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'TimeoutError' || code === 'AbortError') {
    return { ok: false, status: null, error: 'timeout', detail: `No answer within ${timeoutMs} ms.` };
  }
  return { ok: false, status: null, error: 'connection_failed', detail: `Could not connect: ${code ?? error.message}.` };
}
