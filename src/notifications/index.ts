import type { App } from '../http/instance.ts';
import type { Redis } from 'ioredis';
import { sql } from 'kysely';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { Db } from '../db/connect.ts';
import type { Metrics } from '../metrics.ts';
import { createRateLimit } from '../rate-limit.ts';
import type { FanOut } from '../realtime/fanout.ts';
import { createAcceptor } from './accept.ts';
import { createNotificationAnalytics } from './analytics.ts';
import { notificationAnalyticsRoutes } from './analytics-routes.ts';
import { callbackRoutes } from './callback-routes.ts';
import { createDispatcher } from './dispatcher.ts';
import { createFeed } from './feed.ts';
import { createInvalidationBus } from './invalidation.ts';
import { preferenceRoutes } from './preference-routes.ts';
import { createPreferences } from './preferences.ts';
import { createProviders } from './providers/registry.ts';
import { notificationRoutes } from './routes.ts';
import { templateRoutes } from './template-routes.ts';
import { createTemplates } from './templates.ts';
import { createTracking } from './tracking.ts';
import { listenForDeliveries } from './wakeup.ts';

/** A batch of up to 1,000 notifications may be this many times the size of any other request. */
const BATCH_BODY_FACTOR = 16;

export interface NotificationDeps {
  config: Config;
  db: Db;
  redis?: Redis;
  fanOut: FanOut;
  metrics: Metrics;
  logger: Logger;
}

/**
 * The notification engine, assembled: accept → queue (notification_logs) → dispatcher →
 * providers → tracking. The dispatcher exists only in processes with the worker role.
 */
export async function createNotifications({ config, db, redis, fanOut, metrics, logger }: NotificationDeps) {
  const n = config.notifications;
  const bus = createInvalidationBus({ redisUrl: config.redisUrl, prefix: config.redisPrefix, timeoutMs: config.redisTimeoutMs, log: logger });
  await bus.ready();
  const preferences = createPreferences({ db, changed: (userId) => bus.publish('preferences', userId) });
  bus.on('preferences', (userId) => preferences.forget(userId));
  bus.onReset(() => preferences.forgetAll());
  const templates = createTemplates({ db, defaultLocale: n.defaultLocale, changed: (key) => bus.publish('templates', key) });
  bus.on('templates', (key) => templates.forget(key));
  bus.onReset(() => templates.forgetAll());
  const tracking = createTracking({ db, metrics, preferences, log: logger });
  const feed = createFeed({ db, fanOut });
  const inAppDelivered = createBatcher<string>((ids) => tracking.inAppDelivered(ids), logger);
  const providers = n.roles.worker ? createProviders(n.providers, logger) : undefined;
  const dispatcher = providers
    ? createDispatcher({
        db,
        providers,
        preferences,
        templates,
        routing: n.routing,
        metrics,
        log: logger.child({ component: 'dispatcher' }),
        inAppSent: (userId, notification) => fanOut.publish({ userIds: [userId], payload: { type: 'notification.created', notification } }),
        worker: n.worker,
      })
    : undefined;
  const wake = () => dispatcher?.wake();
  const acceptor = createAcceptor({ db, templates, routing: n.routing, wake, accepted: (channel) => metrics.accepted.inc({ channel }) });
  const templateLimit = createRateLimit({ name: 'templates', points: n.templateRateLimit, durationSeconds: 60, redis, prefix: config.redisPrefix, what: 'template changes' });
  const analytics = createNotificationAnalytics({ db, providers: n.providers, breakers: () => dispatcher?.breakers() });
  const listener = dispatcher && config.databaseUrl ? await listenForDeliveries(config.databaseUrl, wake, logger) : undefined;

  return {
    dispatcher,
    acceptor,
    preferences,
    bus,
    /** An in-app notification reached one of its user's sockets (recorded in batches). */
    inAppDelivered: inAppDelivered.add,

    async register(app: App): Promise<void> {
      await app.register(notificationRoutes, { db, acceptor, feed, wake, batchBodyLimit: BATCH_BODY_FACTOR * config.bodyLimit });
      await app.register(notificationAnalyticsRoutes, { analytics });
      await app.register(preferenceRoutes, { preferences });
      await app.register(templateRoutes, { templates, limit: templateLimit });
      await app.register(callbackRoutes, { config: n.providers, tracking });
    },

    start(): void {
      dispatcher?.start();
    },

    /** Lets the dispatcher finish what it has in flight, then closes providers and listeners. */
    async close(): Promise<void> {
      await dispatcher?.stop();
      await listener?.close();
      await inAppDelivered.flush();
      for (const list of Object.values(providers ?? {})) for (const p of list) await p.close?.();
      await bus.close();
    },

    /** Sets the queue-depth gauge; counted when scraped rather than kept up to date. */
    async recordQueueDepth(): Promise<void> {
      const { rows } = await sql<{ due: number; scheduled: number; sending: number }>`
        SELECT count(*) FILTER (WHERE status <> 'sending' AND due_at <= now())::int AS due,
               count(*) FILTER (WHERE status <> 'sending' AND due_at > now())::int AS scheduled,
               count(*) FILTER (WHERE status = 'sending')::int AS sending
        FROM notification_logs WHERE status IN ('queued', 'standby', 'sending')`.execute(db);
      for (const state of ['due', 'scheduled', 'sending'] as const) metrics.queueDepth.set({ state }, rows[0]![state]);
    },
  };
}

/** Collects ids and hands them over in one call per interval. */
function createBatcher<T>(write: (items: T[]) => Promise<void>, log: Logger, intervalMs = 50) {
  let pending: T[] = [];
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> = Promise.resolve();
  const flush = (): Promise<void> => {
    clearTimeout(timer);
    timer = undefined;
    if (!pending.length) return inFlight;
    const items = pending;
    pending = [];
    inFlight = inFlight.then(() => write(items)).catch((err: Error) => log.warn({ err: err.message }, 'recording in-app deliveries failed'));
    return inFlight;
  };
  return {
    add: (item: T) => {
      pending.push(item);
      timer ??= setTimeout(flush, intervalMs);
    },
    flush,
  };
}
