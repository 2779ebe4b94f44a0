import { sql } from 'kysely';
import type { Logger } from 'pino';
import type { Db } from './db/connect.ts';
import { type Env, int } from './env.ts';

/**
 * Start-up and shutdown: the settings that decide how long each may take, the exit codes a
 * failed start ends with (from sysexits.h, so a supervisor can tell them apart), and the
 * failures told as sentences naming the setting to change.
 */
export const EXIT = {
  /** Bad configuration: a variable has a value Parley cannot use. */
  config: 78,
  /** A resource Parley needs is taken: the port is in use. */
  unavailable: 69,
  /** The database did not answer within PARLEY_DATABASE_WAIT_SECONDS; trying again later may work. */
  tempfail: 75,
  /** Not allowed: a port below 1024 without the privilege to bind it. */
  noperm: 77,
  /** A drain that outlived PARLEY_SHUTDOWN_SECONDS. */
  software: 70,
} as const;

export interface StartupSettings {
  /** Seconds to keep trying an unreachable database at start-up before giving up. */
  databaseWaitSeconds: number;
  /** Seconds a drain may take after SIGTERM or SIGINT before the process exits anyway. */
  shutdownSeconds: number;
}

export function loadStartupSettings(env: Env): StartupSettings {
  return {
    databaseWaitSeconds: int(env, 'PARLEY_DATABASE_WAIT_SECONDS', 30, 0, 3600),
    shutdownSeconds: int(env, 'PARLEY_SHUTDOWN_SECONDS', 25, 1, 3600),
  };
}

/** A start that cannot go on: the sentence to print and the exit code to end with. */
export class StartupFailure extends Error {
  constructor(
    readonly exitCode: number,
    message: string,
  ) {
    super(message);
    this.name = 'StartupFailure';
  }
}

/** Errors that mean "nothing answered (yet)": worth waiting for, unlike a refused password. */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', '57P03']);

function errorCode(error: unknown): string | undefined {
  const e = error as { code?: unknown; errors?: unknown[]; message?: unknown };
  if (typeof e?.code === 'string') return e.code;
  // An AggregateError (every address of a host refused) carries the codes in its members.
  if (Array.isArray(e?.errors) && e.errors.length) return errorCode(e.errors[0]);
  if (typeof e?.message === 'string' && /timeout exceeded when trying to connect|Connection terminated/i.test(e.message)) return 'ETIMEDOUT';
  return undefined;
}

/** DATABASE_URL without its password, for messages. */
export function redactedUrl(raw: string): string {
  try {
    const u = new URL(raw);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'DATABASE_URL';
  }
}

/**
 * Waits for PostgreSQL to answer, retrying with a growing pause (0.25 s doubling to 5 s) for
 * up to `waitSeconds`; a server that answers but refuses (a wrong password, a missing
 * database) is not waited for. The embedded database is always there.
 */
export async function waitForDatabase(db: Db, options: { databaseUrl?: string; waitSeconds: number; log: Logger; sleep?: (ms: number) => Promise<void> }): Promise<void> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const deadline = Date.now() + options.waitSeconds * 1000;
  const where = options.databaseUrl ? redactedUrl(options.databaseUrl) : 'the embedded database';
  let pause = 250;
  let attempts = 0;
  for (;;) {
    attempts++;
    try {
      await sql`SELECT 1`.execute(db);
      if (attempts > 1) options.log.info({ attempts }, `database at ${where} answered`);
      return;
    } catch (error) {
      const code = errorCode(error);
      const reason = code ?? (error instanceof Error ? error.message : String(error));
      if (!code || !UNREACHABLE.has(code)) {
        throw new StartupFailure(EXIT.config, `DATABASE_URL: the database at ${where} refused the connection: ${reason}. Check the user, password and database name.`);
      }
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new StartupFailure(
          EXIT.tempfail,
          `DATABASE_URL: cannot reach the database at ${where} (${reason}); gave up after ${options.waitSeconds} s and ${attempts} attempts (PARLEY_DATABASE_WAIT_SECONDS). Check that PostgreSQL is running and reachable from here.`,
        );
      }
      const wait = Math.min(pause, left);
      options.log.warn({ code: reason, attempt: attempts, retryInMs: wait }, `database at ${where} not reachable yet (${reason}); trying again`);
      await sleep(wait);
      pause = Math.min(pause * 2, 5_000);
    }
  }
}

/** A failed `listen` told as a sentence naming PORT or HOST; anything else is returned as it is. */
export function listenFailure(error: unknown, port: number, host: string): StartupFailure | undefined {
  const code = (error as { code?: string })?.code;
  if (code === 'EADDRINUSE') {
    return new StartupFailure(EXIT.unavailable, `PORT: port ${port} is already in use on ${host}; stop what listens there or set PORT to a free port.`);
  }
  if (code === 'EACCES') {
    return new StartupFailure(EXIT.noperm, `PORT: not allowed to listen on port ${port}; ports below 1024 need privileges, so set PORT to 1024 or above.`);
  }
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') {
    return new StartupFailure(EXIT.config, `HOST: ${host} is not an address of this machine; set HOST to one of its addresses, 0.0.0.0 for all, or 127.0.0.1 for this machine only.`);
  }
  return undefined;
}
