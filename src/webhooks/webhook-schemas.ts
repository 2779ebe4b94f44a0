import { Type } from '@sinclair/typebox';
import { Shape, nextCursor } from '../http/contract.ts';
import { EVENT_TYPES } from '../events/event-sink.ts';

const nullableString = (options: Parameters<typeof Type.String>[0] = {}) => Type.Union([Type.String(options), Type.Null()]);
const Url = Type.String({ minLength: 1, maxLength: 2000, description: 'Where events are POSTed: http or https, to a public address (see the address rules).' });
const EventTypes = Type.Array(Type.String({ minLength: 1, maxLength: 64 }), {
  minItems: 1,
  maxItems: EVENT_TYPES.length,
  description: `Event types to receive: ${EVENT_TYPES.join(', ')}; or a family such as order.*.`,
});

export const CreateEndpointBody = Type.Object(
  {
    url: Url,
    eventTypes: EventTypes,
    description: Type.Optional(Type.String({ maxLength: 500 })),
    sellerId: Type.Optional(Type.String({ minLength: 1, maxLength: 255, description: "An operator's endpoint for one seller's events; sellers leave it out (theirs are always their own)." })),
  },
  { additionalProperties: false },
);

export const UpdateEndpointBody = Type.Object(
  {
    url: Type.Optional(Url),
    eventTypes: Type.Optional(EventTypes),
    description: Type.Optional(nullableString({ maxLength: 500 })),
    enabled: Type.Optional(Type.Boolean({ description: 'false pauses deliveries (they wait); true resumes them, also after the endpoint was disabled for failing.' })),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const ReplayBody = Type.Object(
  {
    since: Type.String({ format: 'date-time', description: 'Deliveries created at or after this time are sent again, with their original webhook-id.' }),
    onlyFailed: Type.Optional(Type.Boolean({ default: true, description: 'true: only those that failed for good; false: every finished one.' })),
  },
  { additionalProperties: false },
);

const endpointFields = {
  endpointId: Type.String({ format: 'uuid' }),
  sellerId: nullableString({ description: "The seller whose events it gets; null: the marketplace's (every event)." }),
  url: Type.String(),
  description: nullableString(),
  eventTypes: Type.Array(Type.String()),
  enabled: Type.Boolean(),
  disabledReason: nullableString({ description: 'failing (no success for a day) or by_owner.' }),
  disabledAt: nullableString({ format: 'date-time' }),
  failingSince: nullableString({ format: 'date-time', description: 'The first failed attempt since the last success.' }),
  rotationEndsAt: nullableString({ format: 'date-time', description: 'While a rotation overlaps: when the previous secret stops signing.' }),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
};

export const EndpointView = Shape(endpointFields);
export const EndpointWithSecret = Shape({
  ...endpointFields,
  secret: Type.String({ description: 'The signing secret (whsec_...): shown only now; verify the webhook-signature header with it.' }),
});
export const EndpointList = Shape({ endpoints: Type.Array(EndpointView) });

export const DeliveryLogPage = Shape({
  endpointId: Type.String(),
  deliveries: Type.Array(
    Shape({
      deliveryId: Type.String(),
      eventId: Type.String({ description: 'The webhook-id header: the same on every attempt and replay.' }),
      eventType: Type.String(),
      status: Type.Union([Type.Literal('pending'), Type.Literal('delivered'), Type.Literal('failed')]),
      attempts: Type.Integer(),
      nextAttemptAt: nullableString({ format: 'date-time' }),
      lastAttemptAt: nullableString({ format: 'date-time' }),
      lastStatus: Type.Union([Type.Integer(), Type.Null()], { description: "The receiver's HTTP status; null when it did not answer." }),
      lastError: nullableString(),
      lastDetail: nullableString(),
      createdAt: Type.String({ format: 'date-time' }),
      deliveredAt: nullableString({ format: 'date-time' }),
    }),
  ),
  nextCursor,
});
