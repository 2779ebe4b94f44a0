import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { type DatabaseHandle, migrate, openDatabase } from '../src/db/connect.ts';
import { createLogger } from '../src/logger.ts';

/** An OpenAPI 3 document, as /openapi.json serves it. */
export type OpenApiDocument = {
  openapi: string;
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: Record<string, unknown>;
  [key: string]: unknown;
};

export interface OpenApiOperation {
  operationId?: string;
  tags?: string[];
  summary?: string;
  security?: Record<string, string[]>[];
  parameters?: unknown[];
  requestBody?: unknown;
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: unknown }> }>;
  [key: string]: unknown;
}

/**
 * The API description as GET /openapi.json serves it, made from the route schemas: the
 * service is assembled in-process (demo mode on, so its sign-in routes are described too) on an
 * embedded database, in memory unless one is given, and never listens. The configuration is
 * fixed, so the document depends on the code alone.
 */
export async function openApiDocument(database?: DatabaseHandle): Promise<OpenApiDocument> {
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-openapi-'));
  let own: DatabaseHandle | undefined;
  try {
    const config = loadConfig({
      PARLEY_DATA_DIR: dataDir,
      PARLEY_DEMO: '1',
      PARLEY_API_KEYS: 'openapi-document-api-key',
      PARLEY_JWT_SECRET: 'openapi-document-jwt-secret-0123456789abcdef',
      PARLEY_ENCRYPTION_KEY: `k1:${Buffer.alloc(32, 1).toString('base64')}`,
      LOG_LEVEL: 'silent',
    });
    if (!database) {
      own = await openDatabase({});
      await migrate(own.db);
    }
    const app = await buildApp({ config, database: (database ?? own)!, logger: createLogger('silent') });
    try {
      const response = await app.inject({ method: 'GET', url: '/openapi.json' });
      if (response.statusCode !== 200) throw new Error(`GET /openapi.json answered ${response.statusCode}: ${response.body}`);
      return response.json() as OpenApiDocument;
    } finally {
      await app.close();
    }
  } finally {
    await own?.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
