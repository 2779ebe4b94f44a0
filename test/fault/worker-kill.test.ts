/**
 * Workers killed mid-flight: 10,000 webhook notifications through one API process and two worker
 * processes, one worker SIGKILLed every 3 s and started again. Every acknowledged notification
 * must reach the endpoint; a delivery may reach it twice only across a kill, with the same
 * webhook-id, and no kill may cost more repeats than the documented worst case.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, it } from 'vitest';
import { type Answer, call, statusCounts } from './support/http.ts';
import { WORST_CASE_DUPLICATES_PER_KILL } from './support/limits.ts';
import { query, webhookNotification } from './support/load.ts';
import { Findings, seconds, table } from './support/report.ts';
import { type Services, startServices } from './support/services.ts';

const NOTIFICATIONS = 10_000;
const BATCH = 100;
const LOAD_SECONDS = 12;
const KILL_EVERY_MS = 3_000;
/** A killed worker's claims are taken again after its lease: short, so the scenario stays short. */
const LEASE_SECONDS = 15;
const MAX_KILLS = 4;
/** Kills stop after this even if fewer happened (workers slow to start again on a busy machine). */
const KILL_PHASE_LIMIT_MS = 120_000;
/** A request the killed worker had sent may be read by the endpoint a moment after the kill. */
const KILL_SLACK_MS = 1_000;

/** The deliveries the 202s named. */
async function acknowledgedIds(batches: Promise<Answer>[]): Promise<string[]> {
  const ids: string[] = [];
  for (const a of await Promise.all(batches)) {
    if (a.status !== 202) continue;
    for (const r of a.body.results) if (r.status === 'accepted') for (const d of r.deliveries) ids.push(d.logId);
  }
  return ids;
}

let services: Services;
beforeAll(async () => {
  services = await startServices();
});
afterAll(async () => {
  await services?.close();
});

it('delivers every acknowledged notification while workers are SIGKILLed every 3 s', async () => {
  const f = new Findings('worker SIGKILL');
  const { deployment, databaseUrl } = await services.deployment({ PARLEY_LEASE_SECONDS: String(LEASE_SECONDS) });
  const api = await deployment.start({ name: 'api', roles: 'api' });
  const workers = await Promise.all([deployment.start({ name: 'worker-1', roles: 'worker' }), deployment.start({ name: 'worker-2', roles: 'worker' })]);
  const sink = services.sink;
  sink.reset();

  // The load: batches of 100 on a fixed schedule, spread over LOAD_SECONDS.
  const started = Date.now();
  const batches: Promise<Answer>[] = [];
  const load = (async () => {
    for (let b = 0; b < NOTIFICATIONS / BATCH; b++) {
      await sleep(Math.max(0, started + (b * LOAD_SECONDS * 1000 * BATCH) / NOTIFICATIONS - Date.now()));
      const notifications = Array.from({ length: BATCH }, (_, i) => webhookNotification(b * BATCH + i));
      batches.push(call(api.url, 'POST', '/notifications/batch', { body: { notifications } }));
    }
  })();

  // The kills: every 3 s (or as soon as a worker is up again), while notifications are still
  // arriving or undelivered, a worker that is up (the one not killed last, when both are) is
  // SIGKILLed and started again at once.
  const kills: { at: number; worker: string; restartMs?: number }[] = [];
  const restarts: Promise<void>[] = [];
  let loading = true;
  let loadEnded = 0;
  void load.then(() => Promise.all(batches)).finally(() => ((loading = false), (loadEnded = Date.now())));
  const acknowledged = new Set<string>();
  const undelivered = () => loading || acknowledged.size === 0 || [...acknowledged].some((id) => !sink.receipts.get(id)?.delivered.length);
  for (let tick = 1; kills.length < MAX_KILLS && tick * KILL_EVERY_MS < KILL_PHASE_LIMIT_MS; tick++) {
    await sleep(Math.max(0, started + tick * KILL_EVERY_MS - Date.now()));
    if (!loading && !acknowledged.size) for (const id of await acknowledgedIds(batches)) acknowledged.add(id);
    if (!undelivered()) break;
    let up = workers.filter((w) => w.ready());
    // Both still starting again (slow on a busy machine): the kill waits for the first one up
    // rather than letting the load pass by without one.
    while (!up.length && undelivered() && Date.now() - started < KILL_PHASE_LIMIT_MS) {
      await sleep(100);
      up = workers.filter((w) => w.ready());
    }
    const worker = up.find((w) => w.name !== kills[kills.length - 1]?.worker) ?? up[0];
    if (!worker) continue;
    const kill: (typeof kills)[number] = { at: Date.now(), worker: worker.name };
    await worker.kill('SIGKILL');
    kills.push(kill);
    restarts.push(
      worker.restart().then(
        () => void (kill.restartMs = Date.now() - kill.at),
        (error: Error) => f.problem(`${worker.name} did not start again after kill ${kills.indexOf(kill) + 1}: ${error.message}`),
      ),
    );
  }
  await load;
  const answers = await Promise.all(batches);
  for (const id of await acknowledgedIds(batches)) acknowledged.add(id);
  await Promise.all(restarts);
  // Drain: the killed workers' claims come back after their lease. A delivery the endpoint got
  // from a worker killed before it recorded the outcome is still queued until then, and is sent
  // again (a repeat across its kill): the drain also waits for every stored status to be final.
  const deadline = Date.now() + LEASE_SECONDS * 1000 + 45_000;
  const unsettled = async () => (await query<{ n: number }>(databaseUrl, "SELECT count(*)::int AS n FROM notification_logs WHERE status <> 'sent'"))[0]!.n > 0;
  while (Date.now() < deadline && ([...acknowledged].some((id) => !sink.receipts.get(id)?.delivered.length) || (await unsettled()))) await sleep(250);
  await sleep(1_000); // repeats still on their way

  const delivered = sink.deliveredIds();
  const lastDelivery = Math.max(...[...sink.receipts.values()].map((r) => r.delivered[0] ?? 0));
  const lost = [...acknowledged].filter((id) => !delivered.has(id));
  const unknown = [...delivered].filter((id) => !acknowledged.has(id));
  // Each repeat must straddle a kill (sent before it, again after it); it counts against the first kill after the first send.
  const perKill = kills.map(() => 0);
  let outsideWindow = 0;
  for (const [id, receipt] of sink.receipts) {
    const [first, ...again] = receipt.delivered;
    for (const t of again) {
      const k = kills.findIndex((kill) => kill.at + KILL_SLACK_MS >= first! && kill.at <= t);
      if (k < 0) {
        outsideWindow++;
        const before = kills.filter((kill) => kill.at < first!).pop();
        if (outsideWindow <= 3) {
          f.problem(
            `webhook-id ${id} was delivered again ${t - first!} ms after its first delivery with no worker killed in between` +
              `${before ? ` (the first came ${first! - before.at} ms after kill ${kills.indexOf(before) + 1})` : ''}: a duplicate outside the at-least-once window`,
          );
        }
      } else perKill[k]!++;
    }
  }
  if (outsideWindow > 3) f.problem(`${outsideWindow} repeated deliveries in all had no kill between them and their first delivery`);
  const expired = deployment.loggedProblems().filter((l) => l.includes('lease expired'));
  if (outsideWindow && expired.length) f.problem(`workers that were not killed outlived their leases (${LEASE_SECONDS} s): ${expired.join('; ')}`);
  const statuses = await query<{ status: string; n: number }>(databaseUrl, 'SELECT status, count(*)::int AS n FROM notification_logs GROUP BY 1 ORDER BY 1');

  f.print(
    `${NOTIFICATIONS.toLocaleString('en')} notifications in batches of ${BATCH} over ${LOAD_SECONDS} s; api + 2 workers; ${kills.length} kills; lease ${LEASE_SECONDS} s`,
    `batch answers: ${statusCounts(answers)}`,
    `acknowledged ${acknowledged.size}, delivered ${delivered.size}, duplicates ${sink.duplicates()}, lost ${lost.length}; endpoint calls ${sink.calls()}`,
    ...table(
      ['kill', 'worker', 'at', 'restarted in', 'repeats'],
      kills.map((k, i) => [i + 1, k.worker, `${((k.at - started) / 1000).toFixed(1)} s`, seconds(k.restartMs), perKill[i]!]),
    ),
    `duplicates per kill: max ${Math.max(0, ...perKill)}, worst case allowed ${WORST_CASE_DUPLICATES_PER_KILL} (PARLEY_WORKER_IN_FLIGHT)`,
    `logged: ${deployment.loggedProblems().join('; ') || 'nothing at warn or above'}`,
    `last first delivery ${seconds(lastDelivery - loadEnded)} after the last batch was answered, ${seconds(lastDelivery - (kills[kills.length - 1]?.at ?? loadEnded))} after the last kill; stored statuses: ${statuses.map((s) => `${s.status} ${s.n}`).join(', ')}`,
  );

  f.check(deployment.unexpectedExits.length === 0, () => `processes exited unasked: ${deployment.unexpectedExits.map((e) => `${e.node} (${e.code ?? e.signal})\n${e.output}`).join('\n')}`);
  f.check(answers.every((a) => a.status === 202), `batch answers other than 202 while only workers were killed: ${statusCounts(answers)}`);
  f.check(acknowledged.size === NOTIFICATIONS, `${acknowledged.size} of ${NOTIFICATIONS} notifications acknowledged`);
  f.check(lost.length === 0, () => `${lost.length} acknowledged deliveries never reached the endpoint (e.g. ${lost.slice(0, 3).join(', ')})`);
  f.check(unknown.length === 0, `${unknown.length} webhook-ids reached the endpoint that no acknowledgement named`);
  f.check(sink.requestsUnderSeveralIds().length === 0, () => `notifications delivered under more than one webhook-id: ${sink.requestsUnderSeveralIds().slice(0, 3).join(', ')}`);
  f.check(sink.rejected.length === 0, () => `the endpoint rejected requests: ${sink.rejected.join('; ')}`);
  perKill.forEach((n, i) => f.check(n <= WORST_CASE_DUPLICATES_PER_KILL, `kill ${i + 1} cost ${n} repeated deliveries, more than the worst case of ${WORST_CASE_DUPLICATES_PER_KILL}`));
  f.check(statuses.every((s) => s.status === 'sent'), `deliveries not sent in the end: ${statuses.filter((s) => s.status !== 'sent').map((s) => `${s.status} ${s.n}`).join(', ')}`);
  f.check(kills.length >= 3, `only ${kills.length} kills happened while notifications were undelivered`);
  f.conclude();
});
