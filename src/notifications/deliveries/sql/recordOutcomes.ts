import { sql } from 'kysely';
import type { Db } from '../../../db/connect.ts';
import type { Rendered } from '../../model.ts';
import type { HistoryEntry } from '../delivery-types.ts';

/** What the dispatcher decided for one claimed delivery, as written to its row. */
export interface OutcomeWrite {
  row: { log_id: string; attempts: number };
  status: 'queued' | 'sent' | 'failed' | 'skipped' | 'dead';
  dueAt?: Date;
  provider?: string;
  externalId?: string;
  errorCode?: string;
  errorMessage?: string;
  sendTime?: Date;
  history: HistoryEntry[];
  /** For in-app: the rendered item, which becomes the row's content. */
  rendered?: Rendered;
  /** A deferral is not an attempt. */
  attemptsDelta: number;
}

/**
 * Writes a batch of outcomes in one statement. Only deliveries still held by this claim (leased
 * in notification_queue, the same attempt) change: an outcome whose lease expired and was taken
 * by another worker is not applied. A final outcome deletes the queue row; a retry or a deferral
 * (status `queued`) releases it with its next due time. Either way the log row is updated once.
 * A `sent` delivery a provider already confirmed becomes `delivered`, one already opened or clicked
 * (its tracking pixel or a link reached before this write) `opened` or `clicked`. Returns the rows it applied.
 */
export async function recordOutcomes(db: Db, outcomes: OutcomeWrite[]): Promise<{ log_id: string; status: string }[]> {
  const col = <T>(f: (o: OutcomeWrite) => T) => outcomes.map(f);
  const iso = (d: Date | undefined) => (d ? d.toISOString() : null);
  const result = await sql<{ log_id: string; status: string }>`
      WITH u AS (
        SELECT * FROM unnest(${col((o) => o.row.log_id)}::uuid[], ${col((o) => o.row.attempts)}::int[], ${col((o) => o.status)}::text[],
          ${col((o) => iso(o.dueAt))}::timestamptz[], ${col((o) => o.provider ?? null)}::text[], ${col((o) => o.externalId ?? null)}::text[],
          ${col((o) => o.errorCode ?? null)}::text[], ${col((o) => o.errorMessage ?? null)}::text[], ${col((o) => iso(o.sendTime))}::timestamptz[],
          ${col((o) => o.attemptsDelta)}::int[], ${col((o) => JSON.stringify(o.history))}::text[],
          ${col((o) => (o.rendered ? JSON.stringify({ kind: 'literal', fields: o.rendered }) : null))}::text[])
          AS u(log_id, attempts, status, due_at, provider, external_id, error_code, error_message, send_time, attempts_delta, history, content)),
      done AS (
        DELETE FROM notification_queue q USING u
        WHERE q.log_id = u.log_id AND u.status <> 'queued' AND q.leased AND q.attempts = u.attempts
        RETURNING q.log_id),
      again AS (
        UPDATE notification_queue q SET leased = false, due_at = u.due_at, attempts = q.attempts + u.attempts_delta
        FROM u
        WHERE q.log_id = u.log_id AND u.status = 'queued' AND q.leased AND q.attempts = u.attempts
        RETURNING q.log_id, q.due_at),
      held AS (
        SELECT log_id, NULL::timestamptz AS due_at FROM done UNION ALL SELECT log_id, due_at FROM again)
      UPDATE notification_logs n SET
        status = CASE WHEN u.status <> 'sent' THEN u.status WHEN n.clicked_at IS NOT NULL THEN 'clicked' WHEN n.opened_at IS NOT NULL THEN 'opened'
          WHEN n.delivery_time IS NOT NULL THEN 'delivered' ELSE u.status END,
        due_at = coalesce(held.due_at, n.due_at),
        provider = coalesce(u.provider, n.provider),
        external_message_id = coalesce(u.external_id, n.external_message_id),
        error_code = u.error_code,
        error_message = u.error_message,
        send_time = coalesce(u.send_time, n.send_time),
        attempts = u.attempts + u.attempts_delta,
        history = n.history || u.history::jsonb,
        content = coalesce(u.content::jsonb, n.content)
      FROM u JOIN held ON held.log_id = u.log_id
      WHERE n.log_id = u.log_id
      RETURNING n.log_id, n.status`.execute(db);
  return result.rows;
}
