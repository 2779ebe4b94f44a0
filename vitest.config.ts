import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // The fault suite stops and restarts services: it runs on its own (npm run test:fault).
    exclude: [...configDefaults.exclude, 'test/fault/**'],
    globalSetup: ['test/support/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // A condition polled for (a view catching up, a delivery arriving) may take more than a second
    // on a busy machine: expect.poll waits up to 10 s unless a test says otherwise.
    expect: { poll: { timeout: 10_000 } },
    teardownTimeout: 10_000,
  },
});
