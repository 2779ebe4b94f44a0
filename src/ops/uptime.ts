import type { Logger } from 'pino';
import type { Db } from '../db/connect.ts';
import { readUptime } from './sql/readUptime.ts';
import { recordHeartbeat } from './sql/recordHeartbeat.ts';

/** A process writes its heartbeat this often: every minute it is up gets one. */
const HEARTBEAT_MS = 20_000;

/**
 * Uptime, owner of service_heartbeats: every process marks each minute it is up and can write
 * to its database, and the uptime KPI is the share of minutes so marked. A heartbeat that cannot
 * be written is simply missing (the database being away is downtime too).
 */
export function createUptime(db: Db, log: Logger) {
  let timer: ReturnType<typeof setInterval> | undefined;
  let failing = false;
  const beat = () =>
    recordHeartbeat(db).then(
      () => {
        if (failing) log.info('heartbeat written again');
        failing = false;
      },
      (error: unknown) => {
        if (!failing) log.warn({ err: error }, 'heartbeat not written: this minute counts as down unless another process writes it');
        failing = true;
      },
    );
  return {
    start(): void {
      if (timer) return;
      void beat();
      timer = setInterval(beat, HEARTBEAT_MS);
      timer.unref();
    },
    stop(): void {
      clearInterval(timer);
      timer = undefined;
    },
    /** Minutes up of those measured in [from, to), as of `now`. */
    read: (from: Date, to: Date, now: Date) => readUptime(db, from, to, now),
  };
}

export type Uptime = ReturnType<typeof createUptime>;
