import { isOperator, type Principal } from '../auth/principal.ts';
import type { Db } from '../db/connect.ts';
import { forbidden } from '../errors.ts';

/** Moderators see the moderation lists (disputes, flags, masking counts); operators see everything. */
export const isModerator = (principal: Principal) => principal.role === 'moderator' || isOperator(principal);

export function requireModerator(principal: Principal, what: string): void {
  if (!isModerator(principal)) throw forbidden('moderators_only', `Only moderators and operators may ${what}.`);
}

/** The people of a conversation, by their role in it. */
export interface Parties {
  buyerId: string | null;
  sellerId: string | null;
  moderators: string[];
  /** Every participant, the platform's own "system" participant left out. */
  everyone: { userId: string; role: string }[];
}

export async function partiesOf(db: Db, conversationId: string): Promise<Parties> {
  const rows = await db
    .selectFrom('conversation_participants')
    .select(['user_id', 'role'])
    .where('conversation_id', '=', conversationId)
    .orderBy('joined_at')
    .orderBy('role')
    .orderBy('user_id')
    .execute();
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
