import type { Db } from '../../../db/connect.ts';

/** How many templates a seller keeps. */
export async function countMessageTemplates(db: Db, sellerId: string): Promise<number> {
  const { n } = await db.selectFrom('message_templates').select((eb) => eb.fn.countAll<number>().as('n')).where('seller_id', '=', sellerId).executeTakeFirstOrThrow();
  return Number(n);
}
