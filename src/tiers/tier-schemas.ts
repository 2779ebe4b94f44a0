import { Type } from '@sinclair/typebox';
import { Shape } from '../http/contract.ts';

const Limit = (what: string) =>
  Type.Union([Type.Integer(), Type.Null()], { description: `${what} a calendar month: 0 = not allowed, null = unlimited.` });

/** Limits by kind of promotional send. */
export const LimitsSchema = Shape({
  email: Limit('Promotional emails'),
  sms: Limit('Promotional SMS'),
  bulk: Limit('Bulk (campaign) sends'),
});

/** Limits to set: the kinds given (the others stay as they are). Negative numbers are refused (negative_limit). */
export const LimitsBody = Type.Object(
  {
    email: Type.Optional(Limit('Promotional emails')),
    sms: Type.Optional(Limit('Promotional SMS')),
    bulk: Type.Optional(Limit('Bulk (campaign) sends')),
  },
  { additionalProperties: false },
);

export const TierView = Shape({
  tier: Type.String({ description: 'basic, standard, premium or enterprise.' }),
  name: Type.String(),
  limits: LimitsSchema,
  source: Type.Union([Type.Literal('specification'), Type.Literal('environment'), Type.Literal('operator')], {
    description: 'Where the limits come from: the built-in table, PARLEY_TIERS, or an operator through the API.',
  }),
  changedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], { description: 'When an operator last changed them through the API.' }),
});

export const TierCatalogue = Shape({
  defaultTier: Type.String({ description: 'The tier of a vendor nobody placed in one (PARLEY_DEFAULT_TIER).' }),
  tiers: Type.Array(TierView),
});

export const VendorTierBody = Type.Object(
  {
    tier: Type.String({ minLength: 1, maxLength: 32, description: 'basic, standard, premium or enterprise.' }),
    timeZone: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: "IANA time zone of the vendor's months, such as Europe/Berlin; default: as before, else UTC." })),
    limits: Type.Optional(Type.Union([LimitsBody, Type.Null()], { description: "Enterprise only: the vendor's own limits (kinds not named: the tier's)." })),
  },
  { additionalProperties: false },
);

export const VendorTierView = Shape({
  vendorId: Type.String(),
  tier: Type.String(),
  timeZone: Type.String(),
  customLimits: Type.Union([
    Shape({ email: Type.Optional(Type.Union([Type.Integer(), Type.Null()])), sms: Type.Optional(Type.Union([Type.Integer(), Type.Null()])), bulk: Type.Optional(Type.Union([Type.Integer(), Type.Null()])) }),
    Type.Null(),
  ]),
  limits: LimitsSchema,
  updatedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

const KindUsage = Shape({
  used: Type.Integer({ minimum: 0 }),
  limit: Type.Union([Type.Integer(), Type.Null()], { description: 'null: unlimited.' }),
  remaining: Type.Union([Type.Integer(), Type.Null()], { description: 'null: unlimited.' }),
});

export const VendorUsageView = Shape({
  vendorId: Type.String(),
  tier: Type.String(),
  timeZone: Type.String(),
  month: Type.String({ description: "YYYY-MM on the vendor's clock." }),
  resetsAt: Type.String({ format: 'date-time', description: "When the month ends on the vendor's clock and the quota starts again." }),
  kinds: Shape({ email: KindUsage, sms: KindUsage, bulk: KindUsage }),
});
