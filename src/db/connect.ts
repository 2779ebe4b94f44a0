import { readdirSync, readFileSync } from 'node:fs';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { pgliteDialect } from './pglite-dialect.ts';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;

export interface DatabaseHandle {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** The embedded instance, when kind is 'pglite'. */
  pglite?: PGlite;
  close(): Promise<void>;
}

// int8 as a JS number (sequences and sizes stay far below 2^53), the same on both engines.
pg.types.setTypeParser(20, (value) => Number(value));

export interface OpenDatabaseOptions {
  databaseUrl?: string;
  /** Directory for the embedded database; undefined = in memory. */
  dataDir?: string;
  /** A PGlite data-dir dump to start from (tests). */
  loadDataDir?: Blob;
  poolSize?: number;
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
    pool.on('error', () => {}); // an idle client's error surfaces on its next use
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: 'postgres', close: () => db.destroy() };
  }
  let dataDir: string | undefined;
  if (options.dataDir) {
    dataDir = join(options.dataDir, 'pglite');
    mkdirSync(dataDir, { recursive: true });
  }
  const pglite = await PGlite.create({ dataDir, loadDataDir: options.loadDataDir });
  const db = new Kysely<Database>({ dialect: pgliteDialect(pglite) });
  return {
    db,
    kind: 'pglite',
    pglite,
    async close() {
      await db.destroy();
      await pglite.close();
    },
  };
}

const migrationsDir = join(fileURLToPath(new URL('.', import.meta.url)), 'migrations');

export function listMigrations(): { name: string; sql: string }[] {
  return readdirSync(migrationsDir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((name) => ({ name, sql: readFileSync(join(migrationsDir, name), 'utf8') }));
}

/** Applies pending migrations, one transaction each, under an advisory lock so nodes may start together. */
export async function migrate(db: Db): Promise<string[]> {
  const applied: string[] = [];
  await db.connection().execute(async (conn) => {
    await sql`SELECT pg_advisory_lock(7291)`.execute(conn);
    try {
      await sql`CREATE TABLE IF NOT EXISTS parley_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`.execute(conn);
      const done = new Set((await conn.selectFrom('parley_migrations').select('name').execute()).map((r) => r.name));
      for (const migration of listMigrations()) {
        if (done.has(migration.name)) continue;
        await conn.transaction().execute(async (trx) => {
          await sql.raw(migration.sql).execute(trx);
          await trx.insertInto('parley_migrations').values({ name: migration.name }).execute();
        });
        applied.push(migration.name);
      }
    } finally {
      await sql`SELECT pg_advisory_unlock(7291)`.execute(conn);
    }
  });
  return applied;
}

export async function pendingMigrations(db: Db): Promise<string[]> {
  const done = new Set((await db.selectFrom('parley_migrations').select('name').execute()).map((r) => r.name));
  return listMigrations()
    .map((m) => m.name)
    .filter((n) => !done.has(n));
}
