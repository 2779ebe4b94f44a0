/** The campaign benchmark's tables (bench/campaigns.ts), for the terminal and docs/BENCHMARKS.md. */
import type { WindowLatency } from './campaign-latency.ts';
import { type Machine, writeMarkedSection } from './report.ts';
import { ms } from './stats.ts';

/** CPU over a stretch of the run: seconds of it, and CPU seconds used by Parley, PostgreSQL's backends (PostgreSQL only) and the whole machine. */
export interface Cpu {
  seconds: number;
  parley: number;
  postgres?: number;
  machine: number;
}

export interface CampaignFigures {
  settings: { recipients: number; pace: number; paceMinutes: number; latencyRate: number; latencyUsers: number; idleSeconds: number; importConcurrency: number; layout: string; caps: string };
  storage: string;
  imported: { seconds: number; rate: number; customers: number; optedIn: number };
  expansion: {
    recipients: number;
    /** POST /campaigns answered (the quota reserved, the campaign written). */
    createSeconds: number;
    /** From the 201 to the counter of accepted emails reaching every recipient. */
    seconds: number;
    /** From the campaign's created_at to its last notification row's (PostgreSQL). */
    storedSeconds?: number;
    stored?: number;
    /** Emails sent while the expansion ran (the worker sends what is accepted meanwhile). */
    sentDuring: number;
    /** The sending watched after the expansion: how long, how many sent, whether that was all, what the cancel withdrew. */
    sendSeconds: number;
    sentAfter: number;
    sentAll: boolean;
    /** Accepted but not sent when the run ended. */
    left: number;
    cpuExpansion: Cpu;
    cpuSending: Cpu;
    results: { channel: string; recipients: number; sent: number; failed: number; skipped: number; pending: number }[];
  };
  idleCpu: Cpu;
  pace: { asked: number; minutes: number[]; scheduled?: { minute: number; n: number }[]; withdrawn: number };
  latency: WindowLatency[];
}

const n = (x: number) => Math.round(x).toLocaleString('en');
const cores = (c: number, s: number) => (c / s).toFixed(2);
const perRecipient = (cpuSeconds: number | undefined, recipients: number) => (cpuSeconds === undefined || recipients === 0 ? '–' : `${((cpuSeconds / recipients) * 1e6).toFixed(0)} µs`);

export function expansionTable(f: CampaignFigures): string {
  const e = f.expansion;
  const row = (name: string, seconds: number, count: number, cpu: Cpu) =>
    `| ${name} | ${seconds.toFixed(1)} s | ${n(count)} | ${n(count / seconds)}/s | ${perRecipient(cpu.parley, count)} | ${perRecipient(cpu.postgres, count)} | ${cores(cpu.parley, cpu.seconds)} | ${cpu.postgres === undefined ? '–' : cores(cpu.postgres, cpu.seconds)} | ${cores(cpu.machine, cpu.seconds)} |`;
  return [
    '| Stretch | Time | Count | Rate | Parley CPU per unit | PostgreSQL CPU per unit | Parley cores | PostgreSQL cores | Machine busy (cores) |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    row('Expansion: 201 of POST /campaigns → every recipient accepted as a notification (unit: recipient)', e.seconds, e.recipients, e.cpuExpansion),
    row(`Sending after the expansion${e.sentAll ? ', until every email was sent' : `, ${e.sendSeconds.toFixed(0)} s`} (unit: email sent)`, e.sendSeconds, e.sentAfter, e.cpuSending),
    `| Idle: the transactional probe alone, ${f.idleCpu.seconds.toFixed(0)} s | – | – | – | – | – | ${cores(f.idleCpu.parley, f.idleCpu.seconds)} | ${f.idleCpu.postgres === undefined ? '–' : cores(f.idleCpu.postgres, f.idleCpu.seconds)} | ${cores(f.idleCpu.machine, f.idleCpu.seconds)} |`,
  ].join('\n');
}

const sendingNote = (f: CampaignFigures) => {
  const e = f.expansion;
  return `While the expansion ran, the same worker sent ${n(e.sentDuring)} of the emails it had accepted; ${n(e.sentAfter)} more went out in the ${e.sendSeconds.toFixed(0)} s watched after it${e.sentAll ? ', every one' : `; ${n(e.left)} were still queued when the run ended`}.`;
};

export function paceTable(f: CampaignFigures): string {
  const p = f.pace;
  const rows = p.minutes.map((sent, m) => {
    const scheduled = p.scheduled?.find((s) => s.minute === m)?.n;
    return `| ${m + 1} | ${n(p.asked)} | ${n(sent)} | ${((sent / p.asked) * 100).toFixed(1)} % | ${scheduled === undefined ? '–' : n(scheduled)} |`;
  });
  return [
    '| Minute after POST /campaigns | Pace asked | Emails sent (Parley\'s counter) | Sent / asked | Send slots the expansion gave in that minute (`campaign_recipients.send_at`) |',
    '|---:|---:|---:|---:|---:|',
    ...rows,
  ].join('\n');
}

export function latencyWindowTable(f: CampaignFigures): string {
  const idle = f.latency[0]!.latency.p95;
  const rows = f.latency.map((w, i) => {
    const ratio = w.latency.p95 / idle;
    const verdict = i === 0 ? '–' : `${ratio.toFixed(2)}× ${ratio <= 2 ? '(met)' : '(MISSED)'}`;
    return `| ${w.name} | ${w.seconds.toFixed(0)} s | ${n(w.sent)} | ${n(w.received)} | ${w.missing} | ${w.errors} | ${ms(w.latency.p50)} | ${ms(w.latency.p95)} | ${ms(w.latency.p99)} | ${ms(w.latency.max)} | ${verdict} |`;
  });
  return [
    '| While | Time | Sent | Received | Missing | Errors | p50 | p95 | p99 | max | p95 against idle (target ≤ 2×) |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
    ...rows,
  ].join('\n');
}

export function campaignSummary(f: CampaignFigures): string {
  const e = f.expansion;
  return [
    `Import: ${n(f.imported.customers)} customers (${n(f.imported.optedIn)} opted in to email) in ${f.imported.seconds.toFixed(0)} s, ${n(f.imported.rate)} customers/s`,
    `POST /campaigns answered in ${(e.createSeconds * 1000).toFixed(0)} ms; ${n(e.recipients)} accepted${e.stored !== undefined ? ` (${n(e.stored)} notification rows, the last ${e.storedSeconds!.toFixed(1)} s after the campaign's row)` : ''}`,
    expansionTable(f),
    sendingNote(f),
    paceTable(f),
    `Cancelled after ${f.pace.minutes.length} minute(s) of sends: ${n(f.pace.withdrawn)} notifications withdrawn before they went out.`,
    latencyWindowTable(f),
  ].join('\n\n');
}

export function campaignSection(f: CampaignFigures, machine: Machine, command: string, date: string): string {
  return [
    `Measured ${date} with \`${command}\`.`,
    '',
    `Machine: ${machine.cores} cores (${machine.cpu}), ${machine.memoryGiB} GiB memory, ${machine.kernel}, Node ${machine.node}, PostgreSQL ${machine.postgres}${machine.postgresSettings ? ` (${machine.postgresSettings})` : ''}. Load average at start: ${machine.loadAverage}. ` +
      `Parley (${f.settings.layout}) on ${f.storage}, PostgreSQL and the benchmark share the machine with other work (the "machine busy" column counts it too); the ratios below come from one run, so they compare like with like.`,
    '',
    `Audience: ${n(f.imported.customers)} customers of one vendor, each with an email address and the vendor's email consent, imported through \`POST /vendors/{vendorId}/customers/import\` in ${n(Math.ceil(f.settings.recipients / 1000))} calls of 1,000 (${f.settings.importConcurrency} at a time): ${f.imported.seconds.toFixed(0)} s, ${n(f.imported.rate)} customers a second. Transactional probe: ${f.settings.latencyUsers} sockets, ${f.settings.latencyRate} in-app notifications a second for the whole run. Frequency caps: ${f.settings.caps}.`,
    '',
    `#### Expansion (no pace: as fast as the worker expands, within PARLEY_CAMPAIGN_EXPANSION_SHARE)`,
    '',
    `\`POST /campaigns\` answered in ${(f.expansion.createSeconds * 1000).toFixed(0)} ms (segment counted, quota reserved, campaign written).${f.expansion.stored !== undefined ? ` In the database: ${n(f.expansion.stored)} notification rows, the last written ${f.expansion.storedSeconds!.toFixed(1)} s after the campaign's row.` : ''}`,
    '',
    expansionTable(f),
    '',
    sendingNote(f),
    '',
    `#### Pace held (${n(f.pace.asked)} a minute, cancelled after ${f.pace.minutes.length} minutes)`,
    '',
    paceTable(f),
    '',
    `The cancel withdrew ${n(f.pace.withdrawn)} notifications that had not gone out.`,
    '',
    '#### Transactional notifications during the campaigns: trigger → in-app on the socket',
    '',
    latencyWindowTable(f),
  ].join('\n');
}

const markers = { begin: '<!-- bench-campaigns:begin (written by bench/campaigns.ts; edit outside these markers) -->', end: '<!-- bench-campaigns:end -->' };

export function writeCampaignSection(path: string, text: string): void {
  writeMarkedSection(path, text, markers, 'Campaigns');
}
