import type { Logger } from 'pino';
import { webhookHeaders } from '../crypto/standard-webhooks.ts';
import type { Db } from '../db/connect.ts';
import { claimDueWebhookDeliveries, type ClaimedWebhookDelivery } from './sql/claimDueWebhookDeliveries.ts';
import { recordEndpointFailure, recordEndpointSuccess } from './sql/recordEndpointHealth.ts';
import { recordWebhookAttempt } from './sql/recordWebhookAttempt.ts';
import type { WebhookSettings } from './webhook-settings.ts';
import { nextAttemptAt } from './webhook-settings.ts';
import type { createWebhookSender } from './webhook-sender.ts';

/** Told when an endpoint was disabled for failing: its owner hears of it in the app. */
export type DisabledListener = (endpoint: { endpoint_id: string; seller_id: string | null; created_by: string; url: string; failing_since: Date }) => Promise<void>;

const BATCH = 50;

/**
 * The delivery worker: claims due deliveries (see claimDueWebhookDeliveries), POSTs each to its
 * endpoint signed with the endpoint's secret (and the previous one while a rotation overlaps),
 * and records the attempt: delivered, due again per the retry schedule (or the receiver's
 * Retry-After when longer), or failed once the schedule is spent. Each failure marks the
 * endpoint failing since its first failure; failing for a day disables it and tells its owner.
 */
export function createWebhookWorker({
  db,
  settings,
  sender,
  disabled,
  log,
}: {
  db: Db;
  settings: WebhookSettings;
  sender: ReturnType<typeof createWebhookSender>;
  disabled: DisabledListener;
  log: Logger;
}) {
  // A claim lasts longer than any attempt can take; a worker that dies leaves its rows due again after it.
  const leaseSeconds = Math.ceil((settings.timeoutMs * 3) / 1000) + 30;

  async function deliver(row: ClaimedWebhookDelivery): Promise<void> {
    const body = JSON.stringify(row.payload);
    const now = Date.now();
    const secrets = [row.secret];
    if (row.previous_secret && row.previous_secret_expires_at && new Date(row.previous_secret_expires_at).getTime() > now) secrets.push(row.previous_secret);
    // The webhook-id is the event's id: the same on every retry and replay, so receivers can deduplicate.
    const headers = webhookHeaders(secrets, row.event_id, Math.floor(now / 1000), body);
    const result = await sender.post(row.url, headers, body);
    if (result.ok) {
      await recordWebhookAttempt(db, { deliveryId: row.delivery_id, status: 'delivered', nextAttemptAt: null, httpStatus: result.status, error: null, detail: null });
      await recordEndpointSuccess(db, row.endpoint_id);
      return;
    }
    const next = nextAttemptAt(row.attempts, settings.retrySeconds, result.retryAfterMs);
    await recordWebhookAttempt(db, { deliveryId: row.delivery_id, status: next ? 'pending' : 'failed', nextAttemptAt: next, httpStatus: result.status, error: result.error, detail: result.detail });
    const off = await recordEndpointFailure(db, row.endpoint_id, settings.disableAfterSeconds);
    if (off) {
      log.warn({ endpointId: off.endpoint_id, failingSince: off.failing_since }, 'webhook endpoint disabled: failing for too long');
      await disabled(off).catch((err: Error) => log.warn({ endpointId: off.endpoint_id, err: err.message }, 'could not tell the owner of a disabled webhook endpoint'));
    }
  }

  return {
    /** One round: claims and sends up to a batch of due deliveries; answers how many. */
    async deliverDue(): Promise<number> {
      const claimed = await claimDueWebhookDeliveries(db, BATCH, leaseSeconds);
      await Promise.all(
        claimed.map((row) =>
          deliver(row).catch((err: Error) => log.warn({ deliveryId: row.delivery_id, err: err.message }, 'webhook delivery not recorded; it is tried again after its lease')),
        ),
      );
      return claimed.length;
    },
  };
}
