import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';

/** Marks the current minute as one in which Parley was up (once, whichever process comes first). */
export async function recordHeartbeat(db: Db): Promise<void> {
  await sql`INSERT INTO service_heartbeats (minute) VALUES (date_trunc('minute', now())) ON CONFLICT (minute) DO NOTHING`.execute(db);
}
