import { randomBytes } from 'node:crypto';

/** The PostgreSQL and Redis the notification benchmarks use (BENCH_DATABASE_URL, BENCH_REDIS_URL). */
export const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const redisUrl = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Fresh credentials for one benchmark run: the API key, JWT secret, encryption key and webhook secret. */
export function benchSecrets() {
  return {
    apiKey: randomBytes(24).toString('base64url'),
    jwtSecret: randomBytes(32).toString('base64url'),
    encryptionKey: `bench:${randomBytes(32).toString('base64')}`,
    webhook: `whsec_${randomBytes(32).toString('base64')}`,
  };
}

/** Worker settings passed on from this environment to Parley's processes, for experiments. */
export const workerEnv: Record<string, string> = Object.fromEntries(
  Object.entries(process.env).filter((e): e is [string, string] => /^PARLEY_(WORKER_BATCH|WORKER_IN_FLIGHT|POLL_MS|LEASE_SECONDS)$/.test(e[0]) && e[1] !== undefined),
);
