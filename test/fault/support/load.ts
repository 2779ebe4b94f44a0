/** Notification load: requests on a fixed schedule (open loop), and what the database kept of them. */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { type Answer, call } from './http.ts';

export interface NotificationRequestBody {
  requestId: string;
  notificationType: 'transactional';
  channels: string[];
  recipient: { userId: string };
  message: { subject?: string; body: string };
  metadata?: { retries?: number };
}

/** A transactional notification for the webhook channel (one delivery, one webhook-id). */
export function webhookNotification(index: number, options: { retries?: number; body?: string } = {}): NotificationRequestBody {
  return {
    requestId: randomUUID(),
    notificationType: 'transactional',
    channels: ['webhook'],
    recipient: { userId: `fault-user-${index % 500}` },
    message: { subject: 'Your order shipped', body: options.body ?? `Order ${index} is on its way.` },
    ...(options.retries !== undefined ? { metadata: { retries: options.retries } } : {}),
  };
}

export interface Posted extends Answer {
  requestId: string;
}

/**
 * POST /notifications `rate` times a second until stopped, without waiting for answers; each
 * request gives up after the answer limit. stop() resolves with every request's answer.
 */
export function notificationLoad(url: string, rate: number, build: (index: number) => NotificationRequestBody = webhookNotification) {
  let running = true;
  const answers: Promise<Posted>[] = [];
  const started = performance.now();
  const loop = (async () => {
    while (running) {
      const owed = Math.floor(((performance.now() - started) / 1000) * rate) - answers.length;
      for (let i = 0; i < owed; i++) {
        const body = build(answers.length);
        answers.push(call(url, 'POST', '/notifications', { body }).then((a) => ({ ...a, requestId: body.requestId })));
      }
      await sleep(10);
    }
  })();
  return {
    async stop(): Promise<Posted[]> {
      running = false;
      await loop;
      return Promise.all(answers);
    },
    sent: () => answers.length,
  };
}

/** Runs `query` against a database, with a fresh connection (the server may have restarted). */
export async function query<T extends pg.QueryResultRow>(databaseUrl: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/** The requestIds among `requestIds` that have delivery rows. */
export async function storedNotifications(databaseUrl: string, requestIds: string[]): Promise<Set<string>> {
  const rows = await query<{ request_id: string }>(databaseUrl, 'SELECT DISTINCT request_id::text FROM notification_logs WHERE request_id = ANY($1::uuid[])', [requestIds]);
  return new Set(rows.map((r) => r.request_id));
}

/** The clientMessageIds among `ids` that are stored as messages. */
export async function storedMessages(databaseUrl: string, ids: string[]): Promise<Set<string>> {
  const rows = await query<{ client_message_id: string }>(databaseUrl, 'SELECT client_message_id FROM messages WHERE client_message_id = ANY($1::text[])', [ids]);
  return new Set(rows.map((r) => r.client_message_id));
}
