import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';

/**
 * Erasure: a person's campaign recipient rows and their place in campaigns' user id lists take
 * their pseudonym, so the campaigns' figures stay whole. Answers how many rows changed.
 */
export async function pseudonymiseCampaignRecipient(trx: Db, userId: string, pseudonym: string): Promise<{ recipients: number; campaigns: number }> {
  const recipients = await sql`UPDATE campaign_recipients SET user_id = ${pseudonym}, updated_at = now() WHERE user_id = ${userId}`.execute(trx);
  const campaigns = await sql`
    UPDATE campaigns
       SET definition = jsonb_set(definition, '{audience,userIds}',
             (SELECT jsonb_agg(CASE WHEN v = to_jsonb(${userId}::text) THEN to_jsonb(${pseudonym}::text) ELSE v END) FROM jsonb_array_elements(definition->'audience'->'userIds') AS v)),
           updated_at = now()
     WHERE definition->'audience'->'userIds' ? ${userId}`.execute(trx);
  return { recipients: Number(recipients.numAffectedRows ?? 0), campaigns: Number(campaigns.numAffectedRows ?? 0) };
}
