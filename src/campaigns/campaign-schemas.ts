import { type Static, Type } from '@sinclair/typebox';
import { Shape, nextCursor } from '../http/contract.ts';
import { TemplateContent } from '../notifications/templates/template-rendering.ts';
import { SegmentSchema } from '../audiences/index.ts';

/** Channels a campaign sends on: those a vendor's customers consent to that have channel templates. */
export const CAMPAIGN_CHANNELS = ['email', 'sms', 'push', 'in-app'] as const;
export type CampaignChannel = (typeof CAMPAIGN_CHANNELS)[number];

const nullableString = (options: Parameters<typeof Type.String>[0] = {}) => Type.Union([Type.String(options), Type.Null()]);
const Locale = Type.String({ minLength: 2, maxLength: 35, pattern: '^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$' });
const UserId = Type.String({ minLength: 1, maxLength: 255 });
export const VariantName = Type.String({ minLength: 1, maxLength: 32, pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]*$' });

export const ChannelTemplates = Type.Object(
  {
    channel: Type.Union(CAMPAIGN_CHANNELS.map((c) => Type.Literal(c)), { description: 'email, sms, push or in-app.' }),
    templates: Type.Array(
      Type.Object({ locale: Locale, content: TemplateContent }, { additionalProperties: false }),
      {
        minItems: 1,
        maxItems: 50,
        description:
          "Liquid templates, one per locale (email: subject and text or html; sms: text; push and in-app: title and body). A recipient gets their locale's, else their language's, else the first. Variables: customer.name, customer.firstName, customer.locale, vendor.id, campaign.name.",
      },
    ),
  },
  { additionalProperties: false },
);

export const CampaignVariant = Type.Object(
  {
    name: VariantName,
    percent: Type.Number({ minimum: 0, maximum: 100, description: 'Share of the audience, in percent. The entry named "holdback" is the share held back until a winner is declared.' }),
    channels: Type.Optional(Type.Array(ChannelTemplates, { maxItems: 4, description: "This variant's templates, in place of the campaign's for the channels listed." })),
  },
  { additionalProperties: false },
);

export const CampaignSchedule = Type.Object(
  {
    sendAt: Type.Optional(Type.String({ format: 'date-time', description: 'Start at this time; absent (and no recurrence): now.' })),
    recurring: Type.Optional(
      Type.Object(
        {
          frequency: Type.Union([Type.Literal('daily'), Type.Literal('weekly')]),
          dayOfWeek: Type.Optional(Type.Union(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].map((d) => Type.Literal(d)), { description: 'Weekly: the day.' })),
          time: Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', description: 'Local time, HH:MM.' }),
          timeZone: Type.String({ minLength: 1, maxLength: 64, description: 'IANA time zone, e.g. Europe/Berlin.' }),
        },
        { additionalProperties: false, description: 'A run at this local time every day or week (a newsletter); each run reaches the audience as it is then.' },
      ),
    ),
  },
  { additionalProperties: false },
);

export const CampaignAudience = Type.Union([
  Type.Object({ segment: SegmentSchema }, { additionalProperties: false }),
  Type.Object({ userIds: Type.Array(UserId, { minItems: 1, maxItems: 10_000, uniqueItems: true, description: "The vendor's customers to reach, by user id." }) }, { additionalProperties: false }),
]);

export const CampaignBody = Type.Object(
  {
    vendorId: UserId,
    name: Type.String({ minLength: 1, maxLength: 200 }),
    channels: Type.Array(ChannelTemplates, { minItems: 1, maxItems: 4 }),
    audience: CampaignAudience,
    schedule: Type.Optional(CampaignSchedule),
    pacePerMinute: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, description: 'Messages per minute (above 0); absent: as fast as the workers send.' })),
    idempotencyKey: Type.Optional(Type.String({ minLength: 1, maxLength: 255, description: 'The same key with the same body answers the campaign created first; with another body, 409.' })),
    variants: Type.Optional(Type.Array(CampaignVariant, { minItems: 2, maxItems: 10, description: 'A/B split: percents add up to 100; an entry named "holdback" waits for the winner.' })),
    sendTimeOptimisation: Type.Optional(Type.Boolean({ description: "Send at each recipient's best hour (from their opens, clicks and chat activity) instead of at the pace." })),
    upToQuota: Type.Optional(Type.Boolean({ description: 'Over quota: send to as many as the quota allows instead of being refused.' })),
  },
  { additionalProperties: false },
);
export type CampaignBody = Static<typeof CampaignBody>;

const Count = Type.Integer({ minimum: 0 });

export const DryRunView = Shape({
  reaches: Count,
  of: Type.Integer({ minimum: 0, description: 'Customers in the audience.' }),
  optedOut: Type.Integer({ minimum: 0, description: 'Not opted in to any of the channels (or no address for them).' }),
  quietHours: Type.Integer({ minimum: 0, description: 'Reached, but delayed by their quiet hours at the send time.' }),
  overFrequencyCap: Count,
  overQuota: Count,
  quota: Type.Union([Shape({ tier: Type.String(), month: Type.String(), remaining: Type.Record(Type.String(), Type.Union([Type.Integer(), Type.Null()])) }), Type.Null()]),
  summary: Type.String({ description: '"reaches N of M: K opted out, Q in quiet hours (delayed), C over frequency cap, U over quota"' }),
});

const Figures = {
  recipients: Count,
  sent: Count,
  delivered: Count,
  opened: Count,
  clicked: Count,
  converted: Count,
  failed: Count,
  skipped: Count,
  cancelled: Count,
  pending: Count,
};
export const ChannelFigures = Shape({ channel: Type.String(), ...Figures, skippedReasons: Type.Record(Type.String(), Count) });
export const VariantFigures = Shape({ variant: Type.String(), ...Figures, channels: Type.Array(ChannelFigures) });

export const CampaignView = Shape({
  campaignId: Type.String({ format: 'uuid' }),
  vendorId: Type.String(),
  name: Type.String(),
  status: Type.String({ description: 'scheduled, running, paused, awaiting_winner, finished or cancelled.' }),
  runNumber: Type.Integer(),
  nextRunAt: nullableString({ format: 'date-time' }),
  winner: nullableString(),
  quota: Shape({ month: nullableString(), kinds: Type.Array(Type.String()), reserved: Count, used: Count }),
  definition: CampaignBody,
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  finishedAt: nullableString({ format: 'date-time' }),
});

export const CampaignDetail = Shape({
  ...CampaignView.properties,
  progress: Shape({
    expansionDone: Type.Boolean(),
    recipients: Type.Integer({ description: 'Distinct recipients written so far (this run).' }),
    accepted: Type.Integer({ description: 'Notifications accepted (one per recipient and channel).' }),
    held: Type.Integer({ description: 'Held back, waiting for the winner.' }),
    skipped: Type.Record(Type.String(), Count, { description: 'Recipients and channels skipped at expansion, by reason.' }),
  }),
  results: Shape({
    channels: Type.Array(ChannelFigures),
    variants: Type.Array(VariantFigures),
    conversionWindowDays: Type.Integer(),
  }),
  significance: Type.Array(
    Shape({
      variant: Type.String(),
      against: Type.String(),
      metric: Type.String({ description: 'clicked or converted, per recipient sent.' }),
      method: Type.String(),
      z: Type.Number(),
      pValue: Type.Number(),
      significant: Type.Boolean(),
      rateA: Type.Number(),
      rateB: Type.Number(),
      lift: Type.Union([Type.Number(), Type.Null()]),
    }),
  ),
  problems: Type.Array(Shape({ userId: Type.String(), channel: Type.String(), reason: Type.String() }), { description: 'Recipients whose message could not be made (up to 100): a template that failed to render for them.' }),
});

export const CampaignPage = Shape({ campaigns: Type.Array(CampaignView), nextCursor });
