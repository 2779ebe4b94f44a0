import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { backends } from './support/backends.ts';
import { apiKey, orderConversation, sendMessage, startParley, type TestParley } from './support/parley.ts';
import {
  bodyCases,
  bodyValueCases,
  createJudge,
  type FuzzRequest,
  type Known,
  type Operation,
  operationsOf,
  parameterValueCases,
  type Random,
  sample,
  type Schema,
  seeded,
} from './support/openapi-fuzz.ts';

/**
 * Walks every operation of the API's own /openapi.json with generated invalid and edge-case
 * inputs: per parameter and body field wrong types, empty and very long strings, U+0000, lone
 * surrogates, -1, 0, huge numbers, 1e309, NaN-like strings, garbage path values; malformed and
 * odd JSON bodies; malformed multipart uploads. Each case goes under one of: the API key, the API
 * key acting for a user, and user tokens of each role; valid-looking requests go under all of
 * them. It fails on any 5xx, any request that throws (a dropped connection), any refusal without
 * a machine-readable code, and any 2xx to input the operation's schemas forbid.
 *
 * Deterministic (one seed) and bounded: at most `casesPerOperation` cases an operation.
 */
const seed = 20_261_206;
const casesPerOperation = 90;
/** Far beyond any answer's time, even on a busy machine: only a request nobody will answer waits this long. */
const unansweredAfterMs = 15_000;

const principals: { name: string; headers?: Record<string, string>; user?: string; role?: 'buyer' | 'seller' | 'moderator' | 'operator' }[] = [
  { name: 'api key', headers: { authorization: `Bearer ${apiKey}` } },
  { name: 'api key for buyer-1', headers: { authorization: `Bearer ${apiKey}`, 'x-parley-user': 'buyer-1' } },
  { name: 'buyer', user: 'buyer-1', role: 'buyer' as const },
  { name: 'seller', user: 'seller-1', role: 'seller' as const },
  { name: 'moderator', user: 'mod-1', role: 'moderator' as const },
  { name: 'operator', user: 'op-1', role: 'operator' as const },
];

interface Finding {
  operation: string;
  problem: string;
  as: string;
  request: string;
  answer: string;
}

describe.each(backends)('fuzzing every operation of /openapi.json on $name', (backend) => {
  let parley: TestParley;
  const logLines: string[] = [];
  const judge = createJudge();
  const headersOf = new Map<string, Record<string, string>>();

  beforeAll(async () => {
    parley = await startParley(backend, {
      env: {
        LOG_LEVEL: 'warn',
        PARLEY_SEND_RATE_LIMIT: '1000000',
        PARLEY_TEMPLATE_RATE_LIMIT: '100000',
        PARLEY_SELLER_TEMPLATE_RATE_LIMIT: '100000',
      },
      logTo: new Writable({
        write(chunk, _encoding, done) {
          logLines.push(String(chunk));
          done();
        },
      }),
    });
    for (const p of principals) {
      headersOf.set(p.name, p.user ? { authorization: `Bearer ${await parley.token(p.user, p.role, { expiresIn: '2h' })}` } : p.headers!);
    }
  });
  afterAll(async () => parley?.close());

  it('answers every generated request without a 5xx, a dropped connection, or a 2xx the schema forbids', { timeout: 240_000 }, async () => {
    const document = (await parley.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const operations = operationsOf(document);
    expect(operations.length).toBeGreaterThan(40);

    // Things that exist, so that valid-looking requests reach past "not found" into the services.
    const orderId = 'order-fuzz-1';
    const { conversationId } = await orderConversation(parley, 'buyer-1', 'seller-1', orderId);
    const sent = await sendMessage(parley, conversationId, 'Is it still available?', { as: 'buyer-1' });
    const known: Known = {
      id: conversationId,
      conversationId,
      messageId: sent.body.messageId,
      orderId,
      userId: 'buyer-1',
      buyerId: 'buyer-1',
      sellerId: 'seller-1',
      productId: 'product-1',
      listingId: 'listing-1',
      provider: 'console',
    };

    const random = seeded(seed);
    const findings: Finding[] = [];
    const counts: Record<string, number> = {};
    // Deleting operations last, so the things above exist for the others.
    const ordered = [...operations].sort((a, b) => Number(a.method === 'DELETE') - Number(b.method === 'DELETE'));

    for (const op of ordered) {
      const cases = casesFor(op, random, known).slice(0, casesPerOperation);
      for (const [index, request] of cases.entries()) {
        const everyone = index === 0 || request.what.startsWith('valid');
        const who = everyone ? principals.map((p) => p.name) : [principals[random.int(principals.length)]!.name];
        for (const as of who) {
          counts[op.operationId] = (counts[op.operationId] ?? 0) + 1;
          const finding = await send(op, request, as);
          if (finding) findings.push(finding);
        }
      }
    }

    console.log(
      `fuzz (${backend.name}, seed ${seed}): ${Object.values(counts).reduce((a, b) => a + b, 0)} requests over ${operations.length} operations\n` +
        Object.entries(counts)
          .map(([operation, n]) => `  ${String(n).padStart(4)}  ${operation}`)
          .join('\n'),
    );
    const refusedByDatabase = logLines.filter((line) => line.includes("the database refused a value the route's schema let through"));
    if (refusedByDatabase.length) {
      console.log(`values the schemas let through and the database refused (answered 400):\n${[...new Set(refusedByDatabase.map((l) => JSON.parse(l).route + ' ' + JSON.parse(l).sqlState))].join('\n')}`);
    }
    expect(findings.map((f) => `${f.problem}: ${f.operation} as ${f.as}\n    ${f.request}\n    -> ${f.answer}`)).toEqual([]);
  });

  async function send(op: Operation, request: FuzzRequest, as: string): Promise<Finding | undefined> {
    let url = op.path.replace(/\{(\w+)\}/g, (_, name: string) => request.params[name] ?? 'x');
    if (request.query.length) url += `?${request.query.map(([k, v]) => `${encodeURIComponent(k)}=${v}`).join('&')}`;
    const headers: Record<string, string> = { ...headersOf.get(as)! };
    if (request.contentType) headers['content-type'] = request.contentType;
    const described = `${op.method} ${url.length > 300 ? `${url.slice(0, 300)}...(${url.length})` : url}${
      request.body === undefined ? '' : ` ${request.contentType} ${JSON.stringify(String(request.body).slice(0, 300))}${String(request.body).length > 300 ? `...(${String(request.body).length})` : ''}`
    } [${request.what}]`;
    const finding = (problem: string, answer: string): Finding => ({ operation: op.operationId, problem, as, request: described, answer: answer.slice(0, 500) });
    let reply;
    let timer: NodeJS.Timeout | undefined;
    try {
      // A request left unanswered (a handler waiting on a stream that will never end) is a dropped connection.
      const unanswered = new Promise<'unanswered'>((resolve) => (timer = setTimeout(() => resolve('unanswered'), unansweredAfterMs)));
      const answer = await Promise.race([parley.app.inject({ method: op.method as 'GET', url, headers, payload: request.body }), unanswered]);
      if (answer === 'unanswered') return finding(`no answer within ${unansweredAfterMs / 1000} s`, '');
      reply = answer;
    } catch (error) {
      return finding('request threw', String((error as Error)?.stack ?? error));
    } finally {
      clearTimeout(timer);
    }
    if (reply.statusCode >= 500 && reply.statusCode !== 503) return finding(`${reply.statusCode}`, reply.body);
    if (reply.statusCode === 503) return finding('503 while the database is up', reply.body);
    if (reply.statusCode >= 400) {
      let code: unknown;
      try {
        code = reply.json().error?.code;
      } catch {
        // not JSON
      }
      if (typeof code !== 'string' || !/^[a-z0-9_]+$/.test(code)) return finding(`${reply.statusCode} without a machine-readable code`, reply.body);
      return undefined;
    }
    if (reply.statusCode < 300 && judge(op, request) === true) return finding(`${reply.statusCode} to input the schema forbids`, reply.body);
    return undefined;
  }
});

/** The valid-looking request first, then every variant, shuffled (deterministically). */
function casesFor(op: Operation, random: Random, known: Known): FuzzRequest[] {
  const params = Object.fromEntries(op.pathParams.map((p) => [p.name, encodeURIComponent(String(sample(p.schema, random, known, paramKey(op, p.name))))]));
  const query: [string, string][] = op.queryParams.filter((p) => p.required).map((p) => [p.name, encodeURIComponent(String(sample(p.schema, random, known, p.name)))]);
  const json = op.body?.mediaType.includes('json');
  const bodyValue = json ? sample(op.body!.schema, random, known) : undefined;
  const withBody = json ? { body: JSON.stringify(bodyValue), contentType: 'application/json' } : {};
  const valid: FuzzRequest = { what: 'valid-looking', params, query, ...withBody };
  const variants: FuzzRequest[] = [];

  for (const p of op.pathParams) {
    for (const c of parameterValueCases(p.schema, true)) variants.push({ ...valid, what: `path ${p.name}: ${c.label}`, params: { ...params, [p.name]: c.raw } });
  }
  for (const p of op.queryParams) {
    const others = query.filter(([name]) => name !== p.name);
    for (const c of parameterValueCases(p.schema, false)) variants.push({ ...valid, what: `query ${p.name}: ${c.label}`, query: [...others, [p.name, c.raw]] });
    variants.push({ ...valid, what: `query ${p.name}: twice`, query: [...others, [p.name, '1'], [p.name, '2']] });
    if (p.required) variants.push({ ...valid, what: `query ${p.name}: missing`, query: others });
  }
  variants.push({ ...valid, what: 'query: unknown parameter', query: [...query, ['fuzzUnknown', '1']] });
  variants.push({ ...valid, what: 'query: very long', query: [...query, ['q'.repeat(50_000), 'v'.repeat(50_000)]] });

  if (json) {
    for (const c of bodyCases) variants.push({ ...valid, what: `body: ${c.label}`, body: c.body, invalid: c.invalid });
    variants.push({ ...valid, what: 'body: none', body: undefined, contentType: undefined });
    variants.push({ ...valid, what: 'body: not JSON', contentType: 'text/plain', body: 'hello' });
    for (const field of fieldsOf(op.body!.schema, bodyValue)) {
      const path = field.path.join('.');
      for (const c of bodyValueCases(field.schema, random).slice(0, 10)) {
        variants.push({ ...valid, what: `body ${path}: ${c.label}`, body: withValue(bodyValue, field.path, c.json) });
      }
      if (field.required) variants.push({ ...valid, what: `body ${path}: missing`, body: JSON.stringify(without(bodyValue, field.path)) });
      if (field.schema.type === 'object' || field.schema.properties) {
        variants.push({ ...valid, what: `body ${path}: extra field`, body: withValue(bodyValue, [...field.path, 'fuzzExtra'], '"x"') });
      }
    }
    variants.push({ ...valid, what: 'body: extra field', body: withValue(bodyValue, ['fuzzExtra'], '"x"') });
  } else if (op.method === 'POST' && /attachments$/.test(op.path)) {
    variants.push(...multipartCases(valid));
  } else if (op.method !== 'GET') {
    variants.push({ ...valid, what: 'body: unexpected JSON', body: '{"a": 1e309, "b": "\\u0000"}', contentType: 'application/json' });
    variants.push({ ...valid, what: 'body: malformed JSON', body: '{"a": ', contentType: 'application/json' });
  }
  return [valid, ...random.shuffle(variants)];
}

/** Path parameters named `id` take the id of what the path is about: /conversations/{id} a conversation's. */
function paramKey(op: Operation, name: string): string {
  if (name !== 'id') return name;
  const segments = op.path.split('/');
  const owner = segments[segments.indexOf('{id}') - 1] ?? '';
  return owner === 'conversations' ? 'conversationId' : `${owner.replace(/s$/, '')}Id`;
}

/** Every field of a body (nested objects and the first item of arrays, three levels deep). */
function fieldsOf(schema: Schema, value: unknown, path: (string | number)[] = [], depth = 0): { path: (string | number)[]; schema: Schema; required: boolean }[] {
  if (depth > 3 || !schema) return [];
  const out: { path: (string | number)[]; schema: Schema; required: boolean }[] = [];
  const options: Schema[] = schema.anyOf ?? schema.oneOf ?? [schema];
  const object = options.find((o) => o.properties);
  if (object) {
    for (const [key, child] of Object.entries<Schema>(object.properties)) {
      out.push({ path: [...path, key], schema: child, required: (object.required ?? []).includes(key) });
      const childValue = (value as Record<string, unknown> | undefined)?.[key];
      out.push(...fieldsOf(child, childValue, [...path, key], depth + 1));
    }
  }
  const array = options.find((o) => o.type === 'array');
  if (array && Array.isArray(value) && value.length > 0) {
    out.push({ path: [...path, 0], schema: array.items ?? {}, required: false });
    out.push(...fieldsOf(array.items ?? {}, value[0], [...path, 0], depth + 1));
  }
  return out;
}

/** The JSON text of `value` with the field at `path` set to a raw JSON text (which may be 1e309). */
function withValue(value: unknown, path: (string | number)[], json: string): string {
  const marker = '__fuzz_value_7f3a__';
  const copy = structuredClone(value ?? {}) as Record<string | number, any>;
  let at: any = copy;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i]!;
    if (at[key] === null || typeof at[key] !== 'object') at[key] = typeof path[i + 1] === 'number' ? [] : {};
    at = at[key];
  }
  at[path.at(-1)!] = marker;
  return JSON.stringify(copy).replace(`"${marker}"`, json);
}

function without(value: unknown, path: (string | number)[]): unknown {
  const copy = structuredClone(value ?? {}) as Record<string | number, any>;
  let at: any = copy;
  for (const key of path.slice(0, -1)) {
    at = at?.[key];
  }
  if (at && typeof at === 'object') {
    if (Array.isArray(at)) at.splice(Number(path.at(-1)), 1);
    else delete at[path.at(-1)!];
  }
  return copy;
}

/** Uploads that are not one readable part named "file", and one that is. */
function multipartCases(valid: FuzzRequest): FuzzRequest[] {
  const boundary = '----parleyfuzz';
  const part = (name: string, body: string, fileName = 'a.txt', type = 'text/plain') =>
    `--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${fileName}"\r\nContent-Type: ${type}\r\n\r\n${body}\r\n`;
  const form = (...parts: string[]) => `${parts.join('')}--${boundary}--\r\n`;
  const as = (what: string, body: string | Buffer, contentType = `multipart/form-data; boundary=${boundary}`, invalid = true): FuzzRequest => ({
    ...valid,
    what: `multipart: ${what}`,
    body,
    contentType,
    invalid,
  });
  return [
    as('valid text file', form(part('file', 'hello')), undefined, false),
    as('no boundary', form(part('file', 'hello')), 'multipart/form-data'),
    as('empty boundary', form(part('file', 'hello')), 'multipart/form-data; boundary='),
    as('boundary of 300 characters', form(part('file', 'hello')), `multipart/form-data; boundary=${'b'.repeat(300)}`),
    as('another boundary', form(part('file', 'hello')), 'multipart/form-data; boundary=somethingelse'),
    as('truncated', form(part('file', 'hello')).slice(0, 70)),
    as('truncated inside the file', `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nhello wor`),
    as('no closing boundary', part('file', 'hello')),
    as('empty body', ''),
    as('part named "image"', form(part('image', 'hello'))),
    as('a field, no file', `--${boundary}\r\nContent-Disposition: form-data; name="file"\r\n\r\nhello\r\n--${boundary}--\r\n`),
    as('two files', form(part('file', 'hello'), part('file', 'again')), undefined, false),
    as('a part without a name', `--${boundary}\r\nContent-Disposition: form-data; filename="a.txt"\r\n\r\nhello\r\n--${boundary}--\r\n`),
    as('a part without headers', `--${boundary}\r\n\r\nhello\r\n--${boundary}--\r\n`),
    as('garbage', Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x02, 0x0d, 0x0a, 0x2d, 0x2d])),
    as('file name with NUL and a lone surrogate', form(part('file', 'hello', 'a\u0000b\ud800.txt')), undefined, false),
    as('file name of 5000 characters', form(part('file', 'hello', `${'n'.repeat(5_000)}.txt`)), undefined, false),
    as('JSON instead', '{"file": "x"}', 'application/json'),
  ];
}
