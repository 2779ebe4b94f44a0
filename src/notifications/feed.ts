import { sql } from 'kysely';
import type { Db } from '../db/connect.ts';
import { invalid, notFound } from '../errors.ts';
import type { FanOut } from '../realtime/fanout.ts';

const VISIBLE = ['sent', 'delivered', 'read', 'clicked', 'opened'];

interface FeedRow {
  log_id: string;
  request_id: string;
  notification_type: string;
  content: unknown;
  created_at: Date | string | null;
  seen_at: Date | null;
  read_at: Date | null;
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
  };
}

/** The in-app channel as the user sees it: their notifications, newest first, with read and seen marks. */
export function createFeed({ db, fanOut }: { db: Db; fanOut: FanOut }) {
  async function unreadCount(userId: string): Promise<number> {
    const row = await db
      .selectFrom('notification_logs')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('user_id', '=', userId)
      .where('channel', '=', 'in-app')
      .where('status', 'in', VISIBLE)
      .where('read_at', 'is', null)
      .executeTakeFirstOrThrow();
    return row.n;
  }

  async function announce(userId: string): Promise<number> {
    const unread = await unreadCount(userId);
    fanOut.publish({ userIds: [userId], payload: { type: 'notifications.unread', unread } });
    return unread;
  }

  return {
    unreadCount,

    async list(userId: string, query: { unread?: boolean; cursor?: string; limit?: number }) {
      const limit = query.limit ?? 20;
      let q = db
        .selectFrom('notification_logs')
        .select(['log_id', 'request_id', 'notification_type', 'content', 'created_at', 'seen_at', 'read_at'])
        .where('user_id', '=', userId)
        .where('channel', '=', 'in-app')
        .where('status', 'in', VISIBLE)
        .orderBy('created_at', 'desc')
        .orderBy('log_id', 'desc')
        .limit(limit + 1);
      if (query.unread) q = q.where('read_at', 'is', null);
      if (query.cursor) {
        const [at, id] = Buffer.from(query.cursor, 'base64url').toString().split('|');
        if (!at || !id || Number.isNaN(Date.parse(at))) throw invalid('invalid_cursor', 'cursor is not one this endpoint returned; start again without it.', { field: 'cursor' });
        q = q.where(sql<boolean>`(created_at, log_id) < (${new Date(at)}, ${id}::uuid)`);
      }
      const rows = await q.execute();
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
      const column = what === 'read' ? 'read_at' : 'seen_at';
      let q = db
        .updateTable('notification_logs')
        .set(what === 'read' ? { read_at: sql`coalesce(read_at, now())`, seen_at: sql`coalesce(seen_at, now())`, status: sql`CASE WHEN status IN ('sent', 'delivered') THEN 'read' ELSE status END` } : { seen_at: sql`coalesce(seen_at, now())` })
        .where('user_id', '=', userId)
        .where('channel', '=', 'in-app')
        .where('status', 'in', VISIBLE)
        .where(column, 'is', null);
      if (!input.all) {
        const owned = await db.selectFrom('notification_logs').select('log_id').where('log_id', 'in', input.logIds as string[]).where('user_id', '=', userId).where('channel', '=', 'in-app').execute();
        if (owned.length !== new Set(input.logIds).size) throw notFound('notification');
        q = q.where('log_id', 'in', input.logIds as string[]);
      }
      const result = await q.executeTakeFirst();
      const unread = what === 'read' ? await announce(userId) : await unreadCount(userId);
      return { marked: Number(result.numUpdatedRows), unread };
    },

    async clicked(userId: string, logId: string) {
      const row = await db
        .updateTable('notification_logs')
        .set({ clicked_at: sql`coalesce(clicked_at, now())`, read_at: sql`coalesce(read_at, now())`, seen_at: sql`coalesce(seen_at, now())`, status: 'clicked' })
        .where('log_id', '=', logId)
        .where('user_id', '=', userId)
        .where('channel', '=', 'in-app')
        .where('status', 'in', VISIBLE)
        .returning('log_id')
        .executeTakeFirst();
      if (!row) throw notFound('notification');
      return { logId, unread: await announce(userId) };
    },
  };
}

export type Feed = ReturnType<typeof createFeed>;
