/**
 * The webhook endpoint Parley's webhook provider posts to (PARLEY_PROVIDERS). It checks each
 * request the way a Standard Webhooks receiver does (webhook-id, webhook-timestamp and a
 * signature over them and the body) and remembers, per webhook-id, when it answered and what,
 * and which notification (requestId) the body was for. It can be told to answer 503 for a while,
 * as a provider in an outage does.
 */
import { createServer, type Server } from 'node:http';
import { signWebhook } from '../../../src/notifications/providers/webhook.ts';
import { credentials } from './parley.ts';

export interface Receipt {
  requestId: string;
  /** Epoch ms each POST answered 2xx began to arrive. */
  delivered: number[];
  /** POSTs answered 503 (the outage). */
  refused: number;
}

export interface WebhookSink {
  readonly port: number;
  /** The PARLEY_PROVIDERS value that sends the webhook channel here. */
  readonly providers: string;
  /** By webhook-id. */
  readonly receipts: Map<string, Receipt>;
  /** Every POST, whatever the answer. */
  calls(): number;
  /** Requests that failed the receiver's checks (missing headers, bad signature, no requestId). */
  readonly rejected: string[];
  /** Answer 503 (with Retry-After: 1) until told otherwise. */
  unavailable(on: boolean): void;
  /** Distinct webhook-ids answered 2xx at least once. */
  deliveredIds(): Set<string>;
  /** Notifications (requestIds) that arrived under more than one webhook-id. */
  requestsUnderSeveralIds(): string[];
  /** POSTs answered 2xx beyond the first for their webhook-id. */
  duplicates(): number;
  reset(): void;
  close(): Promise<void>;
}

export async function startSink(): Promise<WebhookSink> {
  const receipts = new Map<string, Receipt>();
  const idsByRequest = new Map<string, Set<string>>();
  const rejected: string[] = [];
  let calls = 0;
  let down = false;
  const server: Server = createServer({ keepAliveTimeout: 60_000 }, (req, res) => {
    calls++;
    const arrived = Date.now();
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const id = String(req.headers['webhook-id'] ?? '');
      const timestamp = Number(req.headers['webhook-timestamp']);
      const body = Buffer.concat(chunks).toString('utf8');
      let requestId = '';
      try {
        requestId = String((JSON.parse(body) as { requestId?: string }).requestId ?? '');
      } catch {
        // reported below
      }
      const problem = !id
        ? 'no webhook-id header'
        : !Number.isFinite(timestamp)
          ? 'no webhook-timestamp header'
          : req.headers['webhook-signature'] !== signWebhook(credentials.webhookSecret, id, timestamp, body)
            ? 'bad signature'
            : !requestId
              ? 'no requestId in the body'
              : undefined;
      if (problem) {
        if (rejected.length < 20) rejected.push(`${problem} (webhook-id ${id || '-'})`);
        res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: problem }));
        return;
      }
      let receipt = receipts.get(id);
      if (!receipt) receipts.set(id, (receipt = { requestId, delivered: [], refused: 0 }));
      let ids = idsByRequest.get(requestId);
      if (!ids) idsByRequest.set(requestId, (ids = new Set()));
      ids.add(id);
      if (down) {
        receipt.refused++;
        res.writeHead(503, { 'retry-after': '1', 'content-type': 'application/json' }).end('{"error":"temporarily unavailable"}');
        return;
      }
      receipt.delivered.push(arrived);
      res.writeHead(200, { 'content-length': '0' }).end();
    });
  });
  server.headersTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    providers: JSON.stringify({ webhook: [{ type: 'webhook', url: `http://127.0.0.1:${port}/hook`, secret: credentials.webhookSecret, timeoutMs: 5_000 }] }),
    receipts,
    calls: () => calls,
    rejected,
    unavailable(on) {
      down = on;
    },
    deliveredIds: () => new Set([...receipts].filter(([, r]) => r.delivered.length > 0).map(([id]) => id)),
    requestsUnderSeveralIds: () => [...idsByRequest].filter(([, ids]) => ids.size > 1).map(([requestId]) => requestId),
    duplicates: () => [...receipts.values()].reduce((n, r) => n + Math.max(0, r.delivered.length - 1), 0),
    reset() {
      receipts.clear();
      idsByRequest.clear();
      rejected.length = 0;
      calls = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
