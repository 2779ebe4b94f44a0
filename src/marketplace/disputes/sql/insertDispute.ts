import type { Selectable } from 'kysely';
import type { Db } from '../../../db/connect.ts';
import type { DisputesTable } from '../../../db/schema.ts';

/** A new open dispute's row; a conversation with an unresolved dispute refuses it (unique violation). */
export async function insertDispute(
  trx: Db,
  d: { disputeId: string; conversationId: string; orderId: string | null; openedBy: string; reason: string; moderatorId: string | null; history: unknown[] },
): Promise<Selectable<DisputesTable>> {
  return (await trx
    .insertInto('disputes')
    .values({ id: d.disputeId, conversation_id: d.conversationId, order_id: d.orderId, opened_by: d.openedBy, reason: d.reason, status: 'open', moderator_id: d.moderatorId, history: JSON.stringify(d.history) })
    .returningAll()
    .executeTakeFirstOrThrow()) as Selectable<DisputesTable>;
}
