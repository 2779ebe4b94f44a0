/**
 * `npm run bench:quick`: short runs of the peer, sustained-search, trigger-latency and chat
 * benchmarks (and, asked for, the memory one), one after the other on this machine, and the ratios the throughput targets
 * are stated in (see "Quick mode" in docs/BENCHMARKS.md). About three minutes; it writes nothing
 * to docs/BENCHMARKS.md: it is for checking a change against the targets, same machine, same run.
 *
 *   npm run bench:quick -- [--only peers,search,latency,chat] (add rss for the embedded default's memory)
 *
 * Each benchmark runs as its own process with --no-write and BENCH_SUMMARY_FILE (bench/summary.ts)
 * set, so this reads its headline figures as JSON. Exit 0 when every part ran (targets missed
 * are reported, not failures); 1 when a part failed.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

// The memory part (about 45 s) is not in the default set, which stays within about three minutes.
const { values: args } = parseArgs({ options: { only: { type: 'string', default: 'peers,search,latency,chat' } } });
const parts = new Set(args.only!.split(','));
for (const p of parts) if (!['peers', 'search', 'latency', 'chat', 'rss'].includes(p)) throw new Error(`--only: unknown part "${p}"`);

const runs: Record<string, { script: string; args: string[] }> = {
  peers: { script: 'bench/peers.ts', args: ['--count', '10000', '--profile-count', '0', '--in-app', '10000'] },
  search: { script: 'bench/notify-search.ts', args: ['--quick'] },
  latency: { script: 'bench/notifications.ts', args: ['--only', 'latency', '--layout', 'split', '--latency-rate', '1000', '--latency-duration', '8'] },
  chat: { script: 'bench/run.ts', args: ['--only', 'relay,postgres', '--warmup', '2', '--duration', '8', '--drain', '3'] },
  // One start on a fresh data directory, 10 s idle; the build is reused when there is one (npm run build).
  rss: { script: 'bench/rss.ts', args: ['--idle', '10', '--no-restart', ...(existsSync('dist/server/main.js') ? ['--no-build'] : [])] },
};

const dir = mkdtempSync(join(tmpdir(), 'parley-bench-quick-'));
const log = (line: string) => process.stderr.write(`[quick ${new Date().toISOString().slice(11, 19)}] ${line}\n`);

/** Runs one benchmark; resolves to its summary, or to the reason it has none. */
function run(part: string): Promise<{ summary?: any; failure?: string; seconds: number }> {
  const { script, args: extra } = runs[part]!;
  const file = join(dir, `${part}.json`);
  const started = performance.now();
  log(`${part}: tsx ${script} ${[...extra, '--no-write'].join(' ')}`);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...extra, '--no-write'], {
      env: { ...process.env, BENCH_SUMMARY_FILE: file },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let tail = '';
    child.stderr!.on('data', (chunk: Buffer) => (tail = (tail + chunk.toString()).slice(-2000)));
    child.on('exit', (code) => {
      const seconds = (performance.now() - started) / 1000;
      let summary: unknown;
      try {
        summary = JSON.parse(readFileSync(file, 'utf8'));
      } catch {
        summary = undefined;
      }
      if (code === 0 && summary) resolve({ summary, seconds });
      else resolve({ summary, seconds, failure: `exit ${code}: ${tail.trim().split('\n').slice(-3).join(' | ')}` });
    });
  });
}

interface Row {
  target: string;
  measured: string;
  met: boolean | undefined;
}

const f = (n: number, digits = 0) => n.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const ratio = (n: number) => `${f(n, 2)}×`;

function peersRows(s: any): Row[] {
  const by = (key: string) => s.systems.find((x: { key: string }) => x.key === key);
  const parley = by('parley');
  const peers = s.systems.filter((x: { key: string }) => x.key !== 'parley');
  const best = peers.reduce((a: any, b: any) => (!a || b.drainRate > a.drainRate ? b : a), undefined);
  const bull = by('bullmq');
  const rows: Row[] = [];
  if (parley && best) rows.push({ target: 'Drain ≥ 1.5× the best peer', measured: `${ratio(parley.drainRate / best.drainRate)} (${f(parley.drainRate)}/s against ${best.key} ${f(best.drainRate)}/s)`, met: parley.drainRate >= 1.5 * best.drainRate });
  if (parley && bull) rows.push({ target: 'Enqueue over HTTP ≥ 1.0× BullMQ addBulk', measured: `${ratio(parley.enqueueRate / bull.enqueueRate)} (${f(parley.enqueueRate)}/s against ${f(bull.enqueueRate)}/s)`, met: parley.enqueueRate >= bull.enqueueRate });
  if (parley && best) rows.push({ target: 'CPU per delivery against the best peer (no target)', measured: `${ratio(parley.cpuUsPerNotification / best.cpuUsPerNotification)} (${f(parley.cpuUsPerNotification)} µs against ${f(best.cpuUsPerNotification)} µs)`, met: undefined });
  if (s.inApp) rows.push({ target: 'In-app ≥ 20,000/s', measured: `${f(s.inApp.ratePerSecond)}/s (${f(s.inApp.count)} notifications, end to end)`, met: s.inApp.ratePerSecond >= 20_000 });
  return rows;
}

function searchRows(s: any): Row[] {
  const mixed = s.searches.find((x: { mix: string }) => x.mix === 'in-app + webhook');
  const inApp = s.searches.find((x: { mix: string }) => x.mix === 'in-app only');
  const rows: Row[] = [];
  if (mixed) rows.push({ target: 'In-app + webhook bounded ≥ 75 % of the drain alone', measured: `${f((100 * mixed.bounded) / s.drainAlone)} % (${f(mixed.bounded)}/s against ${f(s.drainAlone)}/s)`, met: mixed.bounded >= 0.75 * s.drainAlone });
  if (inApp) rows.push({ target: 'In-app only bounded ≥ 50 % of the raw insert ceiling', measured: `${f((100 * inApp.bounded) / s.rawCeiling)} % (${f(inApp.bounded)}/s against ${f(s.rawCeiling)}/s)`, met: inApp.bounded >= 0.5 * s.rawCeiling });
  return rows;
}

function latencyRows(s: any): Row[] {
  return s.latency.map((p: any) => ({ target: `Trigger → in-app p95 ≤ 20 ms at ${f(p.rate)}/s`, measured: `${f(p.p95Ms, 1)} ms (${f(p.achievedRate)}/s achieved, ${p.missing} missing)`, met: p.p95Ms <= 20 && p.missing === 0 }));
}

function chatRows(s: any): Row[] {
  const relay = s.setups.find((x: { relay: boolean }) => x.relay);
  const parley = s.setups.find((x: { relay: boolean }) => !x.relay);
  if (!relay || !parley) return [];
  return [
    { target: 'Chat CPU per message ≤ 3× the relay', measured: `${ratio(parley.cpuUsPerMessage / relay.cpuUsPerMessage)} (${f(parley.cpuUsPerMessage)} µs against ${f(relay.cpuUsPerMessage)} µs)`, met: parley.cpuUsPerMessage <= 3 * relay.cpuUsPerMessage },
    { target: 'Chat p95 ≤ 10× the relay', measured: `${ratio(parley.p95Ms / relay.p95Ms)} (${f(parley.p95Ms, 1)} ms against ${f(relay.p95Ms, 1)} ms)`, met: parley.p95Ms <= 10 * relay.p95Ms },
  ];
}

function rssRows(s: any): Row[] {
  return [{ target: 'Embedded default idle RSS ≤ 200 MB', measured: `${f(s.fresh.idleRssMb)} MB idle after a first start (server peak ${f(s.fresh.peakRssMb)} MB)`, met: s.fresh.idleRssMb <= 200 }];
}

async function main(): Promise<void> {
  const started = performance.now();
  const rows: Row[] = [];
  const failures: string[] = [];
  const readers: Record<string, (s: any) => Row[]> = { peers: peersRows, search: searchRows, latency: latencyRows, chat: chatRows, rss: rssRows };
  for (const part of ['peers', 'search', 'latency', 'chat', 'rss']) {
    if (!parts.has(part)) continue;
    const result = await run(part);
    log(`${part}: ${result.failure ? `failed (${result.failure})` : 'done'} in ${f(result.seconds)} s`);
    if (result.summary) rows.push(...readers[part]!(result.summary));
    if (result.failure) failures.push(`${part}: ${result.failure}`);
  }
  rmSync(dir, { recursive: true, force: true });
  const lines = ['| Target | Measured (same run) | Met |', '|---|---|---|', ...rows.map((r) => `| ${r.target} | ${r.measured} | ${r.met === undefined ? '–' : r.met ? 'yes' : 'no'} |`)];
  console.log(`\n${lines.join('\n')}\n\nQuick mode took ${f((performance.now() - started) / 1000)} s on a ${(await import('node:os')).availableParallelism()}-core machine (load average ${(await import('node:os')).loadavg().map((l) => l.toFixed(2)).join(' ')} at the end).`);
  if (failures.length) {
    console.log(`\nFailed: ${failures.join('; ')}`);
    process.exit(1);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${(error as Error).stack ?? error}\n`);
  process.exit(1);
});
