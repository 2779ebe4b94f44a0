import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import { v7 } from '../../uuid.ts';

/**
 * Erasure: the consent log keeps what was agreed to and when (evidence the marketplace may need)
 * under the person's pseudonym, without the address and user agent it came from; every consent
 * still given is withdrawn with source `erasure`. Rows changed, and withdrawals appended.
 */
export async function pseudonymiseConsents(db: Db, userId: string, pseudonym: string, now = new Date()): Promise<{ pseudonymised: number; withdrawn: number }> {
  const moved = await db
    .updateTable('promotional_consents')
    .set({ user_id: pseudonym, ip_address: null, user_agent: null })
    .where('user_id', '=', userId)
    .executeTakeFirst();
  const granted = await db
    .selectFrom('promotional_consents')
    .select(['vendor_id', 'channel', 'granted'])
    .distinctOn([sql`coalesce(vendor_id, '')`, 'channel'])
    .where('user_id', '=', pseudonym)
    .orderBy(sql`coalesce(vendor_id, '')`)
    .orderBy('channel')
    .orderBy('recorded_at', 'desc')
    .orderBy('consent_id', 'desc')
    .execute();
  const open = granted.filter((r) => r.granted);
  if (open.length) {
    await db
      .insertInto('promotional_consents')
      .values(open.map((r, i) => ({ consent_id: v7(now.getTime() + i), user_id: pseudonym, vendor_id: r.vendor_id, channel: r.channel, granted: false, source: 'erasure', text_shown: null, ip_address: null, user_agent: null, recorded_at: now })))
      .execute();
  }
  return { pseudonymised: Number(moved.numUpdatedRows), withdrawn: open.length };
}
