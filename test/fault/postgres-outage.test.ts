/**
 * PostgreSQL stopped (pg_ctl stop -m fast, as a restart or failover does) for 5 s under load:
 * first notifications (POST /notifications at 300/s), then chat (sockets sending message.send).
 * No process may exit and nothing may answer 500 or hang: during the outage REST answers 503
 * database_unavailable with Retry-After, and a socket send gets an ack or an error frame naming
 * its clientMessageId. Everything acknowledged is in the database afterwards, and the service
 * answers normally once PostgreSQL is back.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, it } from 'vitest';
import { answersIn, ChatClient, chatLoad, createPairs } from './support/chat.ts';
import { checkAnswers, checkNoExits, checkSends, databaseUnavailable, sendOutcomes } from './support/checks.ts';
import { statusCounts } from './support/http.ts';
import { ANSWER_LIMIT_MS } from './support/limits.ts';
import { notificationLoad, storedMessages, storedNotifications } from './support/load.ts';
import { Outage, recoveredAfter } from './support/outage.ts';
import { Findings, latencySummary, seconds } from './support/report.ts';
import { type Services, startServices } from './support/services.ts';

const OUTAGE_MS = 5_000;
const BEFORE_MS = 3_000;
const AFTER_MS = 8_000;
/** Deliveries whose outcome could not be recorded are sent again after their lease: short here. */
const LEASE_SECONDS = 10;

let services: Services;
beforeAll(async () => {
  services = await startServices();
});
afterAll(async () => {
  await services?.close();
});

const stopPostgres = () => services.postgres.stop();
const startPostgres = () => services.postgres.start();

it('survives a PostgreSQL restart under notification load', async () => {
  const f = new Findings('PostgreSQL down, notifications');
  const { deployment, databaseUrl } = await services.deployment({ PARLEY_LEASE_SECONDS: String(LEASE_SECONDS) });
  const api = await deployment.start({ name: 'api', roles: 'api' });
  await deployment.start({ name: 'worker', roles: 'worker' });
  services.sink.reset();

  const load = notificationLoad(api.url, 300);
  await sleep(BEFORE_MS);
  const outage = new Outage('PostgreSQL');
  await outage.run(stopPostgres, startPostgres, OUTAGE_MS);
  await sleep(AFTER_MS);
  const answers = await load.stop();

  const accepted = answers.filter((a) => a.status === 202);
  const stored = await storedNotifications(databaseUrl, accepted.map((a) => a.requestId));
  const lost = accepted.filter((a) => !stored.has(a.requestId));
  // The worker delivers what was accepted, once PostgreSQL is back.
  const acceptedIds = new Set(accepted.flatMap((a) => (a.body.deliveries as { logId: string }[]).map((d) => d.logId)));
  const deliveryWaitMs = LEASE_SECONDS * 1000 + 20_000;
  const deadline = Date.now() + deliveryWaitMs;
  const undelivered = () => [...acceptedIds].filter((id) => !services.sink.receipts.get(id)?.delivered.length);
  while (undelivered().length && Date.now() < deadline) await sleep(250);
  const phases = outage.split(answers);
  const recovered = recoveredAfter(answers, (a) => a.status === 202, outage.up);

  f.print(
    `POST /notifications at 300/s; api + worker (lease ${LEASE_SECONDS} s); ${outage.describe()} (pg_ctl stop -m fast)`,
    `before: ${statusCounts(phases.before)}; during: ${statusCounts(phases.during)}; after: ${statusCounts(phases.after)}`,
    `codes during: ${codes(phases.during)}`,
    `latency during the outage: ${latencySummary(phases.during.map((a) => a.ms))}`,
    `acknowledged ${accepted.length}, stored ${accepted.length - lost.length}, lost ${lost.length}; delivered ${acceptedIds.size - undelivered().length} of ${acceptedIds.size}, duplicates ${services.sink.duplicates()}`,
    `time to recover after PostgreSQL was back: ${seconds(recovered)}`,
    `logged: ${deployment.loggedProblems().join('; ') || 'nothing at warn or above'}`,
  );
  checkNoExits(f, deployment);
  checkAnswers(f, 'POST /notifications', answers, databaseUnavailable);
  f.check(lost.length === 0, () => `${lost.length} notifications answered 202 are not in the database (e.g. ${lost.slice(0, 3).map((a) => a.requestId).join(', ')})`);
  f.check(undelivered().length === 0, () => `${undelivered().length} acknowledged deliveries did not reach the endpoint within ${deliveryWaitMs / 1000} s of the load's end`);
  f.check(services.sink.requestsUnderSeveralIds().length === 0, `notifications delivered under more than one webhook-id: ${services.sink.requestsUnderSeveralIds().slice(0, 3).join(', ')}`);
  f.check(recovered !== undefined && recovered < ANSWER_LIMIT_MS, `the API did not answer normally again within ${ANSWER_LIMIT_MS / 1000} s of PostgreSQL's return (${seconds(recovered)})`);
  f.conclude();
});

it('survives a PostgreSQL restart under chat load', async () => {
  const f = new Findings('PostgreSQL down, chat');
  const { deployment, databaseUrl } = await services.deployment();
  const api = await deployment.start({ name: 'api', roles: 'api' });
  const pairs = await createPairs(api, 20, 'pg-chat');
  const buyers = await Promise.all(pairs.map(async (p) => ({ client: await ChatClient.open(api, p.buyer, 'buyer'), conversationId: p.conversationId })));

  const load = chatLoad(buyers, 100);
  await sleep(BEFORE_MS);
  const outage = new Outage('PostgreSQL');
  await outage.run(stopPostgres, startPostgres, OUTAGE_MS);
  await sleep(AFTER_MS);
  await load.stop();
  await answersIn(buyers.map((b) => b.client));
  for (const b of buyers) b.client.close();

  const sends = buyers.flatMap((b) => b.client.sends);
  const acked = sends.filter((s) => s.outcome === 'ack');
  const stored = await storedMessages(databaseUrl, acked.map((s) => s.clientMessageId));
  const lost = acked.filter((s) => !stored.has(s.clientMessageId));
  const phases = outage.split(sends);
  const recovered = recoveredAfter(sends, (s) => s.outcome === 'ack', outage.up);
  const unnamed = buyers.flatMap((b) => b.client.unnamedErrors);
  const skipped = buyers.reduce((n, b) => n + b.client.skipped, 0);

  f.print(
    `20 buyers on sockets sending 100 messages/s; one api process; ${outage.describe()} (pg_ctl stop -m fast)`,
    `before: ${sendOutcomes(phases.before)}; during: ${sendOutcomes(phases.during)}; after: ${sendOutcomes(phases.after)}`,
    `answer latency during the outage: ${latencySummary(phases.during.filter((s) => s.answeredAt).map((s) => s.answeredAt! - s.sentAt))}`,
    `acknowledged ${acked.length}, stored ${acked.length - lost.length}, lost ${lost.length}; error frames naming no clientMessageId ${unnamed.length}; sends skipped on a closed socket ${skipped}`,
    `time to recover after PostgreSQL was back: ${seconds(recovered)}`,
    `logged: ${deployment.loggedProblems().join('; ') || 'nothing at warn or above'}`,
  );
  checkNoExits(f, deployment);
  checkSends(f, 'message.send', sends, ['database_unavailable']);
  f.check(unnamed.length === 0, () => `${unnamed.length} error frames named no clientMessageId, e.g. ${unnamed[0]}`);
  f.check(skipped === 0, `${skipped} sends could not be made: the socket had been closed`);
  f.check(lost.length === 0, () => `${lost.length} acknowledged messages are not in the database (e.g. ${lost.slice(0, 3).map((s) => s.clientMessageId).join(', ')})`);
  f.check(recovered !== undefined && recovered < ANSWER_LIMIT_MS, `chat did not acknowledge sends again within ${ANSWER_LIMIT_MS / 1000} s of PostgreSQL's return (${seconds(recovered)})`);
  f.conclude();
});

/** "database_unavailable×120 internal_error×3" of the error answers. */
function codes(answers: { status: unknown; body: any }[]): string {
  const counts = new Map<string, number>();
  for (const a of answers) {
    if (a.status === 202) continue;
    const code = `${a.status}:${a.body?.error?.code ?? '-'}`;
    counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  return [...counts].map(([k, n]) => `${k}×${n}`).join(' ') || 'none';
}
