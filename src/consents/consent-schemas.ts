import { Type } from '@sinclair/typebox';
import { Shape, nextCursor } from '../http/contract.ts';
import { CONSENT_CHANNELS } from './consent-shapes.ts';

const nullableString = (options: Parameters<typeof Type.String>[0] = {}) => Type.Union([Type.String(options), Type.Null()]);

export const ConsentChannelSchema = Type.Union(
  CONSENT_CHANNELS.map((c) => Type.Literal(c)),
  { description: 'The channel the promotions come on.' },
);

/** Where a person (or the marketplace for them) may say a consent was given through the API; the others are Parley's own (unsubscribe, SMS STOP and START, erasure). */
export const API_CONSENT_SOURCES = ['checkout', 'preferences', 'import', 'api'] as const;

export const ConsentBody = Type.Object(
  {
    vendorId: Type.Optional(nullableString({ minLength: 1, maxLength: 255, description: "The vendor (a seller's id) whose promotions this is about; null or absent: the marketplace's own." })),
    channel: ConsentChannelSchema,
    granted: Type.Boolean({ description: 'true: gives consent; false: withdraws it.' }),
    source: Type.Union(API_CONSENT_SOURCES.map((s) => Type.Literal(s)), { description: 'Where it was given or withdrawn.' }),
    textShown: Type.Optional(nullableString({ maxLength: 4000, description: 'The words the person was shown when they agreed or withdrew.' })),
  },
  { additionalProperties: false },
);

export const ConsentView = Shape({
  consentId: Type.String(),
  userId: Type.String(),
  vendorId: nullableString(),
  channel: Type.String(),
  granted: Type.Boolean(),
  source: Type.String(),
  textShown: nullableString(),
  ipAddress: nullableString({ description: 'The address the request came from, when the person did it.' }),
  userAgent: nullableString({ description: 'The user agent of the request, when the person did it.' }),
  recordedAt: Type.String({ format: 'date-time' }),
});

export const UserConsentsView = Shape({
  userId: Type.String(),
  current: Type.Array(ConsentView, { description: 'Consent as it stands: the latest record per vendor and channel.' }),
  history: Type.Array(ConsentView, { description: 'Every record, oldest first.' }),
});

export const VendorConsentsPage = Shape({
  vendorId: Type.String(),
  customers: Type.Array(
    Shape({
      userId: Type.String(),
      name: nullableString({ description: 'The name their contact gives, when Parley has one.' }),
      channel: Type.String(),
      source: Type.String(),
      textShown: nullableString(),
      grantedAt: Type.String({ format: 'date-time' }),
    }),
    { description: 'People whose consent to this vendor’s promotions stands, by user id and channel.' },
  ),
  nextCursor,
});
