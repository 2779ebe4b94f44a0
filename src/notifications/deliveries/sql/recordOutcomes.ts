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
 * Writes a batch of outcomes in one update. Only rows still held by this claim (status
 * `sending`, the same attempt) change: an outcome whose lease expired and was taken by another
 * worker is not applied. A `sent` delivery a provider already confirmed becomes `delivered`.
 * Returns the rows it applied.
 */
export async function recordOutcomes(db: Db, outcomes: OutcomeWrite[]): Promise<{ log_id: string; status: string }[]> {
  const col = <T>(f: (o: OutcomeWrite) => T) => outcomes.map(f);
  const iso = (d: Date | undefined) => (d ? d.toISOString() : null);
  const result = await sql<{ log_id: string; status: string }>`
      UPDATE notification_logs n SET
        status = CASE WHEN u.status = 'sent' AND n.delivery_time IS NOT NULL THEN 'delivered' ELSE u.status END,
        due_at = coalesce(u.due_at, n.due_at),
        provider = coalesce(u.provider, n.provider),
        external_message_id = coalesce(u.external_id, n.external_message_id),
        error_code = u.error_code,
        error_message = u.error_message,
        send_time = coalesce(u.send_time, n.send_time),
        attempts = n.attempts + u.attempts_delta,
        history = n.history || u.history::jsonb,
        content = coalesce(u.content::jsonb, n.content)
      FROM unnest(${col((o) => o.row.log_id)}::uuid[], ${col((o) => o.row.attempts)}::int[], ${col((o) => o.status)}::text[],
        ${col((o) => iso(o.dueAt))}::timestamptz[], ${col((o) => o.provider ?? null)}::text[], ${col((o) => o.externalId ?? null)}::text[],
        ${col((o) => o.errorCode ?? null)}::text[], ${col((o) => o.errorMessage ?? null)}::text[], ${col((o) => iso(o.sendTime))}::timestamptz[],
        ${col((o) => o.attemptsDelta)}::int[], ${col((o) => JSON.stringify(o.history))}::text[],
        ${col((o) => (o.rendered ? JSON.stringify({ kind: 'literal', fields: o.rendered }) : null))}::text[])
        AS u(log_id, attempts, status, due_at, provider, external_id, error_code, error_message, send_time, attempts_delta, history, content)
      WHERE n.log_id = u.log_id AND n.status = 'sending' AND n.attempts = u.attempts
      RETURNING n.log_id, n.status`.execute(db);
  return result.rows;
}
