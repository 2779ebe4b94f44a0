import { sql } from 'kysely';
import type { Db } from '../../../db/connect.ts';

/**
 * Stores the links of a tracked email before it is sent: its click links name (log_id,
 * link_index) and redirect only to the url stored here. A retried send writes the links of the
 * message it sends (the same ones, unless the template changed in between).
 */
export async function insertMessageLinks(db: Db, logId: string, links: string[]): Promise<void> {
  if (!links.length) return;
  await sql`
    INSERT INTO notification_links (log_id, link_index, url)
    SELECT ${logId}::uuid, u.i - 1, u.url FROM unnest(${links}::text[]) WITH ORDINALITY AS u(url, i)
    ON CONFLICT (log_id, link_index) DO UPDATE SET url = excluded.url`.execute(db);
}
