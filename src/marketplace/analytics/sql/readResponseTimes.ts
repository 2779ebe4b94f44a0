import { sql } from 'kysely';
import type { Db } from '../../../db/connect.ts';
import { type AnalyticsScope, scopeFilter } from './analyticsScopeFilter.ts';

/**
 * Vendors' responses to buyer questions asked in [from, to) (GET /kpis): how many were answered
 * and their average response time in seconds (null when none were).
 */
export async function readResponseTimes(db: Db, scope: AnalyticsScope, from: Date, to: Date): Promise<{ questions: number; responses: number; average_seconds: number | null }> {
  const result = await sql<{ questions: number; responses: number; average_seconds: number | string | null }>`
      SELECT count(*)::int AS questions,
             count(answered_at)::int AS responses,
             avg(response_seconds)::float8 AS average_seconds
        FROM conversation_responses
       WHERE ${scopeFilter(scope)} AND asked_at >= ${from}::timestamptz AND asked_at < ${to}::timestamptz`.execute(db);
  const row = result.rows[0]!;
  return { questions: row.questions, responses: row.responses, average_seconds: row.average_seconds === null ? null : Number(row.average_seconds) };
}
