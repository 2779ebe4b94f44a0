import { sql } from 'kysely';
import type { Db } from '../../../db/connect.ts';
import { type Scrub, mentions, scrubbedJson } from '../../../db/text-scrub.ts';

/**
 * Erasure: notifications sent to others that name or quote the person ("Ana ordered 2 items",
 * a dispute's reason) keep their content with every mention replaced. Reads the whole log once
 * (an erasure is rare; the log has no index on its content). Rows changed.
 */
export async function scrubDeliveryMentions(db: Db, scrub: Scrub): Promise<number> {
  const result = await sql`
    UPDATE notification_logs
       SET content = ${scrubbedJson(sql.ref('content'), scrub)},
           metadata = ${scrubbedJson(sql.ref('metadata'), scrub)},
           history = ${scrubbedJson(sql.ref('history'), scrub)}
     WHERE ${mentions(sql.ref('content'), scrub, true)} OR ${mentions(sql.ref('metadata'), scrub, true)} OR ${mentions(sql.ref('history'), scrub, true)}`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}
