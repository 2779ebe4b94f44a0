import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { type DatabaseHandle, migrate, openDatabase } from '../src/db/connect.ts';

/** A buyer–seller pair sharing one conversation: user 2i is the buyer, 2i+1 the seller. */
export interface Pair {
  /** Position in the whole load: the schedule sends in pair k mod n. */
  index: number;
  conversationId: string;
  buyer: string;
  seller: string;
}

export function benchPairs(count: number): Pair[] {
  return Array.from({ length: count }, (_, i) => ({ index: i, conversationId: uuidFor(i), buyer: `bench-u${2 * i}`, seller: `bench-u${2 * i + 1}` }));
}

/** Stable uuids, so the benchmark's conversations are the same every run. */
function uuidFor(i: number): string {
  const h = createHash('sha256').update(`parley-bench-${i}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Drops and recreates a PostgreSQL database; returns its URL. */
export async function recreatePostgresDatabase(adminUrl: string, name: string): Promise<string> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unsafe database name "${name}"`);
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export type Storage = { databaseUrl: string } | { dataDir: string };

const open = (storage: Storage) =>
  openDatabase('databaseUrl' in storage ? { databaseUrl: storage.databaseUrl, poolSize: 2 } : { dataDir: storage.dataDir });

/**
 * Applies Parley's migrations and writes the pairs' conversations and participants with the
 * same schema the service uses, before the service starts (PGlite allows one process only).
 */
export async function seed(storage: Storage, pairs: Pair[]): Promise<void> {
  const database = await open(storage);
  try {
    await migrate(database.db);
    for (let from = 0; from < pairs.length; from += 1000) {
      const batch = pairs.slice(from, from + 1000);
      await database.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('conversations')
          .values(batch.map((p, i) => ({ id: p.conversationId, conversation_type: 'order', order_id: `bench-order-${from + i}`, created_by: 'operator' })))
          .execute();
        await trx
          .insertInto('conversation_participants')
          .values(
            batch.flatMap((p) => [
              { conversation_id: p.conversationId, user_id: p.buyer, role: 'buyer' },
              { conversation_id: p.conversationId, user_id: p.seller, role: 'seller' },
            ]),
          )
          .execute();
      });
    }
    // Fresh statistics, as a database in service would have: plans for 10,000 rows, not for an empty table.
    await sql`ANALYZE`.execute(database.db);
  } finally {
    await database.close();
  }
}

export interface Stored {
  messages: number;
  distinctClientIds: number;
  /** Conversations whose sequence numbers are not exactly 1..n. */
  seqGaps: number;
  /** Participants whose unread count is not the number of messages the others sent. */
  wrongUnreadCounts: number;
}

/** What the database holds after a run, to compare with what the clients were told. */
export async function countStored(storage: Storage): Promise<Stored> {
  const database: DatabaseHandle = await open(storage);
  try {
    const row = await database.db
      .selectFrom('messages')
      .select((eb) => [eb.fn.countAll<number>().as('messages'), eb.fn.count<number>('client_message_id').distinct().as('distinct_ids')])
      .executeTakeFirstOrThrow();
    // Per conversation, seq must run 1..n with no holes.
    const gaps = await database.db
      .selectFrom('messages')
      .select(['conversation_id', (eb) => eb.fn.max<number>('seq').as('top'), (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('conversation_id')
      .execute();
    // Nobody reads during the run: each participant's unread count is what the others sent.
    const unread = await sql<{ wrong: number }>`
      SELECT count(*) AS wrong FROM conversation_participants p
       WHERE p.unread_count <> (SELECT count(*) FROM messages m WHERE m.conversation_id = p.conversation_id AND m.sender_id <> p.user_id)`.execute(database.db);
    return {
      messages: Number(row.messages),
      distinctClientIds: Number(row.distinct_ids),
      seqGaps: gaps.filter((g) => Number(g.top) !== Number(g.n)).length,
      wrongUnreadCounts: Number(unread.rows[0]!.wrong),
    };
  } finally {
    await database.close();
  }
}
