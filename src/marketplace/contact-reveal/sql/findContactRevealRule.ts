import type { Db } from '../../../db/connect.ts';

/** The operator's contact-reveal rule; undefined when none was set (contact details always masked). */
export async function findContactRevealRule(db: Db) {
  return db.selectFrom('contact_reveal_rules').select(['order_statuses', 'fulfilment', 'updated_by', 'updated_at']).where('id', '=', 1).executeTakeFirst();
}
