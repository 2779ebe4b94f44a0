import { sql } from 'kysely';
import type { Db } from '../../../db/connect.ts';

export interface ContactColumns {
  userId: string;
  name?: string;
  email?: string;
  phoneNumber?: string;
  locale?: string;
}

/** Stores several users' contacts in one statement; fields left out keep their value. */
export async function saveContacts(db: Db, entries: ContactColumns[]): Promise<void> {
  if (entries.length === 0) return;
  const col = (f: (e: ContactColumns) => string | undefined) => entries.map((e) => f(e) ?? null);
  await sql`
    INSERT INTO user_contacts (user_id, name, email, phone_number, locale, updated_at)
    SELECT u.user_id, u.name, u.email, u.phone_number, u.locale, now()
      FROM unnest(${col((e) => e.userId)}::text[], ${col((e) => e.name)}::text[], ${col((e) => e.email)}::text[],
                  ${col((e) => e.phoneNumber)}::text[], ${col((e) => e.locale)}::text[]) AS u(user_id, name, email, phone_number, locale)
    ON CONFLICT (user_id) DO UPDATE SET
      name = coalesce(EXCLUDED.name, user_contacts.name),
      email = coalesce(EXCLUDED.email, user_contacts.email),
      phone_number = coalesce(EXCLUDED.phone_number, user_contacts.phone_number),
      locale = coalesce(EXCLUDED.locale, user_contacts.locale),
      updated_at = now()`.execute(db);
}
