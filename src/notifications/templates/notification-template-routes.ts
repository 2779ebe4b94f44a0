import { Type } from '@sinclair/typebox';
import { invalid } from '../../errors.ts';
import { NoContent, Shape, answers } from '../../http/contract.ts';
import type { App } from '../../http/instance.ts';
import type { RateLimit } from '../../rate-limit.ts';
import { TemplateReference } from '../model.ts';
import type { Templates } from './notification-templates.ts';
import { TEMPLATE_CHANNELS, TemplateContent } from './template-rendering.ts';

const tags = ['templates'];
const TemplateChannel = Type.Union(TEMPLATE_CHANNELS.map((c) => Type.Literal(c)));
const Data = Type.Record(Type.String(), Type.Unknown());
const IdParams = Type.Object({ templateId: Type.String({ format: 'uuid' }) });

const Template = Shape({
  templateId: Type.String({ format: 'uuid' }),
  key: Type.String(),
  channel: TemplateChannel,
  locale: Type.String(),
  content: TemplateContent,
  version: Type.Integer({ description: 'Goes up with every change of the content.' }),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
const text = Type.Optional(Type.String());
const Rendered = Shape({
  subject: text,
  text,
  html: text,
  title: text,
  body: text,
  icon: text,
  imageUrl: text,
  action: Type.Optional(Shape({ type: Type.String(), url: Type.Optional(Type.String()) })),
});

/** Notification templates: operators (and the backend's API key) only. */
export async function notificationTemplateRoutes(app: App, { templates, limit }: { templates: Templates; limit: RateLimit }) {
  app.post(
    '/templates',
    {
      config: { access: 'template.manage' },
      schema: {
        operationId: 'createNotificationTemplate',
        tags,
        summary: 'Create a template for a key, channel and locale (LiquidJS, strict variables)',
        description: 'A template that does not parse is refused with the reason; with sampleData it must also render.',
        body: Type.Object(
          { key: TemplateReference.properties.key, channel: TemplateChannel, locale: TemplateReference.properties.locale, content: TemplateContent, sampleData: Type.Optional(Data) },
          { additionalProperties: false },
        ),
        response: answers({ 201: Template }, [403, 409, 413, 415, 429]),
      },
    },
    async (request, reply) => {
      await limit.consume(request.principal.userId);
      return reply.code(201).send(await templates.create(request.body));
    },
  );

  app.get(
    '/templates',
    {
      config: { access: 'template.manage' },
      schema: {
        operationId: 'listNotificationTemplates',
        tags,
        summary: 'List templates',
        querystring: Type.Object({ key: Type.Optional(Type.String({ maxLength: 128 })), channel: Type.Optional(TemplateChannel) }, { additionalProperties: false }),
        response: answers({ 200: Shape({ templates: Type.Array(Template) }) }, [403]),
      },
    },
    async (request) => ({ templates: await templates.list(request.query) }),
  );

  app.get(
    '/templates/:templateId',
    {
      config: { access: 'template.manage' },
      schema: { operationId: 'getNotificationTemplate', tags, summary: 'One template', params: IdParams, response: answers({ 200: Template }, [403, 404]) },
    },
    async (request) => templates.get(request.params.templateId),
  );

  app.put(
    '/templates/:templateId',
    {
      config: { access: 'template.manage' },
      schema: {
        operationId: 'replaceNotificationTemplate',
        tags,
        summary: 'Replace a template’s content (its version goes up)',
        params: IdParams,
        body: Type.Object({ content: TemplateContent, sampleData: Type.Optional(Data) }, { additionalProperties: false }),
        response: answers({ 200: Template }, [403, 404, 413, 415, 429]),
      },
    },
    async (request) => {
      await limit.consume(request.principal.userId);
      return templates.update(request.params.templateId, request.body);
    },
  );

  app.delete(
    '/templates/:templateId',
    {
      config: { access: 'template.manage' },
      schema: { operationId: 'deleteNotificationTemplate', tags, summary: 'Delete a template', params: IdParams, response: answers({ 204: NoContent }, [403, 404]) },
    },
    async (request, reply) => {
      await templates.remove(request.params.templateId);
      return reply.code(204).send();
    },
  );

  app.post(
    '/templates/preview',
    {
      config: { access: 'template.manage' },
      schema: {
        operationId: 'previewNotificationTemplate',
        tags,
        summary: 'Render a saved template, or unsaved content, with sample data',
        body: Type.Object(
          { templateId: Type.Optional(Type.String({ format: 'uuid' })), channel: Type.Optional(TemplateChannel), content: Type.Optional(TemplateContent), data: Data },
          { additionalProperties: false },
        ),
        response: answers({ 200: Shape({ channel: TemplateChannel, rendered: Rendered }) }, [403, 404, 413, 415]),
      },
    },
    async (request) => {
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
