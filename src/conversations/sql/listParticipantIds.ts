import type { Db } from '../../db/connect.ts';

/** Who takes part in a conversation. */
export async function listParticipantIds(db: Db, conversationId: string): Promise<string[]> {
  const rows = await db.selectFrom('conversation_participants').select('user_id').where('conversation_id', '=', conversationId).execute();
  return rows.map((r) => r.user_id);
}
