import type { Db } from '../../../db/connect.ts';

/** Marks a conversation's unanswered question answered, with how long the answer took. */
export async function answerOpenQuestion(trx: Db, conversationId: string, answeredAt: Date, responseSeconds: number): Promise<void> {
  await trx
    .updateTable('conversation_responses')
    .set({ answered_at: answeredAt, response_seconds: responseSeconds })
    .where('conversation_id', '=', conversationId)
    .where('answered_at', 'is', null)
    .execute();
}
