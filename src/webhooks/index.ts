import type { Logger } from 'pino';
import type { AccessPolicy } from '../access/policy.ts';
import type { Db } from '../db/connect.ts';
import type { App } from '../http/instance.ts';
import type { Acceptor } from '../notifications/accept.ts';
import { createJobRunner } from '../marketplace/marketplace-jobs.ts';
import { fromName } from '../uuid.ts';
import { type Lookup, createAddressRules } from './address-rules.ts';
import { createEventRecorder } from './event-recorder.ts';
import { pruneWebhookEvents } from './sql/pruneWebhookEvents.ts';
import { createWebhookEndpoints } from './webhook-endpoints.ts';
import { webhookRoutes } from './webhook-routes.ts';
import { createWebhookSender } from './webhook-sender.ts';
import type { WebhookSettings } from './webhook-settings.ts';
import { type DisabledListener, createWebhookWorker } from './webhook-worker.ts';

/**
 * Event webhooks for CRM and helpdesk tools: owner of webhook_endpoints, webhook_events and
 * webhook_deliveries. The owners of conversations, messages, orders, disputes and
 * notifications record events through `sink` (src/events/event-sink.ts); workers deliver them.
 */
export function createWebhooks({
  db,
  access,
  settings,
  acceptor,
  worker,
  logger,
  lookup,
  appUrl,
}: {
  db: Db;
  access: AccessPolicy;
  settings: WebhookSettings;
  acceptor: Acceptor;
  /** Whether this process delivers (the worker role). */
  worker: boolean;
  logger: Logger;
  /** The resolver (tests put their own in to try rebinding). */
  lookup?: Lookup;
  /** The web app's address: the notice links to its webhooks page. */
  appUrl: string;
}) {
  const log = logger.child({ component: 'webhooks' });
  const rules = createAddressRules({ allowHosts: settings.allowHosts, lookup });
  const sender = createWebhookSender(rules, { timeoutMs: settings.timeoutMs, maxResponseBytes: settings.maxResponseBytes });
  const endpoints = createWebhookEndpoints({ db, access, rules, rotationOverlapSeconds: settings.rotationOverlapSeconds });

  /** Its owner hears in the app (the seller, or the operator who registered it) that an endpoint was disabled. */
  const disabled: DisabledListener = async (endpoint) => {
    const userId = endpoint.seller_id ?? endpoint.created_by;
    const body = `Parley stopped sending events to ${endpoint.url}: it has been failing since ${endpoint.failing_since.toISOString()}. Fix the receiver, then enable the endpoint again; the events that waited are sent then.`;
    await acceptor.acceptOne({
      requestId: fromName(`parley:webhook-disabled:${endpoint.endpoint_id}:${endpoint.failing_since.toISOString()}`),
      notificationType: 'transactional',
      channels: ['in-app'],
      recipient: { userId },
      message: { inAppMessage: { title: 'A webhook endpoint was disabled', body, action: { type: 'custom', url: `${appUrl}/webhooks` } } },
    });
  };
  const deliveries = createWebhookWorker({ db, settings, sender, disabled, log });
  const jobs = createJobRunner(
    [
      { name: 'webhook-deliveries', intervalMs: settings.pollMs, run: () => deliveries.deliverDue() },
      { name: 'webhook-log-pruning', intervalMs: 3_600_000, run: () => pruneWebhookEvents(db, settings.logDays) },
    ],
    log,
  );

  return {
    sink: createEventRecorder(),
    endpoints,
    jobs,
    async register(app: App): Promise<void> {
      await app.register(webhookRoutes, { endpoints });
    },
    start(): void {
      if (worker) jobs.start();
    },
    async close(): Promise<void> {
      await jobs.stop();
      await sender.close();
    },
  };
}

export type Webhooks = ReturnType<typeof createWebhooks>;
