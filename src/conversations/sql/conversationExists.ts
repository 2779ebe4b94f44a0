import type { Db } from '../../db/connect.ts';

export async function conversationExists(db: Db, conversationId: string): Promise<boolean> {
  return (await db.selectFrom('conversations').select('id').where('id', '=', conversationId).executeTakeFirst()) !== undefined;
}
