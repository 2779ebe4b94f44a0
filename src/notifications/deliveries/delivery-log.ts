import type { Db } from '../../db/connect.ts';
import { type EventSink, type EventType, noEvents } from '../../events/event-sink.ts';
import { findEventFacts } from './sql/findEventFacts.ts';
import { cancelScheduled } from './sql/cancelScheduled.ts';
import { cancelScheduledRequests } from './sql/cancelScheduledRequests.ts';
import { claimDueDeliveries } from './sql/claimDueDeliveries.ts';
import { countPromotional } from './sql/countPromotional.ts';
import { countRecentOtherLinks } from './sql/countRecentOtherLinks.ts';
import { countQueueDepth } from './sql/countQueueDepth.ts';
import { countUnreadInApp } from './sql/countUnreadInApp.ts';
import { deleteDeliveries } from './sql/deleteDeliveries.ts';
import { findDeliveredSteps } from './sql/findDeliveredSteps.ts';
import { findEngagementTarget } from './sql/findEngagementTarget.ts';
import { findExistingRequestIds } from './sql/findExistingRequestIds.ts';
import { findLatestDailyCount } from './sql/findLatestDailyCount.ts';
import { findRequestsDeliveries } from './sql/findRequestsDeliveries.ts';
import { findTrackedDelivery } from './sql/findTrackedDelivery.ts';
import { insertDeliveries } from './sql/insertDeliveries.ts';
import { insertMessageLinks } from './sql/insertMessageLinks.ts';
import { listDeadLetters } from './sql/listDeadLetters.ts';
import { listDeliveryEngagement } from './sql/listDeliveryEngagement.ts';
import { listInAppFeed } from './sql/listInAppFeed.ts';
import { listRequestDeliveries } from './sql/listRequestDeliveries.ts';
import { markInAppClicked } from './sql/markInAppClicked.ts';
import { markInAppDelivered } from './sql/markInAppDelivered.ts';
import { findOwnInAppIds, markInAppFeed } from './sql/markInAppFeed.ts';
import { promoteFallbackSteps } from './sql/promoteFallbackSteps.ts';
import { readDeliveryFigures } from './sql/readDeliveryFigures.ts';
import { recordClick } from './sql/recordClick.ts';
import { type EngagementWrite, recordOpen } from './sql/recordOpen.ts';
import { recordOutcomes } from './sql/recordOutcomes.ts';
import { recordProviderEvent } from './sql/recordProviderEvent.ts';
import { replayDeliveries } from './sql/replayDeliveries.ts';

/**
 * The deliveries: owner of notification_logs (one row per notification and channel: the
 * delivery and its log), notification_queue (a narrow row per delivery still to be sent: the
 * work queue, claimed and leased without touching the log row), notification_daily_counts, and the
 * engagement of deliveries: notification_links, notification_opens, notification_clicks. Every read and
 * write of those tables goes through these functions; each is one file of ./sql, named by what
 * it does. The ones taking `trx` run inside the caller's transaction (the acceptor's, or an
 * order event's).
 */
export function createDeliveryLog(db: Db, events: EventSink = noEvents) {
  /**
   * Runs a write and records the notification events it makes (`happened` names them from its
   * result) in one transaction: the change and its events commit together.
   */
  async function reporting<T>(write: (trx: Db) => Promise<T>, happened: (result: T) => { logId: string; type: EventType; detail?: Record<string, unknown> }[]): Promise<T> {
    return db.transaction().execute(async (trx) => {
      const result = await write(trx);
      const list = happened(result);
      if (list.length === 0) return result;
      const facts = new Map((await findEventFacts(trx, [...new Set(list.map((e) => e.logId))])).map((f) => [f.log_id, f]));
      await events.record(
        trx,
        list.flatMap(({ logId, type, detail }) => {
          const f = facts.get(logId);
          if (!f) return [];
          const data = { logId, requestId: f.request_id, userId: f.user_id, channel: f.channel, notificationType: f.notification_type, status: f.status, ...detail };
          const failure = type === 'notification.failed' || type === 'notification.dead_lettered' ? { errorCode: f.error_code, errorMessage: f.error_message } : {};
          return [{ type, sellerId: f.vendor_id, data: { ...data, ...failure } }];
        }),
      );
      return result;
    });
  }

  return {
    // Accepting (the acceptor, inside its transaction).
    insertDeliveries,
    findRequestsDeliveries,
    deleteDeliveries,
    cancelScheduled,
    cancelScheduledRequests,
    existingRequestIds: (requestIds: readonly string[]) => findExistingRequestIds(db, requestIds),

    // The dispatcher.
    claimDue: (limit: number, leaseSeconds: number) => claimDueDeliveries(db, limit, leaseSeconds),
    deliveredSteps: (requestIds: string[]) => findDeliveredSteps(db, requestIds),
    recordOutcomes: (outcomes: Parameters<typeof recordOutcomes>[1]) =>
      // Only failures make events here (a send is not a delivery): the common batch stays one statement.
      outcomes.some((o) => o.status === 'failed' || o.status === 'dead')
        ? reporting(
            (trx) => recordOutcomes(trx, outcomes),
            (rows) => rows.filter((r) => r.status === 'failed' || r.status === 'dead').map((r) => ({ logId: r.log_id, type: r.status === 'dead' ? ('notification.dead_lettered' as const) : ('notification.failed' as const) })),
          )
        : recordOutcomes(db, outcomes),
    promoteFallbackSteps: (steps: { requestId: string; step: number }[]) => promoteFallbackSteps(db, steps),
    countPromotional: (userId: string, day: string, requestId: string, limit: number) => countPromotional(db, userId, day, requestId, limit),
    latestDailyCount: (userId: string) => findLatestDailyCount(db, userId),

    // Status, dead letters, replays, the queue gauge.
    requestDeliveries: (requestId: string) => listRequestDeliveries(db, requestId),
    deadLetters: (query: Parameters<typeof listDeadLetters>[1]) => listDeadLetters(db, query),
    replay: (logIds: string[], detail: string) => replayDeliveries(db, logIds, detail),
    queueDepth: () => countQueueDepth(db),

    // The in-app feed.
    unreadInApp: (userId: string) => countUnreadInApp(db, userId),
    inAppFeed: (userId: string, query: Parameters<typeof listInAppFeed>[2]) => listInAppFeed(db, userId, query),
    ownInAppIds: (userId: string, logIds: string[]) => findOwnInAppIds(db, userId, logIds),
    markInApp: (userId: string, what: 'read' | 'seen', logIds: string[] | 'all') => markInAppFeed(db, userId, what, logIds),
    markInAppClicked: (userId: string, logId: string) => markInAppClicked(db, userId, logId),

    // Tracking: provider callbacks and in-app sockets.
    trackedDelivery: (channel: 'email' | 'sms' | 'whatsapp', ids: { deliveryId?: string; externalId?: string }) => findTrackedDelivery(db, channel, ids),
    recordProviderEvent: (logId: string, change: Parameters<typeof recordProviderEvent>[2]) =>
      reporting(
        (trx) => recordProviderEvent(trx, logId, change),
        () => [
          ...(change.delivered ? [{ logId, type: 'notification.delivered' as const }] : []),
          ...(change.error ? [{ logId, type: 'notification.failed' as const }] : []),
          ...(change.clicked ? [{ logId, type: 'notification.clicked' as const, detail: { source: 'provider', at: change.at.toISOString() } }] : []),
        ],
      ),
    markInAppDelivered: (logIds: string[]) =>
      reporting(
        (trx) => markInAppDelivered(trx, logIds),
        (rows) => rows.map((r) => ({ logId: r.log_id, type: 'notification.delivered' as const })),
      ),

    // Engagement: the links of tracked emails, opens and clicks (notification_links, _opens, _clicks).
    storeMessageLinks: (logId: string, links: string[]) => insertMessageLinks(db, logId, links),
    engagementTarget: (logId: string, linkIndex?: number) => findEngagementTarget(db, logId, linkIndex),
    // A delivery's first open and first click are events (machine ones say so).
    recordOpen: (open: EngagementWrite) =>
      reporting(
        (trx) => recordOpen(trx, open),
        ({ first }) => (first ? [{ logId: open.logId, type: 'notification.opened' as const, detail: { source: open.source, machine: open.machine, at: new Date(open.at).toISOString() } }] : []),
      ),
    recordClick: (click: Parameters<typeof recordClick>[1]) =>
      reporting(
        (trx) => recordClick(trx, click),
        ({ first }) => (first ? [{ logId: click.logId, type: 'notification.clicked' as const, detail: { source: click.source, machine: click.machine, url: click.url, at: new Date(click.at).toISOString() } }] : []),
      ),
    recentOtherLinks: (logId: string, linkIndex: number, since: Date) => countRecentOtherLinks(db, logId, linkIndex, since),
    engagementOf: (logIds: string[]) => listDeliveryEngagement(db, logIds),

    // Analytics.
    figures: (from: string, to: string) => readDeliveryFigures(db, from, to),
  };
}

export type DeliveryLog = ReturnType<typeof createDeliveryLog>;

export type { EngagementRow, LatencyRow, SeriesRow, StatusRow } from './sql/readDeliveryFigures.ts';
export type { OutcomeWrite } from './sql/recordOutcomes.ts';
