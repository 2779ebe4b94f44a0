/**
 * `npm run bench:app`: the web app in a real browser (Debian's Chromium, headless, driven by
 * playwright-core), against Parley as its own process on the local PostgreSQL. See the
 * "Web app" section of docs/BENCHMARKS.md.
 *
 *   npm run bench:app -- [--runs 20] [--warmup 2] [--messages 200] [--events 20] [--gap 100] [--no-write]
 *       [--verbose] [--trace <file>]
 *
 * 1. Bundle: the JS and CSS dist/app/index.html loads, raw and gzip (node:zlib, level 6), and
 *    what the browser was sent for them (Resource Timing).
 * 2. Cold load of the inbox: a seller with 200 order conversations; a fresh browser context per
 *    run (empty cache and storage), from navigation start to the first conversation row.
 * 3. Opening the order conversation with 200 messages: from the click on its row in a loaded
 *    inbox until the newest message is in view; also as a cold load of /app/c/:id.
 * 4. Live: a buyer's page open on that conversation; the seller sends --messages messages over
 *    REST one at a time (--gap ms between them); from just before each send until its text is in
 *    the buyer's DOM, and in view. Then --events orders (one per run): from just before the
 *    `shipped` event is posted until its card is in the open timeline.
 *
 * Times in the page are read with the Performance API (a MutationObserver and an
 * IntersectionObserver installed before the app's scripts); live latencies compare
 * performance.timeOrigin + performance.now() in the page with the same in Node (one machine
 * clock; the offset between the two is measured and printed).
 *
 * PostgreSQL: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres) is used
 * to recreate the database `parley_bench_app`, left in place afterwards. BENCH_SERVER_NODE_ARGS
 * and BENCH_SERVER_ENV="NAME=value ..." go to Parley's node and environment;
 * BENCH_SERVER_LOG=<file> keeps what it writes. Chromium: /usr/bin/chromium or PARLEY_CHROMIUM
 * (never downloaded).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { SignJWT } from 'jose';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import WebSocket from 'ws';
import { chromiumPath, launchBrowser } from '../test/support/browser.ts';
import { backendCpuBetween, freePort, machineCpuSeconds, postgresBackendCpu, processCpuSeconds, type ServerProcess, startServer } from './processes.ts';
import { describeMachine, type Machine, writeMarkedSection } from './report.ts';
import { recreatePostgresDatabase } from './seed.ts';
import { ms, type Summary, summarise } from './stats.ts';

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '20' },
    warmup: { type: 'string', default: '2' },
    messages: { type: 'string', default: '200' },
    events: { type: 'string', default: '20' },
    gap: { type: 'string', default: '100' },
    'no-write': { type: 'boolean', default: false },
    /** Prints the requests of each phase's last run, with their times. */
    verbose: { type: 'boolean', default: false },
    /** Writes a Chromium trace of the live-message sends to this file (open it in chrome://tracing or Perfetto), and the page's JS CPU profile to <file>.cpuprofile. */
    trace: { type: 'string' },
  },
});
const runs = Number(args.runs);
const warmup = Number(args.warmup);
const liveMessages = Number(args.messages);
const liveEvents = Number(args.events);
const gapMs = Number(args.gap);
const inboxSize = 200;
const longMessages = 200;
const viewport = { width: 1280, height: 800 };
const databaseName = 'parley_bench_app';
const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const secrets = { apiKey: randomBytes(24).toString('base64url'), jwtSecret: randomBytes(32).toString('base64url'), encryptionKey: `k1:${randomBytes(32).toString('base64')}` };
const distDir = new URL('../dist/app/', import.meta.url).pathname;
const log = (line: string) => process.stdout.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
/** Wall-clock milliseconds with sub-millisecond resolution: the page reads the same clock. */
const now = () => performance.timeOrigin + performance.now();

const seller = { userId: 'bench-app-seller', name: 'Mugs & Co' };
const eventSeller = { userId: 'bench-app-seller-2', name: 'Vases & Co' };
const eventBuyer = { userId: 'bench-app-buyer-events', name: 'Eva' };
const longOrderId = 'bench-app-long';
const longBuyer = { userId: 'bench-app-buyer-long', name: 'Ana' };

// ---------------------------------------------------------------------------------------------
// Parley, its data, and the machine's CPU

/** BENCH_SERVER_ENV="NAME=value NAME=value": settings passed to Parley on top of the benchmark's own. */
function serverEnv(): Record<string, string> {
  return Object.fromEntries(
    (process.env.BENCH_SERVER_ENV ?? '')
      .split(' ')
      .filter(Boolean)
      .map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
  );
}

const token = (sub: string, role: string, name: string) =>
  new SignJWT({ role, name }).setProtectedHeader({ alg: 'HS256' }).setSubject(sub).setIssuedAt().setExpirationTime('2h').sign(new TextEncoder().encode(secrets.jwtSecret));

function client(base: string) {
  return async (method: string, path: string, body?: unknown, bearer = secrets.apiKey): Promise<any> => {
    const response = await fetch(base + path, {
      method,
      headers: { authorization: `Bearer ${bearer}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return text ? JSON.parse(text) : undefined;
  };
}
type Call = ReturnType<typeof client>;

const placed = (orderId: string, buyer: { userId: string; name: string }, s: { userId: string; name: string }, title: string) => ({
  eventId: `${orderId}-placed`,
  type: 'placed',
  orderId,
  buyer,
  seller: s,
  order: { total: 42.5, currency: 'EUR', items: [{ productId: `prod-${orderId}`, title, quantity: 1, unitPrice: 42.5 }] },
});
const paid = (orderId: string) => ({ eventId: `${orderId}-paid`, type: 'paid', orderId, payment: { amount: 42.5, currency: 'EUR', paymentId: `pay-${orderId}` } });
const shipped = (orderId: string, trackingNumber: string) => ({
  eventId: `${orderId}-shipped`,
  type: 'shipped',
  orderId,
  shipment: { carrier: 'UPS', trackingNumber, trackingUrl: `https://www.ups.com/track?tracknum=${trackingNumber}` },
});
const trackingFor = (i: number) => `1ZAPP${String(i).padStart(4, '0')}`;

interface Seeded {
  longConversationId: string;
  eventConversations: { orderId: string; conversationId: string }[];
}

/** Everything through Parley's API, as a marketplace and its users would write it. */
async function seedThroughApi(call: Call, databaseUrl: string): Promise<Seeded> {
  const t0 = performance.now();
  // 199 order conversations of the seller at different stages; the 200th, the newest, has 200 messages.
  for (let i = 1; i < inboxSize; i++) {
    const orderId = `bench-app-${String(i).padStart(3, '0')}`;
    await call('POST', '/marketplace/orders/events', placed(orderId, { userId: `bench-app-buyer-${i}`, name: `Buyer ${i}` }, seller, `Mug no. ${i}`));
    if (i % 2 === 0) await call('POST', '/marketplace/orders/events', paid(orderId));
    if (i % 4 === 0) await call('POST', '/marketplace/orders/events', shipped(orderId, `1ZSEED${i}`));
  }
  const long = await call('POST', '/marketplace/orders/events', placed(longOrderId, longBuyer, seller, 'Blue mug'));
  await call('POST', '/marketplace/orders/events', paid(longOrderId));
  const longConversationId = long.conversationId as string;
  const buyerToken = await token(longBuyer.userId, 'buyer', longBuyer.name);
  const sellerToken = await token(seller.userId, 'seller', seller.name);
  for (let i = 1; i <= longMessages; i++) {
    const fromBuyer = i % 2 === 1;
    await call(
      'POST',
      `/conversations/${longConversationId}/messages`,
      { content: `Bench message ${i}: ${fromBuyer ? 'does the mug fit in a dishwasher, and when will it ship?' : 'yes, it does; it ships tomorrow morning.'}` },
      fromBuyer ? buyerToken : sellerToken,
    );
  }
  // One order per live-event run, placed and paid, between another buyer and another seller.
  const eventConversations: Seeded['eventConversations'] = [];
  for (let i = 1; i <= warmup + liveEvents; i++) {
    const orderId = `bench-app-event-${String(i).padStart(3, '0')}`;
    const answer = await call('POST', '/marketplace/orders/events', placed(orderId, eventBuyer, eventSeller, `Vase no. ${i}`));
    await call('POST', '/marketplace/orders/events', paid(orderId));
    eventConversations.push({ orderId, conversationId: answer.conversationId });
  }
  log(`seeded through the API in ${((performance.now() - t0) / 1000).toFixed(1)} s; waiting for the notifications they queued`);
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    for (const deadline = Date.now() + 120_000; ; ) {
      const { rows } = await db.query<{ n: string }>(`SELECT count(*) AS n FROM notification_logs WHERE status IN ('queued', 'sending') AND due_at <= now()`);
      if (Number(rows[0]!.n) === 0) break;
      if (Date.now() > deadline) throw new Error(`${rows[0]!.n} notifications still queued after 2 minutes`);
      await sleep(500);
    }
    // Fresh statistics, as a database in service would have.
    await db.query('ANALYZE');
  } finally {
    await db.end();
  }
  return { longConversationId, eventConversations };
}

interface CpuSample {
  wall: number;
  server: number;
  postgres: Map<number, number>;
  chromium: Record<string, number>;
  bench: number;
  machine: { busy: number; total: number };
}

function procStat(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/**
 * CPU seconds of every process below this one except Parley's, by Chromium process type
 * (browser, zygote, renderer, gpu-process, utility). Children that ended and were reaped are in
 * their parent's cutime/cstime, counted as `ended`: renderers of closed contexts still count.
 */
function chromiumCpuByType(serverPid: number): Record<string, number> {
  const parent = new Map<number, number>();
  const stats = new Map<number, string[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = procStat(Number(entry));
    if (!fields) continue;
    parent.set(Number(entry), Number(fields[1]));
    stats.set(Number(entry), fields);
  }
  const below = (pid: number): boolean => {
    for (let p = parent.get(pid), guard = 0; p !== undefined && p > 1 && guard < 64; p = parent.get(p), guard++) {
      if (p === serverPid) return false;
      if (p === process.pid) return true;
    }
    return false;
  };
  const out: Record<string, number> = {};
  const add = (type: string, ticks: number) => (out[type] = (out[type] ?? 0) + ticks / 100);
  for (const [pid, fields] of stats) {
    if (pid === serverPid || !below(pid)) continue;
    let type = 'exiting'; // a process that ended but was not reaped yet has no command line
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (cmdline) type = /chrom/.test(cmdline.split('\0')[0] ?? '') ? (/--type=([\w-]+)/.exec(cmdline)?.[1] ?? 'browser') : 'other';
    } catch {
      // ended meanwhile
    }
    add(type, Number(fields[11]) + Number(fields[12]));
    add('ended', Number(fields[13]) + Number(fields[14]));
  }
  return out;
}

const chromiumCpuSeconds = (serverPid: number) => Object.values(chromiumCpuByType(serverPid)).reduce((a, b) => a + b, 0);

function cpuSample(server: ServerProcess): CpuSample {
  const usage = process.cpuUsage();
  return {
    wall: performance.now(),
    server: processCpuSeconds(server.pid),
    postgres: postgresBackendCpu(databaseName),
    chromium: chromiumCpuByType(server.pid),
    bench: (usage.user + usage.system) / 1e6,
    machine: machineCpuSeconds(),
  };
}

/** CPU used between two samples, seconds, by party; `other` is the machine's busy time none of them account for. */
interface CpuUse {
  seconds: number;
  server: number;
  postgres: number;
  chromium: number;
  /** Chromium's share by process type (`ended`: processes that exited meanwhile, such as closed contexts' renderers). */
  chromiumByType: Record<string, number>;
  bench: number;
  machine: number;
  other: number;
}

function cpuBetween(a: CpuSample, b: CpuSample): CpuUse {
  const postgres = backendCpuBetween(a.postgres, b.postgres);
  const server = b.server - a.server;
  const chromiumByType: Record<string, number> = {};
  for (const type of new Set([...Object.keys(a.chromium), ...Object.keys(b.chromium)])) chromiumByType[type] = (b.chromium[type] ?? 0) - (a.chromium[type] ?? 0);
  const chromium = Object.values(chromiumByType).reduce((x, y) => x + y, 0);
  const bench = b.bench - a.bench;
  const machine = b.machine.busy - a.machine.busy;
  return { seconds: (b.wall - a.wall) / 1000, server, postgres, chromium, bench, machine, chromiumByType, other: Math.max(0, machine - server - postgres - chromium - bench) };
}

// ---------------------------------------------------------------------------------------------
// In the page: when watched things enter the DOM and come into view

interface Watch {
  name: string;
  /** Elements to watch: each is read once, when it (or the first node inside it) is added. */
  selector: string;
  /** Keys are this pattern's matches in the element's text; without one, the watch's name when the first element appears. */
  pattern?: string;
}

/**
 * Installed before the app's scripts (plain JS: tsx would add helpers to a serialized function).
 * For each key: `dom`, performance.now() in the MutationObserver callback that saw it added; then
 * `visible`, the IntersectionObserver entry's time once it intersects the viewport (laid out and
 * scrolled into view, in the frame that paints it). Reported through window.__benchSeen.
 */
function watcherScript(watches: Watch[]): string {
  return `(() => {
  const watches = ${JSON.stringify(watches)}.map((w) => ({ ...w, re: w.pattern ? new RegExp(w.pattern, 'g') : null, considered: new WeakSet() }));
  const seen = new Map();
  const keyOf = new WeakMap();
  window.__benchClicks = [];
  document.addEventListener('click', (e) => window.__benchClicks.push(e.timeStamp), { capture: true });
  const io = new IntersectionObserver((entries) => {
    for (const entry of entries) {
      if (!entry.isIntersecting) continue;
      io.unobserve(entry.target);
      for (const key of keyOf.get(entry.target) || []) {
        const record = seen.get(key);
        if (record.visible !== undefined) continue;
        record.visible = entry.time;
        window.__benchSeen(key, record.dom, record.visible);
      }
    }
  });
  const consider = (el, w, t) => {
    // Elements are read once per watch, when they appear (messages and rows arrive whole): the watcher stays cheap.
    if (w.considered.has(el)) return;
    w.considered.add(el);
    const keys = w.re ? Array.from((el.textContent || '').matchAll(w.re), (m) => m[0]) : [w.name];
    for (const key of keys) {
      if (seen.has(key)) continue;
      seen.set(key, { dom: t });
      keyOf.set(el, [...(keyOf.get(el) || []), key]);
      io.observe(el);
    }
  };
  const look = (el, t) => {
    for (const w of watches) {
      const around = el.closest(w.selector);
      if (around) consider(around, w, t);
      for (const inner of el.querySelectorAll(w.selector)) consider(inner, w, t);
    }
  };
  new MutationObserver((records) => {
    const t = performance.now();
    for (const r of records) {
      for (const node of r.addedNodes) {
        const el = node.nodeType === 1 ? node : node.parentElement;
        if (el) look(el, t);
      }
    }
  }).observe(document, { childList: true, subtree: true });
})();`;
}

/** The page's renderer main thread, milliseconds so far (Performance.getMetrics); its elements and timeline entries now. */
interface RendererMetrics {
  task: number;
  script: number;
  layout: number;
  style: number;
  nodes: number;
  entries: number;
}

const metricsBetween = (a: RendererMetrics, b: RendererMetrics): RendererMetrics => ({
  task: b.task - a.task,
  script: b.script - a.script,
  layout: b.layout - a.layout,
  style: b.style - a.style,
  nodes: b.nodes,
  entries: b.entries,
});
const noMetrics: RendererMetrics = { task: 0, script: 0, layout: 0, style: 0, nodes: 0, entries: 0 };

interface Seen {
  dom: number;
  visible: number;
  /** When Node heard of it (after `visible`). */
  reported: number;
}

/** A browser context with the watcher installed; `waitFor(key)` resolves once the key is in view. */
async function watchedContext(browser: Browser, watches: Watch[]) {
  const context = await browser.newContext({ viewport });
  const seen = new Map<string, Seen>();
  const waiters = new Map<string, (s: Seen) => void>();
  await context.exposeBinding('__benchSeen', (_source, key: string, dom: number, visible: number) => {
    const s = { dom, visible, reported: now() };
    seen.set(key, s);
    waiters.get(key)?.(s);
    waiters.delete(key);
  });
  await context.addInitScript({ content: watcherScript(watches) });
  const page = await context.newPage();
  // The renderer's main-thread time by kind (Chrome DevTools Protocol), which survives navigations in the tab.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  return {
    context,
    page,
    cdp,
    errors,
    /** Forget what was seen (a new document starts its own record). */
    reset: () => seen.clear(),
    async metrics(): Promise<RendererMetrics> {
      const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
      const m = Object.fromEntries(metrics.map((x) => [x.name, x.value]));
      const [nodes, entries] = (await page.evaluate(`[document.getElementsByTagName('*').length, document.querySelectorAll('.timeline > li').length]`)) as [number, number];
      return { task: (m.TaskDuration ?? 0) * 1000, script: (m.ScriptDuration ?? 0) * 1000, layout: (m.LayoutDuration ?? 0) * 1000, style: (m.RecalcStyleDuration ?? 0) * 1000, nodes, entries };
    },
    waitFor(key: string, timeoutMs = 15_000): Promise<Seen> {
      const known = seen.get(key);
      if (known) return Promise.resolve(known);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(key);
          reject(new Error(`"${key}" did not come into view within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.set(key, (s) => {
          clearTimeout(timer);
          resolve(s);
        });
      });
    },
  };
}

interface ResourceEntry {
  name: string;
  initiatorType: string;
  startTime: number;
  responseEnd: number;
  transferSize: number;
  encodedBodySize: number;
  decodedBodySize: number;
}

interface PageTimings {
  timeOrigin: number;
  htmlEnd: number;
  firstContentfulPaint: number | null;
  resources: ResourceEntry[];
  clicks: number[];
}

const pageTimings = (page: Page): Promise<PageTimings> =>
  page.evaluate(`(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const fcp = performance.getEntriesByName('first-contentful-paint')[0];
    return {
      timeOrigin: performance.timeOrigin,
      htmlEnd: nav ? nav.responseEnd : NaN,
      firstContentfulPaint: fcp ? fcp.startTime : null,
      resources: performance.getEntriesByType('resource').map((e) => ({
        name: e.name, initiatorType: e.initiatorType, startTime: e.startTime, responseEnd: e.responseEnd,
        transferSize: e.transferSize, encodedBodySize: e.encodedBodySize, decodedBodySize: e.decodedBodySize,
      })),
      clicks: window.__benchClicks || [],
    };
  })()`) as Promise<PageTimings>;

const pathOf = (url: string) => new URL(url).pathname;
const isApi = (e: ResourceEntry) => e.initiatorType === 'fetch' || e.initiatorType === 'xmlhttprequest';
const isAsset = (e: ResourceEntry) => pathOf(e.name).startsWith('/app/assets/');

/** The first API request whose path matches, if any. */
const firstCall = (entries: ResourceEntry[], test: (path: string) => boolean) => entries.filter((e) => isApi(e) && test(pathOf(e.name))).sort((a, b) => a.startTime - b.startTime)[0];

/** Counts the page's API requests by path (ids replaced by :id). */
function requestCounts(entries: ResourceEntry[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const e of entries.filter(isApi)) {
    const path = pathOf(e.name).replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, ':id');
    counts[path] = (counts[path] ?? 0) + 1;
  }
  return counts;
}

/** The page's requests from `from` (ms since navigation start), for --verbose. */
function printWaterfall(title: string, t: PageTimings, from = 0, marks: Record<string, number> = {}): void {
  if (!args.verbose) return;
  const rows = [
    ...t.resources.filter((e) => e.startTime >= from).map((e) => ({ at: e.startTime, line: `${(e.startTime - from).toFixed(1).padStart(7)} → ${(e.responseEnd - from).toFixed(1).padStart(7)} ms  ${e.initiatorType.padEnd(6)} ${pathOf(e.name)}${new URL(e.name).search}` })),
    ...Object.entries(marks).map(([name, at]) => ({ at, line: `${(at - from).toFixed(1).padStart(7)}            ${name}` })),
  ].sort((a, b) => a.at - b.at);
  process.stdout.write(`${title}\n${rows.map((r) => `  ${r.line}`).join('\n')}\n`);
}

/** Offset of the page's clock from Node's (page − Node), from the tightest of several round trips. */
async function clockOffset(page: Page): Promise<{ offset: number; uncertainty: number }> {
  let best = { offset: Number.NaN, uncertainty: Number.POSITIVE_INFINITY };
  for (let i = 0; i < 10; i++) {
    const before = now();
    const inPage = (await page.evaluate('performance.timeOrigin + performance.now()')) as number;
    const after = now();
    if ((after - before) / 2 < best.uncertainty) best = { offset: inPage - (before + after) / 2, uncertainty: (after - before) / 2 };
  }
  return best;
}

/** A plain WebSocket to Parley as the same user: when the server's frame reaches a Node client. */
async function frameListener(base: string, bearer: string) {
  const socket = new WebSocket(`${base.replace(/^http/, 'ws')}/ws?token=${encodeURIComponent(bearer)}`);
  const arrivals = new Map<string, number>();
  const patterns: RegExp[] = [];
  socket.on('message', (data) => {
    const t = now();
    const text = String(data);
    if (!text.includes('"message.created"')) return;
    for (const re of patterns) for (const m of text.matchAll(re)) if (!arrivals.has(m[0])) arrivals.set(m[0], t);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('message', () => resolve()); // the server's ready frame
    socket.once('error', reject);
  });
  return {
    arrivals,
    watch: (re: RegExp) => patterns.push(re),
    close: () => socket.close(),
  };
}

// ---------------------------------------------------------------------------------------------
// The measurements

interface Bundle {
  files: { file: string; kind: 'JS' | 'CSS'; raw: number; gzip: number; transfer?: number; contentEncoding: string }[];
}

async function measureBundle(base: string): Promise<Bundle> {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  const files: Bundle['files'] = [];
  for (const [, path] of html.matchAll(/(?:src|href)="(\/app\/assets\/[^"]+\.(?:js|css))"/g)) {
    const file = join(distDir, path!.slice('/app/'.length));
    const body = readFileSync(file);
    const response = await fetch(base + path!, { headers: { 'accept-encoding': 'gzip, deflate, br' } });
    await response.arrayBuffer();
    files.push({
      file: path!.slice('/app/'.length),
      kind: path!.endsWith('.js') ? 'JS' : 'CSS',
      raw: statSync(file).size,
      gzip: gzipSync(body, { level: 6 }).length,
      contentEncoding: response.headers.get('content-encoding') ?? 'none',
    });
  }
  return { files };
}

interface ColdRun {
  htmlEnd: number;
  assetsEnd: number;
  fcp: number;
  appStart: number;
  dataEnd: number;
  dom: number;
  visible: number;
  requests: Record<string, number>;
  assetTransfer: Record<string, number>;
  main: RendererMetrics;
}

async function coldInbox(browser: Browser, base: string, sellerToken: string): Promise<ColdRun[]> {
  const results: ColdRun[] = [];
  for (let i = 0; i < warmup + runs; i++) {
    const w = await watchedContext(browser, [{ name: 'row', selector: 'a.conversation-row' }]);
    try {
      await w.page.goto(`${base}/app/#token=${encodeURIComponent(sellerToken)}`, { waitUntil: 'commit' });
      const row = await w.waitFor('row');
      await sleep(1_500); // requests the app makes once settled (the socket opening) are counted too
      const t = await pageTimings(w.page);
      const main = await w.metrics();
      if (w.errors.length) throw new Error(`page errors: ${w.errors.join('; ')}`);
      const conversations = firstCall(t.resources, (p) => p === '/conversations');
      const orders = firstCall(t.resources, (p) => p.endsWith('/my-orders'));
      const assets = t.resources.filter(isAsset);
      const run: ColdRun = {
        htmlEnd: t.htmlEnd,
        assetsEnd: Math.max(...assets.map((e) => e.responseEnd)),
        fcp: t.firstContentfulPaint ?? Number.NaN,
        appStart: Math.min(...t.resources.filter(isApi).map((e) => e.startTime)),
        dataEnd: Math.max(conversations?.responseEnd ?? Number.NaN, orders?.responseEnd ?? Number.NaN),
        dom: row.dom,
        visible: row.visible,
        requests: requestCounts(t.resources),
        assetTransfer: Object.fromEntries(assets.map((e) => [pathOf(e.name).slice('/app/'.length), e.transferSize])),
        main,
      };
      if (i >= warmup) results.push(run);
      if (i === warmup + runs - 1) printWaterfall('cold inbox, last run', t, 0, { 'first row in the DOM': row.dom, 'first row in view': row.visible, 'first contentful paint': run.fcp });
    } finally {
      await w.context.close();
    }
  }
  return results;
}

interface OpenRun {
  /** Milliseconds from the click (or navigation start) to each step. */
  conversationEnd: number;
  timelineEnd: number;
  dom: number;
  visible: number;
  requests: Record<string, number>;
  /** The renderer's main thread from the click (or navigation) until 0.5 s after the newest message was in view. */
  main: RendererMetrics;
}

const newestKey = `Bench message ${longMessages}`;
const benchMessageWatch: Watch = { name: 'msg', selector: '.timeline > li', pattern: 'Bench message \\d+\\b' };

/** A loaded inbox, then a click on the order's row: until the newest message is in view. */
async function openByClick(browser: Browser, base: string, sellerToken: string): Promise<OpenRun[]> {
  const results: OpenRun[] = [];
  for (let i = 0; i < warmup + runs; i++) {
    const w = await watchedContext(browser, [{ name: 'row', selector: 'a.conversation-row' }, benchMessageWatch]);
    try {
      await w.page.goto(`${base}/app/#token=${encodeURIComponent(sellerToken)}`, { waitUntil: 'commit' });
      await w.waitFor('row');
      await sleep(1_500); // the inbox settled, its socket open
      const m0 = await w.metrics();
      await w.page.getByRole('link', { name: new RegExp(`Order ${longOrderId}`) }).click();
      const newest = await w.waitFor(newestKey);
      await sleep(500);
      const main = metricsBetween(m0, await w.metrics());
      const t = await pageTimings(w.page);
      if (w.errors.length) throw new Error(`page errors: ${w.errors.join('; ')}`);
      const click = t.clicks[t.clicks.length - 1]!;
      const after = t.resources.filter((e) => e.startTime >= click);
      const run: OpenRun = {
        conversationEnd: (firstCall(after, (p) => /^\/conversations\/[^/]+$/.test(p))?.responseEnd ?? Number.NaN) - click,
        timelineEnd: (firstCall(after, (p) => p.endsWith('/order-timeline'))?.responseEnd ?? Number.NaN) - click,
        dom: newest.dom - click,
        visible: newest.visible - click,
        requests: requestCounts(after),
        main,
      };
      if (i >= warmup) results.push(run);
      if (i === warmup + runs - 1) printWaterfall('open by click, last run (from the click)', t, click, { 'newest message in the DOM': newest.dom, 'newest message in view': newest.visible });
    } finally {
      await w.context.close();
    }
  }
  return results;
}

/** A fresh context navigating straight to /app/c/:id: from navigation start to the newest message in view. */
async function openCold(browser: Browser, base: string, sellerToken: string, conversationId: string): Promise<OpenRun[]> {
  const results: OpenRun[] = [];
  for (let i = 0; i < warmup + runs; i++) {
    const w = await watchedContext(browser, [benchMessageWatch]);
    try {
      await w.page.goto(`${base}/app/c/${conversationId}#token=${encodeURIComponent(sellerToken)}`, { waitUntil: 'commit' });
      const newest = await w.waitFor(newestKey);
      await sleep(500);
      const main = await w.metrics();
      const t = await pageTimings(w.page);
      if (w.errors.length) throw new Error(`page errors: ${w.errors.join('; ')}`);
      const run: OpenRun = {
        conversationEnd: firstCall(t.resources, (p) => /^\/conversations\/[^/]+$/.test(p))?.responseEnd ?? Number.NaN,
        timelineEnd: firstCall(t.resources, (p) => p.endsWith('/order-timeline'))?.responseEnd ?? Number.NaN,
        dom: newest.dom,
        visible: newest.visible,
        requests: requestCounts(t.resources),
        main,
      };
      if (i >= warmup) results.push(run);
      if (i === warmup + runs - 1) printWaterfall('cold conversation, last run', t, 0, { 'newest message in the DOM': newest.dom, 'newest message in view': newest.visible });
    } finally {
      await w.context.close();
    }
  }
  return results;
}

interface LiveRun {
  /** Milliseconds from just before the send. */
  response: number;
  frame: number;
  dom: number;
  visible: number;
}

interface Live {
  runs: LiveRun[];
  lost: number;
  clock: { before: { offset: number; uncertainty: number }; after: { offset: number; uncertainty: number } };
  /** The renderer's main thread over the measured sends (pauses included), and the DOM size at the end. */
  main: RendererMetrics;
  /** Before the sends, the page left alone: Chromium's CPU by process type and the renderer's main thread. */
  idle?: { seconds: number; chromium: Record<string, number>; main: RendererMetrics };
  /** Consecutive blocks of measured messages, as the timeline grows: main thread per message, and the page's share (DOM − socket frame). */
  blocks?: { messages: number; nodes: number; entries: number; mainPerMessage: number; pageShare: number }[];
}

/** The buyer's page open on the long conversation; the seller sends over REST, one message at a time. */
async function liveMessagesRun(browser: Browser, base: string, call: Call, conversationId: string, server: ServerProcess): Promise<Live & { cpu: CpuUse }> {
  const serverPid = server.pid;
  const buyerToken = await token(longBuyer.userId, 'buyer', longBuyer.name);
  const sellerToken = await token(seller.userId, 'seller', seller.name);
  const w = await watchedContext(browser, [benchMessageWatch, { name: 'live', selector: '.timeline > li', pattern: 'Live \\d{4}\\b' }]);
  const frames = await frameListener(base, buyerToken);
  frames.watch(/Live \d{4}\b/g);
  try {
    await w.page.goto(`${base}/app/c/${conversationId}#token=${encodeURIComponent(buyerToken)}`, { waitUntil: 'commit' });
    await w.waitFor(newestKey);
    await readOrigin(w);
    await sleep(1_500);
    const before = await clockOffset(w.page);
    const idleSeconds = 5;
    const idle0 = { chromium: chromiumCpuByType(serverPid), main: await w.metrics() };
    await sleep(idleSeconds * 1000);
    const idle1 = { chromium: chromiumCpuByType(serverPid), main: await w.metrics() };
    const idle = {
      seconds: idleSeconds,
      chromium: Object.fromEntries(Object.keys(idle1.chromium).map((type) => [type, (idle1.chromium[type] ?? 0) - (idle0.chromium[type] ?? 0)])),
      main: metricsBetween(idle0.main, idle1.main),
    };
    const results: LiveRun[] = [];
    let lost = 0;
    let m0 = noMetrics;
    let cpu0 = cpuSample(server);
    const blockSize = 50;
    const blocks: NonNullable<Live['blocks']> = [];
    let blockStart = noMetrics;
    for (let i = 1; i <= warmup + liveMessages; i++) {
      const measured = i - warmup - 1; // 0-based among the measured ones
      if (measured >= 0 && measured % blockSize === 0) {
        const m = await w.metrics();
        if (measured > 0) blocks.push(block(blockStart, m, results.slice(measured - blockSize, measured)));
        blockStart = m;
      }
      if (i === warmup + 1) {
        if (args.trace) {
          await browser.startTracing(w.page, { path: args.trace, screenshots: false });
          await w.cdp.send('Profiler.enable');
          await w.cdp.send('Profiler.setSamplingInterval', { interval: 200 });
          await w.cdp.send('Profiler.start');
        }
        m0 = await w.metrics();
        cpu0 = cpuSample(server);
      }
      const key = `Live ${String(i).padStart(4, '0')}`;
      const shown = w.waitFor(key, 10_000);
      const t0 = now();
      await call('POST', `/conversations/${conversationId}/messages`, { content: `${key}: your parcel is packed and leaves today.` }, sellerToken);
      const response = now() - t0;
      try {
        const s = await shown;
        const frame = frames.arrivals.get(key);
        if (i > warmup) results.push({ response, frame: frame === undefined ? Number.NaN : frame - t0, dom: s.dom + pageOrigin(w) - t0, visible: s.visible + pageOrigin(w) - t0 });
      } catch {
        if (i > warmup) lost++;
      }
      await sleep(gapMs);
    }
    const cpu = cpuBetween(cpu0, cpuSample(server));
    const end = await w.metrics();
    const main = metricsBetween(m0, end);
    const rest = liveMessages % blockSize || blockSize;
    if (liveMessages >= blockSize) blocks.push(block(blockStart, end, results.slice(-rest)));
    if (args.trace) {
      await browser.stopTracing();
      const { profile } = (await w.cdp.send('Profiler.stop')) as { profile: unknown };
      writeFileSync(`${args.trace}.cpuprofile`, JSON.stringify(profile));
    }
    const after = await clockOffset(w.page);
    if (w.errors.length) throw new Error(`page errors: ${w.errors.join('; ')}`);
    return { runs: results, lost, clock: { before, after }, main, idle, blocks, cpu };
  } finally {
    frames.close();
    await w.context.close();
  }
}

function block(a: RendererMetrics, b: RendererMetrics, runs: LiveRun[]) {
  const d = metricsBetween(a, b);
  return { messages: runs.length, nodes: b.nodes, entries: b.entries, mainPerMessage: d.task / Math.max(1, runs.length), pageShare: median(runs, (r) => r.dom - r.frame) };
}

/** performance.timeOrigin of the page's current document (read once per document). */
const origins = new WeakMap<object, number>();
function pageOrigin(w: { page: Page }): number {
  const origin = origins.get(w.page);
  if (origin === undefined) throw new Error('the page origin was not read');
  return origin;
}
async function readOrigin(w: { page: Page }): Promise<void> {
  origins.set(w.page, (await w.page.evaluate('performance.timeOrigin')) as number);
}

/** One order per run: its conversation open in the buyer's page, then `shipped` is posted. */
async function liveEventsRun(browser: Browser, base: string, call: Call, conversations: Seeded['eventConversations']): Promise<Live> {
  const buyerToken = await token(eventBuyer.userId, 'buyer', eventBuyer.name);
  const w = await watchedContext(browser, [
    { name: 'card', selector: '.timeline > li', pattern: '1ZAPP\\d{4}|Payment received' },
  ]);
  const frames = await frameListener(base, buyerToken);
  frames.watch(/1ZAPP\d{4}/g);
  try {
    await w.page.goto(`${base}/app/#token=${encodeURIComponent(buyerToken)}`, { waitUntil: 'load' });
    const results: LiveRun[] = [];
    let lost = 0;
    let before: Live['clock']['before'] | undefined;
    let main = noMetrics;
    for (let i = 1; i <= conversations.length; i++) {
      const { orderId, conversationId } = conversations[i - 1]!;
      w.reset();
      await w.page.goto(`${base}/app/c/${conversationId}`, { waitUntil: 'commit' });
      await w.waitFor('Payment received');
      await readOrigin(w);
      await sleep(1_000); // the socket open, the order's header and the bell loaded
      before ??= await clockOffset(w.page);
      const key = trackingFor(i);
      const shown = w.waitFor(key, 10_000);
      const m0 = await w.metrics();
      const t0 = now();
      await call('POST', '/marketplace/orders/events', shipped(orderId, key));
      const response = now() - t0;
      try {
        const s = await shown;
        await sleep(500); // what the event sets off in the page: the order's header, the bell
        if (i > warmup) {
          const d = metricsBetween(m0, await w.metrics());
          main = { task: main.task + d.task, script: main.script + d.script, layout: main.layout + d.layout, style: main.style + d.style, nodes: d.nodes, entries: d.entries };
        }
        const frame = frames.arrivals.get(key);
        if (i > warmup) results.push({ response, frame: frame === undefined ? Number.NaN : frame - t0, dom: s.dom + pageOrigin(w) - t0, visible: s.visible + pageOrigin(w) - t0 });
      } catch {
        if (i > warmup) lost++;
      }
    }
    const after = await clockOffset(w.page);
    if (w.errors.length) throw new Error(`page errors: ${w.errors.join('; ')}`);
    return { runs: results, lost, clock: { before: before!, after }, main };
  } finally {
    frames.close();
    await w.context.close();
  }
}

// ---------------------------------------------------------------------------------------------
// The report

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const pick = <T>(list: T[], f: (x: T) => number) => summarise(Float64Array.from(list.map(f)));
const median = <T>(list: T[], f: (x: T) => number) => pick(list, f).p50;
/** "renderer 1.20, gpu-process 0.30, ..." (seconds), largest first. */
const byType = (cpu: Record<string, number>, scale = 1, unit = '') =>
  Object.entries(cpu)
    .filter(([, v]) => Number((v * scale).toFixed(scale === 1 ? 2 : 0)) > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([type, v]) => `${type} ${(v * scale).toFixed(scale === 1 ? 2 : 0)}${unit}`)
    .join(', ');
const cpuMs = (seconds: number, n: number) => `${((seconds * 1000) / n).toFixed(0)} ms`;
/** The main thread's busy time with its style and layout share (CDP's ScriptDuration is left out: it misses the JS Preact runs in microtasks). */
const mainText = (m: RendererMetrics, n = 1) => `${ms(m.task / n)} (style ${ms(m.style / n)}, layout ${ms(m.layout / n)})`;
/** Medians of each kind of main-thread time over runs. */
const medianMain = (list: { main: RendererMetrics }[]): RendererMetrics => ({
  task: median(list, (x) => x.main.task),
  script: median(list, (x) => x.main.script),
  layout: median(list, (x) => x.main.layout),
  style: median(list, (x) => x.main.style),
  nodes: median(list, (x) => x.main.nodes),
  entries: median(list, (x) => x.main.entries),
});

interface Results {
  bundle: Bundle;
  cold: ColdRun[];
  coldCpu: CpuUse;
  click: OpenRun[];
  clickCpu: CpuUse;
  coldOpen: OpenRun[];
  coldOpenCpu: CpuUse;
  live: Live;
  liveCpu: CpuUse;
  events: Live;
  eventsCpu: CpuUse;
  chromium: string;
  /** Chromium CPU seconds for one context opened on about:blank and closed: the fixed cost in each cold run. */
  emptyContextCpu: number;
  problems: { count: number; samples: string[] };
}

/** The median number of each API request per run, e.g. "GET /conversations ×2". */
function typicalRequests(list: { requests: Record<string, number> }[]): string {
  const paths = [...new Set(list.flatMap((r) => Object.keys(r.requests)))].sort();
  return paths
    .map((p) => ({ p, n: median(list, (r) => r.requests[p] ?? 0) }))
    .filter((x) => x.n > 0)
    .map((x) => `\`${x.p}\` ×${x.n}`)
    .join(', ');
}

function section(r: Results, machine: Machine, command: string): string {
  const row = (name: string, n: number, s: Summary, cpu: CpuUse, p99 = false) =>
    `| ${name} | ${n} | ${ms(s.p50)} | ${ms(s.p95)} | ${p99 ? ms(s.p99) : '–'} | ${ms(s.max)} | ${cpuMs(cpu.chromium, n)} | ${cpuMs(cpu.server, n)} | ${cpuMs(cpu.postgres, n)} | ${cpuMs(cpu.bench, n)} | ${cpuMs(cpu.other, n)} |`;
  const totalJs = r.bundle.files.filter((f) => f.kind === 'JS');
  const totalCss = r.bundle.files.filter((f) => f.kind === 'CSS');
  const sum = (list: Bundle['files'], f: (x: Bundle['files'][number]) => number) => list.reduce((a, x) => a + f(x), 0);
  const transfer = (file: string) => median(r.cold, (c) => c.assetTransfer[file] ?? Number.NaN);
  const steps = (list: OpenRun[], from: string) =>
    `${from} → conversation answered ${ms(median(list, (x) => x.conversationEnd))} → order timeline answered ${ms(median(list, (x) => x.timelineEnd))} → newest message in the DOM ${ms(median(list, (x) => x.dom))} → in view ${ms(median(list, (x) => x.visible))}`;
  const liveSteps = (l: Live, what: string) =>
    `${what} answered ${ms(median(l.runs, (x) => x.response))}; the server's frame at a plain Node socket of the same user ${ms(median(l.runs, (x) => x.frame))}; in the page's DOM ${ms(median(l.runs, (x) => x.dom))}; in view ${ms(median(l.runs, (x) => x.visible))}`;
  const clock = (l: Live) =>
    `${l.clock.before.offset.toFixed(2)} ms ± ${l.clock.before.uncertainty.toFixed(2)} before, ${l.clock.after.offset.toFixed(2)} ms ± ${l.clock.after.uncertainty.toFixed(2)} after`;
  return [
    `Measured ${new Date().toISOString().slice(0, 19)}Z with \`${command}\`.`,
    '',
    `Machine: ${machine.cores} cores (${machine.cpu}), ${machine.memoryGiB} GiB memory, ${machine.kernel}, Node ${machine.node}, ${r.chromium} (headless, ${chromiumPath}), PostgreSQL ${machine.postgres} (${machine.postgresSettings}). Load average at start: ${machine.loadAverage}. Parley, PostgreSQL, Chromium and the benchmark share the machine; viewport ${viewport.width}×${viewport.height}.`,
    '',
    '#### Bundle (what /app/ loads)',
    '',
    '| File | Raw | gzip (level 6) | Sent to the browser | Content-Encoding |',
    '|---|---:|---:|---:|---|',
    ...r.bundle.files.map((f) => `| ${f.kind} \`${f.file}\` | ${kb(f.raw)} | ${kb(f.gzip)} | ${kb(transfer(f.file))} | ${f.contentEncoding} |`),
    `| JS + CSS | ${kb(sum(totalJs, (f) => f.raw) + sum(totalCss, (f) => f.raw))} | ${kb(sum(totalJs, (f) => f.gzip) + sum(totalCss, (f) => f.gzip))} | ${kb(sum(r.bundle.files, (f) => transfer(f.file)))} | |`,
    '',
    '#### Latency',
    '',
    '| Measure | Runs | p50 | p95 | p99 | max | Chromium CPU per run | Parley CPU per run | PostgreSQL CPU per run | Benchmark (Node) CPU per run | Other work per run |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    row(`Cold load of the inbox (${inboxSize} order conversations): navigation start → first conversation row in view`, r.cold.length, pick(r.cold, (c) => c.visible), r.coldCpu),
    row(`Open the order conversation (${longMessages} messages) from the loaded inbox: click → newest message in view`, r.click.length, pick(r.click, (c) => c.visible), r.clickCpu),
    row('Cold load of the same conversation (/app/c/:id): navigation start → newest message in view', r.coldOpen.length, pick(r.coldOpen, (c) => c.visible), r.coldOpenCpu),
    row(`Live message: seller's REST send → text in the buyer's open timeline (DOM)`, r.live.runs.length, pick(r.live.runs, (x) => x.dom), r.liveCpu, true),
    row(`Live order event: \`shipped\` posted → its card in the buyer's open timeline (DOM)`, r.events.runs.length, pick(r.events.runs, (x) => x.dom), r.eventsCpu, true),
    '',
    `CPU per run is each party's CPU time over the whole phase (settling pauses, context start-up and closing included; for live messages, over the measured sends and the pauses between them) divided by the runs; *other work* is the machine's busy time none of them account for (other people's work on this shared machine). A browser context opened on \`about:blank\` and closed costs Chromium ${ms(r.emptyContextCpu * 1000, 0)} of CPU on its own.`,
    '',
    '#### Where the time goes (medians)',
    '',
    `- **Cold inbox**, from navigation start: HTML received ${ms(median(r.cold, (c) => c.htmlEnd))}; JS and CSS received ${ms(median(r.cold, (c) => c.assetsEnd))}; first contentful paint (the shell, "Loading") ${ms(median(r.cold, (c) => c.fcp))}; the app's first API request ${ms(median(r.cold, (c) => c.appStart))}; \`/conversations\` and \`my-orders\` answered ${ms(median(r.cold, (c) => c.dataEnd))}; first row in the DOM ${ms(median(r.cold, (c) => c.dom))}, in view ${ms(median(r.cold, (c) => c.visible))}. Renderer main thread per load (until 1.5 s after the first row): ${mainText(medianMain(r.cold))}; ${medianMain(r.cold).nodes} elements in the page. API requests per load (within 1.5 s of the first row): ${typicalRequests(r.cold)}.`,
    `- **Open by click**: ${steps(r.click, 'click')}. Renderer main thread per open (until 0.5 s after): ${mainText(medianMain(r.click))}; ${medianMain(r.click).nodes} elements, ${medianMain(r.click).entries} timeline entries then. API requests after the click: ${typicalRequests(r.click)}.`,
    `- **Cold conversation**: ${steps(r.coldOpen, 'navigation start')}. Renderer main thread per load: ${mainText(medianMain(r.coldOpen))}. API requests per load: ${typicalRequests(r.coldOpen)}.`,
    `- **Live message** (${r.live.runs.length} measured after ${warmup} not counted, ${gapMs} ms apart, ${r.live.lost} not shown within 10 s): ${liveSteps(r.live, 'the REST send')}. p95 in view ${ms(pick(r.live.runs, (x) => x.visible).p95)}, p99 ${ms(pick(r.live.runs, (x) => x.visible).p99)}; at the Node socket p95 ${ms(pick(r.live.runs, (x) => x.frame).p95)}, p99 ${ms(pick(r.live.runs, (x) => x.frame).p99)}. Renderer main thread per message: ${mainText(r.live.main, r.live.runs.length + r.live.lost)}; ${r.live.main.nodes} elements at the end. Chromium CPU per message by process: ${byType(r.liveCpu.chromiumByType, 1000 / (r.live.runs.length + r.live.lost), ' ms')}${r.live.idle ? `; the same page left alone for ${r.live.idle.seconds} s before the sends used ${byType(r.live.idle.chromium, 1000 / r.live.idle.seconds, ' ms')} a second, its main thread ${ms(r.live.idle.main.task / r.live.idle.seconds)} a second` : ''}. ${r.live.blocks?.length ? `As the timeline grows (blocks of ${r.live.blocks.map((b) => b.messages).join(', ')} messages, ending at ${r.live.blocks.map((b) => b.entries).join(' / ')} timeline entries, ${r.live.blocks.map((b) => b.nodes).join(' / ')} elements): main thread per message ${r.live.blocks.map((b) => b.mainPerMessage.toFixed(1)).join(' / ')} ms; the page's share (in the DOM − frame at the Node socket), p50 ${r.live.blocks.map((b) => b.pageShare.toFixed(1)).join(' / ')} ms. ` : ''}Page clock − Node clock: ${clock(r.live)}.`,
    `- **Live order event** (${r.events.runs.length} orders measured after ${warmup} not counted, ${r.events.lost} not shown within 10 s): ${liveSteps(r.events, 'the event')}. p95 in view ${ms(pick(r.events.runs, (x) => x.visible).p95)}. Renderer main thread per event (until 0.5 s after): ${mainText(r.events.main, r.events.runs.length)}. Page clock − Node clock: ${clock(r.events)}.`,
    r.problems.count ? `- Parley logged ${r.problems.count} warnings or errors, e.g. ${r.problems.samples[0]}` : '- Parley logged no warnings or errors; no page reported a script or console error.',
  ].join('\n');
}

const markers = { begin: '<!-- bench-app:begin (written by bench/app.ts; edit outside these markers) -->', end: '<!-- bench-app:end -->' };

function printTable(r: Results): void {
  const line = (name: string, s: Summary, p99 = false) =>
    `${name.padEnd(44)} n=${String(s.count).padStart(3)}  p50 ${ms(s.p50).padStart(9)}  p95 ${ms(s.p95).padStart(9)}${p99 ? `  p99 ${ms(s.p99).padStart(9)}` : ''}  max ${ms(s.max).padStart(9)}`;
  process.stdout.write(
    [
      '',
      line('cold inbox → first row in view', pick(r.cold, (c) => c.visible)),
      line('click row → newest message in view', pick(r.click, (c) => c.visible)),
      line('cold /app/c/:id → newest message in view', pick(r.coldOpen, (c) => c.visible)),
      line('live message → buyer DOM', pick(r.live.runs, (x) => x.dom), true),
      line('live message → at a Node socket', pick(r.live.runs, (x) => x.frame), true),
      line('order event → card in buyer DOM', pick(r.events.runs, (x) => x.dom), true),
      '',
    ].join('\n'),
  );
}

async function main(): Promise<void> {
  if (!existsSync(join(distDir, 'index.html'))) throw new Error('dist/app is not built: run "npm run bench:app" (it runs vite build first)');
  // Parley serves dist/app from disk: another `vite build` meanwhile (the browser tests run one) swaps the bundle under the pages.
  const builtPage = readFileSync(join(distDir, 'index.html'), 'utf8');
  const rebuilt = () => !existsSync(join(distDir, 'index.html')) || readFileSync(join(distDir, 'index.html'), 'utf8') !== builtPage;
  const machine = await describeMachine(adminUrl);
  const databaseUrl = await recreatePostgresDatabase(adminUrl, databaseName);
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-bench-app-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = await startServer({
    name: 'Parley on PostgreSQL',
    script: 'src/main.ts',
    port,
    readyPath: '/ready',
    readyStatus: 200,
    logFile: process.env.BENCH_SERVER_LOG,
    nodeArgs: process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean),
    env: {
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      DATABASE_URL: databaseUrl,
      PARLEY_DATA_DIR: dataDir,
      PARLEY_API_KEYS: secrets.apiKey,
      PARLEY_JWT_SECRET: secrets.jwtSecret,
      PARLEY_ENCRYPTION_KEY: secrets.encryptionKey,
      PARLEY_SEND_RATE_LIMIT: '1000000',
      ...serverEnv(),
    },
  });
  let browser: Browser | undefined;
  try {
    const call = client(base);
    log(`${server.name} (pid ${server.pid}) on ${base}; seeding ${inboxSize} orders, ${longMessages} messages, ${warmup + liveEvents} event orders`);
    const seeded = await seedThroughApi(call, databaseUrl);
    const sellerToken = await token(seller.userId, 'seller', seller.name);
    browser = await launchBrowser();
    const chromium = `Chromium ${browser.version()}`;
    log(`${chromium}; measuring`);

    const bundle = await measureBundle(base);
    const empty0 = chromiumCpuSeconds(server.pid);
    for (let i = 0; i < 5; i++) {
      const context = await browser.newContext({ viewport });
      await (await context.newPage()).goto('about:blank');
      await context.close();
    }
    const emptyContextCpu = (chromiumCpuSeconds(server.pid) - empty0) / 5;
    const phase = async <T>(name: string, run: () => Promise<T>): Promise<[T, CpuUse]> => {
      const a = cpuSample(server);
      const result = await run();
      const cpu = cpuBetween(a, cpuSample(server));
      log(`${name}: done in ${cpu.seconds.toFixed(1)} s; CPU s: Chromium ${cpu.chromium.toFixed(2)} (${byType(cpu.chromiumByType)}), Parley ${cpu.server.toFixed(2)}, PostgreSQL ${cpu.postgres.toFixed(2)}, bench ${cpu.bench.toFixed(2)}, other ${cpu.other.toFixed(2)}`);
      return [result, cpu];
    };
    const [cold, coldCpu] = await phase('cold inbox', () => coldInbox(browser!, base, sellerToken));
    const [click, clickCpu] = await phase('open by click', () => openByClick(browser!, base, sellerToken));
    const [coldOpen, coldOpenCpu] = await phase('cold conversation', () => openCold(browser!, base, sellerToken, seeded.longConversationId));
    const [live] = await phase('live messages', () => liveMessagesRun(browser!, base, call, seeded.longConversationId, server));
    const liveCpu = live.cpu;
    const [events, eventsCpu] = await phase('live order events', () => liveEventsRun(browser!, base, call, seeded.eventConversations));
    if (rebuilt()) throw new Error('dist/app was rebuilt during the run (another vite build?), so the pages may have loaded different bundles; run again');
    const results: Results = { bundle, cold, coldCpu, click, clickCpu, coldOpen, coldOpenCpu, live, liveCpu, events, eventsCpu, chromium, emptyContextCpu, problems: server.problems };
    printTable(results);
    const command = `npm run bench:app${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
    const text = section(results, machine, command);
    process.stdout.write(`\n${text}\n`);
    if (!args['no-write']) writeMarkedSection(new URL('../docs/BENCHMARKS.md', import.meta.url).pathname, text, markers, 'Web app');
  } catch (error) {
    process.stderr.write(`${server.name} output (last lines):\n${server.output().slice(-20).join('\n')}\n`);
    if (rebuilt()) process.stderr.write('dist/app was rebuilt during the run (another vite build?): the page may have loaded a bundle that was then removed.\n');
    throw error;
  } finally {
    await browser?.close();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
