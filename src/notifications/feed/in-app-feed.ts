import { invalid, notFound } from '../../errors.ts';
import type { FanOut } from '../../realtime/fanout.ts';
import { isUuid } from '../../uuid.ts';
import type { DeliveryLog } from '../deliveries/delivery-log.ts';

interface FeedRow {
  log_id: string;
  request_id: string;
  notification_type: string;
  content: unknown;
  created_at: Date | string | null;
  seen_at: Date | null;
  read_at: Date | null;
  opened_at: Date | null;
}

function item(row: FeedRow) {
  const fields = ((row.content as { fields?: Record<string, unknown> }).fields ?? {}) as Record<string, unknown>;
  return {
    logId: row.log_id,
    requestId: row.request_id,
    notificationType: row.notification_type,
    title: (fields.title as string) ?? '',
    body: (fields.body as string) ?? '',
    imageUrl: (fields.imageUrl as string) ?? null,
    action: fields.action ?? null,
    createdAt: new Date(row.created_at as Date).toISOString(),
    seenAt: row.seen_at ? new Date(row.seen_at).toISOString() : null,
    readAt: row.read_at ? new Date(row.read_at).toISOString() : null,
    openedAt: row.opened_at ? new Date(row.opened_at).toISOString() : null,
  };
}

/** The in-app channel as the user sees it: their notifications, newest first, with read and seen marks. */
export function createFeed({ deliveries, fanOut }: { deliveries: DeliveryLog; fanOut: FanOut }) {
  const unreadCount = (userId: string): Promise<number> => deliveries.unreadInApp(userId);

  async function announce(userId: string): Promise<number> {
    const unread = await unreadCount(userId);
    fanOut.publish({ userIds: [userId], payload: { type: 'notifications.unread', unread } });
    return unread;
  }

  return {
    unreadCount,
    /** Tells the user's sockets their unread count (after a change made elsewhere, such as a reported click). */
    announce,

    async list(userId: string, query: { unread?: boolean; cursor?: string; limit?: number }) {
      const limit = query.limit ?? 20;
      let before: { at: Date; logId: string } | undefined;
      if (query.cursor) {
        const [at, id] = Buffer.from(query.cursor, 'base64url').toString().split('|');
        if (!at || !id || Number.isNaN(Date.parse(at)) || !isUuid(id)) throw invalid('invalid_cursor', 'cursor is not one this endpoint returned; start again without it.', { field: 'cursor' });
        before = { at: new Date(at), logId: id };
      }
      const rows = await deliveries.inAppFeed(userId, { unread: query.unread, before, limit: limit + 1 });
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      return {
        notifications: page.map(item),
        nextCursor: rows.length > limit && last ? Buffer.from(`${new Date(last.created_at as Date).toISOString()}|${last.log_id}`).toString('base64url') : null,
        unread: await unreadCount(userId),
      };
    },

    /** Marks some (or all) of the user's items read or seen; another user's ids are not found. */
    async mark(userId: string, what: 'read' | 'seen', input: { logIds?: string[]; all?: boolean }) {
      if (!input.all && !input.logIds?.length) throw invalid('nothing_to_mark', 'Send logIds, or all: true.');
      if (!input.all) {
        const owned = await deliveries.ownInAppIds(userId, input.logIds as string[]);
        if (owned.length !== new Set(input.logIds).size) throw notFound('notification');
      }
      const marked = await deliveries.markInApp(userId, what, input.all ? 'all' : (input.logIds as string[]));
      const unread = what === 'read' ? await announce(userId) : await unreadCount(userId);
      return { marked, unread };
    },

    async clicked(userId: string, logId: string) {
      if (!isUuid(logId) || !(await deliveries.markInAppClicked(userId, logId))) throw notFound('notification');
      // One of its clicks, as POST /notifications/:logId/clicked records them (notification_clicks).
      await deliveries.recordClick({ logId, source: 'app', linkIndex: null, url: null, machine: false, machineReason: null, userAgent: null, at: new Date() });
      return { logId, unread: await announce(userId) };
    },
  };
}

export type Feed = ReturnType<typeof createFeed>;
