import { sql } from 'kysely';
import type { Logger } from 'pino';
import { isDatabaseUnavailable } from '../db/availability.ts';
import type { Db } from '../db/connect.ts';
import type { Metrics } from '../metrics.ts';
import type { RoutingTable } from './accept.ts';
import { ProviderChain } from './failover.ts';
import type { Channel, NotificationType, Rendered, StoredContent } from './model.ts';
import { type Device, type Preferences, type PreferencesService, judge, userDay } from './preferences.ts';
import { EXTERNAL_CHANNELS, type ProviderLists } from './providers/registry.ts';
import type { WorkerSettings } from './settings.ts';
import { countSegments } from './providers/sms-segments.ts';
import { type ExternalChannel, type MessageFor, type Platform, type Provider, ProviderError } from './providers/types.ts';
import { TemplateError, type Templates } from './templates.ts';

/** One entry of a delivery's history. */
export interface HistoryEntry {
  at: string;
  status: string;
  attempt?: number;
  provider?: string;
  code?: string;
  detail?: string;
  device?: string;
  externalId?: string;
}

interface ClaimedRow {
  log_id: string;
  request_id: string;
  user_id: string;
  channel: Channel;
  notification_type: NotificationType;
  attempts: number;
  max_retries: number;
  step: number;
  recipient: { userId: string; address: string | null; email?: string; phoneNumber?: string; deviceId?: string };
  content: StoredContent;
  history: HistoryEntry[];
  created_at: Date;
  due_since: Date;
  metadata: Record<string, unknown> | null;
}

interface Outcome {
  row: ClaimedRow;
  status: 'queued' | 'sent' | 'failed' | 'skipped' | 'dead';
  dueAt?: Date;
  provider?: string;
  externalId?: string;
  errorCode?: string;
  errorMessage?: string;
  sendTime?: Date;
  history: HistoryEntry[];
  /** For in-app: the rendered item, which becomes the row's content. */
  rendered?: Rendered;
  /** A deferral is not an attempt. */
  attemptsDelta: number;
  dropTokens?: Device[];
}

interface BatchContext {
  prefs: Map<string, Preferences | undefined>;
  suppressed: Set<string>;
  devices: Map<string, Device[]>;
  deliveredSteps: Map<string, number[]>;
}

export interface DispatcherOptions {
  db: Db;
  providers: ProviderLists;
  preferences: PreferencesService;
  templates: Templates;
  routing: RoutingTable;
  metrics: Metrics;
  log: Logger;
  /** Called with each in-app item once it is in the feed; the caller pushes it to the user's sockets. */
  inAppSent: (userId: string, item: Record<string, unknown>) => void;
  /** Batch size, in-flight limit, lease, poll interval, retry delays, breaker: PARLEY_WORKER_* and friends. */
  worker: WorkerSettings;
}

/** One provider's circuit breaker in this process; `reopensAt` is 0 unless it opened (epoch ms). */
export interface BreakerReport {
  channel: ExternalChannel;
  provider: string;
  state: 'closed' | 'open' | 'half-open';
  consecutiveFailures: number;
  reopensAt: number;
}

const TERMINAL_DELIVERED = ['delivered', 'opened', 'read', 'clicked'];

/**
 * After a claim that found less than a full batch, the next one waits at least this long:
 * at a trickle of one notification per wake-up, every notification would otherwise cost a
 * claim and an update of its own. Under load claims come back full and do not wait.
 */
const CLAIM_INTERVAL_MS = 10;

/** While the database is away, recorded outcomes are written again this often. */
const OUTCOME_RETRY_MS = 500;

/** A delivery postponed by a breaker is due again this long after it may reopen (plus up to as much again, spread). */
const BREAKER_RECHECK_MS = 250;

/**
 * The worker. It claims due deliveries in batches (FOR UPDATE SKIP LOCKED, with a lease so a
 * crashed worker's claims are taken again), applies preferences, renders, calls providers
 * outside any transaction, and records outcomes in batched updates.
 */
export function createDispatcher(options: DispatcherOptions) {
  const { db, preferences, templates, routing, metrics, log, worker } = options;
  const chains = Object.fromEntries(EXTERNAL_CHANNELS.map((c) => [c, new ProviderChain(options.providers[c] as Provider[], { threshold: worker.breakerThreshold, cooldownMs: worker.breakerCooldownMs })])) as {
    [C in ExternalChannel]: ProviderChain<Provider<C>>;
  };

  let running = false;
  let inFlight = 0;
  let wakeUp: (() => void) | undefined;
  let woken = false;
  let loop: Promise<void> | undefined;
  let abandoned = false;
  // Bumped by abandon(): work started before it is never recorded, as if its process had died.
  let generation = 0;
  const pending: Outcome[] = [];
  let flushTimer: NodeJS.Timeout | undefined;
  let flushing: Promise<void> = Promise.resolve();
  let slotFreed: (() => void) | undefined;

  function wake(): void {
    woken = true;
    wakeUp?.();
  }

  async function claim(limit: number): Promise<ClaimedRow[]> {
    const result = await sql<ClaimedRow>`
      WITH c AS (
        SELECT log_id FROM notification_logs
        WHERE status IN ('queued', 'standby', 'sending') AND due_at <= now()
        ORDER BY priority DESC, due_at
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED)
      UPDATE notification_logs n
      SET status = 'sending', due_at = now() + make_interval(secs => ${worker.leaseSeconds}), attempts = n.attempts + 1
      FROM c WHERE n.log_id = c.log_id
      RETURNING n.log_id, n.request_id, n.user_id, n.channel, n.notification_type, n.attempts, n.max_retries, n.step,
        n.recipient, n.content, n.history, n.created_at, n.send_time AS due_since, n.metadata`.execute(db);
    return result.rows;
  }

  async function loadContext(rows: ClaimedRow[]): Promise<BatchContext> {
    const users = rows.filter((r) => r.channel !== 'webhook').map((r) => r.user_id);
    const addressed = rows.filter((r) => (r.channel === 'email' || r.channel === 'sms') && r.recipient.address);
    const pushUsers = [...new Set(rows.filter((r) => r.channel === 'push').map((r) => r.user_id))];
    const chained = [...new Set(rows.filter((r) => r.step > 0).map((r) => r.request_id))];
    const [prefs, suppressedRows, deviceRows, deliveredRows] = await Promise.all([
      preferences.getMany(users),
      addressed.length
        ? sql<{ channel: string; address: string }>`
            SELECT s.channel, s.address FROM address_suppressions s
            JOIN unnest(${addressed.map((r) => r.channel)}::text[], ${addressed.map((r) => r.recipient.address)}::text[]) AS a(channel, address)
              ON s.channel = a.channel AND s.address = a.address`
            .execute(db)
            .then((r) => r.rows)
        : [],
      pushUsers.length ? db.selectFrom('device_tokens').selectAll().where('user_id', 'in', pushUsers).orderBy('created_at').execute() : [],
      chained.length
        ? db.selectFrom('notification_logs').select(['request_id', 'step']).where('request_id', 'in', chained).where('status', 'in', TERMINAL_DELIVERED).execute()
        : [],
    ]);
    const devices = new Map<string, Device[]>();
    for (const d of deviceRows) {
      const list = devices.get(d.user_id) ?? [];
      list.push({ deviceId: d.device_id, token: d.token, platform: d.platform as Platform, lastUsed: new Date(d.last_used).toISOString() });
      devices.set(d.user_id, list);
    }
    const deliveredSteps = new Map<string, number[]>();
    for (const r of deliveredRows) deliveredSteps.set(r.request_id, [...(deliveredSteps.get(r.request_id) ?? []), r.step]);
    return { prefs, suppressed: new Set(suppressedRows.map((r) => `${r.channel}\n${r.address}`)), devices, deliveredSteps };
  }

  const now = () => new Date();
  const entry = (row: ClaimedRow, status: string, extra: Omit<HistoryEntry, 'at' | 'status'> = {}): HistoryEntry => ({
    at: now().toISOString(),
    status,
    attempt: row.attempts,
    ...extra,
  });

  function skipped(row: ClaimedRow, code: string, detail: string): Outcome {
    return { row, status: 'skipped', errorCode: code, errorMessage: detail, history: [entry(row, 'skipped', { code, detail })], attemptsDelta: 0 };
  }

  function failed(row: ClaimedRow, code: string, detail: string, provider?: string): Outcome {
    return { row, status: 'failed', errorCode: code, errorMessage: detail, provider, history: [entry(row, 'failed', { code, detail, provider })], attemptsDelta: 0 };
  }

  /** The next attempt after a retryable failure, or the dead-letter queue when attempts are spent. */
  function retryOrDead(row: ClaimedRow, error: ProviderError, provider: string | undefined, extraHistory: HistoryEntry[] = []): Outcome {
    const history = [...extraHistory, entry(row, 'attempt_failed', { code: error.code, detail: error.message, provider })];
    if (row.attempts > row.max_retries) {
      history.push(entry(row, 'dead', { code: error.code, detail: `Gave up after ${row.attempts} attempts.` }));
      return { row, status: 'dead', errorCode: error.code, errorMessage: error.message, provider, history, attemptsDelta: 0 };
    }
    const exponential = Math.min(worker.retryMaxMs, worker.retryBaseMs * 2 ** (row.attempts - 1));
    const jittered = exponential / 2 + Math.random() * (exponential / 2);
    const delay = Math.max(jittered, error.retryAfterMs ?? 0);
    const dueAt = new Date(Date.now() + delay);
    history.push(entry(row, 'retry_scheduled', { detail: `Next attempt at ${dueAt.toISOString()}.` }));
    return { row, status: 'queued', dueAt, errorCode: error.code, errorMessage: error.message, provider, history, attemptsDelta: 0 };
  }

  async function render(row: ClaimedRow): Promise<Rendered> {
    const content = row.content;
    if (content.kind === 'literal') return content.fields as Rendered;
    if (row.channel === 'webhook') return { payload: { template: content.key, locale: content.locale, data: content.data } };
    const template = await templates.find(content.key, row.channel, content.locale);
    if (!template) throw new TemplateError('template', `the ${row.channel} template "${content.key}" no longer exists`);
    return templates.render(template, content.data);
  }

  /**
   * A delivery that found every provider of its channel behind an open (or half-open) breaker:
   * it waits until one may be tried again, and the wait is not an attempt.
   */
  function postponed(row: ClaimedRow, until: number, detail: string, history: HistoryEntry[] = []): Outcome {
    // Spread the deliveries waiting on one breaker over a quarter second after it reopens.
    const dueAt = new Date(Math.max(until, Date.now() + BREAKER_RECHECK_MS) + Math.random() * BREAKER_RECHECK_MS);
    return {
      row,
      status: 'queued',
      dueAt,
      errorCode: 'no_provider_available',
      errorMessage: detail,
      history: [...history, entry(row, 'postponed', { code: 'no_provider_available', detail: `${detail} Next try at ${dueAt.toISOString()}.` })],
      attemptsDelta: -1,
    };
  }

  /** Calls the first healthy provider of a channel; records the outcome on its breaker. */
  async function callProvider<C extends ExternalChannel>(channel: C, message: MessageFor[C], platform?: Platform) {
    const picked = chains[channel].pick(platform);
    if (!picked.provider) {
      const detail = `Every ${channel} provider${platform ? ` for ${platform}` : ''} is failing; waiting for one to recover.`;
      // Breakers that will let a call through again postpone the delivery; no provider at all for it is a failure.
      if (Number.isFinite(picked.retryAt)) return { ok: false as const, postponed: true as const, until: picked.retryAt, detail, provider: undefined };
      const error = new ProviderError('retryable', 'no_provider_available', `No ${channel} provider${platform ? ` for ${platform}` : ''} is configured.`);
      return { ok: false as const, postponed: false as const, error, provider: undefined };
    }
    const { provider, breaker } = picked;
    try {
      const result = await provider.send(message as never);
      breaker.success();
      metrics.breakerOpen.set({ channel, provider: provider.name }, 0);
      return { ok: true as const, result, provider: provider.name };
    } catch (err) {
      const error = err instanceof ProviderError ? err : new ProviderError('retryable', 'provider_error', (err as Error).message);
      // A provider that refuses our credentials or does not answer is unhealthy; a bad address is not its fault.
      if (error.kind === 'retryable' || error.code === 'unauthorized') breaker.failure();
      else breaker.success();
      metrics.breakerOpen.set({ channel, provider: provider.name }, breaker.state === 'closed' ? 0 : 1);
      metrics.failed.inc({ channel, provider: provider.name, kind: error.kind });
      return { ok: false as const, postponed: false as const, error, provider: provider.name };
    }
  }

  function tags(row: ClaimedRow): Record<string, string> {
    const tags: Record<string, string> = { parley_delivery_id: row.log_id, parley_request_id: row.request_id, notification_type: row.notification_type };
    const campaign = row.metadata?.campaignId;
    if (typeof campaign === 'string') tags.campaign_id = campaign;
    return tags;
  }

  async function sendExternal(row: ClaimedRow, rendered: Rendered, ctx: BatchContext): Promise<Outcome> {
    const base = { deliveryId: row.log_id, requestId: row.request_id };
    const sentOutcome = (provider: string, externalId: string | undefined, extra: Partial<Outcome> = {}): Outcome => ({
      row,
      status: 'sent',
      provider,
      externalId,
      sendTime: now(),
      history: [entry(row, 'sent', { provider, externalId })],
      attemptsDelta: 0,
      ...extra,
    });
    const single = async <C extends 'email' | 'sms' | 'webhook'>(channel: C, message: MessageFor[C], note?: string) => {
      const call = await callProvider(channel, message);
      if (call.ok) {
        const outcome = sentOutcome(call.provider, call.result.externalId);
        if (note) outcome.history[0]!.detail = note;
        return outcome;
      }
      if (call.postponed) return postponed(row, call.until, call.detail);
      if (call.error.kind === 'permanent') return failed(row, call.error.code, call.error.message, call.provider);
      return retryOrDead(row, call.error, call.provider);
    };

    switch (row.channel) {
      case 'email':
        return single('email', { ...base, to: row.recipient.address as string, subject: rendered.subject ?? '', text: rendered.text, html: rendered.html, tags: tags(row) });
      case 'sms': {
        const text = rendered.text ?? rendered.body ?? '';
        const segments = countSegments(text);
        return single('sms', { ...base, to: row.recipient.address as string, text }, `${segments.segments} segment(s), ${segments.encoding}`);
      }
      case 'webhook':
        return single('webhook', {
          ...base,
          payload: {
            type: 'notification',
            deliveryId: row.log_id,
            requestId: row.request_id,
            notificationType: row.notification_type,
            userId: row.user_id,
            message: rendered.payload ?? rendered,
            metadata: row.metadata ?? {},
          },
        });
      case 'push':
        return sendPush(row, rendered, ctx);
      default:
        throw new Error(`not an external channel: ${row.channel}`);
    }
  }

  /**
   * Push goes to every registered device of the user (or only recipient.deviceId). A retry sends
   * only to the devices that have not had it yet; a token the provider rejects as gone is removed.
   */
  async function sendPush(row: ClaimedRow, rendered: Rendered, ctx: BatchContext): Promise<Outcome> {
    const all = ctx.devices.get(row.user_id) ?? [];
    const targets = row.recipient.deviceId ? all.filter((d) => d.deviceId === row.recipient.deviceId) : all;
    if (targets.length === 0) {
      return skipped(row, 'no_device', row.recipient.deviceId ? `The user has no registered device ${row.recipient.deviceId}.` : 'The user has no registered push device.');
    }
    const done = new Set(row.history.filter((h) => h.status === 'sent' && h.device).map((h) => h.device));
    const history: HistoryEntry[] = [];
    const dropTokens: Device[] = [];
    let firstId: string | undefined;
    let firstProvider: string | undefined;
    let retryable: { error: ProviderError; provider?: string } | undefined;
    let permanent: { error: ProviderError; provider?: string } | undefined;
    let waitFor: { until: number; detail: string } | undefined;
    const priority = (row.metadata?.priority as 'low' | 'medium' | 'high' | undefined) ?? 'medium';
    await Promise.all(
      targets
        .filter((d) => !done.has(d.deviceId))
        .map(async (device) => {
          const call = await callProvider(
            'push',
            {
              deliveryId: row.log_id,
              requestId: row.request_id,
              device: { deviceId: device.deviceId, token: device.token, platform: device.platform },
              title: rendered.title ?? '',
              body: rendered.body ?? '',
              icon: rendered.icon,
              imageUrl: rendered.imageUrl,
              action: rendered.action,
              priority,
              ttlSeconds: 24 * 3600,
            },
            device.platform,
          );
          if (call.ok) {
            firstId ??= call.result.externalId;
            firstProvider ??= call.provider;
            history.push(entry(row, 'sent', { provider: call.provider, device: device.deviceId, externalId: call.result.externalId }));
            return;
          }
          if (call.postponed) {
            waitFor = { until: Math.min(call.until, waitFor?.until ?? Number.POSITIVE_INFINITY), detail: call.detail };
            return;
          }
          history.push(entry(row, 'attempt_failed', { provider: call.provider, device: device.deviceId, code: call.error.code, detail: call.error.message }));
          if (call.error.invalidToken) dropTokens.push(device);
          if (call.error.kind === 'retryable') retryable = { error: call.error, provider: call.provider };
          else permanent = { error: call.error, provider: call.provider };
        }),
    );
    const anySent = done.size > 0 || firstId !== undefined || history.some((h) => h.status === 'sent');
    if (retryable) {
      const outcome = retryOrDead(row, retryable.error, retryable.provider, history);
      outcome.dropTokens = dropTokens;
      // Out of attempts but some devices have it: that is a send, with the failures on record.
      if (outcome.status === 'dead' && anySent) return { ...outcome, status: 'sent', sendTime: now(), externalId: firstId, provider: firstProvider ?? retryable.provider };
      return outcome;
    }
    // Devices whose provider is behind an open breaker wait for it; those that had it are not sent to again.
    if (waitFor) return { ...postponed(row, waitFor.until, waitFor.detail, history), dropTokens };
    if (!anySent && permanent) {
      return { row, status: 'failed', errorCode: permanent.error.code, errorMessage: permanent.error.message, provider: permanent.provider, history, attemptsDelta: 0, dropTokens };
    }
    return { row, status: 'sent', provider: firstProvider, externalId: firstId, sendTime: now(), history, attemptsDelta: 0, dropTokens };
  }

  async function processRow(row: ClaimedRow, ctx: BatchContext): Promise<Outcome> {
    const route = routing[row.notification_type];
    if (row.step > 0) {
      const earlier = (ctx.deliveredSteps.get(row.request_id) ?? []).filter((s) => s < row.step);
      if (earlier.length) return skipped(row, 'earlier_channel_delivered', 'An earlier channel of this notification was delivered.');
    }
    const prefs = ctx.prefs.get(row.user_id);
    const verdict = judge(prefs, row.channel, row.notification_type, route.quietHours === 'respect', now());
    if (!verdict.ok) {
      if ('skip' in verdict) return skipped(row, verdict.skip, verdict.detail);
      return { row, status: 'queued', dueAt: verdict.until, history: [entry(row, 'deferred', { detail: verdict.detail })], attemptsDelta: -1 };
    }
    if ((row.channel === 'email' || row.channel === 'sms') && ctx.suppressed.has(`${row.channel}\n${row.recipient.address}`)) {
      return skipped(row, 'address_suppressed', `${row.recipient.address} bounced or complained before; it is not sent to again.`);
    }
    const limit = prefs?.dailyLimits?.promotionalLimit;
    if (row.notification_type === 'promotional' && limit !== undefined && row.channel !== 'webhook') {
      const allowed = await preferences.countPromotional(row.user_id, userDay(prefs, now()), row.request_id, limit);
      if (!allowed) return skipped(row, 'daily_limit_reached', `The user's limit of ${limit} promotional notifications a day is reached.`);
    }
    let rendered: Rendered;
    try {
      rendered = await render(row);
    } catch (err) {
      if (err instanceof TemplateError) return failed(row, 'template_error', `The template failed to render: ${err.message}`);
      throw err;
    }
    if (row.channel === 'in-app') {
      return { row, status: 'sent', provider: 'in-app', sendTime: now(), rendered, history: [entry(row, 'sent', { provider: 'in-app' })], attemptsDelta: 0 };
    }
    return sendExternal(row, rendered, ctx);
  }

  async function complete(outcomes: Outcome[]): Promise<void> {
    const col = <T>(f: (o: Outcome) => T) => outcomes.map(f);
    const iso = (d: Date | undefined) => (d ? d.toISOString() : null);
    const result = await sql<{ log_id: string; status: string }>`
      UPDATE notification_logs n SET
        status = CASE WHEN u.status = 'sent' AND n.delivery_time IS NOT NULL THEN 'delivered' ELSE u.status END,
        due_at = coalesce(u.due_at, n.due_at),
        provider = coalesce(u.provider, n.provider),
        external_message_id = coalesce(u.external_id, n.external_message_id),
        error_code = u.error_code,
        error_message = u.error_message,
        send_time = coalesce(u.send_time, n.send_time),
        attempts = n.attempts + u.attempts_delta,
        history = n.history || u.history::jsonb,
        content = coalesce(u.content::jsonb, n.content)
      FROM unnest(${col((o) => o.row.log_id)}::uuid[], ${col((o) => o.row.attempts)}::int[], ${col((o) => o.status)}::text[],
        ${col((o) => iso(o.dueAt))}::timestamptz[], ${col((o) => o.provider ?? null)}::text[], ${col((o) => o.externalId ?? null)}::text[],
        ${col((o) => o.errorCode ?? null)}::text[], ${col((o) => o.errorMessage ?? null)}::text[], ${col((o) => iso(o.sendTime))}::timestamptz[],
        ${col((o) => o.attemptsDelta)}::int[], ${col((o) => JSON.stringify(o.history))}::text[],
        ${col((o) => (o.rendered ? JSON.stringify({ kind: 'literal', fields: o.rendered }) : null))}::text[])
        AS u(log_id, attempts, status, due_at, provider, external_id, error_code, error_message, send_time, attempts_delta, history, content)
      WHERE n.log_id = u.log_id AND n.status = 'sending' AND n.attempts = u.attempts
      RETURNING n.log_id, n.status`.execute(db);
    const applied = new Set(result.rows.map((r) => r.log_id));

    const promote: { requestId: string; step: number }[] = [];
    for (const o of outcomes) {
      if (!applied.has(o.row.log_id)) {
        log.warn({ logId: o.row.log_id }, 'outcome dropped: the lease expired and another worker took the delivery');
        continue;
      }
      const channel = o.row.channel;
      switch (o.status) {
        case 'sent':
          metrics.sent.inc({ channel, provider: o.provider ?? 'unknown' });
          metrics.sentLatency.observe({ channel }, Math.max(0, (Date.now() - new Date(o.row.due_since).getTime()) / 1000));
          if (channel === 'in-app' && o.rendered) options.inAppSent(o.row.user_id, feedItem(o.row, o.rendered));
          break;
        case 'queued':
          if (o.attemptsDelta === 0) metrics.retries.inc({ channel });
          break;
        case 'skipped':
          metrics.skipped.inc({ channel, reason: o.errorCode ?? 'unknown' });
          log.info({ logId: o.row.log_id, requestId: o.row.request_id, channel, reason: o.errorCode }, 'delivery skipped');
          break;
        case 'dead':
          metrics.deadLetters.inc({ channel });
          log.warn({ logId: o.row.log_id, requestId: o.row.request_id, channel, code: o.errorCode }, 'delivery dead-lettered');
          break;
        case 'failed':
          log.warn({ logId: o.row.log_id, requestId: o.row.request_id, channel, code: o.errorCode }, 'delivery failed');
          break;
      }
      if ((o.status === 'failed' || o.status === 'dead' || o.status === 'skipped') && routing[o.row.notification_type].strategy === 'fallback') {
        promote.push({ requestId: o.row.request_id, step: o.row.step + 1 });
      }
      for (const device of o.dropTokens ?? []) {
        preferences.dropToken(o.row.user_id, device.deviceId, device.token).catch((err: Error) => log.warn({ err: err.message }, 'removing a device token failed'));
      }
    }
    if (promote.length) {
      // A channel that failed for good hands over to the next one at once instead of at its timer.
      await sql`
        UPDATE notification_logs SET due_at = now()
        FROM unnest(${promote.map((p) => p.requestId)}::uuid[], ${promote.map((p) => p.step)}::smallint[]) AS p(request_id, step)
        WHERE notification_logs.request_id = p.request_id AND notification_logs.step = p.step AND notification_logs.status = 'standby'`.execute(db);
      wake();
    }
  }

  function feedItem(row: ClaimedRow, rendered: Rendered): Record<string, unknown> {
    return {
      logId: row.log_id,
      requestId: row.request_id,
      notificationType: row.notification_type,
      title: rendered.title ?? '',
      body: rendered.body ?? '',
      imageUrl: rendered.imageUrl ?? null,
      action: rendered.action ?? null,
      createdAt: new Date(row.created_at).toISOString(),
      seenAt: null,
      readAt: null,
    };
  }

  function schedule(outcome: Outcome): void {
    pending.push(outcome);
    if (pending.length >= worker.batchSize) void flush();
    else flushTimer ??= setTimeout(() => void flush(), 5);
  }

  function flush(): Promise<void> {
    clearTimeout(flushTimer);
    flushTimer = undefined;
    if (pending.length === 0) return flushing;
    const batch = pending.splice(0, pending.length);
    const written = generation;
    flushing = flushing
      .then(() => complete(batch))
      .then(
        () => release(batch.length),
        (err: Error) => {
          // The database is away: keep the outcomes (those deliveries were sent) and write them when
          // it is back, rather than let the leases expire and send them again.
          if (isDatabaseUnavailable(err) && written === generation && running) {
            pending.unshift(...batch);
            flushTimer ??= setTimeout(() => void flush(), OUTCOME_RETRY_MS);
            return;
          }
          log.error({ err: err.message, count: batch.length }, 'recording outcomes failed; the leases will expire and the deliveries be retried');
          release(batch.length);
        },
      );
    return flushing;
  }

  function release(count: number): void {
    inFlight = Math.max(0, inFlight - count);
    slotFreed?.();
  }

  async function run(): Promise<void> {
    let lastShortClaim = 0;
    let claimFailingSince: number | undefined;
    while (running) {
      const wait = lastShortClaim + CLAIM_INTERVAL_MS - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      if (inFlight >= worker.maxInFlight) {
        await new Promise<void>((resolve) => (slotFreed = resolve));
        slotFreed = undefined;
        continue;
      }
      woken = false;
      let rows: ClaimedRow[] = [];
      try {
        rows = await claim(Math.min(worker.batchSize, worker.maxInFlight - inFlight));
        if (claimFailingSince !== undefined) log.info({ seconds: (Date.now() - claimFailingSince) / 1000 }, 'claiming deliveries again');
        claimFailingSince = undefined;
      } catch (err) {
        // Once per outage: the loop keeps trying at the poll interval.
        if (claimFailingSince === undefined) log.error({ err: (err as Error).message }, 'claiming deliveries failed; trying again every poll until it works');
        claimFailingSince ??= Date.now();
      }
      if (!running) break;
      lastShortClaim = rows.length < worker.batchSize ? Date.now() : 0;
      if (rows.length === 0) {
        if (!woken) await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, worker.pollMs);
          wakeUp = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wakeUp = undefined;
        continue;
      }
      inFlight += rows.length;
      let ctx: BatchContext;
      try {
        ctx = await loadContext(rows);
      } catch (err) {
        log.error({ err: (err as Error).message }, 'loading preferences failed; the claimed deliveries will be retried when their lease expires');
        inFlight -= rows.length;
        continue;
      }
      const claimedIn = generation;
      for (const row of rows) {
        processRow(row, ctx)
          .catch((err: Error) => retryOrDead(row, new ProviderError('retryable', 'internal_error', err.message), undefined))
          .then((outcome) => (claimedIn === generation ? schedule(outcome) : undefined));
      }
    }
  }

  return {
    wake,
    /** The circuit breaker of every provider in this process, by channel, in failover order. */
    breakers(): BreakerReport[] {
      return EXTERNAL_CHANNELS.flatMap((channel) =>
        chains[channel].breakerStates().map((b) => ({ channel, provider: b.provider.name, state: b.state, consecutiveFailures: b.consecutiveFailures, reopensAt: b.reopensAt })),
      );
    },
    start(): void {
      if (running) return;
      running = true;
      if (abandoned) inFlight = 0;
      abandoned = false;
      loop = run();
    },
    /** Stops claiming, lets what is in flight finish and records it. */
    async stop(): Promise<void> {
      running = false;
      wakeUp?.();
      slotFreed?.();
      await loop;
      while (inFlight > 0 && !abandoned) {
        await flush();
        if (inFlight > 0) await new Promise((r) => setTimeout(r, 10));
      }
      await flushing;
    },
    /** Stops as a crash would: nothing in flight is recorded; the leases expire and others take over. */
    async abandon(): Promise<void> {
      abandoned = true;
      generation++;
      running = false;
      pending.length = 0;
      clearTimeout(flushTimer);
      flushTimer = undefined;
      wakeUp?.();
      slotFreed?.();
      await loop;
    },
  };
}

export type Dispatcher = ReturnType<typeof createDispatcher>;
