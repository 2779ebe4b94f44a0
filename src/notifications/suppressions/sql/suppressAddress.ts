import type { Db } from '../../../db/connect.ts';

/** Stops sending to an address that bounced for good or complained (kept if it is suppressed already). */
export async function suppressAddress(db: Db, input: { channel: 'email' | 'sms'; address: string; reason: 'complaint' | 'hard_bounce'; logId: string }): Promise<void> {
  await db
    .insertInto('address_suppressions')
    .values({ channel: input.channel, address: input.address, reason: input.reason, log_id: input.logId, created_at: new Date() })
    .onConflict((oc) => oc.columns(['channel', 'address']).doNothing())
    .execute();
}
