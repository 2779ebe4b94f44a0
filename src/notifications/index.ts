import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { AccessPolicy } from '../access/policy.ts';
import type { Config } from '../config.ts';
import type { ConsentLog } from '../consents/consent-log.ts';
import type { LinkSigner } from '../crypto/signed-links.ts';
import type { Db } from '../db/connect.ts';
import type { App } from '../http/instance.ts';
import type { Metrics } from '../metrics.ts';
import { createRateLimit } from '../rate-limit.ts';
import type { FanOut } from '../realtime/fanout.ts';
import { type Acceptor, createAcceptor } from './accept.ts';
import { createDigests } from './digests/digests.ts';
import { createBacklog, guardAccepting } from './backlog.ts';
import { createNotificationAnalytics } from './analytics/delivery-analytics.ts';
import { deliveryAnalyticsRoutes } from './analytics/delivery-analytics-routes.ts';
import { callbackRoutes } from './callbacks/callback-routes.ts';
import { createTracking } from './callbacks/delivery-tracking.ts';
import { createDeliveryLog } from './deliveries/delivery-log.ts';
import { deliveryRoutes } from './deliveries/delivery-routes.ts';
import { createDeliveryStatus } from './deliveries/delivery-status.ts';
import { createDispatcher } from './dispatcher.ts';
import { createFrequencyCaps } from './frequency-caps/frequency-caps.ts';
import { createEngagement } from './engagement/engagement.ts';
import { engagementRoutes } from './engagement/engagement-routes.ts';
import { createInAppNow } from './dispatch/in-app-now.ts';
import { feedRoutes } from './feed/feed-routes.ts';
import { createFeed } from './feed/in-app-feed.ts';
import { createInvalidationBus } from './invalidation.ts';
import { preferenceRoutes } from './preferences/preference-routes.ts';
import { createPreferences } from './preferences/user-preferences.ts';
import { createProviders } from './providers/registry.ts';
import { createSuppressions } from './suppressions/address-suppressions.ts';
import { suppressionRoutes } from './suppressions/suppression-routes.ts';
import { pruneStaleTokens } from './preferences/token-pruning.ts';
import { createInboundSms } from './callbacks/inbound-sms.ts';
import { inboundSmsRoutes } from './callbacks/inbound-sms-routes.ts';
import { whatsAppRoutes } from './callbacks/whatsapp-routes.ts';
import { createServiceWindows } from './whatsapp/service-windows.ts';
import { createJobRunner } from '../marketplace/marketplace-jobs.ts';
import { notificationTemplateRoutes } from './templates/notification-template-routes.ts';
import { createTemplates } from './templates/notification-templates.ts';
import { createRecipientChoices } from './unsubscribe/recipient-choices.ts';
import { createRecipientLinks } from './unsubscribe/recipient-links.ts';
import { createPushActionLinks } from './push-actions/push-action-links.ts';
import { recipientPageRoutes } from './unsubscribe/recipient-page-routes.ts';
import { listenForDeliveries } from './wakeup.ts';
import type { EventSink } from '../events/event-sink.ts';
import type { FrequencyCaps } from './frequency-caps/frequency-caps.ts';

export type { FrequencyCaps } from './frequency-caps/frequency-caps.ts';
import type { PromotionQuota } from './dispatch/delivery-gates.ts';

/** A batch of up to 1,000 notifications may be this many times the size of any other request. */
const BATCH_BODY_FACTOR = 16;

export interface NotificationDeps {
  config: Config;
  db: Db;
  redis?: Redis;
  fanOut: FanOut;
  metrics: Metrics;
  logger: Logger;
  /** The access policy: resource checks (a user's own preferences, devices, feed, notification status). */
  access: AccessPolicy;
  /** Signs links in messages that recipients follow without signing in (tracking, unsubscribe). */
  links: LinkSigner;
  /** The promotional consent log (unsubscribe and SMS STOP withdraw consent through it). */
  consents: ConsentLog;
  /** The users reached at a phone number (the marketplace's contacts): whom an inbound STOP is from. */
  usersByPhone: (phoneNumber: string) => Promise<string[]>;
  /** Where notification.* events go (the event webhooks): recorded with the delivery change that makes them. */
  events?: EventSink;
  /** Vendors' monthly quotas: one unit per promotional email or SMS sent for a vendor outside a campaign (the tiers own them). */
  promotionQuota?: PromotionQuota;
}

/**
 * The notification engine, assembled: accept → queue (deliveries: notification_logs) →
 * dispatcher → providers → tracking. Each table has one owner here: deliveries
 * (notification_logs, notification_daily_counts), preferences (user_preferences,
 * device_tokens), frequency caps (notification_capped_sends), suppressions (address_suppressions), templates (notification_templates);
 * everything else is given the owner's functions. The dispatcher exists only in processes
 * with the worker role.
 */
export async function createNotifications({ config, db, redis, fanOut, metrics, logger, access, links, consents, usersByPhone, events, promotionQuota }: NotificationDeps) {
  const n = config.notifications;
  const bus = createInvalidationBus({ redisUrl: config.redisUrl, prefix: config.redisPrefix, timeoutMs: config.redisTimeoutMs, log: logger });
  await bus.ready();
  const deliveries = createDeliveryLog(db, events);
  const suppressions = createSuppressions(db);
  const frequencyCaps = createFrequencyCaps({ db, settings: n.frequencyCaps });
  const preferences = createPreferences({
    db,
    latestDailyCount: deliveries.latestDailyCount,
    changed: (userId) => bus.publish('preferences', userId),
    tokenRegistered: suppressions.tokenRegistered,
  });
  bus.on('preferences', (userId) => preferences.forget(userId));
  bus.onReset(() => preferences.forgetAll());
  const templates = createTemplates({ db, defaultLocale: n.defaultLocale, changed: (key) => bus.publish('templates', key) });
  bus.on('templates', (key) => templates.forget(key));
  bus.onReset(() => templates.forgetAll());
  const recipientLinks = createRecipientLinks({ links, settings: n.unsubscribe });
  const pushActions = createPushActionLinks(links, n.defaultLocale);
  const choices = createRecipientChoices({ preferences, consents });
  const tracking = createTracking({ deliveries, suppressions, metrics, preferences, log: logger });
  const feed = createFeed({ deliveries, fanOut });
  const serviceWindows = createServiceWindows(db);
  const engagement = createEngagement({ deliveries, links, access, metrics, trackingOffTypes: n.trackingOffTypes, inAppClicked: (userId) => feed.announce(userId) });
  const inAppDelivered = createBatcher<string>((ids) => tracking.inAppDelivered(ids), logger);
  const providers = n.roles.worker ? createProviders(n.providers, logger) : undefined;
  // The acceptor is made below; digests accept through it once it exists.
  const acceptVia: Pick<Acceptor, 'prepare'> = { prepare: (requests, options) => acceptor.prepare(requests, options) };
  const digests = createDigests({ db, acceptor: acceptVia, templates, preferences, routing: n.routing, defaultLocale: n.defaultLocale, log: logger.child({ component: 'digests' }) });
  const dispatcher = providers
    ? createDispatcher({
        deliveries,
        providers,
        preferences,
        suppressions,
        templates,
        routing: n.routing,
        metrics,
        prepareEmail: engagement.prepareEmail,
        log: logger.child({ component: 'dispatcher' }),
        inAppSent: (userId, notification) => fanOut.publish({ userIds: [userId], payload: { type: 'notification.created', notification } }),
        worker: n.worker,
        links: recipientLinks,
        pushActions,
        consents,
        serviceWindows,
        digests,
        frequencyCaps,
        promotionQuota,
      })
    : undefined;
  const wake = () => dispatcher?.wake();
  const inbound = createInboundSms({ suppressions, consents, usersByPhone, replies: n.smsReplies, log: logger.child({ component: 'inbound-sms' }) });
  const jobs = createJobRunner(
    [
      { name: 'device-token-pruning', intervalMs: n.deviceTokens.pruneIntervalMs, run: () => pruneStaleTokens({ preferences, suppressions, maxAgeDays: n.deviceTokens.maxAgeDays }) },
      { name: 'digests', intervalMs: n.digestCheckMs, run: () => digests.sendDue() },
    ],
    logger.child({ component: 'notification-jobs' }),
  );
  /** In-app items sent at acceptance: counted as accepted and sent, but never in the queue. */
  let settledAtAcceptance = 0;
  const inApp = {
    settle: createInAppNow({ preferences, templates, routing: n.routing, links: recipientLinks, capped: frequencyCaps.applies }),
    sent: (note: { userId: string; item: Record<string, unknown>; dueSince: Date }) => {
      settledAtAcceptance++;
      metrics.sent.inc({ channel: 'in-app', provider: 'in-app' });
      metrics.sentLatency.observe({ channel: 'in-app' }, Math.max(0, (Date.now() - note.dueSince.getTime()) / 1000));
      fanOut.publish({ userIds: [note.userId], payload: { type: 'notification.created', notification: note.item } });
    },
  };
  const acceptor = createAcceptor({ db, deliveries, templates, routing: n.routing, wake, accepted: (channel) => metrics.accepted.inc({ channel }), inApp });
  const backlog = createBacklog({
    settings: n.backlog,
    routing: n.routing,
    depth: deliveries.queueDepth,
    accepted: async () => (await total(metrics.accepted)) - settledAtAcceptance,
    finished: async () => (await total(metrics.sent)) + (await total(metrics.skipped)) + (await total(metrics.deadLetters)) - settledAtAcceptance,
    log: logger,
  });
  const templateLimit = createRateLimit({ name: 'templates', points: n.templateRateLimit, durationSeconds: 60, redis, prefix: config.redisPrefix, what: 'template changes' });
  const status = createDeliveryStatus({ deliveries, access, wake });
  const analytics = createNotificationAnalytics({ deliveries, providers: n.providers, breakers: () => dispatcher?.breakers() });
  const listener = dispatcher && config.databaseUrl ? await listenForDeliveries(config.databaseUrl, wake, logger) : undefined;

  return {
    dispatcher,
    acceptor,
    /** Background work of the notification engine (worker role): device token pruning, sending digests whose window closed. */
    jobs,
    /** Digests: the unread reminders collect chat messages into a user's chat digest through it. */
    digests,
    preferences,
    /** Notification templates: the marketplace's notices look for an operator's wording here. */
    templates,
    /** Action tokens of pushes with buttons: the endpoint their actions post to reads them. */
    pushActions,
    /** Frequency caps: cappedUsers() answers a campaign's dry run ("C over frequency cap") as the dispatcher would decide. */
    frequencyCaps: frequencyCaps as FrequencyCaps,
    /** WhatsApp customer-service windows (erasure forgets a person's number). */
    serviceWindows,
    /** Unsubscribe and preference-page links for a user (the demo shows them). */
    recipientLinks,
    bus,
    /** An in-app notification reached one of its user's sockets (recorded in batches). */
    inAppDelivered: inAppDelivered.add,

    async register(app: App): Promise<void> {
      // The accepting routes declare 429 queue_backlog and, past the configured backlog, give it.
      await app.register(async (scope) => {
        scope.addHook('onRoute', guardAccepting(backlog));
        await scope.register(deliveryRoutes, { acceptor, status, batchBodyLimit: BATCH_BODY_FACTOR * config.bodyLimit });
      });
      await app.register(deliveryAnalyticsRoutes, { analytics });
      await app.register(feedRoutes, { feed, access });
      await app.register(preferenceRoutes, { preferences, access });
      await app.register(notificationTemplateRoutes, { templates, limit: templateLimit });
      await app.register(callbackRoutes, { config: n.providers, tracking });
      await app.register(recipientPageRoutes, { links: recipientLinks, choices });
      await app.register(inboundSmsRoutes, { config: n.providers, inbound, publicUrl: config.publicUrl, log: logger.child({ component: 'inbound-sms' }) });
      await app.register(whatsAppRoutes, { config: n.providers, tracking, windows: serviceWindows, inbound, log: logger.child({ component: 'whatsapp' }) });
      await app.register(suppressionRoutes, { suppressions });
      await app.register(engagementRoutes, { engagement });
    },

    start(): void {
      dispatcher?.start();
      if (n.roles.worker) jobs.start();
      if (n.roles.api) backlog.start();
    },

    /** Lets the dispatcher finish what it has in flight, then closes providers and listeners. */
    async close(): Promise<void> {
      await jobs.stop();
      await backlog.stop();
      await dispatcher?.stop();
      await listener?.close();
      await inAppDelivered.flush();
      for (const list of Object.values(providers ?? {})) for (const p of list) await p.close?.();
      await bus.close();
    },

    /** Sets the queue-depth gauge; counted when scraped rather than kept up to date. */
    async recordQueueDepth(): Promise<void> {
      const depth = await deliveries.queueDepth();
      for (const state of ['due', 'scheduled', 'sending'] as const) metrics.queueDepth.set({ state }, depth[state]);
    },
  };
}

/** A counter's total over all its labels. */
async function total(counter: Metrics['accepted']): Promise<number> {
  return (await counter.get()).values.reduce((sum, v) => sum + v.value, 0);
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
