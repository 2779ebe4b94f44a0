/**
 * Loaded into each measured server (node --expose-gc --import ./bench/probe.ts ...), driven by
 * lines on its stdin, answering one line on stdout each:
 *   gc      → a full garbage collection, then process.memoryUsage(): `bench-probe gc {"rss":..,"heapUsed":..,..}`
 *   start   → starts measuring the event loop and garbage collections: `bench-probe start {}`
 *   report  → what was measured since start: `bench-probe report {"p99":..,"max":..,"utilisation":..,
 *             "gcCount":..,"gcTotal":..,"gcMax":..}`
 * Milliseconds. p99 and max: how late the event loop ran; utilisation: the share of the time it
 * was busy; gcCount, gcTotal, gcMax: collections, their pauses summed, the longest.
 */
import { monitorEventLoopDelay, performance, PerformanceObserver } from 'node:perf_hooks';
import { createInterface } from 'node:readline';

const resolutionMs = 5;
// The histogram holds the time between samples; lateness is that, less the interval.
const delay = monitorEventLoopDelay({ resolution: resolutionMs });
let since = performance.eventLoopUtilization();
let measuring = false;
const gc = { count: 0, total: 0, max: 0 };

new PerformanceObserver((list) => {
  if (!measuring) return;
  for (const entry of list.getEntries()) {
    gc.count++;
    gc.total += entry.duration;
    gc.max = Math.max(gc.max, entry.duration);
  }
}).observe({ entryTypes: ['gc'] });

const late = (ns: number) => Math.max(0, Math.round(ns / 1e4) / 100 - resolutionMs);
const answer = (command: string, body: object) => process.stdout.write(`bench-probe ${command} ${JSON.stringify(body)}\n`);

const commands: Record<string, () => object> = {
  gc() {
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    gc?.(); // a second pass frees what the first one's finalisers released
    return process.memoryUsage();
  },
  start() {
    delay.reset();
    delay.enable();
    since = performance.eventLoopUtilization();
    Object.assign(gc, { count: 0, total: 0, max: 0 });
    measuring = true;
    return {};
  },
  report() {
    measuring = false;
    delay.disable();
    return {
      p99: late(delay.percentile(99)),
      max: late(delay.max),
      utilisation: Math.round(performance.eventLoopUtilization(since).utilization * 100) / 100,
      gcCount: gc.count,
      gcTotal: Math.round(gc.total),
      gcMax: Math.round(gc.max * 10) / 10,
    };
  },
};

createInterface({ input: process.stdin }).on('line', (line) => {
  const command = commands[line.trim()];
  if (command) answer(line.trim(), command());
});
// Listening must not keep a server alive that is otherwise done.
process.stdin.unref();
