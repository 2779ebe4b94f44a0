/**
 * CPU accounting for the notification benchmark: who used the two cores while the load ran.
 * Groups of processes (Parley's, PostgreSQL's backends for the benchmark database, PostgreSQL's
 * background processes, Redis, the benchmark itself) are read from /proc every second, so that
 * connections opened and closed under load are counted too.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type pg from 'pg';
import { machineCpuSeconds, processCpuSeconds } from './processes.ts';

/** CPU seconds of a changing set of processes since the meter's first reading. */
class CpuMeter {
  private readonly base = new Map<number, number>();
  private readonly last = new Map<number, number>();
  private first = true;

  /** Reads the processes' CPU; one that appears after the first reading counts from zero (it started meanwhile). */
  read(pids: Iterable<number>): void {
    for (const pid of pids) {
      let seconds: number;
      try {
        seconds = processCpuSeconds(pid);
      } catch {
        continue; // it ended meanwhile: its last reading stands
      }
      if (!this.base.has(pid)) this.base.set(pid, this.first ? seconds : 0);
      this.last.set(pid, seconds);
    }
    this.first = false;
  }

  get seconds(): number {
    let total = 0;
    for (const [pid, seconds] of this.last) total += seconds - this.base.get(pid)!;
    return total;
  }
}

export interface CpuGroup {
  label: string;
  /** The processes of the group now (asked at every reading). */
  pids(): Promise<number[]> | number[];
  /** Or: a reader of the group's CPU seconds so far (a thread, say). */
  seconds?: () => Promise<number> | number;
}

/** Cores used by each group between two readings, and the whole machine's busy cores. */
export type Cores = Record<string, number>;

export interface CpuAccount {
  /** Reads every group; answers the cores each used since the previous reading. */
  read(): Promise<Cores>;
  /** Cores each group used since the first reading. */
  total(): Cores;
}

export const MACHINE = 'machine';
/** The machine's busy cores that no group accounts for: other work on the machine. */
export const OTHERS = 'others';

/** Groups whose label starts with this are a part of another group, not counted again in OTHERS. */
export const PART_OF = 'of which';

function addOthers(cores: Cores): Cores {
  let ours = 0;
  for (const [label, c] of Object.entries(cores)) if (label !== MACHINE && !label.startsWith(PART_OF)) ours += c;
  cores[OTHERS] = Math.max(0, cores[MACHINE]! - ours);
  return cores;
}

export async function startCpuAccount(groups: CpuGroup[]): Promise<CpuAccount> {
  const meters = new Map(groups.map((g) => [g.label, new CpuMeter()]));
  const direct = new Map<string, { first: number; last: number }>();
  const cores = availableParallelism();
  let firstMachine = machineCpuSeconds();
  let lastMachine = firstMachine;
  let firstAt = performance.now();
  let lastAt = firstAt;
  let previous = new Map<string, number>();
  const secondsOf = (label: string) => (direct.has(label) ? direct.get(label)!.last - direct.get(label)!.first : meters.get(label)!.seconds);

  const account: CpuAccount = {
    async read() {
      const now = performance.now();
      for (const g of groups) {
        if (g.seconds) {
          const s = await g.seconds();
          const d = direct.get(g.label);
          if (d) d.last = s;
          else direct.set(g.label, { first: s, last: s });
        } else meters.get(g.label)!.read(await g.pids());
      }
      const machine = machineCpuSeconds();
      const elapsed = (now - lastAt) / 1000;
      const out: Cores = {};
      for (const g of groups) {
        const s = secondsOf(g.label);
        out[g.label] = elapsed > 0 ? (s - (previous.get(g.label) ?? 0)) / elapsed : 0;
        previous.set(g.label, s);
      }
      const span = machine.total - lastMachine.total;
      out[MACHINE] = span > 0 ? ((machine.busy - lastMachine.busy) / span) * cores : 0;
      lastMachine = machine;
      lastAt = now;
      return addOthers(out);
    },
    total() {
      const elapsed = (lastAt - firstAt) / 1000;
      const out: Cores = {};
      for (const g of groups) out[g.label] = elapsed > 0 ? secondsOf(g.label) / elapsed : 0;
      const span = lastMachine.total - firstMachine.total;
      out[MACHINE] = span > 0 ? ((lastMachine.busy - firstMachine.busy) / span) * cores : 0;
      return addOthers(out);
    },
  };
  await account.read();
  firstAt = lastAt;
  firstMachine = lastMachine;
  previous = new Map(groups.map((g) => [g.label, 0]));
  return account;
}

/**
 * PostgreSQL's processes from pg_stat_activity: the client backends connected to `database`
 * (Parley's pools, its LISTEN connection and the benchmark's own sampler, which `exclude` names)
 * and the background processes (WAL writer, checkpointer, background writer...).
 */
export function postgresGroups(client: pg.Client, database: string, exclude: () => number[] = () => []): CpuGroup[] {
  let cached: { at: number; rows: { pid: number; backend_type: string; datname: string | null }[] } | undefined;
  const activity = async () => {
    // One query serves both groups at each reading.
    if (!cached || performance.now() - cached.at > 500) {
      const { rows } = await client.query<{ pid: number; backend_type: string; datname: string | null }>('SELECT pid, backend_type, datname FROM pg_stat_activity');
      cached = { at: performance.now(), rows };
    }
    return cached.rows;
  };
  return [
    {
      label: 'PostgreSQL backends',
      pids: async () => (await activity()).filter((r) => r.backend_type === 'client backend' && r.datname === database && !exclude().includes(r.pid)).map((r) => r.pid),
    },
    { label: 'PostgreSQL background', pids: async () => (await activity()).filter((r) => r.backend_type !== 'client backend').map((r) => r.pid) },
  ];
}

/** Processes whose command name (/proc/<pid>/comm) is `name`, e.g. redis-server. */
export function pidsNamed(name: string): number[] {
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === name) out.push(Number(entry));
    } catch {
      // ended meanwhile
    }
  }
  return out;
}
