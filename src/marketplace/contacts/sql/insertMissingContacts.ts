import { sql } from 'kysely';
import type { Db } from '../../../db/connect.ts';
import type { ContactColumns } from './saveContacts.ts';

/**
 * Contacts for users who have none yet, in one statement; a user with a stored contact keeps it
 * whole (what a vendor imports never overwrites what the user or the marketplace set). Answers
 * the user ids stored.
 */
export async function insertMissingContacts(db: Db, entries: ContactColumns[]): Promise<string[]> {
  if (entries.length === 0) return [];
  const col = (f: (e: ContactColumns) => string | undefined) => entries.map((e) => f(e) ?? null);
  const result = await sql<{ user_id: string }>`
    INSERT INTO user_contacts (user_id, name, email, phone_number, locale, updated_at)
    SELECT u.user_id, u.name, u.email, u.phone_number, u.locale, now()
      FROM unnest(${col((e) => e.userId)}::text[], ${col((e) => e.name)}::text[], ${col((e) => e.email)}::text[],
                  ${col((e) => e.phoneNumber)}::text[], ${col((e) => e.locale)}::text[]) AS u(user_id, name, email, phone_number, locale)
    ON CONFLICT (user_id) DO NOTHING
    RETURNING user_id`.execute(db);
  return result.rows.map((r) => r.user_id);
}
