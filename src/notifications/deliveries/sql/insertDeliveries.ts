import { sql } from 'kysely';
import type { Db } from '../../../db/connect.ts';
import type { Channel } from '../../model.ts';
import type { PlannedDelivery } from '../delivery-types.ts';

/**
 * The acceptor's write: one multi-row insert through unnest, a fixed number of parameters
 * whatever the batch size. A (request_id, channel) already stored is left alone. The trigger
 * notification_logs_enqueue (migration 006) gives each row written as queued or standby its
 * notification_queue row in the same statement, and notifies the workers (once, delivered at
 * commit) when it queued anything. A row written as `sent` is an in-app item settled at
 * acceptance (dispatch/in-app-now.ts): its provider, attempt and history entry are written here.
 */
export async function insertDeliveries(trx: Db, rows: PlannedDelivery[], now: Date) {
  const col = <K extends keyof PlannedDelivery>(k: K) => rows.map((r) => r[k]);
  const result = await sql<{ log_id: string; request_id: string; channel: Channel }>`
      INSERT INTO notification_logs (log_id, request_id, user_id, channel, notification_type, status, send_time, due_at,
        priority, max_retries, step, request_hash, recipient, content, metadata, created_at, provider, attempts, history)
      SELECT u.log_id, u.request_id, u.user_id, u.channel, u.notification_type, u.status, u.due_at, u.due_at,
        u.priority, u.max_retries, u.step, u.request_hash, u.recipient::jsonb, u.content::jsonb, u.metadata::jsonb, ${now},
        CASE WHEN u.status = 'sent' THEN 'in-app' END, CASE WHEN u.status = 'sent' THEN 1 ELSE 0 END,
        CASE WHEN u.status = 'sent' THEN jsonb_build_array(jsonb_build_object('at', to_char(${now}::timestamptz AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
          'status', 'sent', 'attempt', 1, 'provider', 'in-app')) ELSE '[]'::jsonb END
      FROM unnest(${col('log_id')}::uuid[], ${col('request_id')}::uuid[], ${col('user_id')}::text[], ${col('channel')}::text[],
        ${col('notification_type')}::text[], ${col('status')}::text[], ${col('due_at').map((d) => d.toISOString())}::timestamptz[],
        ${col('priority')}::smallint[], ${col('max_retries')}::int[], ${col('step')}::smallint[], ${col('request_hash')}::text[],
        ${col('recipient')}::text[], ${col('content')}::text[], ${col('metadata')}::text[])
        AS u(log_id, request_id, user_id, channel, notification_type, status, due_at, priority, max_retries, step, request_hash, recipient, content, metadata)
      ON CONFLICT (request_id, channel) DO NOTHING
      RETURNING log_id, request_id, channel`.execute(trx);
  return result.rows;
}
