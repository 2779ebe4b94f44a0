/**
 * Requests with a deadline, each remembered with what came back: a status, or why nothing did
 * (no answer within the limit, connection refused or reset). node:http with one keep-alive agent
 * and one timer per request: the suite's own process stays light while it sends hundreds a
 * second, so that its clock measures Parley and not itself.
 */
import { Agent, type IncomingHttpHeaders, request } from 'node:http';
import { ANSWER_LIMIT_MS } from './limits.ts';
import { credentials } from './parley.ts';

export interface Answer {
  /** HTTP status, or what happened instead. */
  status: number | 'unanswered' | 'refused' | 'reset' | 'failed';
  body: any;
  headers?: IncomingHttpHeaders;
  /** Epoch ms when sent. */
  sentAt: number;
  /** Until answered, or given up. */
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

const agent = new Agent({ keepAlive: true, maxSockets: 512 });

export function call(baseUrl: string, method: string, path: string, options: CallOptions = {}): Promise<Answer> {
  const sentAt = Date.now();
  const started = performance.now();
  const url = new URL(path, baseUrl);
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  const headers: Record<string, string | number> = { authorization: `Bearer ${options.token ?? credentials.apiKey}` };
  if (payload !== undefined) Object.assign(headers, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) });
  return new Promise((resolve) => {
    let settled = false;
    const finish = (answer: Omit<Answer, 'sentAt' | 'ms'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...answer, sentAt, ms: performance.now() - started });
    };
    const req = request({ host: url.hostname, port: url.port, path: url.pathname + url.search, method, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', (e: NodeJS.ErrnoException) => finish({ status: 'reset', body: undefined, error: `${e.code ?? ''} ${e.message}` }));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: unknown = text;
        try {
          body = text ? JSON.parse(text) : undefined;
        } catch {
          // not JSON: keep the text
        }
        finish({ status: res.statusCode ?? 0, body, headers: res.headers });
      });
    });
    const timer = setTimeout(() => {
      finish({ status: 'unanswered', body: undefined, error: `no answer within ${(options.timeoutMs ?? ANSWER_LIMIT_MS) / 1000} s` });
      req.destroy();
    }, options.timeoutMs ?? ANSWER_LIMIT_MS);
    req.on('error', (e: NodeJS.ErrnoException) => {
      const status: Answer['status'] = e.code === 'ECONNREFUSED' ? 'refused' : e.code === 'ECONNRESET' || e.code === 'EPIPE' ? 'reset' : 'failed';
      finish({ status, body: undefined, error: `${e.code ?? ''} ${e.message}`.trim() });
    });
    req.end(payload);
  });
}

/** How many answers had each status, e.g. "202×1480 503×212". */
export function statusCounts(answers: Pick<Answer, 'status'>[]): string {
  const counts = new Map<string, number>();
  for (const a of answers) counts.set(String(a.status), (counts.get(String(a.status)) ?? 0) + 1);
  return [...counts].sort(([a], [b]) => (a < b ? -1 : 1)).map(([s, n]) => `${s}×${n}`).join(' ') || 'none';
}
