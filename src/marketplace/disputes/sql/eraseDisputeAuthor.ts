import { sql } from 'kysely';
import type { Db } from '../../../db/connect.ts';
import { ERASED, type Scrub, mentions, scrubbedJson, scrubbedText } from '../../../db/text-scrub.ts';

/**
 * Erasure: disputes stay for the other party and the moderators with the person as their
 * pseudonym; the reason they wrote (as opener) and the note they wrote (as moderator) become
 * "[erased]"; the history and the conversation flags of `conversationIds` lose every mention of
 * them, and flags they reviewed lose their note. Rows changed per table.
 */
export async function eraseDisputeAuthor(db: Db, userId: string, pseudonym: string, conversationIds: string[], scrub: Scrub): Promise<{ disputes: number; flags: number }> {
  const ids = conversationIds.length ? conversationIds : ['00000000-0000-0000-0000-000000000000'];
  const disputes = await sql`
    UPDATE disputes
       SET reason = CASE WHEN opened_by = ${userId} THEN ${ERASED} ELSE ${scrubbedText(sql.ref('reason'), scrub)} END,
           resolution_note = CASE WHEN moderator_id = ${userId} AND resolution_note IS NOT NULL THEN ${ERASED} ELSE ${scrubbedText(sql.ref('resolution_note'), scrub)} END,
           opened_by = CASE WHEN opened_by = ${userId} THEN ${pseudonym} ELSE opened_by END,
           moderator_id = CASE WHEN moderator_id = ${userId} THEN ${pseudonym} ELSE moderator_id END,
           history = ${scrubbedJson(sql.ref('history'), scrub)},
           updated_at = now()
     WHERE opened_by = ${userId} OR moderator_id = ${userId}
        OR (conversation_id = ANY(${ids}::uuid[])
            AND (${mentions(sql.ref('reason'), scrub)} OR ${mentions(sql.ref('resolution_note'), scrub)} OR ${mentions(sql.ref('history'), scrub, true)}))`.execute(db);
  const flags = await sql`
    UPDATE conversation_flags
       SET review_note = CASE WHEN reviewed_by = ${userId} THEN NULL ELSE ${scrubbedText(sql.ref('review_note'), scrub)} END,
           reviewed_by = CASE WHEN reviewed_by = ${userId} THEN ${pseudonym} ELSE reviewed_by END,
           detail = ${scrubbedJson(sql.ref('detail'), scrub)}
     WHERE reviewed_by = ${userId}
        OR (conversation_id = ANY(${ids}::uuid[]) AND (${mentions(sql.ref('detail'), scrub, true)} OR ${mentions(sql.ref('review_note'), scrub)}))`.execute(db);
  return { disputes: Number(disputes.numAffectedRows ?? 0), flags: Number(flags.numAffectedRows ?? 0) };
}
