import type { Db } from '../../../db/connect.ts';

/** Erasure: the conversation figures stay (they are counts and times) with the person as their pseudonym. Rows changed. */
export async function pseudonymiseAnalyticsParty(db: Db, userId: string, pseudonym: string): Promise<number> {
  const bySeller = await db.updateTable('conversation_analytics').set({ seller_id: pseudonym }).where('seller_id', '=', userId).executeTakeFirst();
  const byBuyer = await db.updateTable('conversation_analytics').set({ buyer_id: pseudonym }).where('buyer_id', '=', userId).executeTakeFirst();
  const responses = await db.updateTable('conversation_responses').set({ seller_id: pseudonym }).where('seller_id', '=', userId).executeTakeFirst();
  const daily = await db.updateTable('conversation_daily_stats').set({ seller_id: pseudonym }).where('seller_id', '=', userId).executeTakeFirst();
  return [bySeller, byBuyer, responses, daily].reduce((n, r) => n + Number(r.numUpdatedRows), 0);
}
