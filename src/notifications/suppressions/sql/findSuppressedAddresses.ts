import { sql } from 'kysely';
import type { Db } from '../../../db/connect.ts';

/** Which of these (channel, address) pairs are suppressed: their reason by "channel\naddress" key. */
export async function findSuppressedAddresses(db: Db, pairs: { channel: string; address: string }[]): Promise<Map<string, string>> {
  if (!pairs.length) return new Map();
  const { rows } = await sql<{ channel: string; address: string; reason: string }>`
            SELECT s.channel, s.address, s.reason FROM address_suppressions s
            JOIN unnest(${pairs.map((r) => r.channel)}::text[], ${pairs.map((r) => r.address)}::text[]) AS a(channel, address)
              ON s.channel = a.channel AND s.address = a.address`.execute(db);
  return new Map(rows.map((r) => [`${r.channel}\n${r.address}`, r.reason]));
}
