import type { Selectable } from 'kysely';
import type { CampaignsTable } from '../../db/schema-campaigns.ts';

/** A campaigns row as read. */
export type CampaignRow = Selectable<CampaignsTable>;
