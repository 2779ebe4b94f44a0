import { createHash } from 'node:crypto';
import { v7 as uuidv7 } from '../uuid.ts';
import type { Db } from '../db/connect.ts';
import { commitIsolating } from '../db/group-commit.ts';
import { ParleyError, invalid } from '../errors.ts';
import { type Channel, type NotificationRequest, type NotificationType, PRIORITIES, type StoredContent, addressFor, literalContent } from './model.ts';
import type { Templates } from './templates/notification-templates.ts';
import { interactiveProblem } from './push-actions/push-action-links.ts';
import type { DeliveryLog } from './deliveries/delivery-log.ts';
import type { PlannedDelivery } from './deliveries/delivery-types.ts';
import type { InAppNote, InAppNow } from './dispatch/in-app-now.ts';
import { currentTraceparent, inSpan } from '../ops/tracing.ts';

/** How a notification type spreads over its channels, and whether it waits for quiet hours. */
export interface TypeRouting {
  /** all: every channel at once. fallback: in the request's order, the next only if the previous was not delivered in time. */
  strategy: 'all' | 'fallback';
  fallbackAfterSeconds: number;
  quietHours: 'respect' | 'bypass';
  /** Default priority when the request names none. */
  priority: keyof typeof PRIORITIES;
  /** Gathered per user into a digest, unless the user chose otherwise (notifications/digests). */
  digest?: { every: 'hour' } | { dailyAt: string };
}

export type RoutingTable = Record<NotificationType, TypeRouting>;

export const DEFAULT_ROUTING: RoutingTable = {
  transactional: { strategy: 'all', fallbackAfterSeconds: 60, quietHours: 'bypass', priority: 'medium' },
  promotional: { strategy: 'all', fallbackAfterSeconds: 60, quietHours: 'respect', priority: 'low' },
  systemAlert: { strategy: 'all', fallbackAfterSeconds: 60, quietHours: 'bypass', priority: 'high' },
};

export const DEFAULT_RETRIES = 3;
const CLOCK_SKEW_MS = 5_000;
const MAX_SCHEDULE_MS = 366 * 24 * 3600 * 1000;

export interface AcceptedDelivery {
  logId: string;
  channel: Channel;
}

export interface AcceptAnswer {
  requestId: string;
  status: 'accepted';
  acceptedAt: string;
  deliveries: AcceptedDelivery[];
}

export type BatchItemResult =
  | (AcceptAnswer & { replayed: boolean })
  | { requestId: string; status: 'conflict'; error: { code: string; message: string } };

type PlannedRow = PlannedDelivery;

/**
 * A database error caused by a request's own data (SQLSTATE class 22, "data exception": a value
 * out of range, text it cannot store) becomes that request's 400; anything else is unchanged.
 */
function asRequestError(err: unknown): unknown {
  const code = (err as { code?: unknown } | undefined)?.code;
  if (typeof code !== 'string' || !code.startsWith('22')) return err;
  return invalid('invalid_value', `A value of the notification cannot be stored: ${(err as Error).message}. Correct it and send it again.`);
}

/** JSON with object keys sorted, so that the same request always hashes the same. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function createAcceptor({
  db,
  deliveries,
  templates,
  routing,
  wake,
  accepted,
  inApp,
}: {
  db: Db;
  /** The queue: the acceptor's rows are written through it. */
  deliveries: DeliveryLog;
  templates: Templates;
  routing: RoutingTable;
  wake: () => void;
  /** Told of every delivery newly accepted, by channel. */
  accepted?: (channel: Channel) => void;
  /**
   * In-app items settled at acceptance (dispatch/in-app-now.ts): `settle` writes eligible ones as
   * sent, `sent` is told of each after the commit (it pushes it to the user's sockets).
   */
  inApp?: { settle: InAppNow; sent: (note: InAppNote) => void };
}) {
  const noNotes = new Map<string, InAppNote>();
  /** Settles what in-app items it can at acceptance; what to push once they are written. */
  const settleInApp = (planned: PlannedRow[][], now: Date) => (inApp ? inApp.settle(planned, now) : Promise.resolve(noNotes));

  /** Checks what the schema cannot, and plans one row per channel. Throws a 400 ParleyError. */
  async function plan(request: NotificationRequest, now: Date, extra?: { digest?: string }): Promise<PlannedRow[]> {
    const message = request.message;
    const route = routing[request.notificationType];
    let sendAt = now;
    if (request.schedule?.sendAt) {
      sendAt = new Date(request.schedule.sendAt);
      if (sendAt.getTime() < now.getTime() - CLOCK_SKEW_MS) {
        throw invalid('send_at_in_past', `schedule.sendAt ${request.schedule.sendAt} is in the past; leave it out to send now.`, { field: 'schedule.sendAt' });
      }
      if (sendAt.getTime() > now.getTime() + MAX_SCHEDULE_MS) {
        throw invalid('send_at_too_far', 'schedule.sendAt may be at most a year ahead.', { field: 'schedule.sendAt' });
      }
      if (sendAt < now) sendAt = now;
    }
    const literalFields = (['subject', 'body', 'htmlBody', 'smsText', 'pushNotification', 'inAppMessage', 'whatsapp'] as const).filter((f) => message[f] !== undefined);
    if (message.template && literalFields.length) {
      throw invalid('ambiguous_content', `message has a template and literal content (${literalFields.join(', ')}); send one or the other.`, { field: 'message.template' });
    }
    const hash = createHash('sha256').update(canonical(request)).digest('hex');
    const priority = PRIORITIES[request.metadata?.priority ?? route.priority];
    const retries = request.metadata?.retries ?? DEFAULT_RETRIES;
    // traceparent: the worker's spans continue this trace (ops/tracing.ts); absent when tracing is off.
    const metadata = JSON.stringify({ priority: request.metadata?.priority ?? route.priority, retries, campaignId: request.metadata?.campaignId, vendorId: request.metadata?.vendorId, variant: request.metadata?.variant, sendTime: request.metadata?.sendTime, timestamp: request.timestamp, traceparent: currentTraceparent(), digest: extra?.digest });

    const rows: PlannedRow[] = [];
    for (const [index, channel] of request.channels.entries()) {
      const address = addressFor(channel, request.recipient);
      if (address === undefined) {
        const field = channel === 'email' ? 'recipient.email' : 'recipient.phoneNumber';
        throw invalid('missing_address', `The ${channel} channel needs ${field}.`, { field, channel });
      }
      let content: StoredContent;
      if (message.template) {
        const { key, locale, data = {} } = message.template;
        if (channel !== 'webhook' && !(await templates.find(key, channel, locale))) {
          throw invalid('unknown_template', `There is no ${channel} template "${key}"${locale ? ` for locale ${locale} or a fallback` : ''}; create it with POST /templates.`, { field: 'message.template.key', channel });
        }
        content = { kind: 'template', key, locale, data, ...(channel === 'email' && message.replyTo ? { replyTo: message.replyTo } : {}) };
      } else {
        const interactive = channel === 'push' ? message.pushNotification?.interactive : undefined;
        const problem = interactive && interactiveProblem(interactive);
        if (problem) throw invalid('interactive_target_missing', `${problem}: the actions act on it.`, { field: 'message.pushNotification.interactive', channel });
        const fields = literalContent(channel, message);
        if (typeof fields === 'string') throw invalid('missing_content', `${fields}.`, { channel });
        content = { kind: 'literal', fields };
      }
      const step = route.strategy === 'fallback' ? index : 0;
      rows.push({
        log_id: uuidv7(),
        request_id: request.requestId,
        user_id: request.recipient.userId,
        channel,
        notification_type: request.notificationType,
        status: step === 0 ? 'queued' : 'standby',
        due_at: new Date(sendAt.getTime() + step * route.fallbackAfterSeconds * 1000),
        priority,
        max_retries: retries,
        step,
        request_hash: hash,
        recipient: JSON.stringify({ ...request.recipient, address }),
        content: JSON.stringify(content),
        metadata,
      });
    }
    return rows;
  }

  /**
   * Writes planned requests in one commit (one statement, or a transaction when a request has
   * several rows) and sorts each into accepted (all its rows are new), replayed (the same request
   * was accepted before) or conflict (the requestId was used for a different body: nothing of it
   * is kept). Their requestIds must be distinct.
   */
  async function write(planned: PlannedRow[][], now: Date): Promise<BatchItemResult[]> {
    const notes = await settleInApp(planned, now);
    // Requests of one row each cannot be half-written (the insert stores each whole or not at
    // all, and leaves nothing to discard), so their insert commits by itself: one round trip to
    // the database instead of three (BEGIN, INSERT, COMMIT), which under load is most of a
    // group's time. Requests of several channels are written in a transaction.
    const results = planned.every((rowsOfRequest) => rowsOfRequest.length === 1)
      ? await writeWithin(db, planned, now)
      : await db.transaction().execute((trx) => writeWithin(trx, planned, now));
    afterCommit(results, notes);
    return results;
  }

  /** Tells the metrics and the workers about what a committed write accepted, and pushes the in-app items it wrote as sent. */
  function afterCommit(results: BatchItemResult[], notes: Map<string, InAppNote>): void {
    let queued = false;
    for (const r of results) {
      if (r.status !== 'accepted' || r.replayed) continue;
      for (const d of r.deliveries) {
        accepted?.(d.channel);
        const note = notes.get(d.logId);
        if (note) inApp?.sent(note);
        else queued = true;
      }
    }
    if (queued) wake();
  }

  async function writeWithin(trx: Db, planned: PlannedRow[][], now: Date): Promise<BatchItemResult[]> {
    const rows = planned.flat();
    const inserted = await deliveries.insertDeliveries(trx, rows, now);
    const insertedBy = new Map<string, number>();
    for (const row of inserted) insertedBy.set(row.request_id, (insertedBy.get(row.request_id) ?? 0) + 1);
    const unsettled = planned.filter((p) => insertedBy.get(p[0]!.request_id) !== p.length).map((p) => p[0]!.request_id);
    const before = await deliveries.findRequestsDeliveries(trx, unsettled);
    const out: BatchItemResult[] = [];
    const discard: string[] = [];
    for (const rowsOfRequest of planned) {
      const first = rowsOfRequest[0]!;
      const count = insertedBy.get(first.request_id) ?? 0;
      if (count === rowsOfRequest.length) {
        out.push({ requestId: first.request_id, status: 'accepted', acceptedAt: now.toISOString(), deliveries: rowsOfRequest.map((r) => ({ logId: r.log_id, channel: r.channel })), replayed: false });
        continue;
      }
      const stored = before.filter((r) => r.request_id === first.request_id && !rowsOfRequest.some((p) => p.log_id === r.log_id));
      const same = count === 0 && stored.length === rowsOfRequest.length && stored.every((r) => r.request_hash === first.request_hash);
      if (same) {
        out.push({
          requestId: first.request_id,
          status: 'accepted',
          acceptedAt: new Date(stored[0]!.created_at as Date).toISOString(),
          deliveries: stored.map((r) => ({ logId: r.log_id, channel: r.channel as Channel })),
          replayed: true,
        });
      } else {
        if (count) discard.push(...rowsOfRequest.map((r) => r.log_id));
        out.push({
          requestId: first.request_id,
          status: 'conflict',
          error: { code: 'request_id_reused', message: `requestId ${first.request_id} was already used for a different notification; use a new requestId for a new notification.` },
        });
      }
    }
    await deliveries.deleteDeliveries(trx, discard);
    return out;
  }

  /** A batch: every request is checked first, and if any is invalid none is written. */
  async function acceptMany(requests: NotificationRequest[]): Promise<BatchItemResult[]> {
    const now = new Date();
    const planned: PlannedRow[][] = [];
    const problems: { index: number; requestId: string; code: string; message: string; field?: unknown }[] = [];
    const seen = new Set<string>();
    for (const [index, request] of requests.entries()) {
      try {
        if (seen.has(request.requestId)) throw invalid('duplicate_request_id', `requestId ${request.requestId} appears more than once in the batch.`);
        seen.add(request.requestId);
        planned.push(await plan(request, now));
      } catch (err) {
        if (!(err instanceof ParleyError)) throw err;
        problems.push({ index, requestId: request.requestId, code: err.code, message: err.message, field: err.details?.field });
      }
    }
    if (problems.length) {
      throw invalid('invalid_batch', `${problems.length} of ${requests.length} requests are invalid; nothing was accepted. Fix them and send the batch again.`, { items: problems });
    }
    try {
      return await write(planned, now);
    } catch (err) {
      const refused = asRequestError(err);
      if (refused === err) throw err;
      throw invalid('invalid_batch', `A request of the batch holds a value the database refuses (${refused instanceof Error ? refused.message : ''}); nothing was accepted. Fix it and send the batch again.`);
    }
  }

  // Single requests are committed in groups: those that arrive while earlier groups are being
  // written share the next commit (and its WAL flush), instead of one commit each.
  const waiting: { rows: PlannedRow[]; resolve: (r: BatchItemResult) => void; reject: (e: unknown) => void }[] = [];
  let writing = 0;
  const MAX_WRITES = 2;
  const MAX_GROUP = 500;

  function flush(): void {
    while (writing < MAX_WRITES && waiting.length) {
      const group: typeof waiting = [];
      const ids = new Set<string>();
      // The same requestId twice (a client retrying at once) goes in separate groups: the second is then a replay.
      for (let i = 0; i < waiting.length && group.length < MAX_GROUP; ) {
        const id = waiting[i]!.rows[0]!.request_id;
        if (ids.has(id)) {
          i++;
          continue;
        }
        ids.add(id);
        group.push(...waiting.splice(i, 1));
      }
      writing++;
      // A request the database refuses fails alone; the rest of its group commits.
      commitIsolating(
        group,
        (items) => write(items.map((g) => g.rows), new Date()),
        (g, outcome) => (outcome.ok ? g.resolve(outcome.value) : g.reject(asRequestError(outcome.error))),
      )
        .catch((err: unknown) => group.forEach((g) => g.reject(err)))
        .finally(() => {
          writing--;
          flush();
        });
    }
  }

  /** One request: checked at once (a 400 is its own), then written with whatever else is waiting. */
  async function acceptOne(request: NotificationRequest): Promise<BatchItemResult> {
    const rows = await plan(request, new Date());
    return new Promise((resolve, reject) => {
      waiting.push({ rows, resolve, reject });
      flush();
    });
  }

  /**
   * Notifications that are part of another write (an order event, a reminder): checked first,
   * outside any transaction (a template lookup must not wait on it), then written by
   * `write(trx)` inside the caller's transaction; `committed` is called after the commit.
   * Their requestIds must be distinct; a reused one with a different body is a conflict.
   * `digest` marks them as digests of that key (notifications/digests): never gathered again.
   */
  async function prepare(requests: NotificationRequest[], options: { digest?: string } = {}) {
    const now = new Date();
    const planned: PlannedRow[][] = [];
    for (const request of requests) planned.push(await plan(request, now, options));
    const notes = await settleInApp(planned, now);
    let results: BatchItemResult[] = [];
    return {
      async write(trx: Db): Promise<BatchItemResult[]> {
        results = planned.length ? await writeWithin(trx, planned, now) : [];
        return results;
      },
      committed: () => afterCommit(results, notes),
    };
  }

  return {
    /** Each in a span of its own (ops/tracing.ts): the deliveries it writes carry its trace on to the worker. */
    acceptMany: (requests: NotificationRequest[]) => inSpan('notification.accept', { 'parley.notifications': requests.length }, () => acceptMany(requests)),
    acceptOne: (request: NotificationRequest) => inSpan('notification.accept', { 'parley.notifications': 1, 'parley.request_id': request.requestId }, () => acceptOne(request)),
    prepare,
    /** Withdraws a request's deliveries that have not gone out yet, inside the caller's transaction. */
    cancelScheduled: deliveries.cancelScheduled,
    /** The same for many requests at once (a cancelled campaign); answers the request ids withdrawn. */
    cancelScheduledRequests: deliveries.cancelScheduledRequests,
    /** Which of these request ids were already accepted. */
    existingRequestIds: deliveries.existingRequestIds,
  };
}

export type Acceptor = ReturnType<typeof createAcceptor>;
