import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { type OpenApiDocument, type OpenApiOperation, openApiDocument } from '../scripts/openapi-document.ts';
import { PERMISSIONS, type Permission } from '../src/access/policy.ts';
import { freshDatabase } from './support/parley.ts';

/**
 * The API's one contract is its route schemas, as /openapi.json describes them. These checks
 * read that document (demo mode on, so every route is in it) and name every operation that
 * breaks a rule, so a failure says exactly which routes to fix and how.
 */

const methods = ['get', 'put', 'post', 'patch', 'delete'] as const;
const reasons = new Set(['public', 'provider_signed', 'metrics_token']);
/** Its 503 is the readiness report itself, not an error body: load balancers read its checks. */
const nonErrorBodies = new Set(['getReadiness 503']);

interface Operation {
  method: string;
  path: string;
  op: OpenApiOperation;
  /** `GET /conversations (listConversations)`, to name it in a failure. */
  name: string;
}

type Schema = { type?: string; properties?: Record<string, Schema>; required?: string[]; [key: string]: unknown };

describe('the API contract (/openapi.json)', () => {
  let document: OpenApiDocument;
  let operations: Operation[];

  beforeAll(async () => {
    const database = await freshDatabase({ name: 'pglite' });
    try {
      document = await openApiDocument(database.handle);
    } finally {
      await database.handle.close();
    }
    operations = Object.entries(document.paths).flatMap(([path, item]) =>
      methods.filter((m) => item[m]).map((method) => {
        const op = item[method]!;
        return { method, path, op, name: `${method.toUpperCase()} ${path}${op.operationId ? ` (${op.operationId})` : ''}` };
      }),
    );
  });

  /** The offenders of a rule, one line each. */
  function offenders(check: (o: Operation) => string | string[] | undefined): string[] {
    return operations.flatMap((o) => {
      const found = check(o);
      const problems = found === undefined ? [] : Array.isArray(found) ? found : [found];
      return problems.map((p) => `${o.name}: ${p}`);
    });
  }

  /** Passes when no operation offends; otherwise fails listing every offender, one a line. */
  function none(problems: string[], what: string): void {
    if (problems.length) expect.fail(`${problems.length} ${what}:\n  ${problems.join('\n  ')}\n`);
  }

  const statuses = (o: Operation) => Object.keys(o.op.responses ?? {});
  const jsonSchema = (o: Operation, status: string) => o.op.responses?.[status]?.content?.['application/json']?.schema as Schema | undefined;
  const access = (o: Operation) => o.op['x-access'] as string | undefined;

  it('is a valid OpenAPI document', async () => {
    const result = await new Validator().validate(structuredClone(document) as unknown as Parameters<Validator['validate']>[0]);
    expect(result.errors ?? [], 'the OpenAPI validator refuses the document').toEqual([]);
    expect(result.valid).toBe(true);
    expect(operations.length).toBeGreaterThan(50);
  });

  it('gives every operation a unique lowerCamelCase operationId, tags and a summary', () => {
    const seen = new Map<string, string>();
    const problems = offenders((o) => {
      const found: string[] = [];
      const id = o.op.operationId;
      if (!id) found.push('no operationId (lowerCamelCase verb and noun, such as listConversations)');
      else if (!/^[a-z]+[A-Z][A-Za-z0-9]*$/.test(id)) found.push(`operationId "${id}" is not lowerCamelCase verb and noun`);
      else if (seen.has(id)) found.push(`operationId "${id}" is also ${seen.get(id)}'s`);
      else seen.set(id, `${o.method.toUpperCase()} ${o.path}`);
      if (!o.op.tags?.length) found.push('no tags');
      if (!o.op.summary) found.push('no summary');
      return found;
    });
    none(problems, 'operations lack a name, tags or a summary');
  });

  it('has every route declare the permission it needs, or why it needs none (config.access)', () => {
    const problems = offenders((o) => {
      const declared = access(o);
      if (declared === undefined) return 'declares no config.access: name a permission from src/access/policy.ts, or public, provider_signed or metrics_token';
      if (!(declared in PERMISSIONS) && !reasons.has(declared)) return `config.access "${declared}" is neither a permission nor public, provider_signed or metrics_token`;
      return undefined;
    });
    none(problems, 'routes declare no permission');
  });

  it('documents the authentication each operation really takes', () => {
    const problems = offenders((o) => {
      const declared = access(o);
      const security = o.op.security;
      if (declared === undefined) return undefined; // reported above
      if (declared === 'public' && !(security && security.length === 0)) return 'is public: its schema needs security: []';
      if (declared === 'metrics_token' && !security?.some((s) => 'metricsToken' in s)) return 'takes the metrics token: its schema needs security: [{}, { metricsToken: [] }]';
      if (declared === 'provider_signed' && (!security || security.some((s) => 'bearer' in s))) return "verifies the provider's signature, not a bearer token: its schema needs security: [] (and its description says how it is signed)";
      if (declared in PERMISSIONS && security && !security.some((s) => 'bearer' in s)) return `needs the permission ${declared}, but its schema says it takes no bearer token`;
      return undefined;
    });
    none(problems, 'operations document another authentication than they take');
  });

  it('declares a schema for the body of every status an operation answers', () => {
    const problems = offenders((o) => {
      const found: string[] = [];
      const declared = statuses(o);
      // A redirect (302, 303, 307) is a success too; like 204 it has no body, its Location says where.
      const bodiless = (s: string) => s === '204' || /^30[237]$/.test(s);
      if (!declared.some((s) => s.startsWith('2') || bodiless(s))) found.push('declares no success status');
      for (const status of declared) {
        const response = o.op.responses![status]!;
        if (bodiless(status)) {
          if (response.content) found.push(`${status} has a body`);
          continue;
        }
        if (response.description === 'Default Response' && !response.content) found.push(`${status} has no schema (schema.response: answers({ ${status}: Shape(...) }, [...]))`);
        else if (!response.content || Object.values(response.content).some((c) => !c.schema)) found.push(`${status} has no schema`);
      }
      return found;
    });
    none(problems, 'responses have no schema');
  });

  it('answers every error with the error body, and declares the errors its access rules give', () => {
    const problems = offenders((o) => {
      const found: string[] = [];
      const declared = statuses(o);
      if (declared.length === 1 && declared[0] === '200' && jsonSchema(o, '200') === undefined) return undefined; // no schema yet: reported above
      for (const status of declared.filter((s) => /^[45]/.test(s))) {
        if (nonErrorBodies.has(`${o.op.operationId} ${status}`)) continue;
        const body = jsonSchema(o, status);
        const error = body?.properties?.error;
        if (!error?.properties?.code || !error.properties.message) found.push(`${status} is not the error body ({ error: { code, message, details? } }: answers() adds it)`);
      }
      const takesInput = Boolean(o.op.parameters?.length || o.op.requestBody);
      if (takesInput && !declared.includes('400')) found.push('takes input but does not declare 400');
      const permission = access(o);
      if (permission && permission in PERMISSIONS) {
        const rule = PERMISSIONS[permission as Permission];
        if (!declared.includes('401')) found.push('needs credentials but does not declare 401');
        if (rule.roles.length < 4 && !declared.includes('403')) found.push(`is refused to some roles (${permission}) but does not declare 403`);
        // A rule about someone's own account refuses with 403 (or hides with 404 what is not theirs);
        // a rule about a resource hides what the caller may not see with 404.
        const ownAccount = rule.rule === 'self' || rule.rule === 'own_seller';
        if (ownAccount && !declared.includes('403') && !declared.includes('404')) found.push(`is about the caller's own account (${permission}: ${rule.rule}) but does not declare 403`);
        if (rule.rule !== 'role' && !ownAccount && !declared.includes('404')) found.push(`is about a resource (${permission}: ${rule.rule}) but does not declare 404`);
      }
      return found;
    });
    none(problems, 'error answers are missing or not the error body');
  });

  it('answers 201 for a creation and 202 for accepted work', () => {
    const creation = /^(create|add|upload|open|register|post|escalate|send)[A-Z]/;
    const problems = offenders((o) => {
      const id = o.op.operationId ?? '';
      const successes = statuses(o).filter((s) => s.startsWith('2'));
      if (successes.includes('201') && o.method !== 'post' && o.method !== 'put') return `answers 201 to ${o.method.toUpperCase()}, which creates nothing`;
      if (o.method === 'post' && creation.test(id) && !successes.some((s) => s === '201' || s === '202')) return `"${id}" creates something but declares ${successes.join(', ') || 'no success'} rather than 201 (or 202 for accepted work)`;
      if (o.method === 'delete' && successes.includes('201')) return 'answers 201 to a DELETE';
      return undefined;
    });
    none(problems, 'operations answer a creation with the wrong status');
  });

  it('has response schemas that compile', () => {
    const ajv = addFormats.default(new Ajv({ strict: false }));
    const problems = offenders((o) =>
      statuses(o).flatMap((status) => {
        const schema = jsonSchema(o, status);
        if (!schema) return [];
        try {
          ajv.compile(schema);
          return [];
        } catch (error) {
          return [`${status}: ${(error as Error).message}`];
        }
      }),
    );
    none(problems, 'response schemas do not compile');
    // Compiling every response schema of every route is CPU-bound: seconds alone, more beside the rest of the suite.
  }, 120_000);

  it('describes its own operational routes fully, with the authentication they take', () => {
    const byId = (id: string) => operations.find((o) => o.op.operationId === id)!;
    expect(byId('getHealth').op).toMatchObject({ security: [], 'x-access': 'public', tags: ['operations'] });
    expect(byId('getReadiness').op.responses).toHaveProperty('503');
    expect(byId('getOpenApiDocument').path).toBe('/openapi.json');
    expect(byId('getMetrics').op).toMatchObject({ security: [{}, { metricsToken: [] }], 'x-access': 'metrics_token' });
    expect(byId('getMetrics').op.responses?.['200']?.content).toHaveProperty('text/plain');
    expect(document.components?.securitySchemes).toHaveProperty('metricsToken');
  });
});
