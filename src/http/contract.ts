import { type TObject, type TProperties, type TSchema, Type, type ObjectOptions } from '@sinclair/typebox';

/**
 * The API's contract is its route schemas: each route declares its request schemas, every
 * status code it answers with the body of each (successes and errors alike), an operationId and
 * tags. The OpenAPI document (/openapi.json) and the client SDK's types are made from them, and
 * the test suite checks every response against them (PARLEY_CHECK_RESPONSES).
 */

/** An object that says exactly what it holds: a response field not in its schema is a contract violation. */
export function Shape<T extends TProperties>(properties: T, options: ObjectOptions = {}): TObject<T> {
  return Type.Object(properties, { additionalProperties: false, ...options });
}

/** Every refusal: a stable machine-readable code and a sentence a person can act on. */
export const ErrorBody = Shape({
  error: Shape({
    code: Type.String({ description: 'Stable and machine-readable, e.g. conversation_not_found.' }),
    message: Type.String({ description: 'A sentence a person can act on.' }),
    details: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: 'Facts about the refusal, such as the field at fault.' })),
  }),
});

const errorMeaning: Record<number, string> = {
  400: 'The request is invalid: the code says how, the message what to change.',
  401: 'Missing, malformed or expired credentials.',
  403: 'The caller may not do this.',
  404: 'No such resource, or the caller cannot see it.',
  406: 'An inbound email was refused for good (the code says why); the mail provider does not send it again.',
  409: 'The request conflicts with the current state (a reused id, a transition that is not allowed).',
  413: 'The body is larger than allowed.',
  415: 'The body is not of a type this route takes.',
  422: 'The body is well formed but its content is refused (such as a file that plays too long or carries malware).',
  429: 'Too many requests: wait for Retry-After seconds.',
  503: 'A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds.',
};

export type ErrorStatus = keyof typeof errorMeaning & number;

/**
 * A route's `response` schema: its success bodies by status, and the error statuses it can give
 * besides the ones every route can (400 for a request its schema refuses, 401 without valid
 * credentials, 503 while the database is away; `public` routes have no 401).
 */
export function answers(success: Record<number, TSchema>, errors: readonly ErrorStatus[] = [], options: { public?: boolean } = {}): Record<number, TSchema> {
  const out: Record<number, TSchema> = { ...success };
  const statuses = new Set<number>([400, 503, ...errors]);
  if (!options.public) statuses.add(401);
  for (const status of [...statuses].sort()) out[status] = { ...ErrorBody, description: errorMeaning[status] };
  return out;
}

/** A body-less success (204). */
export const NoContent = Type.Null({ description: 'No content.' });

/** A page of a keyset-paginated list: the items and the cursor of the next page (null at the end). */
export const nextCursor = Type.Union([Type.String(), Type.Null()], { description: 'Pass as ?cursor= for the next page; null at the end.' });

/**
 * A route that takes a body can also be refused for its size (413) and its type (415) before
 * its handler runs; those answers are declared for it here, once, rather than by each route.
 */
export function declareBodyRefusals(route: { schema?: { body?: unknown; response?: Record<number, TSchema> } }): void {
  const response = route.schema?.response;
  if (!route.schema?.body || !response) return;
  for (const status of [413, 415] as const) response[status] ??= { ...ErrorBody, description: errorMeaning[status] };
}
