/**
 * Where a drain's time goes, for the peer benchmark (bench/peers.ts):
 * - databaseWork: what the store did per notification (commits, rows inserted/updated/deleted,
 *   HOT updates, WAL bytes), from PostgreSQL's statistics before and after;
 * - sampleStatements: which statement each of the database's backends is running, sampled every
 *   20 ms from pg_stat_activity (pg_stat_statements needs a server restart to load);
 * - analyseCpuProfile: a worker's --cpu-prof profile, limited to the drain's window, its self
 *   time grouped by where the code lives and by function, and the inclusive time of Parley's
 *   own functions.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type pg from 'pg';

// ---------------------------------------------------------------------------------------------
// Database statistics

export interface DatabaseCounters {
  commits: number;
  inserted: number;
  updated: number;
  hotUpdated: number;
  deleted: number;
  walBytes: number;
}

/** The counters now; PostgreSQL publishes table statistics with a delay, so callers wait a second before reading. */
export async function databaseCounters(client: pg.Client, database: string): Promise<DatabaseCounters> {
  const db = await client.query<{ commits: string; wal: string }>(
    `SELECT xact_commit::text AS commits, pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::text AS wal FROM pg_stat_database WHERE datname = $1`,
    [database],
  );
  return {
    commits: Number(db.rows[0]?.commits ?? 0),
    ...(await tableCounters(client, database)),
    walBytes: Number(db.rows[0]?.wal ?? 0),
  };
}

/** Tuples written in the database's tables, summed (pg_stat_all_tables is per database: read through a connection to it). */
async function tableCounters(client: pg.Client, database: string): Promise<Omit<DatabaseCounters, 'commits' | 'walBytes'>> {
  const { rows } = await client.query<{ ins: string; upd: string; hot: string; del: string }>(
    `SELECT coalesce(sum(n_tup_ins), 0)::text AS ins, coalesce(sum(n_tup_upd), 0)::text AS upd, coalesce(sum(n_tup_hot_upd), 0)::text AS hot, coalesce(sum(n_tup_del), 0)::text AS del
       FROM pg_stat_all_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND current_database() = $1`,
    [database],
  );
  const r = rows[0]!;
  return { inserted: Number(r.ins), updated: Number(r.upd), hotUpdated: Number(r.hot), deleted: Number(r.del) };
}

export function counterDelta(before: DatabaseCounters, after: DatabaseCounters): DatabaseCounters {
  return {
    commits: after.commits - before.commits,
    inserted: after.inserted - before.inserted,
    updated: after.updated - before.updated,
    hotUpdated: after.hotUpdated - before.hotUpdated,
    deleted: after.deleted - before.deleted,
    walBytes: after.walBytes - before.walBytes,
  };
}

// ---------------------------------------------------------------------------------------------
// Statement sampling

export interface StatementShare {
  statement: string;
  /** Sampled backend-seconds spent active in it (waiting on locks or I/O included). */
  activeSeconds: number;
  /** The wait events seen while it ran, most frequent first. */
  waits: string;
}

export interface StatementSampler {
  stop(): Promise<{ samples: number; idleInTransactionSeconds: number; statements: StatementShare[] }>;
}

/** Samples the database's client backends every `intervalMs` (through `client`, connected to any database). */
export function sampleStatements(client: pg.Client, database: string, intervalMs = 20): StatementSampler {
  const active = new Map<string, { n: number; waits: Map<string, number> }>();
  let idleInTransaction = 0;
  let samples = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      const { rows } = await client.query<{ state: string | null; wait: string | null; query: string }>(
        `SELECT state, wait_event_type || ':' || wait_event AS wait, query FROM pg_stat_activity
          WHERE datname = $1 AND backend_type = 'client backend' AND pid <> pg_backend_pid()`,
        [database],
      );
      samples++;
      for (const r of rows) {
        if (r.state === 'idle in transaction') idleInTransaction++;
        if (r.state !== 'active') continue;
        const key = normalise(r.query);
        const entry = active.get(key) ?? { n: 0, waits: new Map() };
        entry.n++;
        if (r.wait) entry.waits.set(r.wait, (entry.waits.get(r.wait) ?? 0) + 1);
        active.set(key, entry);
      }
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, intervalMs - (performance.now() - started))));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      const seconds = (n: number) => (n * intervalMs) / 1000;
      const statements = [...active]
        .map(([statement, e]) => ({
          statement,
          activeSeconds: seconds(e.n),
          waits: [...e.waits]
            .sort((a, b) => b[1] - a[1])
            .slice(0, 3)
            .map(([w, n]) => `${w} ${Math.round((n / e.n) * 100)} %`)
            .join(', '),
        }))
        .sort((a, b) => b.activeSeconds - a.activeSeconds);
      return { samples, idleInTransactionSeconds: seconds(idleInTransaction), statements };
    },
  };
}

/** A statement's first words, whitespace collapsed, so its samples group together. */
function normalise(query: string): string {
  const flat = query.replace(/\s+/g, ' ').trim();
  return flat.length > 140 ? `${flat.slice(0, 140)}…` : flat;
}

// ---------------------------------------------------------------------------------------------
// CPU profile

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileRow {
  name: string;
  /** Milliseconds of samples. */
  ms: number;
}

export interface ProfileSummary {
  /** Milliseconds sampled in the window, and of them idle (the event loop waiting). */
  windowMs: number;
  idleMs: number;
  gcMs: number;
  /** Self time by where the code lives (a package, a Node.js internal module, a Parley directory). */
  byPlace: ProfileRow[];
  /** Self time by function. */
  byFunction: ProfileRow[];
  /** Inclusive time of Parley's own functions (src/). */
  parleyInclusive: ProfileRow[];
}

/**
 * The main thread's profile in `dir` (CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile, thread 0):
 * tsx's module loader runs in a thread of its own, which writes a profile too.
 */
export function mainThreadProfile(dir: string): string | undefined {
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  const main = files.find((f) => f.split('.')[4] === '0');
  return main ? join(dir, main) : undefined;
}

/**
 * Reads a profile and keeps the samples between `fromUs` and `toUs` (CLOCK_MONOTONIC microseconds,
 * the clock of process.hrtime and of V8's profile timestamps); the whole profile when no sample falls inside.
 */
export function analyseCpuProfile(path: string, fromUs: number, toUs: number): ProfileSummary {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

  const inWindow: [number, number][] = [];
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i]!;
    // A sample's time runs until the next one.
    const dt = profile.timeDeltas[i + 1] ?? 0;
    if (t >= fromUs && t <= toUs) inWindow.push([profile.samples[i]!, dt]);
  }
  const chosen = inWindow.length ? inWindow : profile.samples.map((s, i): [number, number] => [s, profile.timeDeltas[i + 1] ?? 0]);

  const self = new Map<number, number>();
  for (const [id, dt] of chosen) self.set(id, (self.get(id) ?? 0) + dt);

  const place = new Map<string, number>();
  const fn = new Map<string, number>();
  let windowUs = 0;
  let idle = 0;
  let gc = 0;
  for (const [id, us] of self) {
    const frame = nodes.get(id)!.callFrame;
    windowUs += us;
    if (frame.functionName === '(idle)') idle += us;
    if (frame.functionName === '(garbage collector)') gc += us;
    add(place, placeOf(frame), us);
    add(fn, frameName(frame), us);
  }

  // Inclusive time of src/ functions: each sample counts once per distinct function on its stack.
  const inclusive = new Map<string, number>();
  for (const [id, us] of chosen) {
    const seen = new Set<string>();
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
      const frame = nodes.get(n)!.callFrame;
      if (!frame.url.includes('/src/')) continue;
      const key = frameName(frame);
      if (seen.has(key)) continue;
      seen.add(key);
      add(inclusive, key, us);
    }
  }

  const rows = (m: Map<string, number>, limit: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([name, us]) => ({ name, ms: us / 1000 }));
  return { windowMs: windowUs / 1000, idleMs: idle / 1000, gcMs: gc / 1000, byPlace: rows(place, 14), byFunction: rows(fn, 15), parleyInclusive: rows(inclusive, 15) };
}

/** Function and file; the line only outside src/ (tsx compiles each Parley file to a few long lines, so lines there mean nothing). */
function frameName(frame: ProfileNode['callFrame']): string {
  const line = frame.url && !frame.url.includes('/src/') ? `:${frame.lineNumber + 1}` : '';
  return `${frame.functionName || '(anonymous)'}${frame.url ? ` ${shortUrl(frame.url)}${line}` : ''}`;
}

function add(map: Map<string, number>, key: string, value: number): void {
  map.set(key, (map.get(key) ?? 0) + value);
}

function shortUrl(url: string): string {
  const modules = url.lastIndexOf('/node_modules/');
  if (modules >= 0) return url.slice(modules + '/node_modules/'.length);
  const src = url.indexOf('/src/');
  if (src >= 0) return url.slice(src + 1);
  const bench = url.indexOf('/bench/');
  if (bench >= 0) return url.slice(bench + 1);
  return url;
}

function placeOf(frame: ProfileNode['callFrame']): string {
  const { url, functionName } = frame;
  if (!url) return functionName.startsWith('(') ? functionName : '(native or V8 builtin)';
  if (url.startsWith('node:')) {
    const m = /^node:(?:internal\/)?([^/]+(?:\/[^/]+)?)/.exec(url);
    return `node:${m?.[1] ?? url}`;
  }
  const modules = url.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const rest = url.slice(modules + '/node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  const src = url.indexOf('/src/');
  if (src >= 0) {
    const parts = url.slice(src + 1).split('/');
    return parts.length > 2 ? `${parts.slice(0, -1).join('/')}/` : parts.join('/');
  }
  return shortUrl(url);
}
