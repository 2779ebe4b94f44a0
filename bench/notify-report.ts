/**
 * The notification benchmark's results as markdown: tables for docs/BENCHMARKS.md (its
 * "Notifications" section, between its own markers) and for stdout.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { Cores } from './notify-cpu.ts';
import { MACHINE, OTHERS } from './notify-cpu.ts';
import type { SinkCounts } from './notify-sink.ts';
import type { BatchLoadResult, LatencyResult } from './notify-load.ts';
import type { RawResult } from './notify-raw.ts';
import type { Machine } from './report.ts';
import { ms } from './stats.ts';

export type Layout = 'split' | 'combined' | 'embedded';

export const layoutName: Record<Layout, string> = {
  split: 'two processes: PARLEY_ROLES=api and PARLEY_ROLES=worker, Redis fan-out',
  combined: 'one process: PARLEY_ROLES=api,worker',
  embedded: 'one process on PGlite (api and worker)',
};

export interface RawPhase {
  runs: (RawResult & { cpu: Cores })[];
}

/** One reading of the pipeline, every second. */
export interface Sample {
  /** Seconds since the load started. */
  t: number;
  phase: 'load' | 'drain';
  /** Notifications accepted so far (202 answers). */
  accepted: number;
  /** In-app deliveries sent so far. */
  inAppSent: number;
  /** Distinct webhooks the sink received so far. */
  webhooks: number;
  /** Deliveries still queued, standby or being sent. */
  depth: number;
  /** inAppSent and depth were read now (not repeated from an earlier reading). */
  fresh: boolean;
  /** Cores used since the previous reading, `interval` seconds ago. */
  cores: Cores;
  interval: number;
}

export interface SustainedPhase {
  name: string;
  storage: 'postgres' | 'pglite';
  layout: Layout;
  /** Target notifications per second (each with 2 deliveries). */
  rate: number;
  seconds: number;
  load: BatchLoadResult;
  /** Over the load: notifications accepted per second, deliveries sent per second by channel. */
  acceptedRate: number;
  inAppRate: number;
  webhookRate: number;
  maxDepth: number;
  depthAtEnd: number;
  /** Least-squares slope of the queue depth over the second half of the load, deliveries per second. */
  depthSlope: number;
  drain?: { seconds: number; drained: boolean; remaining: number; rate: number; cpu: Cores };
  samples: Sample[];
  cpu: Cores;
  /** Machine busy while the servers sat idle before the load: other work on the machine. */
  backgroundCpu: number;
  sink: SinkCounts;
  /** After the run: deliveries by channel and status (PostgreSQL), or as the server's metrics count them. */
  stored?: { channel: string; status: string; n: number }[];
  metricsSent?: Record<string, number>;
  /** Transactions PostgreSQL committed in the benchmark database over the load (pg_stat_database). */
  commits?: number;
  problems: { count: number; samples: string[] };
  settings: string;
}

export interface LatencyPhase {
  name: string;
  layout: Layout;
  rate: number;
  seconds: number;
  target?: number;
  result: LatencyResult;
  cpu: Cores;
  backgroundCpu: number;
  /** Transactions PostgreSQL committed in the benchmark database over the run (pg_stat_database). */
  commits?: number;
  problems: { count: number; samples: string[] };
}

export interface Results {
  raw?: RawPhase;
  trials: SustainedPhase[];
  sustained: SustainedPhase[];
  latency: LatencyPhase[];
}

const n0 = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en') : '–');
const c2 = (n: number | undefined) => (n === undefined || !Number.isFinite(n) ? '–' : n.toFixed(2));
const table = (head: string[], align: string[], rows: string[][]) =>
  [`| ${head.join(' | ')} |`, `|${align.join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');

export const bestRaw = (raw: RawPhase | undefined) => (raw ? Math.max(...raw.runs.map((r) => r.rows / r.seconds / 2)) : undefined);

export function rawTable(raw: RawPhase): string {
  return table(
    ['Connections', 'Batches', 'Rows/s', 'Notifications/s', 'Statement p50', 'p95', 'max', 'PostgreSQL backends', 'PostgreSQL background', 'Client (node)', 'Machine'],
    ['---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:'],
    raw.runs.map((r) => [
      String(r.connections),
      n0(r.batches),
      n0(r.rows / r.seconds),
      n0(r.rows / r.seconds / 2),
      ms(r.statement.p50),
      ms(r.statement.p95),
      ms(r.statement.max),
      c2(r.cpu['PostgreSQL backends']),
      c2(r.cpu['PostgreSQL background']),
      c2(r.cpu['Benchmark process']),
      c2(r.cpu[MACHINE]),
    ]),
  );
}

function trend(p: SustainedPhase): string {
  // Growing: over the second half the queue gained more than 2 % of the deliveries accepted a second,
  // and it ended the load holding more than 5 s of them (a few batches just accepted are not a trend).
  const deliveries = p.acceptedRate * 2;
  const growing = p.depthSlope > Math.max(50, 0.02 * deliveries) && p.depthAtEnd > 5 * deliveries;
  return growing ? `growing (+${n0(p.depthSlope)}/s)` : 'bounded';
}

function drained(p: SustainedPhase): string {
  if (!p.drain) return '–';
  if (p.drain.drained) return `${p.drain.seconds.toFixed(0)} s (${n0(p.drain.rate)} deliveries/s)`;
  const more = p.drain.rate > 0 ? ` (~${n0(p.drain.remaining / p.drain.rate)} s more at ${n0(p.drain.rate)}/s)` : '';
  return `not in ${p.drain.seconds.toFixed(0)} s: ${n0(p.drain.remaining)} left${more}`;
}

export function sustainedTable(phases: SustainedPhase[], raw: RawPhase | undefined): string {
  const ceiling = bestRaw(raw);
  return table(
    ['Setup', 'Target', 'Accepted', 'In-app sent', 'Webhooks sent', 'Accepted / raw insert', 'Queue max', 'Queue at end', 'Queue', 'Drain after the load', 'Batch p50', 'p95', 'p99', 'Errors'],
    ['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---', '---', '---:', '---:', '---:', '---:'],
    phases.map((p) => [
      p.name,
      `${n0(p.rate)}/s`,
      `${n0(p.acceptedRate)}/s`,
      `${n0(p.inAppRate)}/s`,
      `${n0(p.webhookRate)}/s`,
      p.storage === 'postgres' && ceiling ? `${((p.acceptedRate / ceiling) * 100).toFixed(0)} %` : '–',
      n0(p.maxDepth),
      n0(p.depthAtEnd),
      trend(p),
      drained(p),
      ms(p.load.latency.p50, 0),
      ms(p.load.latency.p95, 0),
      ms(p.load.latency.p99, 0),
      n0(p.load.errors.total),
    ]),
  );
}

/** Every label any phase measured: Parley's processes, PostgreSQL's, the rest, other work and the machine last. */
function cpuLabels(list: Cores[]): string[] {
  const labels = new Set<string>();
  for (const cores of list) for (const label of Object.keys(cores)) labels.add(label);
  const rank = (l: string) => [/^Parley/, /^PostgreSQL/, /^Sampler/, /^Redis/, /^Benchmark/, /^of which/, new RegExp(`^${OTHERS}$`), new RegExp(`^${MACHINE}$`)].findIndex((r) => r.test(l));
  return [...labels].sort((a, b) => rank(a) - rank(b));
}

const cpuHeading = (label: string) => (label === MACHINE ? 'Machine' : label === OTHERS ? 'Other work on the machine' : label);

export function cpuTable(rows: { name: string; cores: Cores; background?: number }[]): string {
  const labels = cpuLabels(rows.map((r) => r.cores));
  return table(
    ['Setup', ...labels.map(cpuHeading), 'Machine before (idle)'],
    ['---', ...labels.map(() => '---:'), '---:'],
    rows.map((r) => [r.name, ...labels.map((l) => c2(r.cores[l])), c2(r.background)]),
  );
}

export function timelineTable(p: SustainedPhase): string {
  const rows: string[][] = [];
  let shown: Sample | undefined;
  let busy: Cores = {};
  let span = 0;
  p.samples.forEach((s, i) => {
    const next = p.samples[i + 1];
    for (const [label, cores] of Object.entries(s.cores)) busy[label] = (busy[label] ?? 0) + cores * s.interval;
    span += s.interval;
    // Fresh readings at least 5 s apart under load, 10 s while draining, and the last reading of each.
    const last = !next || next.phase !== s.phase;
    if (!last && (!s.fresh || (shown && s.t - shown.t < (s.phase === 'load' ? 5 : 10) - 0.5))) return;
    const from = shown ?? { t: 0, accepted: 0, inAppSent: 0, webhooks: 0 };
    const dt = s.t - from.t;
    const average = (label: string) => (busy[label] ?? Number.NaN) / span;
    const processes = Object.keys(s.cores).filter((l) => l.startsWith('Parley'));
    rows.push([
      `${s.t.toFixed(0)} s${s.phase === 'drain' ? ' (drain)' : ''}`,
      n0((s.accepted - from.accepted) / dt),
      n0((s.inAppSent - from.inAppSent) / dt),
      n0((s.webhooks - from.webhooks) / dt),
      n0(s.depth),
      processes.map((l) => c2(average(l))).join(' + '),
      c2(average('PostgreSQL backends')),
      c2(average(OTHERS)),
      c2(average(MACHINE)),
    ]);
    shown = s;
    busy = {};
    span = 0;
  });
  return table(
    ['Time', 'Accepted/s', 'In-app/s', 'Webhooks/s', 'Queue depth', 'Parley CPU', 'PostgreSQL backends', 'Other work', 'Machine'],
    ['---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:'],
    rows,
  );
}

export function latencyTable(phases: LatencyPhase[]): string {
  return table(
    ['Setup', 'Users', 'Rate', 'Achieved', 'Sent', 'Accepted', 'Unanswered', 'Received', 'Missing', 'p50', 'p95', 'p99', 'max', '202 p50', '202 p95', 'Target'],
    ['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---'],
    phases.map((p) => {
      const r = p.result;
      const verdict = p.target === undefined ? 'no target' : `${r.latency.p95 <= p.target && r.missing === 0 && r.unanswered === 0 && r.accepted === r.sent ? 'met' : 'MISSED'} (p95 ≤ ${p.target} ms)`;
      return [
        p.name,
        n0(r.users),
        `${n0(p.rate)}/s`,
        `${n0(r.achievedRate)}/s`,
        n0(r.sent),
        n0(r.accepted),
        n0(r.unanswered),
        n0(r.received),
        n0(r.missing),
        ms(r.latency.p50),
        ms(r.latency.p95),
        ms(r.latency.p99),
        ms(r.latency.max),
        ms(r.acceptLatency.p50),
        ms(r.acceptLatency.p95),
        verdict,
      ];
    }),
  );
}

const errorsText = (e: { counts: Record<string, number>; samples: string[] }) =>
  Object.entries(e.counts)
    .map(([k, v]) => `${k} ×${n0(v)}`)
    .join(', ');

export function checksList(results: Results): string {
  const lines: string[] = [];
  for (const p of [...results.trials, ...results.sustained]) {
    const l = p.load;
    const parts = [
      `**${p.name}** (${p.settings}): ${n0(l.sentBatches)} of ${n0(l.scheduledBatches)} scheduled batches sent` +
        (l.notSentBatches ? ` (${n0(l.notSentBatches)} not sent: every slot was busy until the time was up)` : '') +
        `, ${n0(l.acceptedBatches)} accepted (${n0(l.accepted)} notifications)` +
        (l.errors.total ? `, errors: ${errorsText(l.errors)}` : ', no errors') +
        `; generator send lag p50 ${ms(l.sendLag.p50, 0)}, p99 ${ms(l.sendLag.p99, 0)}.`,
      `Webhook sink: ${n0(p.sink.received)} requests, ${n0(p.sink.distinct)} distinct ids, ${n0(p.sink.repeated)} repeated; ${n0(p.sink.checked)} signatures checked, ${n0(p.sink.badSignatures)} bad.`,
    ];
    if (p.stored) {
      const byStatus = p.stored.map((s) => `${s.channel} ${s.status} ${n0(s.n)}`).join(', ');
      parts.push(`Stored afterwards: ${byStatus || 'nothing'}.`);
    }
    if (p.commits !== undefined) parts.push(`PostgreSQL committed ${n0(p.commits / p.load.wallSeconds)} transactions a second over the load.`);
    if (p.metricsSent) parts.push(`Worker metrics, sent: ${Object.entries(p.metricsSent).map(([c, v]) => `${c} ${n0(v)}`).join(', ')}.`);
    if (p.problems.count) parts.push(`Parley logged ${p.problems.count} warnings or errors, e.g. \`${p.problems.samples[0]?.slice(0, 200)}\`.`);
    lines.push(`- ${parts.join(' ')}`);
  }
  for (const p of results.latency) {
    const r = p.result;
    lines.push(
      `- **${p.name}**: ${n0(r.sent)} sent, ${n0(r.accepted)} accepted, ${n0(r.received)} received, ${n0(r.duplicates)} duplicates, ${n0(r.missing)} missing` +
        (r.errors.total ? `; errors: ${errorsText(r.errors)}` : '; no errors') +
        `; generator send lag p99 ${ms(r.sendLag.p99)}, max ${ms(r.sendLag.max)}.` +
        (p.commits !== undefined ? ` PostgreSQL committed ${(p.commits / Math.max(1, r.accepted)).toFixed(1)} transactions per notification.` : '') +
        (p.problems.count ? ` Parley logged ${p.problems.count} warnings or errors, e.g. \`${p.problems.samples[0]?.slice(0, 200)}\`.` : ''),
    );
  }
  return lines.join('\n');
}

export function markdown(results: Results, machine: Machine, command: string, date: string, settings: string): string {
  const out = [
    `Measured ${date} with \`${command}\` (${settings}).`,
    '',
    `Machine: ${machine.cores} cores (${machine.cpu}), ${machine.memoryGiB} GiB memory, ${machine.kernel}, Node ${machine.node}, PostgreSQL ${machine.postgres}${machine.postgresSettings ? ` (${machine.postgresSettings})` : ''}. Load average at start: ${machine.loadAverage}. Parley, PostgreSQL, Redis and the benchmark (load generator and webhook sink) share the machine.`,
  ];
  if (results.raw) out.push('', '#### Raw insert ceiling (the acceptor\'s statement, no HTTP)', '', rawTable(results.raw));
  if (results.trials.length) {
    out.push('', '#### Layout trial (PostgreSQL, short runs at the target rate)', '', sustainedTable(results.trials, results.raw));
  }
  if (results.sustained.length) {
    out.push('', '#### Sustained batches: 1,000 notifications per request, in-app + webhook each', '', sustainedTable(results.sustained, results.raw));
    out.push('', '#### CPU in cores (over the load; drain separately)', '');
    out.push(
      cpuTable([
        ...[...results.trials, ...results.sustained].flatMap((p) => [
          { name: p.name, cores: p.cpu, background: p.backgroundCpu },
          ...(p.drain ? [{ name: `${p.name}, drain`, cores: p.drain.cpu }] : []),
        ]),
        ...results.latency.map((p) => ({ name: `${p.name}, latency`, cores: p.cpu, background: p.backgroundCpu })),
      ]),
    );
    for (const p of results.sustained) out.push('', `#### Timeline: ${p.name}`, '', timelineTable(p));
  }
  if (results.latency.length) out.push('', '#### Trigger → in-app notification on a WebSocket', '', latencyTable(results.latency));
  out.push('', '#### Checks', '', checksList(results));
  return out.join('\n');
}

const begin = '<!-- bench-notifications:begin (written by bench/notifications.ts; edit outside these markers) -->';
const end = '<!-- bench-notifications:end -->';

/** Replaces the notification results in the document, or appends a Notifications section holding them. */
export function writeNotificationSection(path: string, section: string): void {
  const current = existsSync(path) ? readFileSync(path, 'utf8') : '# Benchmarks\n';
  const from = current.indexOf(begin);
  const to = current.indexOf(end);
  if (from >= 0 && to > from) {
    writeFileSync(path, `${current.slice(0, from + begin.length)}\n${section}\n${current.slice(to)}`);
    return;
  }
  writeFileSync(path, `${current.trimEnd()}\n\n## Notifications\n\n### Results\n\n${begin}\n${section}\n${end}\n`);
}
