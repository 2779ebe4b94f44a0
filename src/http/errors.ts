import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { type DatabaseHealth, databaseUnavailable, isDatabaseUnavailable } from '../db/availability.ts';
import { ParleyError, invalid } from '../errors.ts';
import type { App } from './instance.ts';

/** A refusal of one item of a batch, reported as batches report invalid items: 400 invalid_batch listing it. */
export function inBatch(refused: ParleyError, body: unknown, batchOf: string | undefined): ParleyError {
  const match = batchOf ? new RegExp(`^/body/${batchOf}/(\\d+)(/.*)?$`).exec(String(refused.details?.path ?? '')) : null;
  if (!match) return refused;
  const index = Number(match[1]);
  const item = (body as Record<string, unknown[]>)[batchOf!]?.[index] as { requestId?: unknown } | undefined;
  return invalid('invalid_batch', `1 request of the batch is invalid; nothing was accepted. Fix it and send the batch again.`, {
    items: [{ index, requestId: typeof item?.requestId === 'string' ? item.requestId : undefined, code: refused.code, message: refused.message, field: match[2]?.slice(1).replace(/\//g, '.') }],
  });
}

/** Bodies are validated strictly (no coercion: a number is not a string); query strings and params are coerced. */
export function setValidators(app: App): void {
  const strict = addFormats.default(new Ajv({ removeAdditional: false, useDefaults: true, coerceTypes: false, allErrors: false }));
  const coercing = addFormats.default(new Ajv({ removeAdditional: false, useDefaults: true, coerceTypes: 'array', allErrors: false }));
  for (const ajv of [strict, coercing]) ajv.addKeyword({ keyword: 'x-examples' });
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? strict : coercing).compile(schema));
}

export const errorHandler = (bodyLimit: number, health: DatabaseHealth) => (error: FastifyError | ParleyError, request: FastifyRequest, reply: FastifyReply) => {
  if (isDatabaseUnavailable(error)) {
    health.failed(error);
    error = databaseUnavailable();
  }
  if (error instanceof ParleyError) {
    if ((error.kind === 'rate_limited' || error.kind === 'unavailable') && error.details?.retryAfterSeconds) reply.header('Retry-After', String(error.details.retryAfterSeconds));
    return reply.code(error.status).send({ error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) } });
  }
  const fe = error as FastifyError;
  if (fe.validation) {
    const first = fe.validation[0];
    const where = fe.validationContext ?? 'request';
    const path = first?.instancePath ? first.instancePath.slice(1).replace(/\//g, '.') : '';
    let message = `${where}${path ? `.${path}` : ''} ${first?.message ?? 'is invalid'}.`;
    let code = 'invalid_request';
    if (first?.keyword === 'const') {
      // A union of literals (an enum): name the values it accepts.
      const allowed = fe.validation.filter((e) => e.keyword === 'const' && e.instancePath === first.instancePath).map((e) => JSON.stringify((e.params as { allowedValue: unknown }).allowedValue));
      code = 'invalid_value';
      message = `${where}${path ? `.${path}` : ''} must be one of ${allowed.join(', ')}.`;
    } else if (first?.keyword === 'format') {
      code = 'invalid_format';
      message = `${where}${path ? `.${path}` : ''} must be a valid ${(first.params as { format: string }).format}.`;
    } else if (first?.keyword === 'additionalProperties') {
      code = 'unknown_field';
      message = `${where}${path ? `.${path}` : ''} has an unknown field "${(first.params as { additionalProperty: string }).additionalProperty}"; remove it.`;
    } else if (first?.keyword === 'required') {
      code = 'missing_field';
      message = `${where}${path ? `.${path}` : ''} needs the field "${(first.params as { missingProperty: string }).missingProperty}".`;
    } else if (first?.keyword === 'type') {
      code = 'wrong_type';
      message = `${where}${path ? `.${path}` : ''} must be ${(first.params as { type: string }).type}.`;
    }
    return reply.code(400).send({ error: { code, message, details: { path: `/${where}${first?.instancePath ?? ''}` } } });
  }
  switch (fe.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return reply.code(400).send({ error: { code: 'malformed_json', message: 'The request body is not valid JSON; check quotes, commas and brackets.' } });
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return reply.code(413).send({ error: { code: 'body_too_large', message: `The request body is larger than the ${request.routeOptions.bodyLimit ?? bodyLimit} bytes allowed.` } });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return reply.code(415).send({ error: { code: 'unsupported_media_type', message: 'Send the body as application/json.' } });
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return reply.code(400).send({ error: { code: 'invalid_content_length', message: 'The Content-Length header does not match the body.' } });
  }
  if (error instanceof SyntaxError) {
    return reply.code(400).send({ error: { code: 'malformed_json', message: 'The request body is not valid JSON; check quotes, commas and brackets.' } });
  }
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    return reply.code(fe.statusCode).send({ error: { code: (fe.code ?? 'bad_request').toLowerCase(), message: fe.message } });
  }
  request.log.error({ err: error }, 'unhandled error');
  return reply.code(500).send({ error: { code: 'internal_error', message: 'Something went wrong on our side; the request was not applied. Try again.' } });
};
