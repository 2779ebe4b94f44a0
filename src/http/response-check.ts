import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';

/**
 * Holds every response to its route's schema (PARLEY_CHECK_RESPONSES=1, as the tests run): a
 * status the route does not declare, or a body its schema does not describe (a missing field, a
 * field it does not name, a wrong type), is answered 500 `response_contract_violation` with the
 * reason, so the test that caused it fails. Off in production: the schemas still serialise.
 */
export function responseChecker(log: Logger) {
  const ajv = addFormats.default(new Ajv({ strict: false, allErrors: false }));
  ajv.addKeyword({ keyword: 'x-examples' });
  const compiled = new WeakMap<object, ValidateFunction>();

  return async function checkResponse(request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> {
    const responses = request.routeOptions.schema?.response as Record<string, object> | undefined;
    if (!responses || !request.routeOptions.url) return payload;
    const status = reply.statusCode;
    const schema = responses[status] ?? responses[`${Math.floor(status / 100)}xx`] ?? responses.default;
    let problem: string | undefined;
    if (!schema) {
      problem = `${request.method} ${request.routeOptions.url} answered ${status}, which its schema does not declare`;
    } else {
      let validate = compiled.get(schema);
      if (!validate) compiled.set(schema, (validate = ajv.compile(schema)));
      // What would be serialised: Dates become strings, undefined fields disappear.
      const value = JSON.parse(JSON.stringify(payload ?? null));
      if (!validate(value)) {
        const e = validate.errors?.[0];
        const extra = e?.keyword === 'additionalProperties' ? ` (${(e.params as { additionalProperty: string }).additionalProperty})` : '';
        problem = `${request.method} ${request.routeOptions.url} ${status}: body${e?.instancePath ?? ''} ${e?.message ?? 'is invalid'}${extra}`;
      }
    }
    if (!problem) return payload;
    log.error({ problem }, 'response does not match its schema');
    reply.code(500);
    return { error: { code: 'response_contract_violation', message: `${problem}.` } };
  };
}
