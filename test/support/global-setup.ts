import type {} from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migrate, openDatabase } from '../../src/db/connect.ts';
import { postgresTemplate, requiredServices } from './backends.ts';

/**
 * Migrates once per run: a PGlite data dir dumped to a file every test loads, and, when
 * DATABASE_URL is set, a PostgreSQL template database each test file clones.
 */
export default async function setup(project: TestProject) {
  requiredServices();
  const dir = mkdtempSync(join(tmpdir(), 'parley-test-'));
  const embedded = await openDatabase({});
  await migrate(embedded.db);
  const dump = await embedded.pglite!.dumpDataDir('none');
  const file = join(dir, 'pglite.tar');
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await embedded.close();
  project.provide('pgliteDump', file);

  const url = process.env.DATABASE_URL;
  if (url) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${postgresTemplate} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${postgresTemplate}`);
    await admin.end();
    const template = await openDatabase({ databaseUrl: withDatabase(url, postgresTemplate), poolSize: 1 });
    await migrate(template.db);
    await template.close();
  }
  return () => rmSync(dir, { recursive: true, force: true });
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteDump: string;
  }
}
