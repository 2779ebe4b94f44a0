import type { AccessPolicy } from '../../access/policy.ts';
import type { Principal } from '../../auth/principal.ts';
import { notFound } from '../../errors.ts';
import { isUuid } from '../../uuid.ts';
import type { DeliveryLog } from './delivery-log.ts';
import { WAITING_STATUSES } from './delivery-types.ts';

type DeliveryRow = Awaited<ReturnType<DeliveryLog['requestDeliveries']>>[number];

const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : null);

/** A delivery as the status and dead-letter endpoints show it. */
function deliveryView(row: DeliveryRow) {
  const waiting = WAITING_STATUSES.includes(row.status);
  return {
    logId: row.log_id,
    channel: row.channel,
    status: row.status,
    step: row.step,
    provider: row.provider,
    attempts: row.attempts,
    maxRetries: row.max_retries,
    sendTime: iso(row.send_time),
    nextAttemptAt: waiting ? iso(row.due_at) : null,
    deliveryTime: iso(row.delivery_time),
    externalMessageId: row.external_message_id,
    errorCode: row.error_code,
    errorMessage: row.error_message,
    openedAt: iso(row.opened_at),
    clickedAt: iso(row.clicked_at),
    history: row.history as Record<string, unknown>[],
  };
}

type Engagement = Awaited<ReturnType<DeliveryLog['engagementOf']>>;

/** A delivery's opens (a person's counted apart from machines') and each of its clicks. */
function engagementView(logId: string, { opens, clicks }: Engagement) {
  const counted = opens.find((o) => o.log_id === logId);
  return {
    opens: counted?.people ?? 0,
    machineOpens: counted?.machines ?? 0,
    clicks: clicks
      .filter((c) => c.log_id === logId)
      .map((c) => ({ at: new Date(c.clicked_at as Date).toISOString(), linkIndex: c.link_index, url: c.url, source: c.source, machine: c.machine, machineReason: c.machine_reason })),
  };
}

/** What operators (and a notification's recipient) read of the queue: status per channel, dead letters, and replays. */
export function createDeliveryStatus({ deliveries, access, wake }: { deliveries: DeliveryLog; access: AccessPolicy; wake: () => void }) {
  return {
    /** Status per channel with the history of each; the recipient may read their own, anyone else who is not an operator learns nothing. */
    async status(principal: Principal, requestId: string) {
      if (!isUuid(requestId)) throw notFound('notification');
      const rows = await deliveries.requestDeliveries(requestId);
      if (!rows.length || !(await access.hasAccess(principal, 'notification.status', { userId: rows[0]!.user_id }))) throw notFound('notification');
      const first = rows[0]!;
      const engagement = await deliveries.engagementOf(rows.map((r) => r.log_id));
      const meta = (first.metadata ?? {}) as Record<string, unknown>;
      return {
        requestId,
        notificationType: first.notification_type,
        userId: first.user_id,
        acceptedAt: new Date(first.created_at as Date).toISOString(),
        priority: meta.priority as string,
        campaignId: (meta.campaignId as string | undefined) ?? null,
        deliveries: rows.map((row) => ({ ...deliveryView(row), engagement: engagementView(row.log_id, engagement) })),
      };
    },

    async deadLetters(query: { channel?: string; after?: string; limit?: number }) {
      const limit = query.limit ?? 100;
      const rows = await deliveries.deadLetters({ channel: query.channel, after: query.after, limit });
      return {
        deadLetters: rows.map((row) => ({ requestId: row.request_id, userId: row.user_id, notificationType: row.notification_type, createdAt: new Date(row.created_at as Date).toISOString(), ...deliveryView(row) })),
        next: rows.length === limit ? rows[rows.length - 1]!.log_id : null,
      };
    },

    async replay(principal: Principal, logIds: string[]) {
      const replayed = new Set(await deliveries.replay(logIds, `Replayed by ${principal.userId}.`));
      if (replayed.size) wake();
      return { replayed: [...replayed], notReplayed: logIds.filter((id) => !replayed.has(id)) };
    },
  };
}

export type DeliveryStatus = ReturnType<typeof createDeliveryStatus>;
