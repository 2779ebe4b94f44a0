import type { Db } from '../../../db/connect.ts';

/** Sets the contact-reveal rule (there is one); answers it as stored. */
export async function saveContactRevealRule(db: Db, rule: { orderStatuses: string[]; fulfilment: string | null; updatedBy: string }) {
  return db
    .insertInto('contact_reveal_rules')
    .values({ id: 1, order_statuses: rule.orderStatuses, fulfilment: rule.fulfilment, updated_by: rule.updatedBy })
    .onConflict((oc) =>
      oc.column('id').doUpdateSet({ order_statuses: rule.orderStatuses, fulfilment: rule.fulfilment, updated_by: rule.updatedBy, updated_at: new Date() }),
    )
    .returning(['order_statuses', 'fulfilment', 'updated_by', 'updated_at'])
    .executeTakeFirstOrThrow();
}
