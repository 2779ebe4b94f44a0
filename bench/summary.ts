import { writeFileSync } from 'node:fs';

/**
 * A benchmark's headline figures as JSON, written to BENCH_SUMMARY_FILE when it is set: how
 * `npm run bench:quick` (bench/quick.ts) collects the ratios of several benchmarks in one run.
 */
export function writeSummary(summary: Record<string, unknown>): void {
  const file = process.env.BENCH_SUMMARY_FILE;
  if (file) writeFileSync(file, JSON.stringify(summary, null, 2));
}
