import type { CampaignBody } from './campaign-schemas.ts';
import type { CampaignRow } from './sql/campaignRow.ts';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** A campaign as the API shows it. */
export function campaignView(c: CampaignRow) {
  return {
    campaignId: c.campaign_id,
    vendorId: c.vendor_id,
    name: c.name,
    status: c.status,
    runNumber: c.run_number,
    nextRunAt: ['scheduled', 'running'].includes(c.status) ? iso(c.next_run_at) : null,
    winner: c.winner,
    quota: { month: c.quota_month, kinds: c.quota_kinds, reserved: c.quota_reserved, used: c.quota_used },
    definition: c.definition as CampaignBody,
    createdAt: iso(c.created_at)!,
    updatedAt: iso(c.updated_at)!,
    finishedAt: iso(c.finished_at),
  };
}
