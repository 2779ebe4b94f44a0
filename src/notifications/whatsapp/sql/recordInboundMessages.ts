import { sql } from 'kysely';
import type { Db } from '../../../db/connect.ts';

/**
 * Records that these numbers wrote to the business at these times, in one statement: a number's
 * window opens at its latest inbound message (an older message delivered late moves nothing back).
 */
export async function recordInboundMessages(db: Db, messages: { address: string; at: Date }[], now = new Date()): Promise<void> {
  const latest = new Map<string, Date>();
  for (const m of messages) if (!latest.has(m.address) || latest.get(m.address)! < m.at) latest.set(m.address, m.at);
  if (!latest.size) return;
  await sql`
    INSERT INTO whatsapp_service_windows (address, last_inbound_at, updated_at)
    SELECT address, at, ${now}::timestamptz FROM unnest(${[...latest.keys()]}::text[], ${[...latest.values()]}::timestamptz[]) AS i(address, at)
    ON CONFLICT (address) DO UPDATE SET last_inbound_at = GREATEST(whatsapp_service_windows.last_inbound_at, excluded.last_inbound_at), updated_at = excluded.updated_at`.execute(db);
}
