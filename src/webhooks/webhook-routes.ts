import { Type } from '@sinclair/typebox';
import { NoContent, answers } from '../http/contract.ts';
import type { App } from '../http/instance.ts';
import type { WebhookEndpoints } from './webhook-endpoints.ts';
import { CreateEndpointBody, DeliveryLogPage, EndpointList, EndpointView, EndpointWithSecret, ReplayBody, UpdateEndpointBody } from './webhook-schemas.ts';

const tags = ['webhooks'];
const Params = Type.Object({ endpointId: Type.String({ minLength: 1, maxLength: 64 }) });

/** The event webhooks' API: endpoints, their secrets, replays and delivery logs. */
export async function webhookRoutes(app: App, { endpoints }: { endpoints: WebhookEndpoints }) {
  app.post(
    '/webhook-endpoints',
    {
      config: { access: 'webhook.manage' },
      schema: {
        operationId: 'createWebhookEndpoint',
        tags,
        summary: 'Register an endpoint for events (an operator: every event; a seller: their own conversations and orders)',
        description: 'The URL must reach a public address (400 url_not_allowed otherwise). The answer carries the signing secret, shown only here and on rotation.',
        body: CreateEndpointBody,
        response: answers({ 201: EndpointWithSecret }, [403]),
      },
    },
    async (request, reply) => reply.code(201).send(await endpoints.create(request.principal, request.body)),
  );

  app.get(
    '/webhook-endpoints',
    {
      config: { access: 'webhook.manage' },
      schema: {
        operationId: 'listWebhookEndpoints',
        tags,
        summary: 'The endpoints the caller manages (an operator: every one, or one seller’s)',
        querystring: Type.Object({ sellerId: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })) }, { additionalProperties: false }),
        response: answers({ 200: EndpointList }, [403]),
      },
    },
    async (request) => ({ endpoints: await endpoints.list(request.principal, request.query) }),
  );

  app.get(
    '/webhook-endpoints/:endpointId',
    {
      config: { access: 'webhook.manage' },
      schema: { operationId: 'getWebhookEndpoint', tags, summary: 'One endpoint', params: Params, response: answers({ 200: EndpointView }, [403, 404]) },
    },
    async (request) => endpoints.get(request.principal, request.params.endpointId),
  );

  app.patch(
    '/webhook-endpoints/:endpointId',
    {
      config: { access: 'webhook.manage' },
      schema: {
        operationId: 'updateWebhookEndpoint',
        tags,
        summary: 'Change an endpoint’s URL, event types or description, pause it, or enable it again',
        params: Params,
        body: UpdateEndpointBody,
        response: answers({ 200: EndpointView }, [403, 404]),
      },
    },
    async (request) => endpoints.update(request.principal, request.params.endpointId, request.body),
  );

  app.delete(
    '/webhook-endpoints/:endpointId',
    {
      config: { access: 'webhook.manage' },
      schema: { operationId: 'deleteWebhookEndpoint', tags, summary: 'Delete an endpoint and its delivery log', params: Params, response: answers({ 204: NoContent }, [403, 404]) },
    },
    async (request, reply) => {
      await endpoints.remove(request.principal, request.params.endpointId);
      return reply.code(204).send();
    },
  );

  app.post(
    '/webhook-endpoints/:endpointId/rotate-secret',
    {
      config: { access: 'webhook.manage' },
      schema: {
        operationId: 'rotateWebhookSecret',
        tags,
        summary: 'Replace the signing secret; the previous one keeps signing (a second signature) for a day',
        params: Params,
        response: answers({ 200: EndpointWithSecret }, [403, 404]),
      },
    },
    async (request) => endpoints.rotateSecret(request.principal, request.params.endpointId),
  );

  app.post(
    '/webhook-endpoints/:endpointId/replay',
    {
      config: { access: 'webhook.manage' },
      schema: {
        operationId: 'replayWebhookDeliveries',
        tags,
        summary: 'Send an endpoint’s deliveries since a time again, with their original webhook-id',
        params: Params,
        body: ReplayBody,
        response: answers({ 202: Type.Object({ replayed: Type.Integer() }, { additionalProperties: false }) }, [403, 404]),
      },
    },
    async (request, reply) => reply.code(202).send(await endpoints.replay(request.principal, request.params.endpointId, request.body)),
  );

  app.get(
    '/webhook-endpoints/:endpointId/deliveries',
    {
      config: { access: 'webhook.manage' },
      schema: {
        operationId: 'listWebhookDeliveries',
        tags,
        summary: 'An endpoint’s delivery log, newest first',
        params: Params,
        querystring: Type.Object(
          {
            status: Type.Optional(Type.Union([Type.Literal('pending'), Type.Literal('delivered'), Type.Literal('failed')])),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
            cursor: Type.Optional(Type.String({ maxLength: 1000 })),
          },
          { additionalProperties: false },
        ),
        response: answers({ 200: DeliveryLogPage }, [403, 404]),
      },
    },
    async (request) => endpoints.deliveries(request.principal, request.params.endpointId, request.query),
  );
}
