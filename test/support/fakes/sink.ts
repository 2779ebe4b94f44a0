import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A webhook endpoint for delivery tests: it keeps every request, counts each `webhook-id` once
 * (as a receiver deduplicating on it would), and can be switched between answering 200,
 * being down (503), and holding requests until released.
 */
export interface Sink {
  url: string;
  /** Every request in arrival order (refused ones too): the webhook-id header and the parsed body. */
  requests: { id: string; body: any }[];
  /** webhook-id → how many times it was accepted (200, or held). */
  counts: Map<string, number>;
  /** ok: 200. down: 503 with Retry-After. reject: 400 (a permanent refusal). hold: keep until release(). */
  mode: 'ok' | 'down' | 'reject' | 'hold';
  /** The Retry-After header sent while down, in seconds. */
  retryAfter: string;
  /** Answers every held request with 200. */
  release(): void;
  held(): number;
  close(): Promise<void>;
}

export async function startSink(): Promise<Sink> {
  const holding: ServerResponse[] = [];
  const sink: Sink = {
    url: '',
    requests: [],
    counts: new Map(),
    mode: 'ok',
    retryAfter: '0',
    release() {
      for (const res of holding.splice(0)) if (!res.destroyed) res.writeHead(200).end();
    },
    held: () => holding.length,
    close: async () => {
      sink.release();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const id = String(req.headers['webhook-id'] ?? '');
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString());
      } catch {
        body = undefined;
      }
      if (sink.mode === 'down') {
        sink.requests.push({ id, body });
        res.writeHead(503, { 'retry-after': sink.retryAfter }).end('unavailable');
        return;
      }
      if (sink.mode === 'reject') {
        sink.requests.push({ id, body });
        res.writeHead(400).end('no such hook');
        return;
      }
      sink.requests.push({ id, body });
      sink.counts.set(id, (sink.counts.get(id) ?? 0) + 1);
      if (sink.mode === 'hold') holding.push(res);
      else res.writeHead(200).end();
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  sink.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  return sink;
}
