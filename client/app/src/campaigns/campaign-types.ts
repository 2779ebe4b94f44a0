import type { Answer, RequestBody } from '../../../sdk/api-shapes.ts';

/**
 * The shapes of the campaign, audience and tier routes the seller's and operator's views use,
 * read from the generated API types where the routes are there.
 */

export const CAMPAIGN_CHANNELS = ['email', 'sms', 'push', 'in-app'] as const;
export type CampaignChannel = (typeof CAMPAIGN_CHANNELS)[number];
export const CONSENT_CHANNELS = ['email', 'sms', 'push', 'whatsapp', 'in-app'] as const;
export const QUOTA_KINDS = ['email', 'sms', 'bulk'] as const;
export type QuotaKind = (typeof QUOTA_KINDS)[number];

export type Segment = RequestBody<'/vendors/{vendorId}/segments/count', 'post'>['segment'];

export type SegmentCount = Answer<'/vendors/{vendorId}/segments/count', 'post', 200>;

export interface TemplateContent {
  subject?: string;
  text?: string;
  html?: string;
  title?: string;
  body?: string;
  icon?: string;
  imageUrl?: string;
  actionUrl?: string;
}

export interface ChannelTemplates {
  channel: CampaignChannel;
  templates: Array<{ locale: string; content: TemplateContent }>;
}

export interface CampaignVariant {
  name: string;
  percent: number;
  channels?: ChannelTemplates[];
}

export interface CampaignSchedule {
  sendAt?: string;
  recurring?: { frequency: 'daily' | 'weekly'; dayOfWeek?: string; time: string; timeZone: string };
}

export interface CampaignBody {
  vendorId: string;
  name: string;
  channels: ChannelTemplates[];
  audience: { segment: Segment } | { userIds: string[] };
  schedule?: CampaignSchedule;
  pacePerMinute?: number;
  idempotencyKey?: string;
  variants?: CampaignVariant[];
  sendTimeOptimisation?: boolean;
  upToQuota?: boolean;
}

export interface DryRun {
  reaches: number;
  of: number;
  optedOut: number;
  quietHours: number;
  overFrequencyCap: number;
  overQuota: number;
  quota: { tier: string; month: string; remaining: Record<string, number | null> } | null;
  summary: string;
}

export interface Figures {
  recipients: number;
  sent: number;
  delivered: number;
  opened: number;
  clicked: number;
  converted: number;
  failed: number;
  skipped: number;
  cancelled: number;
  pending: number;
}
export interface ChannelFigures extends Figures {
  channel: string;
  skippedReasons: Record<string, number>;
}
export interface VariantFigures extends Figures {
  variant: string;
  channels: ChannelFigures[];
}

export interface Campaign {
  campaignId: string;
  vendorId: string;
  name: string;
  status: string;
  runNumber: number;
  nextRunAt: string | null;
  winner: string | null;
  quota: { month: string | null; kinds: string[]; reserved: number; used: number };
  definition: CampaignBody;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

export interface Significance {
  variant: string;
  against: string;
  metric: string;
  method: string;
  z: number;
  pValue: number;
  significant: boolean;
  rateA: number;
  rateB: number;
  lift: number | null;
}

export interface CampaignDetail extends Campaign {
  progress: { expansionDone: boolean; recipients: number; accepted: number; held: number; skipped: Record<string, number> };
  results: { channels: ChannelFigures[]; variants: VariantFigures[]; conversionWindowDays: number };
  significance: Significance[];
  problems: Array<{ userId: string; channel: string; reason: string }>;
}

export interface CampaignPage {
  campaigns: Campaign[];
  nextCursor: string | null;
}

export type CustomersPage = Answer<'/vendors/{vendorId}/customers', 'get', 200>;
export type Customer = CustomersPage['customers'][number];

export type TierCatalogue = Answer<'/tiers', 'get', 200>;
export type Tier = TierCatalogue['tiers'][number];
export type Limits = Tier['limits'];
export type VendorTier = Answer<'/vendors/{vendorId}/tier', 'put', 200>;
export type VendorUsage = Answer<'/vendors/{vendorId}/usage', 'get', 200>;
