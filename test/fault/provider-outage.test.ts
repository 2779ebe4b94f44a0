/**
 * A webhook provider answering 503 for 30 s. Its breaker opens; 100 notifications with a budget
 * of one retry and 100 with ten arrive while it is open. An open breaker postpones an attempt, it
 * does not spend it: once the provider answers again every notification is delivered, none is
 * dead-lettered. Small retry and breaker timings keep the scenario under a minute.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, it } from 'vitest';
import { checkAnswers, checkNoExits } from './support/checks.ts';
import { type Answer, call, statusCounts } from './support/http.ts';
import { query, webhookNotification } from './support/load.ts';
import { Findings, seconds, table } from './support/report.ts';
import { type Services, startServices } from './support/services.ts';

const OUTAGE_MS = 30_000;
const BREAKER_THRESHOLD = 5;
const BREAKER_COOLDOWN_SECONDS = 10;

let services: Services;
beforeAll(async () => {
  services = await startServices();
});
afterAll(async () => {
  await services?.close();
});

it('delivers every notification after a 30 s provider outage, whatever its retry budget', async () => {
  const f = new Findings('provider 503');
  const { deployment, databaseUrl } = await services.deployment({
    PARLEY_RETRY_BASE_MS: '500',
    PARLEY_RETRY_MAX_MS: '4000',
    PARLEY_BREAKER_THRESHOLD: String(BREAKER_THRESHOLD),
    PARLEY_BREAKER_COOLDOWN_SECONDS: String(BREAKER_COOLDOWN_SECONDS),
    PARLEY_POLL_MS: '100',
  });
  // One process with both roles: its worker holds the provider's breaker.
  const api = await deployment.start({ name: 'api+worker', roles: 'api,worker' });
  const sink = services.sink;
  sink.reset();

  const down = Date.now();
  sink.unavailable(true);
  const answers: Answer[] = [];
  const post = async (notifications: ReturnType<typeof webhookNotification>[]) => {
    const answer = await call(api.url, 'POST', '/notifications/batch', { body: { notifications } });
    answers.push(answer);
    return answer.status === 202 ? (answer.body.results as { deliveries: { logId: string }[] }[]).flatMap((r) => r.deliveries.map((d) => d.logId)) : [];
  };
  // The first notifications meet the provider's 503s until the breaker opens.
  const opening = await post(Array.from({ length: BREAKER_THRESHOLD }, (_, i) => webhookNotification(i, { retries: 10 })));
  while (sink.calls() < BREAKER_THRESHOLD && Date.now() - down < 10_000) await sleep(50);
  const groups = {
    'retries 1': await post(Array.from({ length: 100 }, (_, i) => webhookNotification(i, { retries: 1 }))),
    'retries 10': await post(Array.from({ length: 100 }, (_, i) => webhookNotification(i, { retries: 10 }))),
    'opening the breaker (retries 10)': opening,
  };
  await sleep(Math.max(0, down + OUTAGE_MS - Date.now()));
  sink.unavailable(false);
  const up = Date.now();
  const callsDuringOutage = sink.calls();

  const all = Object.values(groups).flat();
  const statusOf = async () =>
    new Map((await query<{ log_id: string; status: string }>(databaseUrl, 'SELECT log_id::text, status FROM notification_logs WHERE log_id = ANY($1::uuid[])', [all])).map((r) => [r.log_id, r.status]));
  let statuses = await statusOf();
  const settled = (s: string | undefined) => s === 'sent' || s === 'dead' || s === 'failed';
  const deadline = up + 45_000;
  while (Date.now() < deadline && ![...all].every((id) => settled(statuses.get(id)))) {
    await sleep(500);
    statuses = await statusOf();
  }
  const lastDelivery = Math.max(0, ...[...sink.receipts.values()].map((r) => r.delivered[0] ?? 0));

  const rows = Object.entries(groups).map(([name, ids]) => {
    const count = (status: string) => ids.filter((id) => statuses.get(id) === status).length;
    const delivered = ids.filter((id) => sink.receipts.get(id)?.delivered.length).length;
    const refused = ids.reduce((n, id) => n + (sink.receipts.get(id)?.refused ?? 0), 0);
    return { name, ids, delivered, dead: count('dead'), failed: count('failed'), waiting: ids.length - count('sent') - count('dead') - count('failed'), refused };
  });
  f.print(
    `webhook endpoint answering 503 for ${OUTAGE_MS / 1000} s; one api+worker process; breaker threshold ${BREAKER_THRESHOLD}, cooldown ${BREAKER_COOLDOWN_SECONDS} s; retry base 500 ms, max 4 s`,
    `accepting: ${statusCounts(answers)}; provider calls during the outage ${callsDuringOutage}, in all ${sink.calls()}`,
    ...table(
      ['notifications', 'count', 'provider 503s', 'delivered', 'dead letters', 'failed', 'still waiting'],
      rows.map((r) => [r.name, r.ids.length, r.refused, r.delivered, r.dead, r.failed, r.waiting]),
    ),
    `last delivery ${seconds(lastDelivery ? lastDelivery - up : undefined)} after the provider recovered; duplicates ${sink.duplicates()}`,
    `logged: ${deployment.loggedProblems().join('; ') || 'nothing at warn or above'}`,
  );
  checkNoExits(f, deployment);
  checkAnswers(f, 'POST /notifications/batch', answers);
  for (const r of rows) {
    const spent = r.ids.filter((id) => statuses.get(id) === 'dead');
    if (spent.length) {
      // Only the provider's own answers may use up a budget: how many did these dead letters get?
      const calls = spent.map((id) => sink.receipts.get(id)?.refused ?? 0);
      const budget = r.name === 'retries 1' ? 2 : 11;
      const early = calls.filter((n) => n < budget).length;
      f.problem(
        `${r.name}: ${spent.length} of ${r.ids.length} were dead-lettered` +
          (early ? `, ${early} of them after fewer provider answers than their ${budget} attempts (${range(calls)} answers each): the open breaker spent their attempts` : ', each after its whole budget of provider answers'),
      );
    }
    f.check(r.failed === 0, `${r.name}: ${r.failed} failed for good on a retryable 503`);
    f.check(r.waiting === 0, `${r.name}: ${r.waiting} still not sent ${seconds(Date.now() - up)} after the provider recovered`);
    f.check(r.delivered + r.dead === r.ids.length, `${r.name}: ${r.ids.length - r.delivered - r.dead} neither delivered nor dead-lettered`);
  }
  f.check(sink.rejected.length === 0, () => `the endpoint rejected requests: ${sink.rejected.join('; ')}`);
  f.conclude();
});

/** "0" or "0 to 2" */
function range(values: number[]): string {
  const [min, max] = [Math.min(...values), Math.max(...values)];
  return min === max ? String(min) : `${min} to ${max}`;
}
