import { sql } from 'kysely';
import type { Db } from '../../../db/connect.ts';

/**
 * Erasure: ratings stay in the seller's figures with the person as their pseudonym; the
 * comments an erased buyer wrote go. Rows changed.
 */
export async function pseudonymiseRatingParty(db: Db, userId: string, pseudonym: string): Promise<number> {
  const result = await sql`
    UPDATE order_ratings
       SET comment = CASE WHEN buyer_id = ${userId} THEN NULL ELSE comment END,
           buyer_id = CASE WHEN buyer_id = ${userId} THEN ${pseudonym} ELSE buyer_id END,
           seller_id = CASE WHEN seller_id = ${userId} THEN ${pseudonym} ELSE seller_id END
     WHERE buyer_id = ${userId} OR seller_id = ${userId}`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}
