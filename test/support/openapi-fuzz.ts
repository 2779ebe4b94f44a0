import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/**
 * Inputs for the schema-driven fuzz test (test/fuzz.test.ts): valid-looking requests made from
 * an operation's schemas in the API's own OpenAPI document, and invalid and edge-case variants of
 * each parameter and body field. Everything comes from one seeded generator, so a run can be
 * repeated exactly.
 */

export type Schema = Record<string, any>;

export interface Operation {
  method: string;
  /** The OpenAPI path, with {param} placeholders. */
  path: string;
  operationId: string;
  pathParams: { name: string; schema: Schema }[];
  queryParams: { name: string; schema: Schema; required: boolean }[];
  body?: { schema: Schema; required: boolean; mediaType: string };
}

/** A request as the fuzz test sends it: path values and query values still raw (percent-encoded by the case). */
export interface FuzzRequest {
  what: string;
  params: Record<string, string>;
  query: [string, string][];
  /** Raw body text (JSON, or multipart bytes), and its content type. */
  body?: string | Buffer;
  contentType?: string;
  /** The case is invalid whatever the schemas say (a malformed body, a multipart body without its file). */
  invalid?: boolean;
}

/** mulberry32: small, fast and good enough to pick cases. */
export function seeded(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    uuid: () => {
      const hex = Array.from({ length: 32 }, () => Math.floor(next() * 16).toString(16)).join('');
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
    },
    shuffle<T>(items: T[]): T[] {
      for (let i = items.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [items[i], items[j]] = [items[j]!, items[i]!];
      }
      return items;
    },
  };
}
export type Random = ReturnType<typeof seeded>;

/** The operations of an OpenAPI 3 document, $refs resolved. */
export function operationsOf(document: Schema): Operation[] {
  const resolve = (node: unknown, seen = new Set<string>()): any => {
    if (Array.isArray(node)) return node.map((n) => resolve(n, seen));
    if (!node || typeof node !== 'object') return node;
    const ref = (node as { $ref?: string }).$ref;
    if (typeof ref === 'string' && ref.startsWith('#/')) {
      if (seen.has(ref)) return {};
      const target = ref
        .slice(2)
        .split('/')
        .reduce((at: any, key) => at?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], document);
      return resolve(target, new Set([...seen, ref]));
    }
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, resolve(v, seen)]));
  };
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries<any>(document.paths ?? {})) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete']) {
      const op = item[method] && resolve(item[method]);
      if (!op) continue;
      const parameters: any[] = [...(resolve(item.parameters) ?? []), ...(op.parameters ?? [])];
      const content = op.requestBody?.content ?? {};
      const mediaType = Object.keys(content).find((t) => t.includes('json')) ?? Object.keys(content)[0];
      operations.push({
        method: method.toUpperCase(),
        path,
        operationId: op.operationId ?? `${method} ${path}`,
        pathParams: parameters.filter((p) => p.in === 'path').map((p) => ({ name: p.name, schema: p.schema ?? {} })),
        queryParams: parameters.filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: p.schema ?? {}, required: Boolean(p.required) })),
        body: mediaType ? { schema: content[mediaType].schema ?? {}, required: Boolean(op.requestBody.required), mediaType } : undefined,
      });
    }
  }
  return operations;
}

/** Values the fuzz test knows to exist (ids it created), by field or parameter name. */
export type Known = Record<string, string>;

const candidates = ['fuzz-1', 'buyer-1', 'a', 'A1', '+14155550100', 'https://example.com/x', 'en', 'x'.repeat(8), '2026-01-01', 'EUR', '12:00'];

/** A value the schema accepts (when it can tell), preferring ids the test created. */
export function sample(schema: Schema, random: Random, known: Known, name = '', depth = 0): unknown {
  if (!schema || depth > 6) return null;
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  if (Array.isArray(schema.anyOf) || Array.isArray(schema.oneOf)) {
    const options: Schema[] = schema.anyOf ?? schema.oneOf;
    return sample(options.find((o) => o.type !== 'null') ?? options[0]!, random, known, name, depth);
  }
  if (Array.isArray(schema.allOf)) return sample(Object.assign({}, ...schema.allOf), random, known, name, depth);
  const type = Array.isArray(schema.type) ? schema.type.find((t: string) => t !== 'null') : schema.type ?? (schema.properties ? 'object' : undefined);
  switch (type) {
    case 'string':
      return sampleString(schema, random, known, name);
    case 'integer':
    case 'number': {
      const low = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : 1);
      return Math.min(Math.max(low, 1), schema.maximum ?? Number.MAX_SAFE_INTEGER);
    }
    case 'boolean':
      return true;
    case 'array': {
      const count = Math.max(schema.minItems ?? 0, Math.min(1, schema.maxItems ?? 1));
      const items = schema.items ?? {};
      const enumerated = items.anyOf ?? items.oneOf;
      if (schema.uniqueItems && Array.isArray(enumerated)) return enumerated.slice(0, Math.max(count, 1)).map((o: Schema) => sample(o, random, known, name, depth + 1));
      return Array.from({ length: count }, () => sample(items, random, known, singular(name), depth + 1));
    }
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const key of schema.required ?? []) out[key] = sample(schema.properties?.[key] ?? {}, random, known, key, depth + 1);
      return out;
    }
    default:
      return known[name] ?? 'fuzz';
  }
}

function singular(name: string): string {
  return name.endsWith('s') ? name.slice(0, -1) : name;
}

function sampleString(schema: Schema, random: Random, known: Known, name: string): string {
  const fits = (value: string) =>
    value.length >= (schema.minLength ?? 0) && value.length <= (schema.maxLength ?? Infinity) && (!schema.pattern || new RegExp(schema.pattern, 'u').test(value));
  switch (schema.format) {
    case 'uuid':
      return known[name] && /^[0-9a-f-]{36}$/.test(known[name]!) ? known[name]! : random.uuid();
    case 'date-time':
      return new Date(Date.UTC(2026, 0, 1)).toISOString();
    case 'date':
      return '2026-01-01';
    case 'email':
      return 'fuzz@example.com';
    case 'uri':
    case 'url':
      return 'https://example.com/fuzz';
  }
  const preferred = known[name];
  if (preferred !== undefined && fits(preferred)) return preferred;
  const found = candidates.find(fits);
  if (found) return found;
  return 'x'.repeat(Math.max(schema.minLength ?? 1, 1));
}

/** Edge-case and invalid values for one field of a JSON body, as JSON text (1e309 cannot be written as a JS value). */
export function bodyValueCases(schema: Schema, random: Random): { label: string; json: string }[] {
  const cases: { label: string; json: string }[] = [
    { label: 'null', json: 'null' },
    { label: 'true', json: 'true' },
    { label: 'empty string', json: '""' },
    { label: 'U+0000', json: JSON.stringify('a\u0000b') },
    { label: 'lone surrogate', json: '"a\\ud800b"' },
    { label: 'long string', json: JSON.stringify('é'.repeat(20_000)) },
    { label: '-1', json: '-1' },
    { label: '0', json: '0' },
    { label: '2^53+1', json: '9007199254740993' },
    { label: '1e20', json: '1e20' },
    { label: '1e309', json: '1e309' },
    { label: '-1e400', json: '-1e400' },
    { label: '1.5', json: '1.5' },
    { label: 'NaN string', json: '"NaN"' },
    { label: 'number string', json: '"12"' },
    { label: 'object', json: '{"$gt":""}' },
    { label: 'array', json: '[1,"a",null]' },
    { label: 'proto', json: '{"__proto__":{"role":"operator"}}' },
    { label: 'not a uuid', json: '"../../etc/passwd"' },
    { label: 'sql', json: `"' OR 1=1 --"` },
    { label: 'date far away', json: '"275760-09-13T00:00:00.001Z"' },
  ];
  if (schema.maxLength !== undefined) cases.push({ label: 'maxLength + 1', json: JSON.stringify('y'.repeat(schema.maxLength + 1)) });
  if (schema.maximum !== undefined) cases.push({ label: 'maximum + 1', json: String(schema.maximum + 1) });
  if (schema.minimum !== undefined) cases.push({ label: 'minimum - 1', json: String(schema.minimum - 1) });
  return random.shuffle(cases);
}

/** Edge-case and invalid values for a query or path parameter, percent-encoded as they go in the URL. */
export function parameterValueCases(schema: Schema, inPath: boolean): { label: string; raw: string }[] {
  const cases = [
    { label: 'empty', raw: '' },
    { label: 'not a number', raw: 'abc' },
    { label: '-1', raw: '-1' },
    { label: '0', raw: '0' },
    { label: '1e309', raw: '1e309' },
    { label: '-1e309', raw: '-1e309' },
    { label: 'Infinity', raw: 'Infinity' },
    { label: 'NaN', raw: 'NaN' },
    { label: '2^53+1', raw: '9007199254740993' },
    { label: '1.5', raw: '1.5' },
    { label: '%00', raw: '%00' },
    { label: 'encoded lone surrogate', raw: '%ED%A0%80' },
    { label: 'bad percent', raw: '%E0%A4%A' },
    { label: '..', raw: '..' },
    { label: 'encoded slash', raw: '..%2F..%2Fetc' },
    { label: 'long', raw: 'q'.repeat(inPath ? 5_000 : 100_000) },
    { label: 'not a uuid', raw: '123e4567-e89b-12d3-a456-42661417400Z' },
    { label: 'sql', raw: encodeURIComponent("' OR 1=1 --") },
  ];
  if (schema.maxLength !== undefined) cases.push({ label: 'maxLength + 1', raw: 'y'.repeat(schema.maxLength + 1) });
  return cases;
}

/** Whole bodies that are not what any JSON route takes. */
export const bodyCases: { label: string; body: string; invalid: boolean }[] = [
  { label: 'malformed JSON', body: '{"a": ', invalid: true },
  { label: 'single quotes', body: "{'a': 1}", invalid: true },
  { label: 'trailing comma', body: '{"a": 1,}', invalid: true },
  { label: 'empty', body: '', invalid: true },
  { label: 'BOM and JSON', body: '\ufeff{}', invalid: false },
  { label: 'null', body: 'null', invalid: false },
  { label: 'array', body: '[]', invalid: false },
  { label: 'string', body: '"x"', invalid: false },
  { label: 'number 1e309', body: '1e309', invalid: true },
  { label: 'deep nesting', body: `${'['.repeat(5_000)}${']'.repeat(5_000)}`, invalid: false },
  { label: 'deep object', body: `${'{"a":'.repeat(2_000)}1${'}'.repeat(2_000)}`, invalid: false },
  { label: 'duplicate keys', body: '{"a": 1, "a": 2}', invalid: false },
  { label: 'huge', body: JSON.stringify({ a: 'z'.repeat(600_000) }), invalid: false },
];

/**
 * Judges a request as the server's schemas do: path parameters and the query coerced, the body
 * strict; besides, text the database cannot store and numbers beyond a double's exact range are
 * refused everywhere. `true` when a 2xx answer would break the contract.
 */
export function createJudge() {
  const strict = addFormats.default(new Ajv({ strict: false, coerceTypes: false, useDefaults: false, allErrors: false }));
  const coercing = addFormats.default(new Ajv({ strict: false, coerceTypes: 'array', useDefaults: false, allErrors: false }));
  const cache = new Map<string, ValidateFunction>();
  const compile = (ajv: Ajv, key: string, schema: Schema) => {
    let validate = cache.get(key);
    if (!validate) cache.set(key, (validate = ajv.compile(schema)));
    return validate;
  };

  return function forbids(op: Operation, request: FuzzRequest): boolean | undefined {
    if (request.invalid) return true;
    const params: Record<string, unknown> = {};
    for (const [name, raw] of Object.entries(request.params)) {
      // An empty segment, a dot segment or an encoded slash may lead to another route: no verdict.
      if (raw === '' || raw === '.' || raw === '..' || /%2f/i.test(raw)) return undefined;
      const value = decoded(raw);
      if (value === undefined) return true;
      params[name] = value;
    }
    const query: Record<string, unknown> = {};
    for (const [name, raw] of request.query) {
      // A query value that is not UTF-8 once decoded is read loosely (kept as sent).
      const value = decoded(raw.replace(/\+/g, ' ')) ?? raw;
      query[name] = name in query ? [query[name], value].flat() : value;
    }
    const paramsSchema = { type: 'object', properties: Object.fromEntries(op.pathParams.map((p) => [p.name, p.schema])), required: op.pathParams.map((p) => p.name) };
    if (!compile(coercing, `${op.operationId} params`, paramsSchema)(params)) return true;
    const querySchema = {
      type: 'object',
      properties: Object.fromEntries(op.queryParams.map((p) => [p.name, p.schema])),
      required: op.queryParams.filter((p) => p.required).map((p) => p.name),
    };
    if (!compile(coercing, `${op.operationId} query`, querySchema)(query)) return true;
    if (unstorable(params) || unstorable(query)) return true;
    if (op.body && op.body.mediaType.includes('json')) {
      if (request.body === undefined) return op.body.required;
      let body: unknown;
      try {
        // A UTF-8 byte order mark before the JSON is ignored, as the server's parser does.
        body = JSON.parse(String(request.body).replace(/^\ufeff/, ''));
      } catch {
        return true;
      }
      if (unstorable(body)) return true;
      if (!compile(strict, `${op.operationId} body`, op.body.schema)(body)) return true;
    }
    return false;
  };
}

function decoded(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}

/** Text with U+0000 or an unpaired surrogate, or a number that is not finite or beyond ±(2^53 - 1). */
export function unstorable(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000') || !value.isWellFormed();
  if (typeof value === 'number') return !Number.isFinite(value) || Math.abs(value) > Number.MAX_SAFE_INTEGER;
  if (!value || typeof value !== 'object' || depth > 64) return false;
  return Object.entries(value).some(([key, v]) => unstorable(key) || unstorable(v, depth + 1));
}
