import { Type } from '@sinclair/typebox';
import { ErrorBody, Shape } from './contract.ts';

/**
 * The schemas of the service's own operational routes: liveness, readiness, metrics and the API
 * description. None takes a user's credentials: /health, /ready and /openapi.json are open to
 * anyone (`security: []`), /metrics takes PARLEY_METRICS_TOKEN as a bearer token when it is set
 * and nothing otherwise.
 */
const tags = ['operations'];

export const healthSchema = {
  operationId: 'getHealth',
  tags,
  summary: 'The process is up',
  security: [],
  response: { 200: Shape({ status: Type.Literal('ok') }, { description: 'The process is up.' }) },
};

const Readiness = Shape({
  status: Type.Union([Type.Literal('ready'), Type.Literal('degraded'), Type.Literal('not_ready')], {
    description: '"degraded": serving, but Redis is away (events reach only this node\'s sockets).',
  }),
  checks: Type.Record(Type.String(), Type.String(), {
    description: 'What was checked and how it went: database (ok, unreachable), migrations (ok, pending: ...), redis when configured (ok, unreachable).',
  }),
});

export const readySchema = {
  operationId: 'getReadiness',
  tags,
  summary: 'Database reachable and migrations applied (503 otherwise); Redis reported, "degraded" while it is away',
  security: [],
  response: {
    200: { ...Readiness, description: 'Ready (or degraded): keep the node in rotation.' },
    503: { ...Readiness, description: 'Not ready: the database is unreachable or migrations are pending; retry after Retry-After seconds.' },
  },
};

export const metricsSchema = {
  operationId: 'getMetrics',
  tags,
  summary: 'Prometheus metrics (behind a bearer token when PARLEY_METRICS_TOKEN is set)',
  // No credentials, or PARLEY_METRICS_TOKEN when it is set.
  security: [{}, { metricsToken: [] }] as Record<string, string[]>[],
  response: {
    200: {
      description: 'The Prometheus text exposition format.',
      content: { 'text/plain': { schema: Type.String() } },
    },
    401: { ...ErrorBody, description: 'PARLEY_METRICS_TOKEN is set and the request did not send it as a bearer token.' },
  },
};

export const openApiSchema = {
  operationId: 'getOpenApiDocument',
  tags,
  summary: 'This API description (OpenAPI 3.0)',
  security: [],
  response: {
    200: Type.Object(
      { openapi: Type.String(), info: Type.Object({}, { additionalProperties: true }), paths: Type.Object({}, { additionalProperties: true }) },
      { additionalProperties: true, description: 'The OpenAPI document.' },
    ),
  },
};
