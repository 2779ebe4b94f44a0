import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MessageCrypto } from '../src/crypto/message-crypto.ts';
import { backends } from './support/backends.ts';
import { allMessages, applied, payment, placeOrder, quietJobs } from './support/marketplace.ts';
import { pngBytes, sendMessage, startParley, storedFiles, testCredentials, type TestParley, uploadAttachment } from './support/parley.ts';

const tag = () => randomUUID().slice(0, 8);

/**
 * Every text, character, JSON and array column of every table in the database, found from
 * information_schema, so tables added later are searched too; answers "table.column: n rows"
 * for each column holding one of the needles (case-insensitively).
 */
async function whereFound(db: TestParley['db'], needles: string[]): Promise<string[]> {
  const columns = await sql<{ table_name: string; column_name: string }>`
    SELECT c.table_name, c.column_name
      FROM information_schema.columns c
      JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
     WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
       AND c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY')
     ORDER BY c.table_name, c.column_name`.execute(db);
  expect(columns.rows.length).toBeGreaterThan(50);
  const found: string[] = [];
  for (const { table_name, column_name } of columns.rows) {
    const column = sql.ref(`${table_name}.${column_name}`);
    const hits = await sql<{ n: string }>`
      SELECT count(*) AS n FROM ${sql.table(table_name)}
       WHERE ${sql.join(needles.map((n) => sql`strpos(lower(${column}::text), lower(${n}::text)) > 0`), sql` OR `)}`.execute(db);
    const n = Number(hits.rows[0]!.n);
    if (n > 0) found.push(`${table_name}.${column_name}: ${n} rows`);
  }
  return found;
}

describe.each(backends)('erasing a person on $name', (backend) => {
  let parley: TestParley;
  const person = `pat-${tag()}`;
  const seller = `seller-${tag()}`;
  const name = `Zephyrine Quillfeather${tag()}`;
  const email = `zephyrine.${tag()}@example.org`;
  const phone = '+447700900123';
  const deviceToken = `fcm-${tag()}-zq-device-token`;
  const words = ['marmalade', 'periwinkle', 'xylophonist'];
  let orderId: string;
  let conversationId: string;
  let fileKey: string;

  async function notificationSettled(requestId: string) {
    for (let i = 0; i < 200; i++) {
      const { body } = await parley.request('GET', `/notifications/${requestId}`);
      if (body.deliveries?.every((d: any) => d.status !== 'queued')) return;
      await sleep(25);
    }
  }

  beforeAll(async () => {
    parley = await startParley(backend, { env: { ...quietJobs, PARLEY_MODERATORS: 'mod-ann' } });
    // An order between the person and a seller: its conversation, events and notifications name them.
    ({ orderId, conversationId } = await placeOrder(parley, { buyer: { userId: person, name, email, phoneNumber: phone }, seller: { userId: seller, name: 'Mug Shop' } }));
    await applied(parley, 'paid', orderId, payment());
    expect((await sendMessage(parley, conversationId, `Could the ${words[0]} mug come in ${words[1]}? Call me on ${phone}`, { as: person })).status).toBe(201);
    expect((await sendMessage(parley, conversationId, 'Yes, it comes in every colour.', { as: seller, role: 'seller' })).status).toBe(201);
    const upload = await uploadAttachment(parley, conversationId, { bytes: pngBytes(), fileName: `${name} receipt.png`, mimeType: 'image/png' }, { as: person });
    expect(upload.status).toBe(201);
    fileKey = (await parley.db.selectFrom('message_attachments').select('storage_key').where('id', '=', upload.body.attachmentId).executeTakeFirstOrThrow()).storage_key;
    expect((await sendMessage(parley, conversationId, { messageType: 'image', content: `The ${words[2]} photo`, attachments: [upload.body.attachmentId] }, { as: person })).status).toBe(201);
    expect((await parley.request('PUT', `/users/${person}/contact`, { body: { name, email, phoneNumber: phone } })).status).toBe(200);
    expect((await parley.request('PUT', `/users/${person}/preferences`, { as: person, body: { preferences: { channels: { promotional: ['email'] }, optOut: { sms: true } } } })).status).toBe(200);
    expect((await parley.request('POST', `/users/${person}/devices`, { as: person, body: { deviceId: 'phone', token: deviceToken, platform: 'android' } })).status).toBe(201);
    const requestId = randomUUID();
    const notified = await parley.request('POST', '/notifications', {
      body: { requestId, notificationType: 'transactional', channels: ['in-app'], recipient: { userId: person }, message: { inAppMessage: { title: `Hello ${name}`, body: `Your ${words[0]} order` } } },
    });
    expect(notified.status).toBe(202);
    await notificationSettled(requestId);
    const consent = { vendorId: seller, channel: 'email', granted: true, source: 'checkout', textShown: 'Send me Mug Shop offers' };
    expect((await parley.request('POST', `/users/${person}/consents`, { as: person, body: consent, headers: { 'user-agent': `Browser ${name}` } })).status).toBe(201);
    // The person as a seller elsewhere: their quick replies go with them.
    expect((await parley.request('POST', '/marketplace/messaging/quick-replies', { as: person, role: 'seller', body: { content: `${name} answers: ${words[1]}` } })).status).toBe(201);
    const dispute = await parley.request('POST', `/marketplace/messaging/conversations/${conversationId}/escalate`, { as: person, body: { reason: `The ${words[1]} mug never arrived, ${name}` } });
    expect(dispute.status).toBe(201);
  });
  afterAll(async () => parley?.close());

  it("refuses another person's erasure (403 not_your_data), to buyers and sellers alike, and changes nothing", async () => {
    for (const as of [{ as: `stranger-${tag()}` }, { as: seller, role: 'seller' as const }]) {
      const refused = await parley.request('DELETE', `/users/${person}`, as);
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('not_your_data');
    }
    expect((await parley.request('GET', `/users/${person}/contact`)).body).toMatchObject({ name, email });
  });

  it('leaves nothing of the person anywhere in the database, and the seller keeps a working conversation', async () => {
    const crypto = new MessageCrypto(testCredentials.PARLEY_ENCRYPTION_KEY);
    // The message index holds keyed tokens of words: the person's words and name must be gone from it too.
    const tokens = crypto.searchTokens(`${words.join(' ')} ${name}`);
    const needles = [person, name, email, phone, deviceToken, ...words, ...tokens];
    // Before: the person is everywhere (so the search can find them).
    const before = await whereFound(parley.db, needles);
    for (const table of ['user_contacts', 'messages', 'notification_logs', 'device_tokens', 'promotional_consents', 'marketplace_orders', 'order_events', 'disputes', 'quick_replies', 'conversation_participants', 'message_attachments']) {
      expect(before.some((hit) => hit.startsWith(`${table}.`)), `${table} holds the person before erasure`).toBe(true);
    }

    const erased = await parley.request('DELETE', `/users/${person}`, { as: person });
    expect(erased.status, JSON.stringify(erased.body)).toBe(200);
    expect(erased.body).toMatchObject({ requestedBy: { role: 'self', operatorId: null }, runs: 1, filesPending: 0 });
    expect(erased.body.counts).toMatchObject({ user_contacts: 1, device_tokens: 1, user_preferences: 1, message_attachments: 1, quick_replies: 1, marketplace_orders: 1, disputes: 1, conversation_participants: 1 });
    expect(erased.body.counts.messages).toBeGreaterThanOrEqual(2);
    expect(erased.body.counts.promotional_consents).toBe(2); // the record pseudonymised, a withdrawal appended

    expect(await whereFound(parley.db, needles)).toEqual([]);
    expect(storedFiles(parley)).not.toContain(fileKey);
    const audit = await parley.db.selectFrom('user_erasures').selectAll().execute();
    expect(audit.map((r) => r.erasure_id)).toContain(erased.body.erasureId);

    // The seller's side: the conversation reads, the person's messages are deleted messages, replies go through.
    const pseudonym = erased.body.pseudonym;
    const conversation = await parley.request('GET', `/conversations/${conversationId}`, { as: seller, role: 'seller' });
    expect(conversation.status).toBe(200);
    expect(conversation.body.participants.map((p: any) => p.userId)).toContain(pseudonym);
    const messages = await allMessages(parley, conversationId);
    const theirs = messages.filter((m: any) => m.senderId === pseudonym);
    expect(theirs.length).toBe(2);
    for (const m of theirs) expect(m).toMatchObject({ status: 'deleted', content: null, attachments: [] });
    expect(messages.map((m: any) => m.content)).toContain('Yes, it comes in every colour.');
    expect((await sendMessage(parley, conversationId, 'Thanks for your order.', { as: seller, role: 'seller' })).status).toBe(201);
    const sellerExport = await parley.request('GET', `/users/${seller}/export`, { as: seller, role: 'seller' });
    expect(sellerExport.status).toBe(200);
    expect(sellerExport.body.orders).toEqual([expect.objectContaining({ orderId, buyerId: pseudonym, sellerId: seller })]);
    // The person's own view is empty now.
    const own = await parley.request('GET', `/users/${person}/export`, { as: person });
    expect(own.body).toMatchObject({ contact: null, devices: [], conversations: [], notifications: [], orders: [], consents: [] });
  });

  it('answers a repeated erasure with the same record, and erases what arrived since', async () => {
    const first = await parley.request('DELETE', `/users/${person}`, { as: person });
    expect((await parley.request('PUT', `/users/${person}/contact`, { body: { name, email } })).status).toBe(200);
    const again = await parley.request('DELETE', `/users/${person}`);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ erasureId: first.body.erasureId, pseudonym: first.body.pseudonym, requestedAt: first.body.requestedAt, requestedBy: { role: 'self' } });
    expect(again.body.runs).toBe(first.body.runs + 1);
    expect(again.body.counts.user_contacts).toBe(first.body.counts.user_contacts + 1);
    expect(await whereFound(parley.db, [person, name, email])).toEqual([]);
    expect(await parley.db.selectFrom('user_erasures').select('erasure_id').where('erasure_id', '=', first.body.erasureId).execute()).toHaveLength(1);
  });

  it('erases a user whose id is also a number elsewhere, matching it only as a whole JSON string, so those rows stay valid', async () => {
    const { orderId } = await placeOrder(parley, { buyer: { userId: '59', name: 'Al' }, seller: { userId: seller, name: 'Mug Shop' }, total: 59.9 });
    const erased = await parley.request('DELETE', '/users/59');
    expect(erased.status, JSON.stringify(erased.body)).toBe(200);
    const [event] = await parley.db.selectFrom('order_events').select('payload').where('order_id', '=', orderId).execute();
    const payload = JSON.stringify(event!.payload);
    expect(payload).toContain(`"${erased.body.pseudonym}"`);
    expect(payload).toContain('59.9');
    expect(payload).not.toContain('"59"');
    const order = await parley.db.selectFrom('marketplace_orders').select(['buyer_id', 'total']).where('order_id', '=', orderId).executeTakeFirstOrThrow();
    expect([order.buyer_id, Number(order.total)]).toEqual([erased.body.pseudonym, 59.9]);
    // The seller's conversation with them reads as before.
    const opened = await parley.request('POST', `/marketplace/messaging/conversations/order/${orderId}`, { as: seller, role: 'seller' });
    expect(opened.status, JSON.stringify(opened.body)).toBe(200);
  });

  it('refuses to erase the platform\'s own sender', async () => {
    const refused = await parley.request('DELETE', '/users/system');
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('reserved_user_id');
  });

  it("lets an operator erase anyone, and records who asked without recording who was erased", async () => {
    const other = `buyer-${tag()}`;
    expect((await parley.request('PUT', `/users/${other}/contact`, { body: { name: 'Olwen', email: `${other}@example.org` } })).status).toBe(200);
    const erased = await parley.request('DELETE', `/users/${other}`, { as: 'op-privacy', role: 'operator' });
    expect(erased.status).toBe(200);
    expect(erased.body).toMatchObject({ requestedBy: { role: 'operator', operatorId: 'op-privacy' }, counts: { user_contacts: 1 } });
    expect(await whereFound(parley.db, [other])).toEqual([]);
  });
});
