/**
 * `npm run bench:marketplace`: order events and the marketplace's reads. See the Marketplace
 * section of docs/BENCHMARKS.md.
 *
 *   npm run bench:marketplace -- [--orders 2000] [--concurrency 32] [--amqp-orders 2000]
 *       [--reads 500] [--only postgres,pglite] [--no-write]
 *
 * For each database (PostgreSQL, then the embedded PGlite), Parley runs as its own process:
 * 1. HTTP: --orders orders, each placed → paid → shipped → delivered, posted by --concurrency
 *    clients (closed loop: a client posts an order's events one after the other). Every event
 *    commits its order row, its system message and two notification requests (three with the
 *    review request) before it is answered. Latency is the HTTP round trip.
 * 2. RabbitMQ (PostgreSQL only, when BENCH_AMQP_URL or amqp://guest:guest@127.0.0.1:5672 is
 *    reachable): --amqp-orders orders' events published to a fresh queue; the time until every
 *    event is recorded.
 * 3. Reads, --reads times each: the order timeline of a conversation with 200 messages and its
 *    4 events; "my orders" of a seller with 500 orders (first page); quick-reply suggestions
 *    for a seller with 50 quick replies and 20 templates, first uncached (a new buyer message
 *    each time), then cached.
 *
 * PostgreSQL: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres) is used
 * to recreate the database `parley_bench_orders`, left in place afterwards.
 * BENCH_SERVER_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") are passed to Parley's
 * node; BENCH_SERVER_LOG=<file> keeps what it writes.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import amqplib from 'amqplib';
import { SignJWT } from 'jose';
import pg from 'pg';
import { freePort, machineCpuSeconds, processCpuSeconds, type ServerProcess, startServer } from './processes.ts';
import { describeMachine, type Machine, writeMarkedSection } from './report.ts';
import { recreatePostgresDatabase } from './seed.ts';
import { ms, type Summary, summarise } from './stats.ts';

const { values: args } = parseArgs({
  options: {
    orders: { type: 'string', default: '2000' },
    concurrency: { type: 'string', default: '32' },
    'amqp-orders': { type: 'string', default: '2000' },
    reads: { type: 'string', default: '500' },
    only: { type: 'string', default: 'postgres,pglite' },
    'no-write': { type: 'boolean', default: false },
  },
});
const orderCount = Number(args.orders);
const concurrency = Number(args.concurrency);
const amqpOrders = Number(args['amqp-orders']);
const reads = Number(args.reads);
const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const amqpUrl = process.env.BENCH_AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
const secrets = { apiKey: randomBytes(24).toString('base64url'), jwtSecret: randomBytes(32).toString('base64url'), encryptionKey: `k1:${randomBytes(32).toString('base64')}` };
const log = (line: string) => process.stdout.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);

interface Phase {
  name: string;
  http: { events: number; seconds: number; latency: Summary; serverCpu: number; machineCpu: number };
  amqp?: { events: number; seconds: number };
  reads: { name: string; latency: Summary }[];
}

function client(port: number) {
  const base = `http://127.0.0.1:${port}`;
  return async (method: string, path: string, body?: unknown, token = secrets.apiKey): Promise<any> => {
    const response = await fetch(base + path, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return text ? JSON.parse(text) : undefined;
  };
}

const token = (sub: string, role: string) =>
  new SignJWT({ role }).setProtectedHeader({ alg: 'HS256' }).setSubject(sub).setIssuedAt().setExpirationTime('2h').sign(new TextEncoder().encode(secrets.jwtSecret));

const lifecycle = (orderId: string, i: number) => [
  { eventId: `${orderId}-placed`, type: 'placed', orderId, buyer: { userId: `buyer-${i}`, name: `Buyer ${i}`, email: `buyer${i}@example.com` }, seller: { userId: `seller-${i % 50}` }, order: { total: 42.5, currency: 'EUR', items: [{ productId: `prod-${i % 300}`, title: 'Blue mug', quantity: 1 }] } },
  { eventId: `${orderId}-paid`, type: 'paid', orderId, payment: { amount: 42.5, currency: 'EUR' } },
  { eventId: `${orderId}-shipped`, type: 'shipped', orderId, shipment: { carrier: 'UPS', trackingNumber: `1Z${i}` } },
  { eventId: `${orderId}-delivered`, type: 'delivered', orderId },
];

/** Closed loop: `concurrency` clients, each posting one order's four events in turn. */
async function httpLoad(call: ReturnType<typeof client>, server: ServerProcess) {
  const latencies = new Float64Array(orderCount * 4);
  let next = 0;
  let n = 0;
  const cpu0 = processCpuSeconds(server.pid);
  const machine0 = machineCpuSeconds().busy;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < orderCount; i = next++) {
        for (const event of lifecycle(`order-h${i}`, i)) {
          const t0 = performance.now();
          await call('POST', '/marketplace/orders/events', event);
          latencies[n++] = performance.now() - t0;
        }
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  return {
    events: n,
    seconds,
    latency: summarise(latencies.subarray(0, n)),
    serverCpu: (processCpuSeconds(server.pid) - cpu0) / seconds,
    machineCpu: (machineCpuSeconds().busy - machine0) / seconds,
  };
}

async function amqpLoad(databaseUrl: string, queue: string): Promise<Phase['amqp']> {
  const connection = await amqplib.connect(amqpUrl);
  const channel = await connection.createConfirmChannel();
  await channel.assertQueue(queue, { durable: true });
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const count = async () => Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM order_events WHERE source = 'amqp'`)).rows[0]!.n);
  const start = performance.now();
  for (let i = 0; i < amqpOrders; i++) for (const event of lifecycle(`order-q${i}`, i)) channel.sendToQueue(queue, Buffer.from(JSON.stringify(event)), { persistent: true });
  await channel.waitForConfirms();
  const target = amqpOrders * 4;
  while ((await count()) < target) {
    if (performance.now() - start > 600_000) throw new Error('RabbitMQ events were not all taken within 10 minutes');
    await sleep(100);
  }
  const seconds = (performance.now() - start) / 1000;
  await channel.deleteQueue(queue);
  await channel.deleteQueue(`${queue}.rejected`);
  await connection.close();
  await db.end();
  return { events: target, seconds };
}

async function timed(name: string, times: number, run: (i: number) => Promise<unknown>) {
  const samples = new Float64Array(times);
  for (let i = 0; i < times; i++) {
    const t0 = performance.now();
    await run(i);
    samples[i] = performance.now() - t0;
  }
  log(`${name}: p50 ${ms(summarise(samples).p50)} p95 ${ms(summarise(samples).p95)}`);
  return { name, latency: summarise(samples) };
}

/** The reads a marketplace's pages make, on data shaped like a busy seller's. */
async function readLoad(call: ReturnType<typeof client>): Promise<Phase['reads']> {
  const seller = 'seller-busy';
  const sellerToken = await token(seller, 'seller');
  for (let i = 0; i < 500; i++) {
    await call('POST', '/marketplace/orders/events', { eventId: `busy-${i}`, type: 'placed', orderId: `order-busy-${i}`, buyer: { userId: `busy-buyer-${i}` }, seller: { userId: seller } });
  }
  const { conversationId } = await call('POST', '/marketplace/orders/events', { ...lifecycle('order-long', 0)[0], eventId: 'long-placed', buyer: { userId: 'buyer-long' }, seller: { userId: seller } });
  for (const event of lifecycle('order-long', 0).slice(1)) await call('POST', '/marketplace/orders/events', { ...event, eventId: `long-${event.type}` });
  const buyerToken = await token('buyer-long', 'buyer');
  for (let i = 0; i < 100; i++) {
    await call('POST', `/conversations/${conversationId}/messages`, { content: `Question ${i}: does the mug fit in a dishwasher?` }, buyerToken);
    await call('POST', `/conversations/${conversationId}/messages`, { content: `Answer ${i}: yes, it does.` }, sellerToken);
  }
  for (let i = 0; i < 50; i++) {
    await call('POST', '/marketplace/messaging/quick-replies', { sellerId: seller, content: `Quick reply ${i} about shipping, returns and sizes`, triggers: [`word${i}`, i % 2 ? 'shipping' : 'refund'] });
  }
  for (let i = 0; i < 20; i++) {
    await call('POST', '/marketplace/messaging/templates', { sellerId: seller, name: `Template ${i}`, content: `Hi {{buyer_name}}, order {{order_id}} (${i}) ships with {{carrier}}: {{tracking_number}}.` });
  }
  return [
    await timed('order timeline (200 messages, 4 events), newest page of 50', reads, () => call('GET', `/marketplace/messaging/conversations/${conversationId}/order-timeline`, undefined, buyerToken)),
    await timed('my orders of a seller with 501 orders, first page of 20', reads, () => call('GET', '/marketplace/messaging/conversations/my-orders', undefined, sellerToken)),
    await timed('suggestions, uncached (a new buyer message before each)', Math.min(reads, 200), async () => {
      await call('POST', `/conversations/${conversationId}/messages`, { content: 'When does my refund arrive, and what about shipping?' }, buyerToken);
      return call('GET', `/marketplace/messaging/quick-replies/suggest?conversationId=${conversationId}`, undefined, sellerToken);
    }),
    await timed('suggestions, cached', reads, () => call('GET', `/marketplace/messaging/quick-replies/suggest?conversationId=${conversationId}`, undefined, sellerToken)),
  ];
}

async function runPhase(name: 'postgres' | 'pglite'): Promise<Phase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-bench-orders-'));
  const databaseUrl = name === 'postgres' ? await recreatePostgresDatabase(adminUrl, 'parley_bench_orders') : undefined;
  const queue = `parley-bench-${randomUUID()}`;
  const amqpReachable = name === 'postgres' && (await amqplib.connect(amqpUrl).then((c) => c.close().then(() => true), () => false));
  const port = await freePort();
  const server = await startServer({
    name: `Parley on ${name}`,
    script: 'src/main.ts',
    port,
    readyPath: '/ready',
    readyStatus: 200,
    logFile: process.env.BENCH_SERVER_LOG,
    nodeArgs: process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean),
    env: {
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      PARLEY_DATA_DIR: dataDir,
      PARLEY_API_KEYS: secrets.apiKey,
      PARLEY_JWT_SECRET: secrets.jwtSecret,
      PARLEY_ENCRYPTION_KEY: secrets.encryptionKey,
      PARLEY_SEND_RATE_LIMIT: '1000000',
      PARLEY_SELLER_TEMPLATE_RATE_LIMIT: '100000',
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
      ...(amqpReachable ? { AMQP_URL: amqpUrl, PARLEY_AMQP_QUEUE: queue } : {}),
    },
  });
  try {
    const call = client(port);
    log(`${server.name}: ${orderCount} orders × 4 events over HTTP, ${concurrency} clients`);
    const http = await httpLoad(call, server);
    log(`${server.name}: ${(http.events / http.seconds).toFixed(0)} events/s, p50 ${ms(http.latency.p50)} p95 ${ms(http.latency.p95)} p99 ${ms(http.latency.p99)}`);
    let amqp: Phase['amqp'];
    if (amqpReachable && databaseUrl && amqpOrders > 0) {
      log(`${server.name}: ${amqpOrders} orders × 4 events through RabbitMQ`);
      amqp = await amqpLoad(databaseUrl, queue);
      log(`${server.name}: ${(amqp!.events / amqp!.seconds).toFixed(0)} events/s through RabbitMQ`);
    }
    return { name: server.name, http, amqp, reads: await readLoad(call) };
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function section(phases: Phase[], machine: Machine, command: string): string {
  const rows = phases.map(
    (p) =>
      `| ${p.name} | ${p.http.events.toLocaleString('en')} | ${concurrency} | ${Math.round(p.http.events / p.http.seconds)}/s | ${ms(p.http.latency.p50)} | ${ms(p.http.latency.p95)} | ${ms(p.http.latency.p99)} | ${p.http.serverCpu.toFixed(2)} | ${p.http.machineCpu.toFixed(2)} | ${p.amqp ? `${Math.round(p.amqp.events / p.amqp.seconds)}/s (${p.amqp.events.toLocaleString('en')} events)` : '–'} |`,
  );
  const readRows = phases.flatMap((p) => p.reads.map((r) => `| ${p.name} | ${r.name} | ${ms(r.latency.p50)} | ${ms(r.latency.p95)} | ${ms(r.latency.p99)} |`));
  return [
    `Measured ${new Date().toISOString().slice(0, 19)}Z with \`${command}\`.`,
    '',
    `Machine: ${machine.cores} cores (${machine.cpu}), ${machine.memoryGiB} GiB memory, ${machine.kernel}, Node ${machine.node}, PostgreSQL ${machine.postgres} (${machine.postgresSettings}). Load average at start: ${machine.loadAverage}. Parley, PostgreSQL, RabbitMQ and the load share the machine.`,
    '',
    '| Setup | Events | Clients | Events applied | p50 | p95 | p99 | Server CPU | Machine CPU | Through RabbitMQ |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows,
    '',
    '| Setup | Read | p50 | p95 | p99 |',
    '|---|---|---:|---:|---:|',
    ...readRows,
  ].join('\n');
}

const markers = { begin: '<!-- bench-marketplace:begin (written by bench/orders.ts; edit outside these markers) -->', end: '<!-- bench-marketplace:end -->' };

const machine = await describeMachine(adminUrl);
const phases: Phase[] = [];
for (const name of ['postgres', 'pglite'] as const) if (args.only!.split(',').includes(name)) phases.push(await runPhase(name));
const command = `npm run bench:marketplace${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
const text = section(phases, machine, command);
process.stdout.write(`\n${text}\n`);
if (!args['no-write']) writeMarkedSection(new URL('../docs/BENCHMARKS.md', import.meta.url).pathname, text, markers, 'Marketplace');
process.exit(0);
