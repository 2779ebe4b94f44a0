import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { type DatabaseHealth, databaseUnavailable, isDatabaseUnavailable } from '../db/availability.ts';
import { ParleyError, invalid } from '../errors.ts';
import { unstorableNumber } from './input-numbers.ts';
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

/**
 * Bodies are validated strictly (no coercion: a number is not a string); query strings and params
 * are coerced. A coerced number must still be one Parley can hold: "1e309" becomes Infinity,
 * which passes any `maximum`, so such a value is refused with 400 number_out_of_range. (Body
 * numbers are checked before validation, with the text, in the preValidation hook.)
 */
export function setValidators(app: App): void {
  const strict = addFormats.default(new Ajv({ removeAdditional: false, useDefaults: true, coerceTypes: false, allErrors: false }));
  const coercing = addFormats.default(new Ajv({ removeAdditional: false, useDefaults: true, coerceTypes: 'array', allErrors: false }));
  for (const ajv of [strict, coercing]) ajv.addKeyword({ keyword: 'x-examples' });
  app.setValidatorCompiler(({ schema, httpPart }) => {
    if (httpPart === 'body') return strict.compile(schema);
    const validate = coercing.compile(schema);
    const where = httpPart === 'querystring' ? 'querystring' : httpPart ?? 'request';
    const checked = (data: unknown, context?: unknown) => {
      if (!validate(data, context as Parameters<typeof validate>[1])) {
        checked.errors = validate.errors;
        return false;
      }
      const refused = unstorableNumber(data, where);
      return refused ? { error: refused } : true;
    };
    checked.errors = null as typeof validate.errors;
    // Fastify passes the parent object (so Ajv may coerce the root) only to validators that have one.
    return Object.assign(checked, { schemaEnv: validate.schemaEnv });
  });
}

/** The longest path segment routed (find-my-way's maxParamLength); ids are at most 255 characters. */
export const maxPathSegment = 512;

/**
 * Refusals the router makes before any route (and so before the error handler): a path whose
 * percent-encoding is not UTF-8, and a path segment longer than maxPathSegment. Fastify's
 * `frameworkErrors` option.
 */
export function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    reply.code(414).send({ error: { code: 'path_too_long', message: `A segment of the path is longer than ${maxPathSegment} characters, which no id is; check the URL.` } });
    return;
  }
  if (error.code === 'FST_ERR_BAD_URL') {
    reply.code(400).send({ error: { code: 'invalid_url', message: 'The path holds a percent-encoding that is not UTF-8 text; encode each path segment with encodeURIComponent.' } });
    return;
  }
  reply.code(500).send({ error: { code: 'internal_error', message: 'Something went wrong on our side; the request was not applied. Try again.' } });
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
  const refusal = multipartRefusal(error) ?? databaseRefusal(error, request);
  if (refusal) return reply.code(refusal.status).send({ error: { code: refusal.code, message: refusal.message } });
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

/**
 * A multipart body that cannot be read. @fastify/multipart's own errors carry codes; busboy,
 * underneath, throws plain errors for a missing or unusable boundary and for a body that ends
 * early, wherever the route happens to be reading (opening the part or streaming the file).
 */
function multipartRefusal(error: unknown): ParleyError | undefined {
  const code = (error as { code?: unknown }).code;
  const onePart = 'send one part named "file"';
  switch (code) {
    case 'FST_PARTS_LIMIT':
    case 'FST_FILES_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return new ParleyError('payload_too_large', 'too_many_parts', `The multipart body has more parts than this endpoint takes; ${onePart}.`);
    case 'FST_REQ_FILE_TOO_LARGE':
      return new ParleyError('payload_too_large', 'attachment_too_large', 'The uploaded file is larger than allowed (PARLEY_ATTACHMENT_MAX_BYTES).');
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return new ParleyError('unsupported_media_type', 'multipart_required', `Upload the file as multipart/form-data; ${onePart}.`);
    case 'FST_PROTO_VIOLATION':
    case 'FST_INVALID_JSON_FIELD_ERROR':
      return invalid('invalid_multipart', `The multipart body has a part this endpoint cannot read; ${onePart}.`);
  }
  if (!(error instanceof Error) || code !== undefined) return undefined;
  if (/^(Multipart: Boundary not found|Boundary required)$/.test(error.message)) {
    return invalid('multipart_boundary_missing', 'The Content-Type multipart/form-data has no boundary parameter; send the header your HTTP client makes for a form, such as multipart/form-data; boundary=----parley.');
  }
  if (/^The needle cannot/.test(error.message)) {
    return invalid('invalid_multipart_boundary', 'The multipart boundary must be 1 to 70 characters long; send the header your HTTP client makes for a form.');
  }
  if (/unexpected end of multipart data$/i.test(error.message)) {
    return invalid('multipart_truncated', 'The multipart body ends before its closing boundary; send the whole body again.');
  }
  return undefined;
}

/**
 * The database refusing a value is the request's fault, not Parley's: a schema let through a
 * number too large for its column, text too long for its field or index, or text the column type
 * cannot read. It is answered 400 with what to change, and logged (warn) so the schema that let it
 * through can be tightened. Errors of other classes stay 500s.
 */
const databaseRefusals: Record<string, [code: string, message: string]> = {
  '22003': ['number_out_of_range', 'A number in the request is too large for the field that stores it; send a smaller number.'],
  '22001': ['value_too_long', 'A value in the request is longer than its field holds; send a shorter one.'],
  '54000': ['value_too_long', 'A value in the request is too long to be stored or indexed; send a shorter one.'],
  '22021': ['invalid_characters', 'A text in the request holds bytes that are not valid UTF-8 or a NUL character; send valid UTF-8 text.'],
  '22P05': ['invalid_characters', 'A text in the request holds a NUL character (U+0000) or an unpaired surrogate, which cannot be stored; remove it.'],
  '22P02': ['invalid_value', 'A value in the request does not have the form its field takes (an id that is not a uuid, a number that is not one); check the field against the API description.'],
  '22007': ['invalid_date', 'A date or time in the request is malformed; send an ISO 8601 timestamp such as 2026-01-31T12:00:00Z.'],
  '22008': ['invalid_date', 'A date or time in the request is out of range; send an ISO 8601 timestamp such as 2026-01-31T12:00:00Z.'],
};

function databaseRefusal(error: unknown, request: FastifyRequest): ParleyError | undefined {
  const state = (error as { code?: unknown }).code;
  const refusal = typeof state === 'string' ? databaseRefusals[state] : undefined;
  if (!refusal) return undefined;
  request.log.warn({ err: error, sqlState: state, route: request.routeOptions.url }, 'the database refused a value the route\'s schema let through');
  return invalid(refusal[0], refusal[1]);
}
