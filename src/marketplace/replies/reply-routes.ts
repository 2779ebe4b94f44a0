import { Type } from '@sinclair/typebox';
import { answers, NoContent, Shape } from '../../http/contract.ts';
import type { App } from '../../http/instance.ts';
import { DateTime, nullable, NullableDateTime, NullableString } from '../marketplace-schemas.ts';
import { MAX_TRIGGER_LENGTH, MAX_TRIGGERS, type QuickReplies } from './quick-replies.ts';
import { TEMPLATE_VARIABLES } from './template-text.ts';
import { REPLY_CATEGORIES, type SellerTemplates } from './reply-templates.ts';

const tags = ['marketplace replies'];
const base = '/marketplace/messaging';

const SellerId = Type.String({ minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9._:@-]+$', description: 'Operators only: the seller these belong to. Sellers leave it out.' });
const Category = Type.Union([...REPLY_CATEGORIES.map((c) => Type.Literal(c)), Type.Null()]);
const Shortcut = Type.Union([Type.String({ maxLength: 64, description: 'Modifiers Ctrl, Alt, Shift, Meta and one key A–Z, 0–9 or F1–F12, e.g. "Ctrl+1"; stored as "Ctrl+Shift+T".' }), Type.Null()]);
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

const TemplateFields = {
  name: Type.String({ minLength: 1, maxLength: 100 }),
  content: Type.String({ minLength: 1, maxLength: 2000, description: `Text with variables written {{name}}: ${TEMPLATE_VARIABLES.join(', ')}.` }),
  category: Type.Optional(Category),
  shortcut: Type.Optional(Shortcut),
};

const TemplateFieldsShape = {
  templateId: Type.String({ format: 'uuid' }),
  sellerId: Type.String(),
  name: Type.String(),
  content: Type.String(),
  category: NullableString,
  shortcut: NullableString,
  variables: Type.Array(Type.String()),
  usageCount: Type.Integer(),
  lastUsedAt: NullableDateTime,
  createdAt: DateTime,
  updatedAt: DateTime,
};
const TemplateShape = Shape(TemplateFieldsShape);
const ListedTemplateShape = Shape({
  ...TemplateFieldsShape,
  rendered: Type.Optional(Shape({ content: Type.String(), missingVariables: Type.Array(Type.String()) }, { description: 'Filled for the conversation, when listed for one.' })),
});
const QuickReplyShape = Shape({
  quickReplyId: Type.String({ format: 'uuid' }),
  sellerId: Type.String(),
  content: Type.String(),
  triggers: Type.Array(Type.String()),
  category: NullableString,
  usageCount: Type.Integer(),
  lastUsedAt: NullableDateTime,
  createdAt: DateTime,
});
const SuggestionsShape = Shape({
  basedOn: nullable(Shape({ messageId: Type.String({ format: 'uuid' }), seq: Type.Integer() })),
  suggestions: Type.Array(
    Shape({
      kind: Type.Union([Type.Literal('quick_reply'), Type.Literal('template')]),
      id: Type.String({ format: 'uuid' }),
      content: Type.String(),
      shortcut: Type.Optional(Type.String()),
      score: Type.Number(),
      reasons: Type.Array(Type.String()),
    }),
  ),
});

/** Seller message templates and quick replies, and suggestions for the buyer's latest message. */
export async function replyRoutes(app: App, { templates, quickReplies }: { templates: SellerTemplates; quickReplies: QuickReplies }) {

  app.get(
    `${base}/templates`,
    {
      config: { access: 'reply.manage' },
      schema: {
        operationId: 'listReplyTemplates',
        response: answers({ 200: Shape({ templates: Type.Array(ListedTemplateShape) }) }, [403, 404]),
        tags,
        summary: "A seller's templates, by name; with conversationId, each also filled for that conversation",
        description: 'Sellers see their own; operators name the seller (or, with conversationId, get its seller). Filling needs the caller to be the conversation\'s seller or an operator.',
        querystring: Type.Object({ sellerId: Type.Optional(SellerId), conversationId: Type.Optional(Type.String({ format: 'uuid' })) }, { additionalProperties: false }),
      },
    },
    async (request) => ({ templates: await templates.list(request.principal, request.query) }),
  );

  app.post(
    `${base}/templates`,
    {
      config: { access: 'reply.manage' },
      schema: {
        operationId: 'createReplyTemplate',
        response: answers({ 201: TemplateShape }, [403, 409, 429]),
        tags,
        summary: 'Create a template (rate-limited per seller; at most 200 per seller)',
        body: Type.Object({ ...TemplateFields, sellerId: Type.Optional(SellerId) }, { additionalProperties: false }),
      },
    },
    async (request, reply) => reply.code(201).send(await templates.create(request.principal, request.body)),
  );

  app.put(
    `${base}/templates/:id`,
    {
      config: { access: 'reply.manage' },
      schema: {
        operationId: 'replaceReplyTemplate',
        response: answers({ 200: TemplateShape }, [403, 404, 409, 429]),
        tags,
        summary: 'Replace a template: name, content, category and shortcut (left out: none)',
        params: IdParams,
        body: Type.Object(TemplateFields, { additionalProperties: false }),
      },
    },
    async (request) => templates.update(request.principal, request.params.id, request.body),
  );

  app.delete(
    `${base}/templates/:id`,
    {
      config: { access: 'reply.manage' },
      schema: { operationId: 'deleteReplyTemplate', tags, summary: 'Delete a template', params: IdParams, response: answers({ 204: NoContent }, [403, 404, 429]) },
    },
    async (request, reply) => {
      await templates.remove(request.principal, request.params.id);
      return reply.code(204).send();
    },
  );

  app.get(
    `${base}/quick-replies`,
    {
      config: { access: 'reply.manage' },
      schema: {
        operationId: 'listQuickReplies',
        response: answers({ 200: Shape({ quickReplies: Type.Array(QuickReplyShape) }) }, [403]),
        tags,
        summary: "A seller's quick replies, oldest first",
        querystring: Type.Object({ sellerId: Type.Optional(SellerId) }, { additionalProperties: false }),
      },
    },
    async (request) => ({ quickReplies: await quickReplies.list(request.principal, request.query) }),
  );

  app.post(
    `${base}/quick-replies`,
    {
      config: { access: 'reply.manage' },
      schema: {
        operationId: 'createQuickReply',
        response: answers({ 201: QuickReplyShape }, [403, 409, 429]),
        tags,
        summary: 'Create a quick reply with trigger words (rate-limited per seller; at most 500 per seller)',
        body: Type.Object(
          {
            sellerId: Type.Optional(SellerId),
            content: Type.String({ minLength: 1, maxLength: 1000 }),
            triggers: Type.Optional(
              Type.Array(Type.String({ minLength: 1, maxLength: MAX_TRIGGER_LENGTH }), {
                maxItems: MAX_TRIGGERS,
                description: 'Words or phrases that, found in a buyer message (whole words, any case or accents), suggest this reply.',
              }),
            ),
            category: Type.Optional(Category),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => reply.code(201).send(await quickReplies.create(request.principal, request.body)),
  );

  app.delete(
    `${base}/quick-replies/:id`,
    {
      config: { access: 'reply.manage' },
      schema: { operationId: 'deleteQuickReply', tags, summary: 'Delete a quick reply', params: IdParams, response: answers({ 204: NoContent }, [403, 404, 429]) },
    },
    async (request, reply) => {
      await quickReplies.remove(request.principal, request.params.id);
      return reply.code(204).send();
    },
  );

  app.get(
    `${base}/quick-replies/suggest`,
    {
      config: { access: 'reply.suggest' },
      schema: {
        operationId: 'suggestReplies',
        response: answers({ 200: SuggestionsShape }, [403, 404]),
        tags,
        summary: "Quick replies and templates that fit the buyer's latest message, best first",
        description: "For the conversation's seller (or an operator). Each suggestion has a score and its reasons: trigger:<word>, similar, popular.",
        querystring: Type.Object(
          { conversationId: Type.String({ format: 'uuid' }), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 20, default: 5 })) },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => quickReplies.suggest(request.principal, request.query.conversationId, request.query.limit ?? 5),
  );
}
