import { Type } from '@sinclair/typebox';
import { CONSENT_CHANNELS } from '../consents/consent-shapes.ts';

// Stand-in until src/audiences lands: the same filters as its SegmentSchema.
const Id = Type.String({ minLength: 1, maxLength: 128 });
export const SegmentSchema = Type.Object(
  {
    productIds: Type.Optional(Type.Array(Id, { minItems: 1, maxItems: 100 })),
    categories: Type.Optional(Type.Array(Id, { minItems: 1, maxItems: 100 })),
    lastOrderAfter: Type.Optional(Type.String({ format: 'date-time' })),
    lastOrderBefore: Type.Optional(Type.String({ format: 'date-time' })),
    minOrders: Type.Optional(Type.Integer({ minimum: 0 })),
    maxOrders: Type.Optional(Type.Integer({ minimum: 0 })),
    minSpend: Type.Optional(Type.Number({ minimum: 0 })),
    maxSpend: Type.Optional(Type.Number({ minimum: 0 })),
    channels: Type.Optional(Type.Array(Type.Union(CONSENT_CHANNELS.map((c) => Type.Literal(c))), { minItems: 1, maxItems: 5 })),
    locales: Type.Optional(Type.Array(Type.String({ minLength: 2, maxLength: 35 }), { minItems: 1, maxItems: 50 })),
  },
  { additionalProperties: false },
);
