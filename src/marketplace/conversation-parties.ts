import type { Db } from '../db/connect.ts';
import { listParticipantRoles } from '../conversations/sql/listParticipantRoles.ts';

/** The people of a conversation, by their role in it. */
export interface Parties {
  buyerId: string | null;
  sellerId: string | null;
  moderators: string[];
  /** Every participant, the platform's own "system" participant left out. */
  everyone: { userId: string; role: string }[];
}

export async function partiesOf(db: Db, conversationId: string): Promise<Parties> {
  const rows = await listParticipantRoles(db, conversationId);
  const people = rows.filter((r) => r.role !== 'system');
  return {
    buyerId: people.find((r) => r.role === 'buyer')?.user_id ?? null,
    sellerId: people.find((r) => r.role === 'seller')?.user_id ?? null,
    moderators: people.filter((r) => r.role === 'moderator').map((r) => r.user_id),
    everyone: people.map((r) => ({ userId: r.user_id, role: r.role })),
  };
}

/** `value`, unless it is longer than `max` characters: then its start and an ellipsis. */
export function clip(value: string, max: number): string {
  return value.length <= max ? value : `${value.slice(0, max - 1).trimEnd()}…`;
}
