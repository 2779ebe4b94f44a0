import pg from 'pg';
import type { Logger } from 'pino';

/**
 * LISTEN on the channel the acceptor NOTIFYs after each commit, so a worker in another process
 * claims new deliveries at once instead of at its next poll. The poll stays as the safety net.
 */
export async function listenForDeliveries(databaseUrl: string, wake: () => void, log: Logger): Promise<{ close(): Promise<void> }> {
  let client: pg.Client | undefined;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;

  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: databaseUrl });
    c.on('notification', () => wake());
    c.on('error', (err) => {
      log.warn({ err: err.message }, 'delivery listener lost its connection; reconnecting');
      c.end().catch(() => {});
      if (!closed) retry = setTimeout(() => void connect().catch(() => {}), 1000);
    });
    try {
      await c.connect();
      await c.query('LISTEN parley_deliveries');
      client = c;
      wake(); // anything committed while we were not listening
    } catch (err) {
      log.warn({ err: (err as Error).message }, 'delivery listener could not connect; polling until it can');
      await c.end().catch(() => {});
      if (!closed) retry = setTimeout(() => void connect().catch(() => {}), 1000);
    }
  };
  await connect();
  return {
    async close() {
      closed = true;
      clearTimeout(retry);
      await client?.end().catch(() => {});
    },
  };
}
