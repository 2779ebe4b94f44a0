import { sql } from 'kysely';
import type { Insertable } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { CampaignRecipientsTable } from '../../db/schema-campaigns.ts';

/** Writes a batch's recipients; a held-back recipient written again (its winner's send) takes the new state. */
export async function upsertCampaignRecipients(db: Db, rows: Insertable<CampaignRecipientsTable>[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('campaign_recipients')
    .values(rows)
    .onConflict((oc) =>
      oc.columns(['campaign_id', 'run_number', 'user_id', 'channel']).doUpdateSet({
        variant: (eb) => eb.ref('excluded.variant'),
        request_id: (eb) => eb.ref('excluded.request_id'),
        state: (eb) => eb.ref('excluded.state'),
        reason: (eb) => eb.ref('excluded.reason'),
        send_at: (eb) => eb.ref('excluded.send_at'),
        updated_at: sql`now()`,
      }),
    )
    .execute();
}
