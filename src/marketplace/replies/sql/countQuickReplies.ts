import type { Db } from '../../../db/connect.ts';

/** How many quick replies a seller keeps. */
export async function countQuickReplies(db: Db, sellerId: string): Promise<number> {
  const { n } = await db.selectFrom('quick_replies').select((eb) => eb.fn.countAll<number>().as('n')).where('seller_id', '=', sellerId).executeTakeFirstOrThrow();
  return Number(n);
}
