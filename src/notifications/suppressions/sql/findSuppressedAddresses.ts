import { sql } from 'kysely';
import type { Db } from '../../../db/connect.ts';

/** Which of these (channel, address) pairs are suppressed, as "channel\naddress" keys. */
export async function findSuppressedAddresses(db: Db, pairs: { channel: string; address: string }[]): Promise<Set<string>> {
  if (!pairs.length) return new Set();
  const { rows } = await sql<{ channel: string; address: string }>`
            SELECT s.channel, s.address FROM address_suppressions s
            JOIN unnest(${pairs.map((r) => r.channel)}::text[], ${pairs.map((r) => r.address)}::text[]) AS a(channel, address)
              ON s.channel = a.channel AND s.address = a.address`.execute(db);
  return new Set(rows.map((r) => `${r.channel}\n${r.address}`));
}
