/**
 * The peer benchmark's results as markdown: for stdout, and for docs/BENCHMARKS.md, where they
 * replace the text between the section's two pairs of markers (results, and the profile of
 * Parley's drain), keeping the prose around them.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { type Cores, MACHINE, OTHERS } from './notify-cpu.ts';
import type { SinkCounts } from './notify-sink.ts';
import type { DatabaseCounters, ProfileSummary, StatementShare } from './peers-profile.ts';
import type { LoopDelay } from './processes.ts';
import type { Machine } from './report.ts';

export interface DrainResult {
  key: 'parley' | 'bullmq' | 'graphile';
  name: string;
  setup: string;
  count: number;
  enqueueSeconds: number;
  enqueueRate: number;
  /** Distinct webhook-ids that arrived between the worker's readiness and the last one. */
  delivered: number;
  /** Those that arrived before the worker answered /ready (not in the drain's figures). */
  deliveredBeforeReady: number;
  drainSeconds: number;
  drainRate: number;
  /** Cores of each CPU group over the drain, the machine's and others'. */
  cores: Cores;
  workerCores: number;
  storeCores: number;
  /** CPU of the worker and its stores per delivered notification, microseconds; and of the worker alone. */
  cpuUsPerNotification: number;
  workerUsPerNotification: number;
  /** Machine busy before the worker started: other work on the machine. */
  backgroundCpu: number;
  loop?: LoopDelay;
  database?: DatabaseCounters;
  statements?: { samples: number; idleInTransactionSeconds: number; statements: StatementShare[] };
  window: { fromUs: number; toUs: number };
  sink: SinkCounts;
  unfinished: number;
  checks: { ok: boolean; detail: string };
}

export interface ProfileResult {
  drained: DrainResult;
  cpu: ProfileSummary;
}

const rate = (n: number) => `${Math.round(n).toLocaleString('en')}/s`;
const fixed = (n: number, digits = 2) => n.toFixed(digits);
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;

function ratios(results: DrainResult[]): string[] {
  const parley = results.find((r) => r.key === 'parley');
  const peers = results.filter((r) => r.key !== 'parley');
  const bullmq = results.find((r) => r.key === 'bullmq');
  if (!parley || !peers.length) return [];
  const best = peers.reduce((a, b) => (b.drainRate > a.drainRate ? b : a));
  const lines = [`- Drain, Parley / best peer (${best.name}): **${ratio(parley.drainRate, best.drainRate)}** (target ≥ 1.5×)`];
  if (bullmq) lines.push(`- Enqueue, Parley over HTTP / BullMQ addBulk in process: **${ratio(parley.enqueueRate, bullmq.enqueueRate)}** (target ≥ 1.0×)`);
  const cheapest = peers.reduce((a, b) => (b.cpuUsPerNotification < a.cpuUsPerNotification ? b : a));
  lines.push(`- CPU per notification while draining, Parley / ${cheapest.name}: ${ratio(parley.cpuUsPerNotification, cheapest.cpuUsPerNotification)}`);
  return lines;
}

export function peerTable(results: DrainResult[]): string {
  const rows = results.map(
    (r) =>
      `| ${r.name} | ${rate(r.enqueueRate)} | ${rate(r.drainRate)} | ${fixed(r.workerCores + r.storeCores)} | ${fixed(r.workerCores)} | ${fixed(r.storeCores)} | ${Math.round(r.cpuUsPerNotification).toLocaleString('en')} | ${r.checks.ok ? 'ok' : 'FAILED'} |`,
  );
  return [
    '| system | enqueue/s | drain/s | cores while draining | of which worker | of which stores | CPU µs per notification | checks |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...rows,
  ].join('\n');
}

function databaseTable(results: DrainResult[]): string | undefined {
  const withDb = results.filter((r) => r.database);
  if (!withDb.length) return undefined;
  const per = (n: number, r: DrainResult) => fixed(n / r.count, 2);
  return [
    '| system | commits | rows inserted | rows updated (of which HOT) | rows deleted | WAL bytes |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...withDb.map((r) => {
      const d = r.database!;
      return `| ${r.name} | ${per(d.commits, r)} | ${per(d.inserted, r)} | ${per(d.updated, r)} (${per(d.hotUpdated, r)}) | ${per(d.deleted, r)} | ${Math.round(d.walBytes / r.count).toLocaleString('en')} |`;
    }),
  ].join('\n');
}

function details(results: DrainResult[]): string {
  return results
    .map((r) => {
      const groups = Object.entries(r.cores)
        .filter(([label]) => label !== MACHINE && label !== OTHERS)
        .map(([label, c]) => `${label} ${fixed(c)}`)
        .join(', ');
      const loop = r.loop ? ` Worker event loop ${Math.round(r.loop.utilisation * 100)} % busy; ${r.loop.gcCount} garbage collections, ${Math.round(r.loop.gcTotal)} ms in all.` : '';
      return (
        `- **${r.name}**: ${r.setup}. Enqueued ${r.count.toLocaleString('en')} in ${fixed(r.enqueueSeconds)} s; drained ${r.delivered.toLocaleString('en')} in ${fixed(r.drainSeconds)} s` +
        `${r.deliveredBeforeReady ? ` (${r.deliveredBeforeReady.toLocaleString('en')} more went out before the worker answered /ready)` : ''}. ` +
        `Cores while draining: ${groups}; machine ${fixed(r.cores[MACHINE]!)}, of which other work ${fixed(r.cores[OTHERS]!)} (${fixed(r.backgroundCpu)} before the worker started).${loop} ` +
        `Sink: ${r.checks.detail}.`
      );
    })
    .join('\n');
}

export function markdown(results: DrainResult[], machine: Machine, command: string, date: string, count: number): string {
  const db = databaseTable(results);
  return [
    `Measured ${date} with \`${command}\` (${count.toLocaleString('en')} webhook notifications per system).`,
    '',
    `Machine: ${machine.cores} cores (${machine.cpu}), ${machine.memoryGiB} GiB memory, ${machine.kernel}, Node ${machine.node}, PostgreSQL ${machine.postgres}${machine.postgresSettings ? ` (${machine.postgresSettings})` : ''}. Load average at start: ${machine.loadAverage}. The systems, PostgreSQL, Redis and the benchmark (with the sink) share the machine.`,
    '',
    peerTable(results),
    '',
    ...ratios(results),
    '',
    ...(db ? ['Database work per notification while draining (PostgreSQL statistics; WAL is the whole server\'s):', '', db, ''] : []),
    details(results),
  ].join('\n');
}

export function profileMarkdown(p: ProfileResult, command: string, date: string): string {
  const d = p.drained;
  // The profiler samples wall time: on a busy machine a thread waiting for a core is still sampled.
  // So each place's share of the worker's non-idle samples is applied to the worker's CPU measured in /proc.
  const busy = p.cpu.windowMs - p.cpu.idleMs;
  const cpuUs = (ms: number) => Math.round((ms / busy) * d.workerUsPerNotification).toLocaleString('en');
  const share = (ms: number) => `${Math.round((ms / busy) * 100)} %`;
  const wallUs = (ms: number) => Math.round((ms * 1000) / d.delivered).toLocaleString('en');
  const rows = (list: { name: string; ms: number }[]) => list.filter((r) => r.name !== '(idle)').map((r) => `| ${r.name.replace(/\|/g, '\\|')} | ${share(r.ms)} | ${cpuUs(r.ms)} |`);
  const parts = [
    `Profiled ${date} with \`${command}\`: one more Parley drain of ${d.count.toLocaleString('en')} notifications, the worker under \`--cpu-prof\`, the database's backends sampled every 20 ms from pg_stat_activity (pg_stat_statements is not loaded on this server). ` +
      `That drain: ${rate(d.drainRate)}, worker ${fixed(d.workerCores)} cores, stores ${fixed(d.storeCores)}; CPU per notification ${Math.round(d.cpuUsPerNotification)} µs, of which the worker ${Math.round(d.workerUsPerNotification)} µs (the profiler itself costs the worker a little).`,
    '',
    `Worker samples: ${share(p.cpu.gcMs)} of the busy ones in garbage collection; the event loop was idle ${Math.round((p.cpu.idleMs / p.cpu.windowMs) * 100)} % of the drain. µs below: the share of busy samples × the worker's ${Math.round(d.workerUsPerNotification)} µs per notification.`,
    '',
    '| worker self time by place | share | µs per notification |',
    '| --- | ---: | ---: |',
    ...rows(p.cpu.byPlace),
    '',
    '| worker self time by function | share | µs per notification |',
    '| --- | ---: | ---: |',
    ...rows(p.cpu.byFunction),
    '',
    '| Parley function, inclusive | share | µs per notification |',
    '| --- | ---: | ---: |',
    ...rows(p.cpu.parleyInclusive),
  ];
  if (d.statements) {
    parts.push(
      '',
      `PostgreSQL backends of the database, sampled ${d.statements.samples} times: wall time active in each statement (lock and I/O waits included), and ${wallUs(d.statements.idleInTransactionSeconds * 1000)} µs per notification idle inside a transaction.`,
      '',
      '| statement | active µs per notification | waits while active |',
      '| --- | ---: | --- |',
      ...d.statements.statements.slice(0, 10).map((s) => `| \`${s.statement.replace(/\|/g, '\\|').replace(/`/g, "'")}\` | ${wallUs(s.activeSeconds * 1000)} | ${s.waits || '–'} |`),
    );
  }
  if (d.database) {
    const per = (n: number) => fixed(n / d.count);
    parts.push('', `Per notification: ${per(d.database.commits)} commits, ${per(d.database.inserted)} rows inserted, ${per(d.database.updated)} updated (${per(d.database.hotUpdated)} HOT), ${per(d.database.deleted)} deleted, ${Math.round(d.database.walBytes / d.count)} WAL bytes.`);
  }
  return parts.join('\n');
}

/** For the terminal. */
export function summary(results: DrainResult[], profile: ProfileResult | undefined): string {
  const parts = [peerTable(results), ratios(results).join('\n')];
  const db = databaseTable(results);
  if (db) parts.push(db);
  if (profile) parts.push(profileMarkdown(profile, 'this run', 'now'));
  return parts.join('\n\n');
}

export const resultsMarkers = { begin: '<!-- bench-peers:begin (written by bench/peers.ts; edit outside these markers) -->', end: '<!-- bench-peers:end -->' };
export const profileMarkers = { begin: '<!-- bench-peers-profile:begin (written by bench/peers.ts; edit outside these markers) -->', end: '<!-- bench-peers-profile:end -->' };

const skeleton = [
  '## Peers: Parley, BullMQ and graphile-worker',
  '',
  '### Results',
  '',
  resultsMarkers.begin,
  resultsMarkers.end,
  '',
  "### What limits Parley's drain",
  '',
  profileMarkers.begin,
  profileMarkers.end,
  '',
].join('\n');

/** Replaces the text between each pair of markers; adds the section at the end of the document when it is missing. */
export function writePeerSections(path: string, results: string, profile: string | undefined): void {
  let current = existsSync(path) ? readFileSync(path, 'utf8') : '# Benchmarks\n';
  if (!current.includes(resultsMarkers.begin) || !current.includes(profileMarkers.begin)) current = `${current.trimEnd()}\n\n${skeleton}`;
  const replace = (text: string, markers: { begin: string; end: string }, body: string) => {
    const from = text.indexOf(markers.begin);
    const to = text.indexOf(markers.end);
    if (from < 0 || to < from) throw new Error(`${path}: the markers ${markers.begin} … ${markers.end} are out of order`);
    return `${text.slice(0, from + markers.begin.length)}\n${body}\n${text.slice(to)}`;
  };
  current = replace(current, resultsMarkers, results);
  if (profile) current = replace(current, profileMarkers, profile);
  writeFileSync(path, current);
}
