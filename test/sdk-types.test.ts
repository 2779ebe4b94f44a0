import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { type OpenApiDocument, openApiDocument } from '../scripts/openapi-document.ts';
import { renderSdkTypes, sdkTypesFile } from '../scripts/sdk-types.ts';
import { freshDatabase } from './support/parley.ts';

/** The SDK's types are the server's schemas: generated from them, and read from what was generated. */
describe("the SDK's types", () => {
  let document: OpenApiDocument;

  beforeAll(async () => {
    const database = await freshDatabase({ name: 'pglite' });
    try {
      document = await openApiDocument(database.handle);
    } finally {
      await database.handle.close();
    }
  });

  it('are generated from the current route schemas (client/sdk/api-types.ts is what `npm run sdk:types` writes)', async () => {
    const committed = readFileSync(sdkTypesFile, 'utf8');
    const generated = await renderSdkTypes(document);
    if (committed !== generated) {
      expect.fail('client/sdk/api-types.ts differs from what the route schemas generate: run `npm run sdk:types` and commit the result.');
    }
  });

  it('take every answer the SDK reads from its route schema', () => {
    // Each answer type in client/sdk/types.ts names its operation: Answer<'/path', 'method', status>.
    const source = readFileSync(new URL('../client/sdk/types.ts', import.meta.url), 'utf8');
    const used = [...source.matchAll(/Answer<'([^']+)', '(\w+)', (\d+)/g)].map(([, path, method, status]) => ({ path: path!, method: method!, status: status! }));
    expect(used.length).toBeGreaterThan(10);
    const undeclared = used
      .filter(({ path, method, status }) => !document.paths[path]?.[method]?.responses?.[status]?.content?.['application/json']?.schema)
      .map(({ path, method, status }) => `${method.toUpperCase()} ${path} ${status}`);
    if (undeclared.length) {
      expect.fail(
        `${undeclared.length} answers the SDK reads have no response schema, so their types are never:\n  ${undeclared.join('\n  ')}\n` +
          'Declare them in the routes (answers({ 200: Shape(...) })), then run `npm run sdk:types`.\n',
      );
    }
  });
});
