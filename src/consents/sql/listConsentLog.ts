import type { Db } from '../../db/connect.ts';
import type { ConsentRecord } from '../consent-shapes.ts';
import { toRecord } from './insertConsents.ts';

/** A person's whole consent log, oldest first (the export, and the history on the preference page). */
export async function listConsentLog(db: Db, userId: string): Promise<ConsentRecord[]> {
  const rows = await db.selectFrom('promotional_consents').selectAll().where('user_id', '=', userId).orderBy('recorded_at').orderBy('consent_id').execute();
  return rows.map(toRecord);
}
