/** What a scenario found: the problems that fail it, and the lines it prints. */

export class Findings {
  private readonly problems: string[] = [];
  private readonly started = performance.now();

  constructor(readonly scenario: string) {}

  /** Records a problem unless `ok`. */
  check(ok: boolean, problem: string | (() => string)): void {
    if (!ok) this.problems.push(typeof problem === 'string' ? problem : problem());
  }

  problem(text: string): void {
    this.problems.push(text);
  }

  /** Prints lines under the scenario's name. */
  print(...lines: string[]): void {
    process.stdout.write(`${lines.map((l) => `[${this.scenario}] ${l}`).join('\n')}\n`);
  }

  /** Prints the duration and throws with every problem found, if any. */
  conclude(): void {
    const seconds = (performance.now() - this.started) / 1000;
    this.print(`duration ${seconds.toFixed(1)} s; ${this.problems.length ? `${this.problems.length} problem(s)` : 'no problems'}`);
    if (this.problems.length) {
      throw new Error(`${this.scenario}: ${this.problems.length} problem(s):\n${this.problems.map((p) => `  - ${p}`).join('\n')}`);
    }
  }
}

export function percentile(values: number[], p: number): number {
  if (!values.length) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** "p50 12 ms, p95 40 ms, max 95 ms (n=300)" */
export function latencySummary(values: number[]): string {
  if (!values.length) return 'no samples';
  const ms = (v: number) => `${v.toFixed(0)} ms`;
  return `p50 ${ms(percentile(values, 50))}, p95 ${ms(percentile(values, 95))}, max ${ms(Math.max(...values))} (n=${values.length})`;
}

/** A small aligned table. */
export function table(head: string[], rows: (string | number)[][]): string[] {
  const cells = [head, ...rows.map((r) => r.map(String))];
  const widths = head.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  return cells.map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd());
}

/** Seconds with one decimal, or "never" for undefined. */
export const seconds = (ms: number | undefined) => (ms === undefined ? 'never' : `${(ms / 1000).toFixed(1)} s`);
