import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, release, totalmem } from 'node:os';
import pg from 'pg';
import type { RunResult } from './generator.ts';
import type { LoopDelay } from './processes.ts';
import type { Stored } from './seed.ts';
import { ms } from './stats.ts';

export interface Machine {
  cores: number;
  cpu: string;
  memoryGiB: number;
  kernel: string;
  node: string;
  postgres: string;
  /** Settings that decide the cost of a commit. */
  postgresSettings: string;
  loadAverage: string;
}

export async function describeMachine(postgresUrl: string | undefined): Promise<Machine> {
  const cpu = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? 'unknown';
  let postgres = 'not used';
  let postgresSettings = '';
  if (postgresUrl) {
    const client = new pg.Client({ connectionString: postgresUrl });
    await client.connect();
    try {
      postgres = (await client.query<{ server_version: string }>('SHOW server_version')).rows[0]!.server_version;
      const settings = await client.query<{ name: string; setting: string; unit: string | null }>(
        `SELECT name, setting, unit FROM pg_settings WHERE name IN ('synchronous_commit', 'fsync', 'shared_buffers', 'max_connections', 'autovacuum') ORDER BY name`,
      );
      postgresSettings = settings.rows.map((r) => `${r.name}=${r.setting}${r.unit ? ` (${r.unit})` : ''}`).join(', ');
    } finally {
      await client.end();
    }
  }
  return {
    cores: availableParallelism(),
    cpu,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    kernel: `Linux ${release()}`,
    node: process.version,
    postgres,
    postgresSettings,
    loadAverage: loadavg()
      .map((l) => l.toFixed(2))
      .join(' '),
  };
}

export interface Memory {
  /** Resident set (VmRSS) and JS heap in use, bytes, after a full garbage collection. */
  before: { rss: number; heap: number };
  after: { rss: number; heap: number };
  connections: number;
}

/** One configuration measured: a server, its load run and what was checked afterwards. */
export interface PhaseResult {
  name: string;
  /** The latency target applies (Parley on PostgreSQL at the full rate). */
  target?: { p95: number; p99: number };
  rate: number;
  clients: number;
  memory: Memory;
  run: RunResult;
  /** Server process CPU over the schedule, in cores. */
  serverCpu: number;
  /** CPU of the PostgreSQL backends serving the server's pool, in cores. */
  postgresCpu?: number;
  /** Whole machine busy over the schedule, in cores. */
  machineCpu: number;
  /** The server's event-loop delay over the load (bench/probe.ts). */
  loopDelay?: LoopDelay;
  /** Whole machine busy while the server sat idle before the sockets opened: other work on the machine. */
  backgroundCpu: number;
  stored?: Stored;
  serverProblems: { count: number; samples: string[] };
}

/** Machine CPU the measured processes do not account for: PostgreSQL's own background work, and anything else running. */
const othersCpu = (p: PhaseResult) => Math.max(0, p.machineCpu - p.serverCpu - (p.postgresCpu ?? 0) - p.run.generatorCpu);
const perConnection = (m: Memory, of: 'rss' | 'heap') => (m.after[of] - m.before[of]) / m.connections;
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const cores = (n: number) => n.toFixed(2);

function verdict(p: PhaseResult): string {
  if (!p.target) return 'no target';
  const ok = p.run.latency.p95 <= p.target.p95 && p.run.latency.p99 <= p.target.p99 && p.run.lost === 0;
  return `${ok ? 'met' : 'MISSED'} (p95 ≤ ${p.target.p95} ms, p99 ≤ ${p.target.p99} ms)`;
}

function storedCheck(p: PhaseResult): string {
  if (!p.stored) return '–';
  const s = p.stored;
  const ok = s.messages === p.run.ackedCreated && s.distinctClientIds === s.messages && s.seqGaps === 0 && s.wrongUnreadCounts === 0;
  return `${ok ? 'ok' : 'MISMATCH'}: ${s.messages} stored, ${p.run.ackedCreated} acked, ${s.seqGaps} conversations with seq gaps, ${s.wrongUnreadCounts} wrong unread counts`;
}

export function latencyTable(results: PhaseResult[]): string {
  const rows = results.map((p) => {
    const r = p.run;
    return `| ${p.name} | ${p.clients.toLocaleString('en')} | ${p.rate.toLocaleString('en')}/s | ${r.achievedRate.toFixed(0)}/s | ${r.measuredSent.toLocaleString('en')} | ${r.lost} | ${ms(r.latency.p50)} | ${ms(r.latency.p95)} | ${ms(r.latency.p99)} | ${ms(r.latency.max)} | ${cores(p.serverCpu)} | ${p.postgresCpu === undefined ? '–' : cores(p.postgresCpu)} | ${cores(p.machineCpu)} | ${verdict(p)} |`;
  });
  return [
    '| Setup | Clients | Rate | Achieved | Measured messages | Lost | p50 | p95 | p99 | max | Server CPU | PostgreSQL CPU | Machine CPU | Target |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
    ...rows,
  ].join('\n');
}

export function memoryTable(results: PhaseResult[]): string {
  const rows = results.map(
    (p) =>
      `| ${p.name} | ${mib(p.memory.before.rss)} | ${mib(p.memory.after.rss)} | ${p.memory.connections.toLocaleString('en')} | ${kib(perConnection(p.memory, 'rss'))} | ${kib(perConnection(p.memory, 'heap'))} |`,
  );
  return [
    '| Server | RSS before | RSS with idle sockets | Sockets | RSS per idle connection | of which JS heap |',
    '|---|---:|---:|---:|---:|---:|',
    ...rows,
  ].join('\n');
}

export function checksList(results: PhaseResult[]): string {
  return results
    .map((p) => {
      const r = p.run;
      const errors = Object.entries(r.errorCodes)
        .map(([code, n]) => `${code} ×${n}`)
        .join(', ');
      return [
        `- **${p.name}**: ${r.sent.toLocaleString('en')} sent (${r.scheduled.toLocaleString('en')} scheduled, warm-up included), ${r.received.toLocaleString('en')} received, ${r.duplicates} duplicates` +
          (p.stored
            ? `, ${r.acked.toLocaleString('en')} acked (sender's ack p50 ${ms(r.ackLatency.p50)}, p95 ${ms(r.ackLatency.p95)}, p99 ${ms(r.ackLatency.p99)}), ${r.errors} error frames${errors ? ` (${errors})` : ''}; database: ${storedCheck(p)}`
            : '') +
          (p.loopDelay
            ? `. Server event loop: ${Math.round(p.loopDelay.utilisation * 100)} % busy, delay p99 ${ms(p.loopDelay.p99)}, max ${ms(p.loopDelay.max)}; ${p.loopDelay.gcCount} garbage collections, ${ms(p.loopDelay.gcTotal, 0)} in all, longest ${ms(p.loopDelay.gcMax)}`
            : '') +
          `. Machine busy before the load (server idle): ${cores(p.backgroundCpu)} cores; during it, outside the server, its PostgreSQL backends and the load generator: ${cores(othersCpu(p))} cores. Load generator: send lag p99 ${ms(r.sendLag.p99)}, max ${ms(r.sendLag.max)}; ${cores(r.generatorCpu)} cores; ${r.generatorGc.count} garbage collections, longest ${ms(r.generatorGc.max)}.` +
          (p.serverProblems.count ? ` Server logged ${p.serverProblems.count} warnings or errors.` : ''),
      ].join('');
    })
    .join('\n');
}

export function markdown(results: PhaseResult[], machine: Machine, command: string, date: string, settings: string): string {
  return [
    `Measured ${date} with \`${command}\` (${settings}).`,
    '',
    `Machine: ${machine.cores} cores (${machine.cpu}), ${machine.memoryGiB} GiB memory, ${machine.kernel}, Node ${machine.node}, PostgreSQL ${machine.postgres}${machine.postgresSettings ? ` (${machine.postgresSettings})` : ''}. Load average at start: ${machine.loadAverage}. The server, PostgreSQL and the load generator share the machine.`,
    '',
    '### Sender-to-receiver latency',
    '',
    latencyTable(results),
    '',
    '### Memory per idle connection',
    '',
    memoryTable(results),
    '',
    '### Checks',
    '',
    checksList(results),
  ].join('\n');
}

const begin = '<!-- bench:begin (written by npm run bench; edit outside these markers) -->';
const end = '<!-- bench:end -->';

/** Replaces the measured section of the document, keeping the prose around it. */
export function writeDocument(path: string, section: string, skeleton: string): void {
  const current = existsSync(path) ? readFileSync(path, 'utf8') : skeleton;
  const from = current.indexOf(begin);
  const to = current.indexOf(end);
  if (from < 0 || to < from) throw new Error(`${path} lacks the bench markers; add them around the results section`);
  writeFileSync(path, `${current.slice(0, from + begin.length)}\n${section}\n${current.slice(to)}`);
}

/**
 * Replaces the text between a benchmark's markers in the document, or appends a section with
 * `heading` and the markers when the document has none yet.
 */
export function writeMarkedSection(path: string, text: string, markers: { begin: string; end: string }, heading: string): void {
  const current = existsSync(path) ? readFileSync(path, 'utf8') : '# Benchmarks\n';
  const from = current.indexOf(markers.begin);
  const to = current.indexOf(markers.end);
  if (from >= 0 && to > from) writeFileSync(path, `${current.slice(0, from + markers.begin.length)}\n${text}\n${current.slice(to)}`);
  else writeFileSync(path, `${current.trimEnd()}\n\n## ${heading}\n\n### Results\n\n${markers.begin}\n${text}\n${markers.end}\n`);
}

export const documentSkeleton = `# Benchmarks\n\n## Results\n\n${begin}\n${end}\n`;
