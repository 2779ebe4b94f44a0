/**
 * The ceiling of the notification pipeline's write: the acceptor's own INSERT ... SELECT FROM
 * unnest(...) into notification_logs, sent straight from node-postgres connections with nothing
 * else around it (no HTTP, validation, planning or hashing), batches of 1,000 requests × 2
 * channels, from 1..n connections at once.
 *
 * The statement is read from src/notifications/deliveries/sql/insertDeliveries.ts when the benchmark starts (its
 * `${...}` parameters become $1, $2, ...), so the ceiling follows the code; if the statement's
 * parameters change shape, this fails loudly instead of measuring something else.
 */
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { type NotificationRequest, PRIORITIES, addressFor, literalContent } from '../src/notifications/model.ts';
import { DEFAULT_RETRIES, DEFAULT_ROUTING } from '../src/notifications/accept.ts';
import { v7 as uuidv7 } from '../src/uuid.ts';
import { benchNotification } from './notify-load.ts';
import { type Summary, summarise } from './stats.ts';

const acceptSource = new URL('../src/notifications/deliveries/sql/insertDeliveries.ts', import.meta.url);

/** The acceptor's insert statement with numbered parameters, and what each parameter is. */
export function acceptInsertStatement(): { text: string; parameters: string[] } {
  const source = readFileSync(acceptSource, 'utf8');
  const match = /sql<[^>]*>`(\s*INSERT INTO notification_logs[\s\S]*?)`\.execute\(/.exec(source);
  if (!match) throw new Error(`no INSERT INTO notification_logs statement found in ${acceptSource.pathname}; update bench/notify-raw.ts`);
  const parameters: string[] = [];
  const text = match[1]!.replace(/\$\{([^}]*)\}/g, (_all, expression: string) => {
    const column = /^col\('(\w+)'\)/.exec(expression.trim())?.[1] ?? (expression.trim() === 'now' ? 'now' : undefined);
    if (!column) throw new Error(`insertDeliveries.ts's insert has a parameter the benchmark does not know: \${${expression}}; update bench/notify-raw.ts`);
    parameters.push(column);
    return `$${parameters.length}`;
  });
  return { text, parameters };
}

/** A PostgreSQL array literal of text values (what node-postgres makes of a JS array). */
const arrayLiteral = (values: readonly (string | number)[]) =>
  `{${values.map((v) => (typeof v === 'number' ? String(v) : `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`)).join(',')}}`;

/**
 * The columns of one batch as the acceptor plans them (see plan() in accept.ts), for requests
 * like the HTTP benchmark's: the columns that do not depend on ids are serialised once per
 * template, so that the client's own work per batch is little more than fresh uuids.
 */
function batchTemplate(requests: number, users: number) {
  const channels = ['in-app', 'webhook'] as const;
  const route = DEFAULT_ROUTING.transactional;
  const rows: Record<string, string | number>[] = [];
  for (let i = 0; i < requests; i++) {
    const request: NotificationRequest = benchNotification(randomUUID(), `bench-r${Math.floor(Math.random() * users)}`, [...channels]);
    const hash = createHash('sha256').update(JSON.stringify(request)).digest('hex');
    const metadata = JSON.stringify({ priority: route.priority, retries: DEFAULT_RETRIES, campaignId: request.metadata?.campaignId, timestamp: request.timestamp });
    for (const channel of channels) {
      rows.push({
        user_id: request.recipient.userId,
        channel,
        notification_type: request.notificationType,
        status: 'queued',
        priority: PRIORITIES[route.priority],
        max_retries: DEFAULT_RETRIES,
        step: 0,
        request_hash: hash,
        recipient: JSON.stringify({ ...request.recipient, address: addressFor(channel, request.recipient) }),
        content: JSON.stringify({ kind: 'literal', fields: literalContent(channel, request.message) }),
        metadata,
      });
    }
  }
  const fixed: Record<string, string> = {};
  for (const column of Object.keys(rows[0]!)) fixed[column] = arrayLiteral(rows.map((r) => r[column]!));
  return { rows: rows.length, fixed };
}

export interface RawResult {
  connections: number;
  seconds: number;
  batches: number;
  rows: number;
  /** Statement round trip, milliseconds. */
  statement: Summary;
}

/**
 * Inserts batches from `connections` connections for `seconds`, each connection one statement at
 * a time (autocommit: one commit per batch, as the acceptor's transaction is).
 */
export async function rawInsert(
  databaseUrl: string,
  connections: number,
  seconds: number,
  requestsPerBatch: number,
  users: number,
  /** Called every second while the connections are open, and once more before they close. */
  tick: () => Promise<unknown>,
): Promise<RawResult> {
  const { text, parameters } = acceptInsertStatement();
  const templates = Array.from({ length: 8 }, () => batchTemplate(requestsPerBatch, users));
  const clients = await Promise.all(
    Array.from({ length: connections }, async () => {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      return client;
    }),
  );
  const latencies: number[] = [];
  let rows = 0;
  let batch = 0;
  const values = () => {
    const template = templates[batch++ % templates.length]!;
    const now = new Date();
    const logIds = Array.from({ length: template.rows }, () => uuidv7());
    const requestIds: string[] = [];
    for (let i = 0; i < template.rows; i += 2) {
      const id = randomUUID();
      requestIds.push(id, id);
    }
    const fresh: Record<string, unknown> = {
      log_id: `{${logIds.join(',')}}`,
      request_id: `{${requestIds.join(',')}}`,
      due_at: arrayLiteral(new Array<string>(template.rows).fill(now.toISOString())),
      now,
    };
    return parameters.map((column) => {
      const value = fresh[column] ?? template.fixed[column];
      if (value === undefined) throw new Error(`no value for the insert's ${column} column; update bench/notify-raw.ts`);
      return value;
    });
  };
  try {
    const start = performance.now();
    const end = start + seconds * 1000;
    const ticking = (async () => {
      while (performance.now() < end) {
        await sleep(Math.min(1000, Math.max(0, end - performance.now())));
        await tick();
      }
    })();
    await Promise.all(
      clients.map(async (client) => {
        while (performance.now() < end) {
          const params = values();
          const t = performance.now();
          const result = await client.query(text, params);
          latencies.push(performance.now() - t);
          rows += result.rowCount ?? 0;
        }
      }),
    );
    await ticking;
    await tick();
    return { connections, seconds: (performance.now() - start) / 1000, batches: latencies.length, rows, statement: summarise(Float64Array.from(latencies)) };
  } finally {
    await Promise.all(clients.map((c) => c.end()));
  }
}
