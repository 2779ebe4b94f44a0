import { defineConfig } from 'vitest/config';

/**
 * The fault suite (npm run test:fault): real Parley processes on PostgreSQL and Redis instances
 * of its own, which it stops and restarts. One file at a time, in one fork: the scenarios load
 * the machine and must not share it with each other.
 */
export default defineConfig({
  test: {
    include: ['test/fault/**/*.test.ts'],
    globalSetup: ['test/fault/support/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 240_000,
    hookTimeout: 120_000,
    teardownTimeout: 60_000,
  },
});
