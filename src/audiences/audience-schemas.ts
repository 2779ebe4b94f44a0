import { type Static, Type } from '@sinclair/typebox';
import { Shape, nextCursor } from '../http/contract.ts';
import { CONSENT_CHANNELS } from '../consents/consent-shapes.ts';

const Id = Type.String({ minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9._:@-]+$' });
const Tag = Type.String({ minLength: 1, maxLength: 100 });
const Currency = Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217, e.g. EUR' });
const Locale = Type.String({ minLength: 2, maxLength: 35, pattern: '^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$' });
const nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export const ChannelSchema = Type.Union(
  CONSENT_CHANNELS.map((c) => Type.Literal(c)),
  { description: 'A channel promotions come on.' },
);

/** Which of a vendor's customers a campaign is for: every filter given must hold (AND); within a list, any (OR). */
export const SegmentSchema = Type.Object(
  {
    productIds: Type.Optional(Type.Array(Id, { minItems: 1, maxItems: 100, description: 'Bought any of these products.' })),
    categories: Type.Optional(Type.Array(Tag, { minItems: 1, maxItems: 100, description: 'Bought in any of these categories.' })),
    lastOrderAfter: Type.Optional(Type.String({ format: 'date-time', description: 'Last order at or after this time.' })),
    lastOrderBefore: Type.Optional(Type.String({ format: 'date-time', description: 'Last order before this time.' })),
    minOrders: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
    maxOrders: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
    minSpend: Type.Optional(Type.Number({ minimum: 0, maximum: 1e12, description: 'Sum of the order totals (cancelled and refunded orders not counted).' })),
    maxSpend: Type.Optional(Type.Number({ minimum: 0, maximum: 1e12 })),
    channels: Type.Optional(Type.Array(ChannelSchema, { minItems: 1, maxItems: 5, description: "Currently opted in to this vendor's promotions on any of these channels." })),
    locales: Type.Optional(Type.Array(Locale, { minItems: 1, maxItems: 50, description: "The customer's locale: 'de' matches de, de-AT and de-DE; 'en-GB' matches en-GB." })),
  },
  { additionalProperties: false },
);
export type SegmentInput = Static<typeof SegmentSchema>;

export const SegmentCountBody = Type.Object({ segment: SegmentSchema }, { additionalProperties: false });

export const SegmentCountView = Shape({
  customers: Type.Integer({ description: 'Customers in the segment.' }),
  optedIn: Type.Record(Type.String(), Type.Integer(), { description: "Of those, how many currently opt in to this vendor's promotions, per channel." }),
});

const ImportConsent = Type.Object(
  {
    channel: ChannelSchema,
    granted: Type.Boolean({ description: 'true: gives consent (textShown required); false: records a withdrawal.' }),
    textShown: Type.Optional(Type.String({ minLength: 1, maxLength: 4000, description: 'The words the customer agreed to; required for a grant.' })),
  },
  { additionalProperties: false },
);

const ImportContact = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    email: Type.Optional(Type.String({ format: 'email', maxLength: 320 })),
    phoneNumber: Type.Optional(Type.String({ pattern: '^\\+[1-9][0-9]{6,14}$', description: 'E.164, e.g. +14155550100' })),
    locale: Type.Optional(Locale),
  },
  { additionalProperties: false, description: 'How to reach a customer Parley has no contact details for yet; kept only when the user has none (never overwrites).' },
);

export const ImportCustomer = Type.Object(
  {
    userId: Id,
    firstOrderAt: Type.Optional(Type.String({ format: 'date-time' })),
    lastOrderAt: Type.Optional(Type.String({ format: 'date-time' })),
    orderCount: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
    spend: Type.Optional(Type.Number({ minimum: 0, maximum: 1e12 })),
    currency: Type.Optional(Currency),
    productIds: Type.Optional(Type.Array(Id, { maxItems: 200 })),
    categories: Type.Optional(Type.Array(Tag, { maxItems: 100 })),
    contact: Type.Optional(ImportContact),
    consents: Type.Optional(Type.Array(ImportConsent, { maxItems: 5 })),
  },
  { additionalProperties: false },
);
export type ImportCustomerInput = Static<typeof ImportCustomer>;

export const ImportBody = Type.Object({ customers: Type.Array(ImportCustomer, { minItems: 1, maxItems: 1000 }) }, { additionalProperties: false });

export const ImportResult = Shape({
  vendorId: Type.String(),
  imported: Type.Integer({ description: 'Customers in the import.' }),
  created: Type.Integer({ description: 'Of those, new customers of this vendor.' }),
  contactsSaved: Type.Integer({ description: 'Contact details stored for users Parley had none for.' }),
  contactsKept: Type.Integer({ description: "Contact details given but not stored: the user's own stand." }),
  consentsRecorded: Type.Integer(),
});

export const CustomerView = Shape({
  userId: Type.String(),
  firstOrderAt: nullable(Type.String({ format: 'date-time' })),
  lastOrderAt: nullable(Type.String({ format: 'date-time' })),
  orderCount: Type.Integer(),
  spend: Type.Number(),
  currency: nullable(Type.String()),
  productIds: Type.Array(Type.String()),
  categories: Type.Array(Type.String()),
  source: Type.String({ description: 'orders: known from order events; import: from an import only.' }),
  consents: Type.Record(Type.String(), Type.Boolean(), { description: "Consent to this vendor's promotions as it stands, per channel recorded (absent: never asked)." }),
});

export const CustomersPage = Shape({ vendorId: Type.String(), customers: Type.Array(CustomerView), nextCursor });
