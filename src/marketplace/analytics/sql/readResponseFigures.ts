import { sql } from 'kysely';
import type { Db } from '../../../db/connect.ts';
import { responseDeadlineSeconds } from '../analytics-tally.ts';
import { type AnalyticsScope, scopeFilter } from './analyticsScopeFilter.ts';

export interface ResponseRow {
  first_response: number | null;
  median_response: number | null;
  average_response: number | null;
  questions: number;
  responses: number;
  within_24h: number;
  due: number;
  late: number;
}

/**
 * Response times and counts over a scope's questions asked since `since` (null: all of them);
 * a question asked before `dueBefore` is due an answer.
 */
export async function readResponseFigures(db: Db, scope: AnalyticsScope, since: Date | null, dueBefore: Date): Promise<ResponseRow> {
  const result = await sql<ResponseRow>`
      SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY response_seconds) FILTER (WHERE is_first) AS first_response,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY response_seconds) AS median_response,
             avg(response_seconds)::float8 AS average_response,
             count(*)::int AS questions,
             count(answered_at)::int AS responses,
             count(*) FILTER (WHERE response_seconds <= ${responseDeadlineSeconds})::int AS within_24h,
             count(*) FILTER (WHERE answered_at IS NOT NULL OR asked_at <= ${dueBefore})::int AS due,
             count(*) FILTER (WHERE response_seconds > ${responseDeadlineSeconds})::int AS late
        FROM conversation_responses
       WHERE ${scopeFilter(scope)} AND (${since}::timestamptz IS NULL OR asked_at >= ${since}::timestamptz)`.execute(db);
  return result.rows[0]!;
}
