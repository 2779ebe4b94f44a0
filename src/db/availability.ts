import type { Logger } from 'pino';
import { ParleyError } from '../errors.ts';

/** Seconds a client is told to wait (Retry-After) while the database cannot be reached. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/** Node's codes for a connection that cannot be made or was cut. */
const networkCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ENOTFOUND', 'ECONNABORTED']);
/** SQLSTATEs of a server going away or refusing connections (class 08, shutdown, starting up, full). */
const unavailableStates = new Set(['57P01', '57P02', '57P03', '53300']);
/** node-postgres says these in words only. */
const unavailableMessages = /Connection terminated|timeout exceeded when trying to connect|is not queryable|Client was closed|Connection refused|server closed the connection unexpectedly/i;

/**
 * Whether an error means "the database cannot be reached right now" (the request may succeed
 * when it is back) rather than "this request is wrong" or a fault of Parley's.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 3) return false;
  const e = error as { code?: unknown; message?: unknown; errors?: unknown; cause?: unknown };
  if (typeof e.code === 'string' && (networkCodes.has(e.code) || unavailableStates.has(e.code) || e.code.startsWith('08'))) return true;
  if (typeof e.message === 'string' && unavailableMessages.test(e.message)) return true;
  if (Array.isArray(e.errors) && e.errors.some((inner) => isDatabaseUnavailable(inner, depth + 1))) return true;
  return e.cause !== undefined && isDatabaseUnavailable(e.cause, depth + 1);
}

/** The answer to a request that needed the database while it was away: 503 with Retry-After. */
export function databaseUnavailable(): ParleyError {
  return new ParleyError('unavailable', 'database_unavailable', `The database cannot be reached right now; nothing was changed. Try again in ${DATABASE_RETRY_AFTER_SECONDS} s.`, {
    retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS,
  });
}

/**
 * Whether the database was reachable at the last use, told once per outage in the log: the
 * first failure logs a warning, the first success after it says how long it lasted.
 */
export interface DatabaseHealth {
  readonly available: boolean;
  /** Epoch ms when the current outage began; undefined while reachable. */
  readonly downSince: number | undefined;
  failed(error: unknown): void;
  succeeded(): void;
}

export function createDatabaseHealth(log: Logger | undefined): DatabaseHealth {
  let downSince: number | undefined;
  return {
    get available() {
      return downSince === undefined;
    },
    get downSince() {
      return downSince;
    },
    failed(error) {
      if (downSince !== undefined || !isDatabaseUnavailable(error)) return;
      downSince = Date.now();
      log?.warn({ err: (error as Error).message }, 'database unreachable: requests that need it answer 503 until it is back');
    },
    succeeded() {
      if (downSince === undefined) return;
      log?.info({ outageSeconds: (Date.now() - downSince) / 1000 }, 'database reachable again');
      downSince = undefined;
    },
  };
}
