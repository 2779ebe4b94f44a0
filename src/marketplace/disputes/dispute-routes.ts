import { Type } from '@sinclair/typebox';
import { answers, Shape } from '../../http/contract.ts';
import type { App } from '../../http/instance.ts';
import { ConversationParams, DateTime, MarketplaceId, messagingBase as base, noBodyIsEmpty, nullable, NullableDateTime, NullableString, PageCursor, SentimentShape } from '../marketplace-schemas.ts';
import { DISPUTE_STATUSES, type Disputes } from './disputes.ts';
import type { FlagQueue } from './flag-queue.ts';
import type { MaskingReport } from './masking-report.ts';

const tags = ['marketplace disputes'];
const DisputeStatus = Type.Union(DISPUTE_STATUSES.map((s) => Type.Literal(s)));
const DisputeParams = Type.Object({ disputeId: Type.String({ format: 'uuid' }) });

const DisputeFields = {
  disputeId: Type.String({ format: 'uuid' }),
  conversationId: Type.String({ format: 'uuid' }),
  orderId: NullableString,
  status: DisputeStatus,
  reason: Type.String(),
  openedBy: Type.String(),
  moderatorId: NullableString,
  openedAt: DateTime,
  queuedAt: NullableDateTime,
  resolvedAt: NullableDateTime,
  closedAt: NullableDateTime,
  resolutionSeconds: nullable(Type.Integer()),
  resolutionNote: NullableString,
  history: Type.Array(
    Shape({ at: DateTime, by: Type.String(), status: DisputeStatus, note: Type.Optional(Type.String()), queued: Type.Optional(Type.Boolean()), action: Type.Optional(Type.String({ description: 'What a moderator did besides changing the status: evidence_exported' })) }),
  ),
};
const DisputeShape = Shape(DisputeFields);
const DisputeQueueShape = Shape({
  disputes: Type.Array(Shape({ ...DisputeFields, conversationType: NullableString, ageSeconds: Type.Integer() })),
  nextCursor: NullableString,
});
const FlagShape = Shape({
  flagId: Type.String({ format: 'uuid' }),
  conversationId: Type.String({ format: 'uuid' }),
  conversationType: Type.String(),
  orderId: NullableString,
  buyerId: NullableString,
  sellerId: NullableString,
  reason: Type.String(),
  score: nullable(Type.Number()),
  recent: Type.Array(SentimentShape),
  messageSeq: nullable(Type.Integer()),
  flaggedAt: DateTime,
  reviewedAt: NullableDateTime,
  reviewedBy: NullableString,
  reviewNote: NullableString,
});
const MaskingShape = Shape({
  days: Type.Integer(),
  senders: Type.Array(
    Shape({
      conversationId: Type.String({ format: 'uuid' }),
      senderId: Type.String(),
      messages: Type.Integer(),
      masked: Shape({ phone: Type.Integer(), email: Type.Integer(), link: Type.Integer() }),
      lastAt: DateTime,
    }),
  ),
});

/** Disputes (escalation, the moderation queue, a dispute's lifecycle) and the moderators' lists: flagged conversations and masking counts. */
export async function disputeRoutes(app: App, { disputes, flags, masking }: { disputes: Disputes; flags: FlagQueue; masking: MaskingReport }) {
  app.post(
    `${base}/conversations/:id/escalate`,
    {
      config: { access: 'dispute.open' },
      schema: {
        operationId: 'escalateConversation',
        tags,
        summary: 'Escalate to a dispute: a moderator joins, the parties are told',
        params: ConversationParams,
        body: Type.Object({ reason: Type.String({ minLength: 1, maxLength: 2000 }), moderatorId: Type.Optional(MarketplaceId) }, { additionalProperties: false }),
        response: answers({ 201: Shape({ dispute: DisputeShape, messageId: Type.String({ format: 'uuid' }) }) }, [403, 404, 409]),
      },
    },
    async (request, reply) => reply.code(201).send(await disputes.escalate(request.principal, request.params.id, request.body)),
  );

  app.get(
    `${base}/conversations/:id/disputes`,
    {
      config: { access: 'conversation.read' },
      schema: {
        operationId: 'listConversationDisputes',
        tags,
        summary: "A conversation's disputes, newest first",
        params: ConversationParams,
        response: answers({ 200: Shape({ disputes: Type.Array(DisputeShape) }) }, [404]),
      },
    },
    async (request) => ({ disputes: await disputes.ofConversation(request.principal, request.params.id) }),
  );

  app.get(
    `${base}/disputes`,
    {
      config: { access: 'dispute.queue' },
      schema: {
        operationId: 'listDisputeQueue',
        tags,
        summary: 'The moderation queue: disputes by status and age, oldest first (moderators)',
        querystring: Type.Object(
          {
            status: Type.Optional(DisputeStatus),
            unresolved: Type.Optional(Type.Boolean()),
            queued: Type.Optional(Type.Boolean()),
            cursor: Type.Optional(PageCursor),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
          },
          { additionalProperties: false },
        ),
        response: answers({ 200: DisputeQueueShape }, [403]),
      },
    },
    async (request) => disputes.list(request.principal, request.query),
  );

  app.get(
    `${base}/disputes/:disputeId`,
    {
      config: { access: 'dispute.read' },
      schema: { operationId: 'getDispute', tags, summary: 'One dispute with its history', params: DisputeParams, response: answers({ 200: DisputeShape }, [404]) },
    },
    async (request) => disputes.get(request.principal, request.params.disputeId),
  );

  app.patch(
    `${base}/disputes/:disputeId`,
    {
      // Read access here; moving it on is checked by the service (its moderator, or the party withdrawing it).
      config: { access: 'dispute.read' },
      schema: {
        operationId: 'changeDisputeStatus',
        tags,
        summary: 'Move a dispute along its lifecycle (its moderator; the party who opened it may close it)',
        params: DisputeParams,
        body: Type.Object({ status: DisputeStatus, note: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })) }, { additionalProperties: false }),
        response: answers({ 200: DisputeShape }, [403, 404, 409]),
      },
    },
    async (request) => disputes.changeStatus(request.principal, request.params.disputeId, request.body),
  );

  app.post(
    `${base}/disputes/:disputeId/assign`,
    {
      config: { access: 'dispute.assign' },
      schema: {
        operationId: 'assignDispute',
        tags,
        summary: 'Take a dispute (moderators), or assign it to a moderator (operators)',
        params: DisputeParams,
        body: Type.Object({ moderatorId: Type.Optional(MarketplaceId) }, { additionalProperties: false }),
        response: answers({ 200: DisputeShape }, [403, 404, 409]),
      },
      preValidation: noBodyIsEmpty,
    },
    async (request) => disputes.assign(request.principal, request.params.disputeId, request.body),
  );

  app.get(
    `${base}/moderation/masking`,
    {
      config: { access: 'moderation.read' },
      schema: {
        operationId: 'countMaskedContactDetails',
        tags,
        summary: 'Contact details hidden from recipients, counted per conversation and sender (moderators)',
        querystring: Type.Object({ days: Type.Optional(Type.Integer({ minimum: 1, maximum: 365 })), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })) }, { additionalProperties: false }),
        response: answers({ 200: MaskingShape }, [403]),
      },
    },
    async (request) => masking.counts(request.principal, request.query),
  );

  app.get(
    `${base}/moderation/flagged`,
    {
      config: { access: 'moderation.read' },
      schema: {
        operationId: 'listFlaggedConversations',
        tags,
        summary: 'Conversations flagged for a buyer turning negative, newest first (moderators and operators)',
        querystring: Type.Object(
          {
            reviewed: Type.Optional(Type.Boolean({ description: 'true: reviewed flags only; false: open ones only; omitted: both' })),
            cursor: Type.Optional(Type.String({ maxLength: 200 })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
          },
          { additionalProperties: false },
        ),
        response: answers({ 200: Shape({ flags: Type.Array(FlagShape), nextCursor: NullableString }) }, [403]),
      },
    },
    async (request) => flags.flagged(request.principal, request.query),
  );

  app.post(
    `${base}/moderation/flags/:flagId/review`,
    {
      config: { access: 'moderation.review' },
      schema: {
        operationId: 'reviewFlag',
        tags,
        summary: 'Mark a flag reviewed, with an optional note (moderators and operators)',
        params: Type.Object({ flagId: Type.String({ maxLength: 64 }) }, { additionalProperties: false }),
        body: Type.Optional(Type.Object({ note: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })) }, { additionalProperties: false })),
        response: answers({ 200: FlagShape }, [403, 404, 409]),
      },
      // No body at all means "reviewed, no note"; the schema alone would reject a missing body.
      preValidation: noBodyIsEmpty,
    },
    async (request) => flags.review(request.principal, request.params.flagId, request.body?.note),
  );
}
