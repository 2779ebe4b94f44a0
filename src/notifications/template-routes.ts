import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { invalid } from '../errors.ts';
import type { RateLimit } from '../rate-limit.ts';
import { TemplateReference } from './model.ts';
import { requireOperator } from './routes.ts';
import { TEMPLATE_CHANNELS, TemplateContent, type Templates } from './templates.ts';

const tags = ['templates'];
const TemplateChannel = Type.Union(TEMPLATE_CHANNELS.map((c) => Type.Literal(c)));
const Data = Type.Record(Type.String(), Type.Unknown());
const IdParams = Type.Object({ templateId: Type.String({ format: 'uuid' }) });

export async function templateRoutes(app: FastifyInstance, { templates, limit }: { templates: Templates; limit: RateLimit }) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.post(
    '/templates',
    {
      schema: {
        tags,
        summary: 'Create a template for a key, channel and locale (LiquidJS, strict variables)',
        description: 'A template that does not parse is refused with the reason; with sampleData it must also render.',
        body: Type.Object(
          { key: TemplateReference.properties.key, channel: TemplateChannel, locale: TemplateReference.properties.locale, content: TemplateContent, sampleData: Type.Optional(Data) },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      requireOperator(request.principal, 'manage templates');
      await limit.consume(request.principal.userId);
      return reply.code(201).send(await templates.create(request.body));
    },
  );

  r.get(
    '/templates',
    {
      schema: {
        tags,
        summary: 'List templates',
        querystring: Type.Object({ key: Type.Optional(Type.String({ maxLength: 128 })), channel: Type.Optional(TemplateChannel) }, { additionalProperties: false }),
      },
    },
    async (request) => {
      requireOperator(request.principal, 'read templates');
      return { templates: await templates.list(request.query) };
    },
  );

  r.get('/templates/:templateId', { schema: { tags, summary: 'One template', params: IdParams } }, async (request) => {
    requireOperator(request.principal, 'read templates');
    return templates.get(request.params.templateId);
  });

  r.put(
    '/templates/:templateId',
    { schema: { tags, summary: 'Replace a template’s content (its version goes up)', params: IdParams, body: Type.Object({ content: TemplateContent, sampleData: Type.Optional(Data) }, { additionalProperties: false }) } },
    async (request) => {
      requireOperator(request.principal, 'manage templates');
      await limit.consume(request.principal.userId);
      return templates.update(request.params.templateId, request.body);
    },
  );

  r.delete('/templates/:templateId', { schema: { tags, summary: 'Delete a template', params: IdParams } }, async (request, reply) => {
    requireOperator(request.principal, 'manage templates');
    await templates.remove(request.params.templateId);
    return reply.code(204).send();
  });

  r.post(
    '/templates/preview',
    {
      schema: {
        tags,
        summary: 'Render a saved template, or unsaved content, with sample data',
        body: Type.Object(
          { templateId: Type.Optional(Type.String({ format: 'uuid' })), channel: Type.Optional(TemplateChannel), content: Type.Optional(TemplateContent), data: Data },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      requireOperator(request.principal, 'preview templates');
      const { templateId, channel, content, data } = request.body;
      if (templateId) {
        if (content || channel) throw invalid('ambiguous_preview', 'Send templateId, or channel and content, not both.');
        const template = await templates.get(templateId);
        return { channel: template.channel, rendered: await templates.preview(template.channel, template.content, data) };
      }
      if (!channel || !content) throw invalid('missing_field', 'Send templateId, or channel and content.', { field: 'templateId' });
      return { channel, rendered: await templates.preview(channel, content, data) };
    },
  );
}
