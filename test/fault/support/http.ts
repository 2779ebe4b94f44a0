/**
 * Requests with a deadline, each remembered with what came back: a status, or why nothing did
 * (no answer within the limit, connection refused or reset).
 */
import { ANSWER_LIMIT_MS } from './limits.ts';
import { credentials } from './parley.ts';

export interface Answer {
  /** HTTP status, or what happened instead. */
  status: number | 'unanswered' | 'refused' | 'reset' | 'failed';
  body: any;
  headers?: Headers;
  /** Epoch ms when sent and when answered (or given up). */
  sentAt: number;
  ms: number;
  /** The error, when there was no HTTP answer. */
  error?: string;
}

export interface CallOptions {
  body?: unknown;
  /** A user's JWT; the API key when omitted. */
  token?: string;
  timeoutMs?: number;
}

export async function call(baseUrl: string, method: string, path: string, options: CallOptions = {}): Promise<Answer> {
  const sentAt = Date.now();
  const started = performance.now();
  const headers: Record<string, string> = { authorization: `Bearer ${options.token ?? credentials.apiKey}` };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  try {
    const response = await fetch(baseUrl + path, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: AbortSignal.timeout(options.timeoutMs ?? ANSWER_LIMIT_MS),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, body, headers: response.headers, sentAt, ms: performance.now() - started };
  } catch (error) {
    const e = error as Error & { cause?: { code?: string; message?: string } };
    const code = e.cause?.code ?? '';
    const status: Answer['status'] =
      e.name === 'TimeoutError' || e.name === 'AbortError'
        ? 'unanswered'
        : code === 'ECONNREFUSED'
          ? 'refused'
          : code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE'
            ? 'reset'
            : 'failed';
    return { status, body: undefined, sentAt, ms: performance.now() - started, error: `${e.name}: ${e.cause?.message ?? e.message}` };
  }
}

/** How many answers had each status, e.g. "202×1480 503×212". */
export function statusCounts(answers: Pick<Answer, 'status'>[]): string {
  const counts = new Map<string, number>();
  for (const a of answers) counts.set(String(a.status), (counts.get(String(a.status)) ?? 0) + 1);
  return [...counts].sort(([a], [b]) => (a < b ? -1 : 1)).map(([s, n]) => `${s}×${n}`).join(' ') || 'none';
}
