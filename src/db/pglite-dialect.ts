import type { PGlite } from '@electric-sql/pglite';
import { PostgresDialect } from 'kysely';

/**
 * Kysely's PostgreSQL dialect over an embedded PGlite instance.
 *
 * PGlite is a single connection, so this exposes it as a pool of one: a checked-out
 * "client" holds it exclusively until released, which keeps transactions isolated.
 */
export function pgliteDialect(pglite: PGlite): PostgresDialect {
  let tail: Promise<void> = Promise.resolve();

  const client = {
    async query(sql: string, parameters: readonly unknown[]) {
      // Parameterless text may hold several statements (migrations): the simple protocol runs them all.
      const result = parameters.length
        ? await pglite.query<Record<string, unknown>>(sql, parameters as unknown[])
        : (await pglite.exec(sql)).at(-1) ?? { rows: [], affectedRows: 0 };
      return {
        command: commandOf(sql),
        rowCount: result.affectedRows ?? result.rows.length,
        rows: result.rows,
      };
    },
    release() {},
  };

  const pool = {
    async connect() {
      let release!: () => void;
      const previous = tail;
      tail = new Promise<void>((resolve) => (release = resolve));
      await previous;
      return { ...client, release };
    },
    async end() {},
  };

  return new PostgresDialect({ pool: pool as never });
}

function commandOf(sql: string): string {
  const match = /^\s*(?:with\b[\s\S]*?\)\s*)?(insert|update|delete|merge|select)\b/i.exec(sql);
  return (match?.[1] ?? 'SELECT').toUpperCase();
}
