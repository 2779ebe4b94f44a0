import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type DatabaseHandle, listMigrations, migrate, openDatabase, pendingMigrations } from './connect.ts';

/** Lets every other pending callback and I/O completion run a number of times. */
async function yieldTurns(turns = 50): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

async function names(db: Kysely<any>): Promise<string[]> {
  const result = await sql<{ name: string }>`SELECT name FROM scratch ORDER BY name`.execute(db);
  return result.rows.map((r) => r.name);
}

describe('the PGlite dialect', () => {
  let handle: DatabaseHandle;
  let firstRun: string[];

  beforeAll(async () => {
    handle = await openDatabase({});
    firstRun = await migrate(handle.db);
    await sql`CREATE TABLE scratch (name text PRIMARY KEY)`.execute(handle.db);
  });
  afterAll(async () => handle?.close());
  beforeEach(async () => {
    await sql`DELETE FROM scratch`.execute(handle.db);
  });

  it('runs on the embedded engine', () => {
    expect(handle.kind).toBe('pglite');
  });

  it('applies every migration once and nothing on a second run', async () => {
    expect(firstRun).toEqual(listMigrations().map((m) => m.name));
    expect(firstRun.length).toBeGreaterThan(0);
    expect(await migrate(handle.db)).toEqual([]);
    expect(await pendingMigrations(handle.db)).toEqual([]);
    const recorded = await handle.db.selectFrom('parley_migrations').select('name').orderBy('name').execute();
    expect(recorded.map((r) => r.name)).toEqual(firstRun);
  });

  it('reports affected rows and returned rows', async () => {
    const inserted = await sql`INSERT INTO scratch (name) VALUES ('a'), ('b'), ('c')`.execute(handle.db);
    expect(inserted.numAffectedRows).toBe(3n);
    const deleted = await sql`DELETE FROM scratch WHERE name <> ${'a'}`.execute(handle.db);
    expect(deleted.numAffectedRows).toBe(2n);
    const returned = await sql<{ name: string }>`UPDATE scratch SET name = ${'z'} WHERE name = ${'a'} RETURNING name`.execute(handle.db);
    expect(returned.numAffectedRows).toBe(1n);
    expect(returned.rows).toEqual([{ name: 'z' }]);
  });

  it('commits a transaction that completes', async () => {
    await handle.db.transaction().execute(async (trx) => {
      await sql`INSERT INTO scratch (name) VALUES ('kept')`.execute(trx);
    });
    expect(await names(handle.db)).toEqual(['kept']);
  });

  it('rolls back a transaction that throws, and stays usable', async () => {
    await expect(
      handle.db.transaction().execute(async (trx) => {
        await sql`INSERT INTO scratch (name) VALUES ('lost')`.execute(trx);
        expect(await names(trx)).toEqual(['lost']);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await names(handle.db)).toEqual([]);

    await sql`INSERT INTO scratch (name) VALUES ('after')`.execute(handle.db);
    expect(await names(handle.db)).toEqual(['after']);
  });

  it('rolls back a transaction whose statement fails', async () => {
    await expect(
      handle.db.transaction().execute(async (trx) => {
        await sql`INSERT INTO scratch (name) VALUES ('first')`.execute(trx);
        await sql`INSERT INTO scratch (name) VALUES ('first')`.execute(trx);
      }),
    ).rejects.toThrow(/duplicate key/);
    expect(await names(handle.db)).toEqual([]);
    await handle.db.transaction().execute(async (trx) => {
      await sql`INSERT INTO scratch (name) VALUES ('first')`.execute(trx);
    });
    expect(await names(handle.db)).toEqual(['first']);
  });

  it('does not interleave concurrent transactions', async () => {
    const events: string[] = [];
    let bEntered = false;

    const a = handle.db.transaction().execute(async (trx) => {
      events.push('a:begin');
      await sql`INSERT INTO scratch (name) VALUES ('a')`.execute(trx);
      const before = await names(trx);
      await yieldTurns(); // b has every chance to run now, if it could
      const after = await names(trx);
      events.push(`a:sees ${before} / ${after} / b entered: ${bEntered}`);
    });
    const b = handle.db.transaction().execute(async (trx) => {
      bEntered = true;
      events.push('b:begin');
      await sql`INSERT INTO scratch (name) VALUES ('b')`.execute(trx);
      events.push(`b:sees ${await names(trx)}`);
    });
    // A plain query issued while both are open waits for them too.
    const outside = names(handle.db).then((rows) => events.push(`outside:sees ${rows}`));

    await Promise.all([a, b, outside]);
    expect(events).toEqual(['a:begin', 'a:sees a / a / b entered: false', 'b:begin', 'b:sees a,b', 'outside:sees a,b']);
    expect(await names(handle.db)).toEqual(['a', 'b']);
  });

  it('keeps a rolled-back transaction invisible to the one queued behind it', async () => {
    const a = handle.db.transaction().execute(async (trx) => {
      await sql`INSERT INTO scratch (name) VALUES ('ghost')`.execute(trx);
      await yieldTurns();
      throw new Error('abort');
    });
    const b = handle.db.transaction().execute(async (trx) => {
      await sql`INSERT INTO scratch (name) VALUES ('real')`.execute(trx);
      return names(trx);
    });
    const [aResult, bResult] = await Promise.allSettled([a, b]);
    expect(aResult.status).toBe('rejected');
    expect(bResult).toEqual({ status: 'fulfilled', value: ['real'] });
    expect(await names(handle.db)).toEqual(['real']);
  });

  it('runs multi-statement text without parameters, as migrations do', async () => {
    await sql.raw(`INSERT INTO scratch (name) VALUES ('one'); INSERT INTO scratch (name) VALUES ('two');`).execute(handle.db);
    expect(await names(handle.db)).toEqual(['one', 'two']);
  });
});
