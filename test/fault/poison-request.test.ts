/**
 * One poison request among 200 concurrent valid ones: a notification whose message.body holds a
 * U+0000, which PostgreSQL cannot store in text or jsonb. Requests that share a transaction (the
 * group commit of single POST /notifications) must not fail with it: the 199 valid ones are
 * accepted, the poison one gets its own 400 with a machine-readable code, nothing answers 500.
 * The same inside POST /notifications/batch: of 20 concurrent batches of 10, the one with the
 * poison item is refused whole with 400 invalid_batch, the 19 beside it are accepted.
 */
import { afterAll, beforeAll, it } from 'vitest';
import { checkNoExits } from './support/checks.ts';
import { type Answer, call, statusCounts } from './support/http.ts';
import { storedNotifications, webhookNotification } from './support/load.ts';
import { Findings } from './support/report.ts';
import { type Services, startServices } from './support/services.ts';

const REQUESTS = 200;
const POISON_AT = 137;
const BATCHES = 20;
const BATCH_SIZE = 10;
const POISON_BATCH = 13;
const poison = (index: number) => webhookNotification(index, { body: 'Order shipped\u0000 today' });

let services: Services;
beforeAll(async () => {
  services = await startServices();
});
afterAll(async () => {
  await services?.close();
});

it('answers a poison notification with its own 400 and accepts the 199 beside it', async () => {
  const f = new Findings('poison request');
  const { deployment, databaseUrl } = await services.deployment();
  // Accepting is the API's: no worker is needed to see who gets what answer.
  const api = await deployment.start({ name: 'api', roles: 'api' });

  // Single requests, all at once: they share the acceptor's group commits.
  const singles = Array.from({ length: REQUESTS }, (_, i) => (i === POISON_AT ? poison(i) : webhookNotification(i)));
  const singleAnswers = await Promise.all(singles.map((body) => call(api.url, 'POST', '/notifications', { body })));
  // Batches, all at once, one of them with the poison as its third item.
  const batches = Array.from({ length: BATCHES }, (_, b) =>
    Array.from({ length: BATCH_SIZE }, (_, i) => (b === POISON_BATCH && i === 2 ? poison(b * BATCH_SIZE + i) : webhookNotification(b * BATCH_SIZE + i))),
  );
  const batchAnswers = await Promise.all(batches.map((notifications) => call(api.url, 'POST', '/notifications/batch', { body: { notifications } })));

  const validSingles = singles.filter((_, i) => i !== POISON_AT);
  const validSingleAnswers = singleAnswers.filter((_, i) => i !== POISON_AT);
  const validBatchAnswers = batchAnswers.filter((_, i) => i !== POISON_BATCH);
  const poisonSingle = singleAnswers[POISON_AT]!;
  const poisonBatch = batchAnswers[POISON_BATCH]!;
  const acceptedSingles = validSingles.filter((_, i) => validSingleAnswers[i]!.status === 202);
  const acceptedBatchItems = batches.filter((_, b) => b !== POISON_BATCH && batchAnswers[b]!.status === 202).flat();
  const stored = await storedNotifications(databaseUrl, [...singles, ...batches.flat()].map((n) => n.requestId));
  const lost = [...acceptedSingles, ...acceptedBatchItems].filter((n) => !stored.has(n.requestId));
  const poisonStored = [singles[POISON_AT]!, ...batches[POISON_BATCH]!].filter((n) => stored.has(n.requestId));

  f.print(
    `${REQUESTS} concurrent POST /notifications, #${POISON_AT} with U+0000 in message.body; then ${BATCHES} concurrent batches of ${BATCH_SIZE}, #${POISON_BATCH} holding the poison`,
    `single, valid: ${statusCounts(validSingleAnswers)}; poison: ${describe(poisonSingle)}`,
    `batches, valid: ${statusCounts(validBatchAnswers)}; poison batch: ${describe(poisonBatch)}`,
    `acknowledged ${acceptedSingles.length + acceptedBatchItems.length}, lost ${lost.length}; rows of the poison requests stored ${poisonStored.length}`,
    `logged: ${deployment.loggedProblems().join('; ') || 'nothing at warn or above'}`,
  );
  checkNoExits(f, deployment);
  refusedByItsNeighbour(f, 'POST /notifications', validSingleAnswers);
  refusedByItsNeighbour(f, 'POST /notifications/batch', validBatchAnswers);
  f.check(
    poisonSingle.status === 400 && typeof poisonSingle.body?.error?.code === 'string' && typeof poisonSingle.body?.error?.message === 'string',
    `the poison request got ${describe(poisonSingle)}, not a 400 with a machine-readable code and a message`,
  );
  f.check(poisonBatch.status === 400 && poisonBatch.body?.error?.code === 'invalid_batch', `the batch holding the poison got ${describe(poisonBatch)}, not 400 invalid_batch`);
  const items = poisonBatch.body?.error?.details?.items as { index?: number }[] | undefined;
  f.check(poisonBatch.status !== 400 || (items?.length === 1 && items[0]?.index === 2), () => `400 invalid_batch should name the poison item (index 2) alone; it named ${JSON.stringify(items)}`);
  f.check(lost.length === 0, `${lost.length} notifications answered 202 are not in the database`);
  f.check(poisonStored.length === 0, `${poisonStored.length} requests of the refused poison request or batch were stored anyway (a partial write)`);
  f.conclude();
});

/** Every valid request accepted: a failure here is another request's fault. */
function refusedByItsNeighbour(f: Findings, what: string, answers: Answer[]): void {
  const failed = answers.filter((a) => a.status !== 202);
  if (failed.length) {
    f.problem(`${what}: ${failed.length} of ${answers.length} valid requests failed beside the poison one (${statusCounts(failed)}; e.g. ${describe(failed[0]!)})`);
  }
}

function describe(a: Answer): string {
  return `${a.status}${a.body?.error ? ` ${a.body.error.code}: ${String(a.body.error.message).slice(0, 120)}` : ''}${a.error ? ` ${a.error}` : ''}`;
}
