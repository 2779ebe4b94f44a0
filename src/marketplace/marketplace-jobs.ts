import type { Logger } from 'pino';

/**
 * Background work of the marketplace module, run by processes with the worker role. Each job
 * keeps its state in the database and is safe to run on several nodes at once (it claims its
 * rows with FOR UPDATE SKIP LOCKED), so a job that dies mid-run is picked up by the next run.
 */
export interface Job {
  name: string;
  intervalMs: number;
  /** Does one round of work; resolves with how many items it handled. */
  run(): Promise<number>;
}

export function createJobRunner(jobs: Job[], log: Logger) {
  const timers = new Map<string, NodeJS.Timeout>();
  const running = new Map<string, Promise<number>>();
  let stopped = true;

  function runOne(job: Job): Promise<number> {
    const current = running.get(job.name);
    if (current) return current;
    const round = job
      .run()
      .catch((err: Error) => {
        log.warn({ job: job.name, err: err.message }, 'marketplace job failed; it runs again next round');
        return 0;
      })
      .finally(() => running.delete(job.name));
    running.set(job.name, round);
    return round;
  }

  async function runFresh(job: Job): Promise<number> {
    await running.get(job.name);
    return runOne(job);
  }

  function schedule(job: Job): void {
    if (stopped) return;
    timers.set(
      job.name,
      setTimeout(() => {
        void runOne(job).finally(() => schedule(job));
      }, job.intervalMs),
    );
  }

  return {
    start(): void {
      if (!stopped) return;
      stopped = false;
      for (const job of jobs) schedule(job);
    },

    /** Runs every job once, after any round in progress; for tests and tools. */
    async runAll(): Promise<Record<string, number>> {
      const out: Record<string, number> = {};
      for (const job of jobs) out[job.name] = await runFresh(job);
      return out;
    },

    /** Runs one job once, after any round of it in progress. */
    async run(name: string): Promise<number> {
      const job = jobs.find((j) => j.name === name);
      if (!job) throw new Error(`no job named ${name}`);
      return runFresh(job);
    },

    /** Stops scheduling and waits for the rounds in progress. */
    async stop(): Promise<void> {
      stopped = true;
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
      await Promise.all(running.values());
    },
  };
}

export type JobRunner = ReturnType<typeof createJobRunner>;
