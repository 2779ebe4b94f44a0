import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { App } from '../http/instance.ts';
import type { Config } from '../config.ts';
import type { ConversationsService } from '../conversations/service.ts';
import type { MessageCrypto } from '../crypto/message-crypto.ts';
import type { Db } from '../db/connect.ts';
import type { MessagesService } from '../messages/service.ts';
import type { Acceptor } from '../notifications/accept.ts';
import type { InvalidationBus } from '../notifications/invalidation.ts';
import type { PreferencesService } from '../notifications/preferences.ts';
import { createRateLimit } from '../rate-limit.ts';
import type { FanOut } from '../realtime/fanout.ts';
import { startOrderConsumer } from './orders/order-event-consumer.ts';
import { createAnalytics } from './analytics/analytics-job.ts';
import { analyticsRoutes } from './analytics/messaging-analytics-routes.ts';
import { createAutoNotify } from './orders/automated-notices.ts';
import { createContacts } from './contacts/user-contacts.ts';
import { contactRoutes, conversationRoutes, moderationRoutes, orderRoutes } from './routes.ts';
import { createMarketplaceConversations } from './orders/order-conversations.ts';
import { createDisputes } from './disputes/disputes.ts';
import { createJobRunner, type Job } from './marketplace-jobs.ts';
import { createNotifier } from './marketplace-notifier.ts';
import { createOrderAutomation } from './orders/order-automation.ts';
import { createReminders } from './unread-reminders.ts';
import { createQuickReplies } from './replies/quick-replies.ts';
import { templateRoutes } from './replies/reply-routes.ts';
import { createSellerTemplates } from './replies/reply-templates.ts';

export interface MarketplaceDeps {
  config: Config;
  db: Db;
  redis?: Redis;
  fanOut: FanOut;
  crypto: MessageCrypto;
  messages: MessagesService;
  conversations: ConversationsService;
  acceptor: Acceptor;
  preferences: PreferencesService;
  bus: InvalidationBus;
  logger: Logger;
}

/**
 * Marketplace messaging, assembled: order automation (events over HTTP and RabbitMQ), order and
 * inquiry conversations with their timeline, seller templates and quick replies, disputes and
 * moderation, unread reminders and analytics. Its background jobs and the RabbitMQ consumer
 * run in processes with the worker role.
 */
export async function createMarketplace(deps: MarketplaceDeps) {
  const { config, db, redis, fanOut, crypto, messages, conversations, acceptor, preferences, bus, logger } = deps;
  const settings = config.marketplace;
  const contacts = createContacts(db);
  const notifier = createNotifier({ acceptor, contacts, channels: settings.orderNotificationChannels });
  const sellerLimit = createRateLimit({ name: 'seller-templates', points: settings.templateRateLimit, durationSeconds: 60, redis, prefix: config.redisPrefix, what: 'template and quick-reply changes' });
  const marketplaceConversations = createMarketplaceConversations({ db, messages, conversations });
  const disputes = createDisputes({ db, messages, notifier, fanOut, settings });
  const orders = createOrderAutomation({ db, messages, notifier, contacts, disputes, settings, conversations: marketplaceConversations });
  const reminders = createReminders({ db, messages, notifier, contacts, preferences, log: logger });
  const autoNotify = createAutoNotify({ db, messages, notifier });
  const templates = createSellerTemplates({ db, limit: sellerLimit, bus, messages, log: logger, flushIntervalMs: config.notifications.roles.worker ? undefined : settings.jobIntervalMs });
  const quickReplies = createQuickReplies({ db, limit: sellerLimit, bus, messages, templates });
  const analytics = createAnalytics({ db, crypto, log: logger.child({ component: 'analytics' }) });

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
      await app.register(orderRoutes, { orders });
      await app.register(contactRoutes, { contacts });
      await app.register(conversationRoutes, { conversations: marketplaceConversations, disputes, autoNotify });
      await app.register(moderationRoutes, { db, disputes });
      await app.register(templateRoutes, { templates, quickReplies });
      await app.register(analyticsRoutes, { analytics });
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
