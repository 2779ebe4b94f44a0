import { type ChildProcess, spawn } from 'node:child_process';
import { appendFileSync, readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** Every child the benchmark starts; killed on exit, whatever the reason. */
const children = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

export interface ServerProcess {
  readonly name: string;
  readonly pid: number;
  readonly port: number;
  /** Lines the server wrote to stdout/stderr (the last 200), for error reports. */
  output(): string[];
  /** Log lines at warn level or above (pino JSON) or anything on stderr. */
  readonly problems: { count: number; samples: string[] };
  /** Runs a full garbage collection in the server (bench/probe.ts, loaded into every server); answers its JS heap in use, bytes. */
  collectGarbage(): Promise<number | undefined>;
  /** Starts measuring the server's event loop and garbage collections. */
  startMeasuring(): Promise<void>;
  /** What was measured since startMeasuring (undefined if the server does not answer). */
  report(): Promise<LoopDelay | undefined>;
  /** Stops with SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone. */
  stop(graceMs?: number): Promise<void>;
}

/** How late the server's event loop ran while the load was on, milliseconds. */
export interface LoopDelay {
  p99: number;
  max: number;
  /** Share of the time the event loop was busy. */
  utilisation: number;
  /** Garbage collections: how many, their pauses summed, the longest. */
  gcCount: number;
  gcTotal: number;
  gcMax: number;
}

export interface StartOptions {
  name: string;
  /** Script to run under tsx, relative to the working directory. */
  script: string;
  port: number;
  env: Record<string, string>;
  /** The HTTP status of GET http://127.0.0.1:<port><path> that means "ready". */
  readyPath: string;
  readyStatus: number;
  timeoutMs?: number;
  nodeArgs?: string[];
  /** Appends everything the server writes to this file. */
  logFile?: string;
}

/**
 * Starts `node --import tsx <script>` as a separate process, with bench/probe.ts loaded
 * (and --expose-gc for it), and waits until it answers.
 */
export async function startServer(options: StartOptions): Promise<ServerProcess> {
  const nodeArgs = [...(options.nodeArgs ?? []), '--expose-gc', '--import', 'tsx', '--import', './bench/probe.ts'];
  const child = spawn(process.execPath, [...nodeArgs, options.script], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...options.env, PORT: String(options.port) },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  children.add(child);
  const lines: string[] = [];
  const problems = { count: 0, samples: [] as string[] };
  const probeAnswers = new Map<string, (body: unknown) => void>();
  const collect = (stream: 'stdout' | 'stderr') => (chunk: Buffer) => {
    if (options.logFile) appendFileSync(options.logFile, chunk);
    for (const line of chunk.toString().split('\n')) {
      if (!line) continue;
      const answer = /^bench-probe (\w+) (.*)$/.exec(line);
      if (answer) {
        probeAnswers.get(answer[1]!)?.(JSON.parse(answer[2]!));
        continue;
      }
      lines.push(line);
      if (lines.length > 200) lines.shift();
      if (stream === 'stderr' || /"level":(4|5|6)\d/.test(line)) {
        problems.count++;
        if (problems.samples.length < 5) problems.samples.push(line.slice(0, 300));
      }
    }
  };
  child.stdin!.on('error', () => {}); // a server that already exited
  child.stdout!.on('data', collect('stdout'));
  child.stderr!.on('data', collect('stderr'));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('exit', () => children.delete(child));

  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${options.name} exited during start-up (${child.exitCode ?? child.signalCode}):\n${lines.join('\n')}`);
    }
    if ((await httpStatus(options.port, options.readyPath)) === options.readyStatus) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${options.name} did not become ready within ${options.timeoutMs ?? 60_000} ms:\n${lines.join('\n')}`);
    }
    await sleep(200);
  }

  /** Sends a command to the probe; resolves with its answer, or undefined after 10 s. */
  function probe(command: string): Promise<unknown> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(undefined), 10_000);
      probeAnswers.set(command, (body) => {
        clearTimeout(timer);
        resolve(body);
      });
      child.stdin!.write(`${command}\n`);
    });
  }

  return {
    name: options.name,
    pid: child.pid!,
    port: options.port,
    output: () => [...lines],
    problems,
    async collectGarbage() {
      return ((await probe('gc')) as { heapUsed: number } | undefined)?.heapUsed;
    },
    async startMeasuring() {
      await probe('start');
    },
    report: () => probe('report') as Promise<LoopDelay | undefined>,
    async stop(graceMs = 30_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(killer);
    },
  };
}

function httpStatus(port: number, path: string): Promise<number | undefined> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path, timeout: 2_000 }, (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on('error', () => resolve(undefined));
    req.on('timeout', () => req.destroy());
    req.end();
  });
}

/** Resident set size of a process, bytes (VmRSS in /proc/<pid>/status). */
export function rssBytes(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`no VmRSS for process ${pid}`);
  return Number(match[1]) * 1024;
}

const ticksPerSecond = 100; // USER_HZ on Linux

/** CPU time a process has used so far (user + system), seconds. */
export function processCpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which is in parentheses and may contain spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
}

/** Busy and total CPU time of the whole machine so far, seconds (summed over cores). */
export function machineCpuSeconds(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
  const values = line.trim().split(/\s+/).slice(1).map(Number);
  const idle = values[3]! + (values[4] ?? 0);
  const total = values.reduce((a, b) => a + b, 0);
  return { busy: (total - idle) / ticksPerSecond, total: total / ticksPerSecond };
}

/** A TCP port free on 127.0.0.1 right now, for a server the benchmark starts. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/**
 * CPU seconds used so far by each PostgreSQL backend serving `database` (found by process
 * title, "postgres: ... <user> <database> ..."); connections opened later start from zero.
 */
export function postgresBackendCpu(database: string): Map<number, number> {
  const out = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const title = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (title.startsWith('postgres: ') && title.includes(` ${database} `)) out.set(Number(entry), processCpuSeconds(Number(entry)));
    } catch {
      // the process ended meanwhile
    }
  }
  return out;
}

/** CPU seconds between two samples of postgresBackendCpu (a backend that ended meanwhile is missed). */
export function backendCpuBetween(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, seconds] of after) total += seconds - (before.get(pid) ?? 0);
  return total;
}
