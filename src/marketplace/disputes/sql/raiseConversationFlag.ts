import { randomUUID } from 'node:crypto';
import type { Db } from '../../../db/connect.ts';

/** Flags a conversation for the moderators, unless it has an open flag for the same reason. */
export async function raiseConversationFlag(db: Db, flag: { conversationId: string; reason: string; score: number | null; detail: unknown }): Promise<void> {
  await db
    .insertInto('conversation_flags')
    .values({ id: randomUUID(), conversation_id: flag.conversationId, reason: flag.reason, score: flag.score, detail: JSON.stringify(flag.detail) })
    .onConflict((oc) => oc.columns(['conversation_id', 'reason']).where('reviewed_at', 'is', null).doNothing())
    .execute();
}
