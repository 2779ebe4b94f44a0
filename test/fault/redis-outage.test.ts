/**
 * Redis stopped for 20 s during chat on two API nodes and a worker: buyers on node A, sellers on
 * node B. Redis carries fan-out between nodes and the shared rate limits; losing it may cost
 * live delivery across nodes for a while, but never a request: acks and REST calls keep their
 * speed, nothing answers 500, nothing acknowledged is lost, and once Redis is back a client on
 * node B receives what is sent on node A again (live, or after a resume).
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, it } from 'vitest';
import { answersIn, ChatClient, chatLoad, createPairs } from './support/chat.ts';
import { checkAnswers, checkNoExits, checkSends, sendOutcomes } from './support/checks.ts';
import { type Answer, call, statusCounts } from './support/http.ts';
import { ANSWER_LIMIT_MS, REDIS_OUTAGE_ACK_P95_MS } from './support/limits.ts';
import { storedMessages } from './support/load.ts';
import { Outage } from './support/outage.ts';
import { userToken } from './support/parley.ts';
import { Findings, latencySummary, percentile, seconds } from './support/report.ts';
import { type Services, startServices } from './support/services.ts';

const OUTAGE_MS = 20_000;
const BEFORE_MS = 3_000;
const AFTER_MS = 5_000;
const PAIRS = 20;

let services: Services;
beforeAll(async () => {
  services = await startServices();
});
afterAll(async () => {
  await services?.close();
});

it('keeps chat answering at speed through a 20 s Redis outage on two API nodes', async () => {
  const f = new Findings('Redis down, chat');
  const { deployment, databaseUrl } = await services.deployment();
  const [a, b] = await Promise.all([deployment.start({ name: 'api-a', roles: 'api' }), deployment.start({ name: 'api-b', roles: 'api' })]);
  await deployment.start({ name: 'worker', roles: 'worker' });
  const pairs = await createPairs(a!, PAIRS, 'redis-chat');
  const buyers = await Promise.all(pairs.map(async (p) => ({ client: await ChatClient.open(a!, p.buyer, 'buyer'), conversationId: p.conversationId })));
  const sellers = await Promise.all(pairs.map((p) => ChatClient.open(b!, p.seller, 'seller')));
  const tokens = new Map(await Promise.all(pairs.flatMap((p) => [p.buyer, p.seller].map(async (u) => [u, await userToken(u, u === p.buyer ? 'buyer' : 'seller')] as const))));

  // Chat on the sockets, and beside it REST calls on both nodes: a send on A, a read on B, /ready on each.
  const load = chatLoad(buyers, 50);
  const rest: { kind: string; conversationId?: string; answer: Promise<Answer> }[] = [];
  let running = true;
  const restLoop = (async () => {
    for (let i = 0; running; i++) {
      const p = pairs[i % PAIRS]!;
      rest.push({ kind: 'POST /conversations/:id/messages (node A)', conversationId: p.conversationId, answer: call(a!.url, 'POST', `/conversations/${p.conversationId}/messages`, { token: tokens.get(p.buyer), body: { content: `rest ${i}`, clientMessageId: randomUUID() } }) });
      rest.push({ kind: 'GET /conversations/:id (node B)', answer: call(b!.url, 'GET', `/conversations/${p.conversationId}`, { token: tokens.get(p.seller) }) });
      if (i % 5 === 0) for (const node of [a!, b!]) rest.push({ kind: 'GET /ready', answer: call(node.url, 'GET', '/ready') });
      await sleep(100);
    }
  })();

  await sleep(BEFORE_MS);
  const outage = new Outage('Redis');
  await outage.run(() => services.redis.stop(), () => services.redis.start(), OUTAGE_MS);
  await sleep(AFTER_MS);
  await load.stop();
  running = false;
  await restLoop;
  const answers = await Promise.all(rest.map(async (r) => ({ kind: r.kind, conversationId: r.conversationId, ...(await r.answer) })));
  await answersIn(buyers.map((x) => x.client));
  await sleep(500); // the last messages on their way to node B

  // What node B's sellers are owed: every message acknowledged on node A, by conversation.
  const sends = buyers.flatMap((x) => x.client.sends);
  const owed = new Map<string, Set<number>>();
  const owe = (conversationId: string, seq: number) => (owed.get(conversationId) ?? owed.set(conversationId, new Set()).get(conversationId)!).add(seq);
  for (const s of sends) if (s.outcome === 'ack' && s.seq !== undefined) owe(s.conversationId, s.seq);
  for (const x of answers) if (x.status === 201 && x.conversationId) owe(x.conversationId, x.body.seq);
  // Live delivery across nodes is back once a message acknowledged after Redis returned reaches B within a second.
  const seller = new Map(pairs.map((p, i) => [p.conversationId, sellers[i]!]));
  const liveAgain = sends
    .filter((s) => s.sentAt >= outage.up && s.outcome === 'ack')
    .find((s) => {
      const at = seller.get(s.conversationId)!.received.get(s.conversationId)?.get(s.seq!);
      return at !== undefined && at - s.answeredAt! < 1_000;
    });
  const missingLive = countMissing(owed, seller);
  // Then each seller resumes from the last message it has without a gap: anything still missing must come.
  await Promise.all(
    pairs.map(async (p) => {
      const s = seller.get(p.conversationId)!;
      const got = s.received.get(p.conversationId) ?? new Map<number, number>();
      let cursor = 0;
      while (got.has(cursor + 1)) cursor++;
      await s.resume({ [p.conversationId]: cursor }).catch((e: Error) => f.problem(`resume on node B failed: ${e.message}`));
    }),
  );
  await sleep(500);
  const missing = countMissing(owed, seller);
  for (const c of [...buyers.map((x) => x.client), ...sellers]) c.close();

  const acked = sends.filter((s) => s.outcome === 'ack');
  const restSent = answers.filter((x) => x.status === 201);
  const stored = await storedMessages(databaseUrl, [...acked.map((s) => s.clientMessageId)]);
  const lost = acked.filter((s) => !stored.has(s.clientMessageId));
  const phases = outage.split(sends);
  const ackMs = (list: typeof sends) => list.filter((s) => s.outcome === 'ack').map((s) => s.answeredAt! - s.sentAt);
  const restPhases = outage.split(answers);
  const apiCalls = (list: typeof answers) => list.filter((x) => x.kind !== 'GET /ready');
  const kinds = [...new Set(answers.map((x) => x.kind))];
  const owedTotal = [...owed.values()].reduce((n, s) => n + s.size, 0);

  f.print(
    `api-a (buyers' sockets) + api-b (sellers' sockets) + worker; ${PAIRS} conversations, 50 socket sends/s on A, REST beside; ${outage.describe()} (redis-cli shutdown nosave)`,
    `socket sends before: ${sendOutcomes(phases.before)}; during: ${sendOutcomes(phases.during)}; after: ${sendOutcomes(phases.after)}`,
    `ack latency before: ${latencySummary(ackMs(phases.before))}`,
    `ack latency during: ${latencySummary(ackMs(phases.during))}`,
    `ack latency after:  ${latencySummary(ackMs(phases.after))}`,
    ...kinds.map((k) => `${k} during: ${statusCounts(restPhases.during.filter((x) => x.kind === k))}, ${latencySummary(restPhases.during.filter((x) => x.kind === k).map((x) => x.ms))}`),
    `acknowledged ${acked.length} on sockets + ${restSent.length} by REST, lost ${lost.length}; owed to node B ${owedTotal}: missing live ${missingLive}, missing after resume ${missing}`,
    `live delivery A → B again ${seconds(liveAgain ? liveAgain.sentAt - outage.up : undefined)} after Redis was back`,
    `logged: ${deployment.loggedProblems().join('; ') || 'nothing at warn or above'}`,
  );
  checkNoExits(f, deployment);
  checkSends(f, 'message.send on node A', sends, []);
  checkAnswers(f, 'REST on nodes A and B', apiCalls(answers));
  checkAnswers(f, 'GET /ready', answers.filter((x) => x.kind === 'GET /ready'), (x) => (x.status === 503 ? undefined : `${x.status} from /ready`));
  const duringAcks = ackMs(phases.during);
  f.check(duringAcks.length > 0, 'no socket send was acknowledged during the outage');
  f.check(percentile(duringAcks, 95) < REDIS_OUTAGE_ACK_P95_MS, () => `acks during the outage were slow: ${latencySummary(duringAcks)} (p95 must stay below ${REDIS_OUTAGE_ACK_P95_MS} ms)`);
  const duringRest = apiCalls(restPhases.during).filter((x) => typeof x.status === 'number').map((x) => x.ms);
  f.check(percentile(duringRest, 95) < REDIS_OUTAGE_ACK_P95_MS, () => `REST calls during the outage were slow: ${latencySummary(duringRest)} (p95 must stay below ${REDIS_OUTAGE_ACK_P95_MS} ms)`);
  f.check(lost.length === 0, () => `${lost.length} acknowledged messages are not in the database`);
  f.check(missing === 0, `${missing} of ${owedTotal} messages acknowledged on node A never reached their recipient on node B, even after a resume`);
  f.check(liveAgain !== undefined && liveAgain.sentAt - outage.up < ANSWER_LIMIT_MS, `live delivery from node A to node B did not resume within ${ANSWER_LIMIT_MS / 1000} s of Redis's return`);
  f.conclude();
});

/** Messages owed to the sellers that their sockets have not received. */
function countMissing(owed: Map<string, Set<number>>, seller: Map<string, ChatClient>): number {
  let missing = 0;
  for (const [conversationId, seqs] of owed) {
    const got = seller.get(conversationId)!.received.get(conversationId);
    for (const seq of seqs) if (!got?.has(seq)) missing++;
  }
  return missing;
}
