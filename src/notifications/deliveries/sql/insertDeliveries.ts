import { sql } from 'kysely';
import type { Db } from '../../../db/connect.ts';
import type { Channel } from '../../model.ts';
import type { PlannedDelivery } from '../delivery-types.ts';

/**
 * The acceptor's write: one multi-row insert through unnest, a fixed number of parameters
 * whatever the batch size, into the log and (for the rows it wrote) the queue. A
 * (request_id, channel) already stored is left alone; a row written as sent (an in-app item
 * settled at acceptance) has no queue row. It also notifies the workers (once, delivered at
 * commit) when it queued anything.
 */
export async function insertDeliveries(trx: Db, rows: PlannedDelivery[], now: Date) {
  const col = <K extends keyof PlannedDelivery>(k: K) => rows.map((r) => r[k]);
  const result = await sql<{ log_id: string; request_id: string; channel: Channel }>`
      WITH ins AS (
      INSERT INTO notification_logs (log_id, request_id, user_id, channel, notification_type, status, send_time, due_at,
        priority, max_retries, step, request_hash, recipient, content, metadata, created_at, provider, attempts, history)
      SELECT u.log_id, u.request_id, u.user_id, u.channel, u.notification_type, u.status, u.due_at, u.due_at,
        u.priority, u.max_retries, u.step, u.request_hash, u.recipient::jsonb, u.content::jsonb, u.metadata::jsonb, ${now},
        u.provider, coalesce(u.attempts, 0), coalesce(u.history::jsonb, '[]'::jsonb)
      FROM unnest(${col('log_id')}::uuid[], ${col('request_id')}::uuid[], ${col('user_id')}::text[], ${col('channel')}::text[],
        ${col('notification_type')}::text[], ${col('status')}::text[], ${col('due_at').map((d) => d.toISOString())}::timestamptz[],
        ${col('priority')}::smallint[], ${col('max_retries')}::int[], ${col('step')}::smallint[], ${col('request_hash')}::text[],
        ${col('recipient')}::text[], ${col('content')}::text[], ${col('metadata')}::text[],
        ${rows.map((r) => r.sent?.provider ?? null)}::text[], ${rows.map((r) => r.sent?.attempts ?? null)}::int[], ${rows.map((r) => r.sent?.history ?? null)}::text[])
        AS u(log_id, request_id, user_id, channel, notification_type, status, due_at, priority, max_retries, step, request_hash, recipient, content, metadata,
          provider, attempts, history)
      ON CONFLICT (request_id, channel) DO NOTHING
      RETURNING log_id, request_id, channel, priority, due_at, status),
      q AS (INSERT INTO notification_queue (log_id, priority, due_at) SELECT log_id, priority, due_at FROM ins WHERE status <> 'sent' RETURNING log_id)
      SELECT log_id, request_id, channel, (SELECT pg_notify('parley_deliveries', '') FROM q LIMIT 1) IS NULL AS notified FROM ins`.execute(trx);
  return result.rows;
}
