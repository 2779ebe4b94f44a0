import { type Static, Type } from '@sinclair/typebox';
import type { Db } from '../../db/connect.ts';
import { findContacts } from './sql/findContacts.ts';
import { findUsersByPhone } from './sql/findUsersByPhone.ts';
import { insertMissingContacts } from './sql/insertMissingContacts.ts';
import { saveContacts } from './sql/saveContacts.ts';

/** How the marketplace tells Parley to reach a user: sent with order events, or set directly. */
export const ContactBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    email: Type.Optional(Type.String({ format: 'email', maxLength: 320 })),
    phoneNumber: Type.Optional(Type.String({ pattern: '^\\+[1-9][0-9]{6,14}$', description: 'E.164, e.g. +14155550100' })),
    locale: Type.Optional(Type.String({ minLength: 2, maxLength: 35, pattern: '^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$' })),
  },
  { additionalProperties: false },
);
export type Contact = Static<typeof ContactBody>;

export interface StoredContact extends Contact {
  userId: string;
}

export function createContacts(db: Db) {
  /** Each user's contact, for those who have one. */
  async function find(userIds: string[], executor: Db = db): Promise<Map<string, StoredContact>> {
    const out = new Map<string, StoredContact>();
    const rows = await findContacts(executor, userIds);
    for (const r of rows) {
      out.set(r.user_id, {
        userId: r.user_id,
        name: r.name ?? undefined,
        email: r.email ?? undefined,
        phoneNumber: r.phone_number ?? undefined,
        locale: r.locale ?? undefined,
      });
    }
    return out;
  }

  /** Stores what is given; fields left out keep their value. */
  async function save(userId: string, contact: Contact, executor: Db = db): Promise<void> {
    await saveMany([{ userId, ...contact }], executor);
  }

  /** Several users' contacts in one statement. */
  async function saveMany(entries: StoredContact[], executor: Db = db): Promise<void> {
    await saveContacts(executor, entries);
  }

  /** The users reached at this phone number (E.164): whom an inbound SMS (STOP, START) is from. */
  const usersByPhone = (phoneNumber: string): Promise<string[]> => findUsersByPhone(db, phoneNumber);

  /** Contacts for users who have none yet; a stored contact is never changed. Answers the user ids stored. */
  const addMissing = (executor: Db, entries: StoredContact[]): Promise<string[]> => insertMissingContacts(executor, entries);

  return { find, save, saveMany, addMissing, usersByPhone };
}

export type Contacts = ReturnType<typeof createContacts>;
