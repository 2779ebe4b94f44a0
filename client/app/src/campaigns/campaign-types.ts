import type { Answer, RequestBody } from '../../../sdk/api-shapes.ts';
import type { Campaign, CampaignDetail, CampaignDryRun, CampaignInput, CampaignPage } from '../../../sdk/index.ts';

/**
 * The shapes of the campaign, audience and tier routes the seller's and operator's views use,
 * each read from the generated API types (client/sdk/api-types.ts).
 */

export const CAMPAIGN_CHANNELS = ['email', 'sms', 'push', 'in-app'] as const;
export type CampaignChannel = (typeof CAMPAIGN_CHANNELS)[number];
export const CONSENT_CHANNELS = ['email', 'sms', 'push', 'whatsapp', 'in-app'] as const;
export const QUOTA_KINDS = ['email', 'sms', 'bulk'] as const;

export type Segment = RequestBody<'/vendors/{vendorId}/segments/count', 'post'>['segment'];

export type SegmentCount = Answer<'/vendors/{vendorId}/segments/count', 'post', 200>;

export type { Campaign, CampaignDetail, CampaignPage };
export type CampaignBody = CampaignInput;
export type ChannelTemplates = CampaignBody['channels'][number];
export type TemplateContent = ChannelTemplates['templates'][number]['content'];
export type DryRun = CampaignDryRun;
export type Figures = Omit<CampaignDetail['results']['channels'][number], 'channel' | 'skippedReasons'>;

export type CustomersPage = Answer<'/vendors/{vendorId}/customers', 'get', 200>;
export type Customer = CustomersPage['customers'][number];

export type TierCatalogue = Answer<'/tiers', 'get', 200>;
export type Tier = TierCatalogue['tiers'][number];
export type Limits = Tier['limits'];
export type VendorTier = Answer<'/vendors/{vendorId}/tier', 'put', 200>;
export type VendorUsage = Answer<'/vendors/{vendorId}/usage', 'get', 200>;
