import { readdirSync, readFileSync } from 'node:fs';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient, sql } from 'kysely';
import pg from 'pg';
import type { Logger } from 'pino';
import { type DatabaseHealth, createDatabaseHealth } from './availability.ts';
import { pgliteDialect } from './pglite-dialect.ts';
import { createDataDirApart, hasDataDir, pgliteInitDbParams, pgliteStartParams, setPgliteV8Flags } from './pglite-memory.ts';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;

export interface DatabaseHandle {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** The embedded instance, when kind is 'pglite'. */
  pglite?: PGlite;
  /** Whether PostgreSQL answered at the last use (the embedded database is always there). */
  health: DatabaseHealth;
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
  /** How long a query may wait for a connection before it fails (and the request answers 503). */
  connectionWaitMs?: number;
  /** Told once per outage that the database went away, and when it is back. */
  log?: Logger;
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    const health = createDatabaseHealth(options.log);
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: options.connectionWaitMs ?? 3_000,
      keepAlive: true,
    });
    // A server that goes away (a restart, a failover) errors every connection: idle ones in the
    // pool, and ones checked out between two statements, which pg-pool leaves unlistened. Either
    // would be an unhandled 'error' event that ends the process; the next use reports it instead.
    pool.on('error', (err) => health.failed(err));
    pool.on('connect', (client) => client.on('error', (err) => health.failed(err)));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: observed(pool, health) }) });
    return { db, kind: 'postgres', health, close: () => db.destroy() };
  }
  let dataDir: string | undefined;
  if (options.dataDir) {
    dataDir = join(options.dataDir, 'pglite');
    mkdirSync(dataDir, { recursive: true });
  }
  // PGlite's memory: see pglite-memory.ts. A new data directory is created in a child process.
  setPgliteV8Flags();
  if (dataDir && !hasDataDir(dataDir)) await createDataDirApart(dataDir);
  const pglite = await PGlite.create({ dataDir, loadDataDir: options.loadDataDir, startParams: pgliteStartParams(), initDbStartParams: pgliteInitDbParams() });
  const db = new Kysely<Database>({ dialect: pgliteDialect(pglite) });
  return {
    db,
    kind: 'pglite',
    pglite,
    health: createDatabaseHealth(undefined),
    async close() {
      await db.destroy();
      await pglite.close();
    },
  };
}

/** The pool as Kysely sees it, with every connection and statement reporting whether the server answered. */
function observed(pool: pg.Pool, health: DatabaseHealth): PostgresPool {
  const report = <T>(result: T): T => {
    if (result && typeof (result as { then?: unknown }).then === 'function') {
      (result as unknown as Promise<unknown>).then(
        () => health.succeeded(),
        (err: unknown) => health.failed(err),
      );
    }
    return result;
  };
  return {
    async connect(): Promise<PostgresPoolClient> {
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (err) {
        health.failed(err);
        throw err;
      }
      return {
        query: ((...args: Parameters<pg.PoolClient['query']>) => report(client.query(...args))) as PostgresPoolClient['query'],
        release: () => client.release(),
      };
    },
    end: () => pool.end(),
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
