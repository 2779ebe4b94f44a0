import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { AccessPolicy } from '../access/policy.ts';
import type { AttachmentStore } from '../attachments/store.ts';
import type { RecordOrderCustomer } from '../audiences/audience-types.ts';
import type { Config } from '../config.ts';
import type { ConversationsService } from '../conversations/conversations-service.ts';
import type { MessageCrypto } from '../crypto/message-crypto.ts';
import type { Db } from '../db/connect.ts';
import type { EventSink } from '../events/event-sink.ts';
import type { App } from '../http/instance.ts';
import type { MessagesService } from '../messages/messages-service.ts';
import type { Acceptor } from '../notifications/accept.ts';
import type { InvalidationBus } from '../notifications/invalidation.ts';
import type { PreferencesService } from '../notifications/preferences/user-preferences.ts';
import type { Digests } from '../notifications/digests/digests.ts';
import { createRateLimit } from '../rate-limit.ts';
import type { FanOut } from '../realtime/fanout.ts';
import { createAnalyticsJob } from './analytics/analytics-job.ts';
import { createAnalyticsReports } from './analytics/analytics-reports.ts';
import { messagingAnalyticsRoutes } from './analytics/messaging-analytics-routes.ts';
import { contactRevealRoutes } from './contact-reveal/contact-reveal-routes.ts';
import { createContactReveal } from './contact-reveal/contact-reveal.ts';
import { contactRoutes } from './contacts/contact-routes.ts';
import { createContacts } from './contacts/user-contacts.ts';
import { disputeRoutes } from './disputes/dispute-routes.ts';
import { createDisputes } from './disputes/disputes.ts';
import { createFlagQueue } from './disputes/flag-queue.ts';
import { createDisputeEvidence } from './disputes/evidence/dispute-evidence.ts';
import { evidenceRoutes } from './disputes/evidence/evidence-routes.ts';
import { createMaskingReport } from './disputes/masking-report.ts';
import { createJobRunner, type Job } from './marketplace-jobs.ts';
import { createNotifier } from './marketplace-notifier.ts';
import { createNoticeTexts } from './notice-texts.ts';
import { createLocaleResolver } from '../i18n/i18n.ts';
import type { Templates } from '../notifications/templates/notification-templates.ts';
import { pushActionRoutes } from './push-actions/push-action-routes.ts';
import { createPushActions } from './push-actions/push-actions.ts';
import type { PushActionLinks } from '../notifications/push-actions/push-action-links.ts';
import { createAutomatedNotices } from './orders/automated-notices.ts';
import { createOrderAutomation } from './orders/order-automation.ts';
import { createOrderConversations } from './orders/order-conversations.ts';
import { startOrderConsumer } from './orders/order-event-consumer.ts';
import { orderRoutes } from './orders/order-routes.ts';
import { createQuickReplies } from './replies/quick-replies.ts';
import { createOrderRatings } from './ratings/order-ratings.ts';
import { ratingRoutes } from './ratings/rating-routes.ts';
import { replyRoutes } from './replies/reply-routes.ts';
import { createSellerTemplates } from './replies/reply-templates.ts';
import { createReminders } from './unread-reminders.ts';

export interface MarketplaceDeps {
  config: Config;
  db: Db;
  redis?: Redis;
  fanOut: FanOut;
  crypto: MessageCrypto;
  /** The one access policy: routes declare their permission, services check the ids with it. */
  access: AccessPolicy;
  messages: MessagesService;
  conversations: ConversationsService;
  acceptor: Acceptor;
  preferences: PreferencesService;
  bus: InvalidationBus;
  /** Reads the action tokens of interactive pushes (the notification engine signs them). */
  pushActionTokens: PushActionLinks;
  logger: Logger;
  /** The notification templates: an operator's template of a notice's key words it in a locale (see notice-texts.ts). */
  noticeTemplates?: Pick<Templates, 'find' | 'render'>;
  /** The reply-to address of a participant for emails about their conversation (reply by email); absent: none. */
  replyAddress?: (conversationId: string, userId: string) => Promise<string>;
  /** Digests: a user who takes chat as a digest gets their unread messages in it instead of reminders. */
  digests?: Pick<Digests, 'chatWindow' | 'collectChat'>;
  /** Attachment bytes, for dispute evidence archives. */
  attachmentStore: AttachmentStore;
  /** Where order, dispute and order-conversation events go (the event webhooks). */
  events: EventSink;
  /** Records an order's buyer as the seller's customer (audiences), in the order event's transaction. */
  customers?: RecordOrderCustomer;
}

/**
 * Marketplace messaging, assembled from its sub-modules: orders (order events over HTTP and
 * RabbitMQ, order state, order and inquiry conversations, automated notices), disputes (and the
 * moderators' lists), replies (seller templates and quick replies), analytics (the job and its
 * reports), ratings (customer satisfaction) and contacts; unread reminders besides. Its background jobs and the RabbitMQ
 * consumer run in processes with the worker role.
 */
export async function createMarketplace(deps: MarketplaceDeps) {
  const { config, db, redis, fanOut, crypto, access, messages, conversations, acceptor, preferences, bus, pushActionTokens, logger, attachmentStore, events, noticeTemplates } = deps;
  const settings = config.marketplace;
  const contacts = createContacts(db);
  const resolveLocale = createLocaleResolver(config.notifications.defaultLocale, logger);
  const texts = createNoticeTexts({ templates: noticeTemplates, resolveLocale, log: logger });
  const notifier = createNotifier({ acceptor, contacts, channels: settings.orderNotificationChannels, appUrl: `${config.publicUrl}/app`, texts });
  const sellerLimit = createRateLimit({ name: 'seller-templates', points: settings.templateRateLimit, durationSeconds: 60, redis, prefix: config.redisPrefix, what: 'template and quick-reply changes' });
  const orderConversations = createOrderConversations({ db, access, messages, conversations, events });
  const systemLocale = resolveLocale(config.notifications.defaultLocale).locale;
  const ratings = createOrderRatings({ db, access, messages, notifier, systemLocale });
  const disputes = createDisputes({ db, access, messages, notifier, fanOut, settings, events, ratings, systemLocale });
  const flags = createFlagQueue({ db, access });
  const masking = createMaskingReport({ db, access });
  // Masking that follows the order: message views ask which conversations reveal contact details.
  const reveal = createContactReveal({ db, access, bus });
  messages.revealContactsWith(reveal.revealedIn);
  const evidence = createDisputeEvidence({ db, access, messages, store: attachmentStore, encryptionKey: config.encryptionKey });
  const orders = createOrderAutomation({ db, messages, notifier, contacts, disputes, settings, conversations: orderConversations, events, ratings, systemLocale, customers: deps.customers });
  const notices = createAutomatedNotices({ db, access, messages, notifier });
  const pushActions = createPushActions({ db, tokens: pushActionTokens, messages, orders, orderConversations, fanOut });
  const reminders = createReminders({ db, messages, notifier, contacts, preferences, replyAddress: deps.replyAddress, digests: deps.digests, log: logger, resolveLocale });
  const templates = createSellerTemplates({ db, access, limit: sellerLimit, bus, messages, log: logger, flushIntervalMs: config.notifications.roles.worker ? undefined : settings.jobIntervalMs });
  const quickReplies = createQuickReplies({ db, access, limit: sellerLimit, bus, messages, templates });
  const analytics = createAnalyticsJob({ db, crypto, log: logger.child({ component: 'analytics' }) });
  const reports = createAnalyticsReports({ db, access });

  const jobs: Job[] = [
    { name: 'unread-reminders', intervalMs: settings.jobIntervalMs, run: () => reminders.sendDue() },
    { name: 'dispute-queue', intervalMs: settings.jobIntervalMs, run: () => disputes.queueOverdue() },
    { name: 'template-usage', intervalMs: settings.jobIntervalMs, run: () => templates.flushUsage() },
    { name: 'analytics', intervalMs: settings.analyticsIntervalMs, run: () => analytics.refresh() },
  ];
  const runner = createJobRunner(jobs, logger.child({ component: 'marketplace-jobs' }));
  let consumer: Awaited<ReturnType<typeof startOrderConsumer>> | undefined;

  return {
    jobs: runner,
    orders,

    async register(app: App): Promise<void> {
      await app.register(orderRoutes, { orders, conversations: orderConversations, notices });
      await app.register(contactRoutes, { contacts, access, resolveLocale });
      await app.register(disputeRoutes, { disputes, flags, masking });
      await app.register(contactRevealRoutes, { reveal });
      await app.register(evidenceRoutes, { evidence });
      await app.register(replyRoutes, { templates, quickReplies });
      await app.register(messagingAnalyticsRoutes, { reports });
      await app.register(pushActionRoutes, { pushActions });
      await app.register(ratingRoutes, { ratings });
    },

    async start(): Promise<void> {
      if (!config.notifications.roles.worker) return;
      runner.start();
      if (settings.amqpUrl) consumer = await startOrderConsumer({ url: settings.amqpUrl, queue: settings.amqpQueue, orders, log: logger.child({ component: 'amqp' }) });
    },

    async close(): Promise<void> {
      await consumer?.close();
      await runner.stop();
      await templates.close();
    },
  };
}
