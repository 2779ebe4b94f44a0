import type {} from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { build } from 'vite';
import type { TestProject } from 'vitest/node';
import { migrate, openDatabase } from '../../src/db/connect.ts';
import { requiredServices } from './backends.ts';

/**
 * Migrates once per run: a PGlite data dir dumped to a file every test loads, and, when
 * DATABASE_URL is set, a PostgreSQL template database each test file clones.
 */
export default async function setup(project: TestProject) {
  requiredServices();
  // The web app the browser tests drive, built as `npm start` builds it (into dist/app).
  await build({ configFile: fileURLToPath(new URL('../../vite.config.ts', import.meta.url)), logLevel: 'error' });
  const dir = mkdtempSync(join(tmpdir(), 'parley-test-'));
  const embedded = await openDatabase({});
  await migrate(embedded.db);
  const dump = await embedded.pglite!.dumpDataDir('none');
  const file = join(dir, 'pglite.tar');
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await embedded.close();
  project.provide('pgliteDump', file);

  const url = process.env.DATABASE_URL;
  // One template per run, so runs sharing a server do not collide.
  const template = `parley_test_template_${process.pid}`;
  project.provide('postgresTemplate', template);
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(statement);
    await client.end();
  };
  if (url) {
    await admin(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
    await admin(`CREATE DATABASE ${template}`);
    const handle = await openDatabase({ databaseUrl: withDatabase(url, template), poolSize: 1 });
    await migrate(handle.db);
    await handle.close();
  }
  return async () => {
    rmSync(dir, { recursive: true, force: true });
    if (url) await admin(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
  };
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteDump: string;
    postgresTemplate: string;
  }
}
