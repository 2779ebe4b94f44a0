import { FormatRegistry, type Static, type TSchema, Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { invalid } from '../errors.ts';

// TypeBox's Value checks know no string formats until they are registered.
// Links shown to buyers: web addresses only.
if (!FormatRegistry.Has('http-url')) FormatRegistry.Set('http-url', (value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol));

const Id = Type.String({ minLength: 1, maxLength: 128 });

/** Structured payloads of the typed marketplace messages. */
export const messagePayloadSchemas = {
  order_status: Type.Object(
    {
      orderId: Id,
      status: Type.Union(['placed', 'paid', 'shipped', 'delivered', 'cancelled', 'refunded', 'dispute_opened'].map((s) => Type.Literal(s))),
      note: Type.Optional(Type.String({ maxLength: 2000 })),
    },
    { additionalProperties: false },
  ),
  payment_confirmation: Type.Object(
    {
      orderId: Id,
      amount: Type.Number({ minimum: 0 }),
      currency: Type.String({ pattern: '^[A-Z]{3}$' }),
      paymentId: Type.Optional(Id),
    },
    { additionalProperties: false },
  ),
  tracking: Type.Object(
    {
      orderId: Id,
      carrier: Type.String({ minLength: 1, maxLength: 100 }),
      trackingNumber: Type.String({ minLength: 1, maxLength: 100 }),
      trackingUrl: Type.Optional(Type.String({ format: 'http-url', maxLength: 2000 })),
    },
    { additionalProperties: false },
  ),
  dispute_escalation: Type.Object(
    {
      reason: Type.String({ minLength: 1, maxLength: 2000 }),
      orderId: Type.Optional(Id),
      disputeId: Type.Optional(Id),
    },
    { additionalProperties: false },
  ),
  dispute_update: Type.Object(
    {
      disputeId: Id,
      status: Type.Union(['open', 'awaiting_seller', 'awaiting_buyer', 'under_review', 'resolved_refund', 'resolved_no_refund', 'closed'].map((s) => Type.Literal(s))),
      note: Type.Optional(Type.String({ maxLength: 2000 })),
      queued: Type.Optional(Type.Boolean()),
    },
    { additionalProperties: false },
  ),
  /** The buyer is asked to rate the seller's communication about the order (customer satisfaction). */
  rating_request: Type.Object(
    {
      orderId: Id,
      reason: Type.Union(['delivered', 'dispute_resolved'].map((s) => Type.Literal(s))),
    },
    { additionalProperties: false },
  ),
  product_inquiry: Type.Object(
    {
      productId: Id,
      listingId: Type.Optional(Id),
      question: Type.Optional(Type.String({ maxLength: 4000 })),
    },
    { additionalProperties: false },
  ),
} satisfies Record<string, TSchema>;

export type TypedMessageType = keyof typeof messagePayloadSchemas;
export const typedMessageTypes = Object.keys(messagePayloadSchemas) as TypedMessageType[];
/** Message types that carry uploaded attachments: an image, video or voice message carries only its own kind. */
export const attachmentMessageTypes = ['image', 'video', 'voice', 'file'] as const;
export const userMessageTypes = ['text', ...attachmentMessageTypes, 'product_inquiry'] as const;
export const messageTypes = ['text', ...attachmentMessageTypes, 'system', ...typedMessageTypes] as const;
export type MessageType = (typeof messageTypes)[number];

export type MessagePayload<T extends TypedMessageType> = Static<(typeof messagePayloadSchemas)[T]>;

/** Checks a typed message's payload; other types take none. */
export function validatePayload(messageType: MessageType, payload: unknown): Record<string, unknown> | null {
  if (!(messageType in messagePayloadSchemas)) {
    if (payload !== undefined && payload !== null) {
      throw invalid('unexpected_payload', `Messages of type "${messageType}" take no payload; remove it or use a typed message type.`);
    }
    return null;
  }
  const schema = messagePayloadSchemas[messageType as TypedMessageType];
  if (payload === undefined || payload === null) {
    throw invalid('payload_required', `Messages of type "${messageType}" need a "payload" object.`);
  }
  const first = Value.Errors(schema, payload).First();
  if (first) {
    throw invalid('invalid_payload', `payload${first.path.replace(/\//g, '.')}: ${first.message}.`, { path: `/payload${first.path}` });
  }
  return payload as Record<string, unknown>;
}
