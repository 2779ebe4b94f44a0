import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { decodeJwt } from 'jose';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { ConfigError } from '../src/env.ts';
import { type DemoSeedSummary, seedDemo } from '../src/demo/seed.ts';
import { resumeDemoWebhooks } from '../src/demo/demo-webhooks.ts';
import { signWebhook } from '../src/crypto/standard-webhooks.ts';
import { DEMO_MODERATOR_ID, DEMO_USERS } from '../src/demo/users.ts';
import { ORDER_STATUSES } from '../src/marketplace/orders/order-state.ts';
import { backends } from './support/backends.ts';
import { quietJobs, runJob } from './support/marketplace.ts';
import { expectRefusal, freshDatabase, httpRequest, startParley, startParleyProcess, type TestDatabase, type TestParley, testCredentials } from './support/parley.ts';

const ana = 'demo-buyer-ana';
const ben = 'demo-buyer-ben';
const larkspur = 'demo-seller-larkspur';
const northwind = 'demo-seller-northwind';
const sam = DEMO_MODERATOR_ID;
const olivia = 'demo-operator-olivia';

/** A request without credentials, as the sign-in page makes it. */
async function anonymous(baseUrl: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(baseUrl + path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

/** Rows of every table seeding writes to, and the dispute histories (a repeated status change would lengthen them). */
async function writtenRows(db: TestParley['db']): Promise<Record<string, number>> {
  const tables = [
    'conversations',
    'conversation_participants',
    'messages',
    'marketplace_orders',
    'order_events',
    'notification_logs',
    'message_templates',
    'quick_replies',
    'disputes',
    'conversation_flags',
    'user_contacts',
    'user_preferences',
    'message_attachments',
    'webhook_endpoints',
    'webhook_events',
    'webhook_deliveries',
  ] as const;
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const row = await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  const history = await sql<{ n: number }>`SELECT coalesce(sum(jsonb_array_length(history)), 0)::int AS n FROM disputes`.execute(db);
  counts.dispute_history = history.rows[0]!.n;
  const unread = await sql<{ n: number }>`SELECT coalesce(sum(unread_count), 0)::int AS n FROM conversation_participants`.execute(db);
  counts.unread = unread.rows[0]!.n;
  return counts;
}

/**
 * Every time seeding moves or derives from a message's time: a second run must leave them all
 * as they are.
 */
async function storyTimes(db: TestParley['db']): Promise<Record<string, unknown[]>> {
  const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
  const messages = await db.selectFrom('messages').select(['id', 'created_at']).orderBy('id').execute();
  const conversations = await db.selectFrom('conversations').select(['id', 'created_at', 'updated_at', 'last_message_at', 'converted_at']).orderBy('id').execute();
  const participants = await db
    .selectFrom('conversation_participants')
    .select(['conversation_id', 'user_id', 'joined_at', 'reminder_due_at', 'reminded_seq'])
    .orderBy('conversation_id')
    .orderBy('user_id')
    .execute();
  const responses = await db.selectFrom('conversation_responses').selectAll().orderBy('conversation_id').orderBy('asked_seq').execute();
  const days = await sql<Record<string, unknown>>`SELECT conversation_id, to_char(day, 'YYYY-MM-DD') AS day, buyer_messages, seller_messages FROM conversation_daily_stats ORDER BY 1, 2`.execute(db);
  const used = await sql<{ id: string; last_used_at: Date | null }>`SELECT id, last_used_at FROM message_templates UNION ALL SELECT id, last_used_at FROM quick_replies ORDER BY 1`.execute(db);
  return {
    messages: messages.map((m) => [m.id, iso(m.created_at)]),
    conversations: conversations.map((c) => [c.id, iso(c.created_at), iso(c.updated_at), iso(c.last_message_at), iso(c.converted_at)]),
    participants: participants.map((p) => [p.conversation_id, p.user_id, iso(p.joined_at), iso(p.reminder_due_at), p.reminded_seq]),
    responses: responses.map((r) => [r.conversation_id, r.asked_seq, iso(r.asked_at), iso(r.answered_at), r.response_seconds]),
    days: days.rows.map((d) => Object.values(d)),
    used: used.rows.map((u) => [u.id, iso(u.last_used_at)]),
  };
}

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;
const demoOrders = ['demo-order-1001', 'demo-order-1002', 'demo-order-1003', 'demo-order-1004', 'demo-order-1005', 'demo-order-1006', 'demo-order-1007', 'demo-order-1008'];

describe('demo mode configuration', () => {
  const keys = { PARLEY_API_KEYS: 'demo-test-api-key-0123456789', PARLEY_JWT_SECRET: 'j'.repeat(32), PARLEY_ENCRYPTION_KEY: `k1:${randomBytes(32).toString('base64')}` };
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-demo-config-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  const refusal = (env: Record<string, string>, argv: string[] = []): ConfigError => {
    try {
      loadConfig(env, argv);
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return error as ConfigError;
    }
    throw new Error('expected loadConfig to refuse');
  };

  it('is off unless asked for', () => {
    const config = loadConfig({ ...keys, PARLEY_DATA_DIR: tempDir() }, ['--port', '3000']);
    expect(config.demo).toEqual({ enabled: false });
    expect(loadConfig({ ...keys, PARLEY_DEMO: '0' }).demo.enabled).toBe(false);
    expect(loadConfig(keys).dataDir).toBe(resolve('./data'));
  });

  it('is on with PARLEY_DEMO=1 or --demo, in ./data/demo unless PARLEY_DATA_DIR names a directory', () => {
    expect(loadConfig({ ...keys, PARLEY_DEMO: '1' })).toMatchObject({ demo: { enabled: true }, dataDir: resolve('./data/demo') });
    expect(loadConfig(keys, ['--demo'])).toMatchObject({ demo: { enabled: true }, dataDir: resolve('./data/demo') });
    const dir = tempDir();
    expect(loadConfig({ ...keys, PARLEY_DATA_DIR: dir }, ['--demo']).dataDir).toBe(dir);
  });

  it('lets webhooks reach its own host (PARLEY_PUBLIC_URL), for the demo receiver; only in demo mode', () => {
    expect(loadConfig(keys, ['--demo']).webhooks.allowHosts).toEqual(['localhost']);
    expect(loadConfig({ ...keys, PARLEY_PUBLIC_URL: 'http://127.0.0.1:4000', PARLEY_WEBHOOK_ALLOW_HOSTS: '10.0.0.0/8' }, ['--demo']).webhooks.allowHosts).toEqual(['10.0.0.0/8', '127.0.0.1']);
    expect(loadConfig({ ...keys, PARLEY_PUBLIC_URL: 'http://[::1]:4000' }, ['--demo']).webhooks.allowHosts).toEqual(['::1']);
    expect(loadConfig(keys).webhooks.allowHosts).toEqual([]);
  });

  it('gives disputes to the demo moderator unless PARLEY_MODERATORS names others', () => {
    expect(loadConfig(keys, ['--demo']).marketplace.moderators).toEqual([DEMO_MODERATOR_ID]);
    expect(loadConfig({ ...keys, PARLEY_MODERATORS: 'mod-1' }, ['--demo']).marketplace.moderators).toEqual(['mod-1']);
    expect(loadConfig(keys).marketplace.moderators).toEqual([]);
  });

  it('refuses DATABASE_URL without PARLEY_DEMO_FORCE=1, saying why and how to force it', () => {
    const dir = tempDir();
    for (const [env, argv] of [
      [{ ...keys, PARLEY_DATA_DIR: dir, DATABASE_URL: 'postgres://localhost/shop', PARLEY_DEMO: '1' }, []],
      [{ ...keys, PARLEY_DATA_DIR: dir, DATABASE_URL: 'postgres://localhost/shop' }, ['--demo']],
      [{ ...keys, PARLEY_DATA_DIR: dir, DATABASE_URL: 'postgres://localhost/shop', PARLEY_DEMO: '1', PARLEY_DEMO_FORCE: '0' }, []],
    ] as const) {
      const error = refusal(env, [...argv]);
      expect(error.variable).toBe('PARLEY_DEMO');
      expect(error.message).toMatch(/DATABASE_URL/);
      expect(error.message).toMatch(/demo data into that database/);
      expect(error.message).toMatch(/PARLEY_DEMO_FORCE=1/);
    }
    expect(readdirSync(dir)).toEqual([]);
    const forced = loadConfig({ ...keys, PARLEY_DATA_DIR: dir, DATABASE_URL: 'postgres://localhost/shop', PARLEY_DEMO: '1', PARLEY_DEMO_FORCE: '1' });
    expect(forced).toMatchObject({ demo: { enabled: true }, databaseUrl: 'postgres://localhost/shop', dataDir: dir });
  });

  it('refuses values other than 1 or 0, and a JWKS-only setup it cannot sign sessions for', () => {
    expect(refusal({ ...keys, PARLEY_DEMO: 'yes' }).variable).toBe('PARLEY_DEMO');
    expect(refusal({ ...keys, PARLEY_DEMO: '1', DATABASE_URL: 'postgres://localhost/shop', PARLEY_DEMO_FORCE: 'please' }).variable).toBe('PARLEY_DEMO_FORCE');
    const jwksOnly = { PARLEY_JWKS_URL: 'https://id.example.com/jwks.json', PARLEY_ENCRYPTION_KEY: keys.PARLEY_ENCRYPTION_KEY, PARLEY_DATA_DIR: tempDir() };
    expect(refusal(jwksOnly, ['--demo']).variable).toBe('PARLEY_JWT_SECRET');
  });
});

describe.each(backends)('demo mode on $name', (backend) => {
  let parley: TestParley;
  let database: TestDatabase;
  let first: DemoSeedSummary;
  let resumed = false;

  /** A session as a demo user, from the public endpoint. */
  const session = async (userId: string) => {
    const reply = await anonymous(parley.url, 'POST', '/demo/session', { userId });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    return reply.body as { token: string; user: { userId: string; name: string; role: string; description: string } };
  };
  /** A request with a demo session's token. */
  const as = async (userId: string, method: string, path: string, body?: unknown) =>
    httpRequest(parley.url, method, path, { headers: { authorization: `Bearer ${(await session(userId)).token}` }, body });
  const orderConversation = async (orderId: string) => {
    const mine = await as(olivia, 'GET', '/marketplace/messaging/conversations/my-orders?limit=100');
    return mine.body.conversations.find((c: any) => c.orderId === orderId).conversationId as string;
  };

  beforeAll(async () => {
    // On PostgreSQL the demo writes into DATABASE_URL, which needs the force flag.
    database = await freshDatabase(backend);
    const env: Record<string, string> = { ...quietJobs, PARLEY_DEMO: '1', ...(database.databaseUrl ? { DATABASE_URL: database.databaseUrl, PARLEY_DEMO_FORCE: '1' } : {}) };
    parley = await startParley(backend, { env, database });
    first = await seedDemo(parley.app, parley.config, { db: parley.db });
    // As demo mode does once it listens (this test's Parley listens already).
    resumed = await resumeDemoWebhooks(parley.app, parley.config);
  });
  afterAll(async () => {
    await parley?.close();
    await database?.handle.close();
    await database?.drop();
  });

  it('lists the demo users to anyone: buyers, sellers, a moderator and an operator', async () => {
    const reply = await anonymous(parley.url, 'GET', '/demo/users');
    expect(reply.status).toBe(200);
    expect(reply.body.users.map((u: any) => [u.userId, u.role])).toEqual(DEMO_USERS.map((u) => [u.userId, u.role]));
    const roles = reply.body.users.map((u: any) => u.role);
    expect(roles.filter((r: string) => r === 'buyer').length).toBeGreaterThanOrEqual(2);
    expect(roles.filter((r: string) => r === 'seller')).toHaveLength(2);
    expect(roles).toContain('moderator');
    expect(roles).toContain('operator');
    for (const u of reply.body.users) {
      expect(Object.keys(u).sort()).toEqual(['description', 'name', 'role', 'userId']);
      expect(u.description.length).toBeGreaterThan(10);
    }
  });

  it('signs a 12-hour session for a demo user with the configured secret', async () => {
    const { token, user } = await session(ana);
    expect(user).toMatchObject({ userId: ana, name: 'Ana Martins', role: 'buyer' });
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({ sub: ana, role: 'buyer', name: 'Ana Martins' });
    expect(claims.exp! - claims.iat!).toBe(12 * 3600);
    const conversations = await as(ana, 'GET', '/conversations?limit=100');
    expect(conversations.status).toBe(200);
    expect(conversations.body.conversations.length).toBeGreaterThanOrEqual(7);
  });

  it('gives each session its role', async () => {
    expect((await as(larkspur, 'GET', '/marketplace/messaging/templates')).status).toBe(200);
    expectRefusal(await as(ana, 'GET', '/marketplace/messaging/templates'), 403, 'sellers_only');
    expect((await as(sam, 'GET', '/marketplace/messaging/disputes')).status).toBe(200);
    expectRefusal(await as(ana, 'GET', '/marketplace/messaging/disputes'), 403, 'moderators_only');
    expect((await as(olivia, 'GET', '/notifications/dead-letters')).status).toBe(200);
    expectRefusal(await as(larkspur, 'GET', '/notifications/dead-letters'), 403, 'operator_only');
    for (const u of DEMO_USERS) expect((await as(u.userId, 'GET', '/conversations')).status, u.userId).toBe(200);
  });

  it('refuses an unknown user (404) and a bad body (400)', async () => {
    expectRefusal(await anonymous(parley.url, 'POST', '/demo/session', { userId: 'someone-else' }), 404, 'demo_user_not_found');
    expectRefusal(await anonymous(parley.url, 'POST', '/demo/session', {}), 400, 'missing_field');
    expectRefusal(await anonymous(parley.url, 'POST', '/demo/session', { userId: ana, role: 'operator' }), 400, 'unknown_field');
    expectRefusal(await anonymous(parley.url, 'POST', '/demo/session', { userId: 42 }), 400, 'wrong_type');
    expectRefusal(await anonymous(parley.url, 'POST', '/demo/session', '{"userId":'), 400, 'malformed_json');
  });

  it('has orders at every stage, with tracking for the shipped one', async () => {
    const mine = await as(ana, 'GET', '/marketplace/messaging/conversations/my-orders?limit=100');
    expect(mine.status).toBe(200);
    const statuses = new Set(mine.body.conversations.map((c: any) => c.order.status));
    for (const status of ORDER_STATUSES) expect(statuses, status).toContain(status);
    const shipped = mine.body.conversations.find((c: any) => c.order.status === 'shipped').order;
    expect(shipped).toMatchObject({ carrier: expect.any(String), trackingNumber: expect.any(String), trackingUrl: expect.stringMatching(/^https:\/\//) });
    const disputed = mine.body.conversations.find((c: any) => c.order.status === 'disputed');
    expect(disputed.dispute).toMatchObject({ status: 'awaiting_seller' });
  });

  it('puts the dispute in the moderator\'s queue, with the moderator in its conversation', async () => {
    const queue = await as(sam, 'GET', '/marketplace/messaging/disputes?unresolved=true');
    expect(queue.body.disputes).toHaveLength(1);
    const [dispute] = queue.body.disputes;
    expect(dispute).toMatchObject({ orderId: 'demo-order-1003', openedBy: ana, moderatorId: sam, status: 'awaiting_seller' });
    const conversation = await as(sam, 'GET', `/conversations/${dispute.conversationId}`);
    expect(conversation.body.participants.map((p: any) => [p.userId, p.role])).toContainEqual([sam, 'moderator']);
  });

  it('has a conversation flagged for a strongly negative buyer message', async () => {
    const flagged = await as(sam, 'GET', '/marketplace/messaging/moderation/flagged');
    expect(flagged.status).toBe(200);
    expect(flagged.body.flags).toContainEqual(expect.objectContaining({ orderId: 'demo-order-1003', reason: 'negative_sentiment', reviewedAt: null }));
  });

  it('masks the phone number Ben wrote for the seller, not for Ben', async () => {
    const conversationId = await orderConversation('demo-order-1008');
    const forSeller = (await as(northwind, 'GET', `/conversations/${conversationId}/messages`)).body.messages.find((m: any) => m.senderId === ben);
    const forBen = (await as(ben, 'GET', `/conversations/${conversationId}/messages`)).body.messages.find((m: any) => m.senderId === ben);
    expect(forBen.content).toContain('555-0134');
    expect(forSeller.content).not.toContain('555');
    const masking = await as(sam, 'GET', '/marketplace/messaging/moderation/masking');
    expect(masking.body.senders).toContainEqual(expect.objectContaining({ conversationId, senderId: ben, masked: expect.objectContaining({ phone: 1 }) }));
  });

  it('has a voice message from Ben in his order\'s conversation, its clip served to the seller', async () => {
    const conversationId = await orderConversation('demo-order-1008');
    const messages = (await as(northwind, 'GET', `/conversations/${conversationId}/messages`)).body.messages as any[];
    const voice = messages.filter((m) => m.messageType === 'voice');
    expect(voice).toHaveLength(1);
    expect(voice[0]).toMatchObject({ senderId: ben, attachments: [expect.objectContaining({ type: 'voice', mimeType: 'audio/ogg', durationMs: expect.any(Number) })] });
    // Between Ben's text and Northwind's answer, in the story's order.
    expect(messages.filter((m) => !m.isSystem).map((m) => [m.senderId, m.messageType])).toEqual([
      [ben, 'text'],
      [ben, 'voice'],
      [northwind, 'text'],
    ]);
    const clip = readFileSync(new URL('../src/demo/assets/voice-note.ogg', import.meta.url));
    const file = await fetch(parley.url + voice[0].attachments[0].url, { headers: { authorization: `Bearer ${(await session(northwind)).token}` } });
    expect(file.status).toBe(200);
    expect(Buffer.from(await file.arrayBuffer()).equals(clip)).toBe(true);
  });

  it('delivers Larkspur Ceramics\' order, message and dispute events to the demo receiver, signed', async () => {
    expect(resumed).toBe(true);
    const listed = (await as(larkspur, 'GET', '/webhook-endpoints')).body.endpoints as any[];
    expect(listed).toEqual([expect.objectContaining({ sellerId: larkspur, url: `${parley.url}/demo/crm-receiver`, enabled: true, failingSince: null })]);
    const endpointId = listed[0].endpointId;
    // Counted apart from the webhooks: the order events of Larkspur's orders, the messages of
    // its conversations (the system messages of those events among them), and the dispute's steps.
    const orderEvents = await sql<{ n: number }>`SELECT count(*)::int AS n FROM order_events e JOIN marketplace_orders o ON o.order_id = e.order_id WHERE o.seller_id = ${larkspur}`.execute(parley.db);
    const messages = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM messages m
      WHERE m.conversation_id IN (SELECT conversation_id FROM conversation_participants WHERE user_id = ${larkspur})`.execute(parley.db);
    const disputeSteps = 2; // opened by Ana (and given to Sam, demo mode's moderator), then awaiting the seller
    const expected = orderEvents.rows[0]!.n + messages.rows[0]!.n + disputeSteps;
    let log: any[] = [];
    for (let i = 0; i < 200; i++) {
      log = (await as(larkspur, 'GET', `/webhook-endpoints/${endpointId}/deliveries?limit=200`)).body.deliveries;
      if (log.length === expected && log.every((d) => d.status === 'delivered')) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(log).toHaveLength(expected);
    expect(log.every((d) => d.status === 'delivered' && d.lastStatus === 204 && d.attempts === 1)).toBe(true);
    const types = new Set(log.map((d) => d.eventType));
    for (const type of ['order.placed', 'order.shipped', 'order.delivered', 'message.created', 'dispute.opened', 'dispute.status_changed']) expect(types, type).toContain(type);
  });

  it('has a receiver that takes only requests signed with the endpoint\'s secret', async () => {
    const body = JSON.stringify({ type: 'order.placed', timestamp: new Date().toISOString(), data: {} });
    const now = Math.floor(Date.now() / 1000);
    const post = (signature: string) =>
      fetch(`${parley.url}/demo/crm-receiver`, { method: 'POST', headers: { 'content-type': 'application/json', 'webhook-id': 'msg_forged', 'webhook-timestamp': String(now), 'webhook-signature': signature }, body });
    const forged = await post(signWebhook('whsec_' + Buffer.from('not the secret').toString('base64'), 'msg_forged', now, body));
    expect(forged.status).toBe(401);
    expect((await forged.json()).error.code).toBe('invalid_signature');
    const unsigned = await fetch(`${parley.url}/demo/crm-receiver`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(unsigned.status).toBe(401);
  });

  it('gives the sellers templates with shortcuts and variables, and quick replies with trigger words', async () => {
    const templates = (await as(larkspur, 'GET', '/marketplace/messaging/templates')).body.templates;
    expect(templates.length).toBeGreaterThanOrEqual(3);
    expect(templates.filter((t: any) => t.shortcut).length).toBeGreaterThanOrEqual(2);
    expect(templates.find((t: any) => t.name === 'Order shipped')).toMatchObject({ shortcut: 'Alt+S', variables: expect.arrayContaining(['buyer_name', 'order_id', 'carrier']) });
    expect(templates.some((t: any) => t.usageCount > 0)).toBe(true);
    const replies = (await as(larkspur, 'GET', '/marketplace/messaging/quick-replies')).body.quickReplies;
    expect(replies.length).toBeGreaterThanOrEqual(2);
    for (const r of replies) expect(r.triggers.length).toBeGreaterThan(0);
    expect((await as(northwind, 'GET', '/marketplace/messaging/templates')).body.templates.length).toBeGreaterThan(0);
  });

  it('fills a template for a conversation and suggests a quick reply for the open question', async () => {
    const conversations = (await as(larkspur, 'GET', '/conversations?limit=100')).body.conversations;
    const inquiry = conversations.find((c: any) => c.conversationType === 'product_inquiry');
    const suggestions = await as(larkspur, 'GET', `/marketplace/messaging/quick-replies/suggest?conversationId=${inquiry.conversationId}`);
    expect(suggestions.body.suggestions[0]).toMatchObject({ kind: 'quick_reply', reasons: expect.arrayContaining(['trigger:shipping']) });
    const shipped = await orderConversation('demo-order-1002');
    const filled = (await as(larkspur, 'GET', `/marketplace/messaging/templates?conversationId=${shipped}`)).body.templates.find((t: any) => t.name === 'Order shipped');
    expect(filled.rendered).toMatchObject({ missingVariables: [] });
    expect(filled.rendered.content).toContain('Ana Martins');
    expect(filled.rendered.content).toContain('demo-order-1002');
  });

  it('has seller analytics, an inquiry converted to an order among them', async () => {
    const figures = await as(northwind, 'GET', '/marketplace/messaging/seller/analytics/messaging');
    expect(figures.status).toBe(200);
    const week = figures.body.windows.find((w: any) => w.days === 7);
    expect(week).toMatchObject({ inquiries: 1, convertedInquiries: 1 });
    expect(week.questions).toBeGreaterThan(0);
    expect(week.responses).toBeGreaterThan(0);
  });

  it('gives buyers and sellers in-app notifications, some read and some not', async () => {
    for (const userId of [ana, larkspur]) {
      const feed = (await as(userId, 'GET', '/me/notifications?limit=100')).body;
      expect(feed.notifications.some((n: any) => n.readAt !== null), userId).toBe(true);
      expect(feed.unread, userId).toBeGreaterThan(0);
    }
    expect(first.notificationsMarkedRead).toBeGreaterThan(0);
    expect(first.notes).toEqual([]);
  });

  it('sets preferences as the users would', async () => {
    const prefs = await as(ana, 'GET', `/users/${ana}/preferences`);
    expect(prefs.body.preferences).toMatchObject({ doNotDisturb: { enabled: true, timezone: 'Europe/Lisbon' } });
  });

  it('shows the operator a suppression list with its audit trail', async () => {
    const listed = await as(olivia, 'GET', '/suppressions?channel=email');
    expect(listed.body.suppressions.map((s: any) => [s.address, s.reason])).toEqual(
      expect.arrayContaining([['old-address@mail.demo.example', 'manual'], ['no-marketing@demo.example', 'manual']]),
    );
    expect((await as(olivia, 'GET', '/suppressions/events')).body.events.length).toBeGreaterThanOrEqual(2);
  });

  it('puts each order\'s messages after its events, in sequence order, never before its first event', async () => {
    expect(first.messagesBackdated).toBeGreaterThan(0);
    const everyTime: number[] = [];
    for (const orderId of demoOrders) {
      const conversationId = await orderConversation(orderId);
      const events = (await as(olivia, 'GET', `/marketplace/orders/${orderId}/events`)).body.events as { occurredAt: string }[];
      const firstEvent = Math.min(...events.map((e) => Date.parse(e.occurredAt)));
      const lastEvent = Math.max(...events.map((e) => Date.parse(e.occurredAt)));
      const messages = ((await as(olivia, 'GET', `/conversations/${conversationId}/messages?limit=200`)).body.messages as any[]).sort((a, b) => a.seq - b.seq);
      const times = messages.map((m) => Date.parse(m.timestamp));
      expect(times, orderId).toEqual([...times].sort((a, b) => a - b));
      expect(Math.min(...times), orderId).toBeGreaterThanOrEqual(firstEvent);
      const typed = messages.filter((m) => !m.isSystem);
      expect(typed.length, orderId).toBeGreaterThan(0);
      for (const m of typed) expect(Date.parse(m.timestamp), `${orderId} seq ${m.seq}`).toBeGreaterThan(lastEvent);
      const conversation = (await as(olivia, 'GET', `/conversations/${conversationId}`)).body;
      expect(Date.parse(conversation.createdAt), orderId).toBeLessThanOrEqual(firstEvent);
      expect(conversation.lastMessageAt, orderId).toBe(messages.at(-1).timestamp);
      everyTime.push(...typed.map((m) => Date.parse(m.timestamp)));
    }
    // Written over days, not in the minute seeding took.
    expect(Math.max(...everyTime) - Math.min(...everyTime)).toBeGreaterThan(5 * day);
  });

  it('shows an order timeline with the order\'s events first, then its messages, hours and days apart', async () => {
    const conversationId = await orderConversation('demo-order-1001');
    const timeline = (await as(ana, 'GET', `/marketplace/messaging/conversations/${conversationId}/order-timeline`)).body;
    const items = timeline.items as any[];
    // The events, the ask to rate the seller that came with the delivery, then what Ana and the seller wrote.
    expect(items.map((i) => i.kind)).toEqual(['order_event', 'order_event', 'order_event', 'order_event', 'message', 'message', 'message']);
    const at = items.map((i) => Date.parse(i.at));
    expect(at).toEqual([...at].sort((a, b) => a - b));
    const delivered = items.find((i) => i.kind === 'order_event' && i.event.type === 'delivered');
    const [ask, question, answer] = items.filter((i) => i.kind === 'message');
    expect(ask.message).toMatchObject({ messageType: 'rating_request', isSystem: true, payload: { orderId: 'demo-order-1001', reason: 'delivered' } });
    expect(Date.parse(ask.at) - Date.parse(delivered.at)).toBe(1000);
    expect(question.message.senderId).toBe(ana);
    expect(answer.message.senderId).toBe(larkspur);
    // Ana writes the day the mugs arrive; Larkspur answers later, not in the same minute.
    expect(Date.parse(question.at) - Date.parse(delivered.at)).toBeGreaterThan(hour);
    expect(Date.parse(question.at) - Date.parse(delivered.at)).toBeLessThan(day);
    expect(Date.parse(answer.at) - Date.parse(question.at)).toBeGreaterThan(hour);
  });

  it('has a rating from Ana for Larkspur Ceramics, and one she can still give on the disputed order', async () => {
    const month = (await as(larkspur, 'GET', '/marketplace/messaging/seller/analytics/messaging')).body.windows.find((w: any) => w.days === 30);
    expect(month.satisfaction).toMatchObject({ ratings: 1, averageRating: 5 });
    expect(month.satisfaction.distribution.find((d: any) => d.rating === 5).count).toBe(1);
    const listed = (await as(larkspur, 'GET', '/marketplace/messaging/seller/ratings')).body.ratings;
    expect(listed.map((r: any) => [r.orderId, r.rating])).toEqual([['demo-order-1001', 5]]);
    expect((await as(ana, 'GET', '/marketplace/orders/demo-order-1003/rating')).body).toMatchObject({ requestedBecause: 'delivered', rating: null, canRate: true });
  });

  it('gives the seller dashboard response times of minutes to hours, a late answer, and volume over several days', async () => {
    const figures = await as(larkspur, 'GET', '/marketplace/messaging/seller/analytics/messaging');
    expect(figures.status).toBe(200);
    const month = figures.body.windows.find((w: any) => w.days === 30);
    expect(month.responses).toBeGreaterThanOrEqual(3);
    expect(month.medianResponseSeconds).toBeGreaterThanOrEqual(5 * 60);
    expect(month.medianResponseSeconds).toBeLessThanOrEqual(24 * 3600);
    expect(month.averageResponseSeconds).toBeGreaterThan(month.medianResponseSeconds);
    expect(month.lateResponseRate).toBeGreaterThan(0);
    expect(month.lateResponseRate).toBeLessThan(1);
    expect(month.responseRate24h).toBeGreaterThan(0);
    expect(month.responseRate24h).toBeLessThan(1);
    expect(month.messageVolume.length).toBeGreaterThan(1);
    expect(new Set(month.messageVolume.map((d: any) => d.day)).size).toBe(month.messageVolume.length);

    // Chloé's question has waited hours for its answer, not seconds.
    const conversations = (await as(larkspur, 'GET', '/conversations?limit=100')).body.conversations;
    const inquiry = conversations.find((c: any) => c.conversationType === 'product_inquiry');
    const analytics = (await as(larkspur, 'GET', `/marketplace/messaging/conversations/${inquiry.conversationId}/analytics`)).body;
    const conversation = (await as(larkspur, 'GET', `/conversations/${inquiry.conversationId}`)).body;
    expect(analytics.unansweredSince).toBe(conversation.lastMessageAt);
    const waiting = Date.parse(figures.body.generatedAt) - Date.parse(analytics.unansweredSince);
    expect(waiting).toBeGreaterThan(hour);
    expect(waiting).toBeLessThan(12 * hour);
    const messages = (await as(larkspur, 'GET', `/conversations/${inquiry.conversationId}/messages`)).body.messages;
    expect(messages).toHaveLength(1);
    expect(Date.parse(conversation.createdAt)).toBeLessThanOrEqual(Date.parse(messages[0].timestamp));
  });

  it('reminds only of unread messages, due a reminder delay after the first of them', async () => {
    const seconds = parley.config.marketplace.unreadReminderSeconds;
    expect(seconds).toBeGreaterThan(0);
    const { rows } = await sql<{ conversation_id: string; user_id: string; reminder_due_at: Date | null; first_unread: Date | null }>`
      SELECT p.conversation_id, p.user_id, p.reminder_due_at,
             (SELECT min(m.created_at) FROM messages m
               WHERE m.conversation_id = p.conversation_id AND m.seq > p.last_read_seq AND m.sender_id <> p.user_id
                 AND m.sender_id <> 'system' AND NOT m.is_automated) AS first_unread
        FROM conversation_participants p WHERE p.role IN ('buyer', 'seller')`.execute(parley.db);
    const pending = rows.filter((r) => r.reminder_due_at !== null);
    expect(pending.length).toBeGreaterThan(0);
    for (const r of rows) {
      if (r.first_unread === null) expect(r.reminder_due_at, `${r.user_id} in ${r.conversation_id}`).toBeNull();
      else expect(new Date(r.reminder_due_at!).getTime(), `${r.user_id} in ${r.conversation_id}`).toBe(new Date(r.first_unread).getTime() + seconds * 1000);
    }

    // Whoever answered has read what they answered: Northwind has nothing unread in Ben's order.
    const benOrder = await orderConversation('demo-order-1008');
    expect(rows.find((r) => r.conversation_id === benOrder && r.user_id === northwind)).toMatchObject({ first_unread: null, reminder_due_at: null });

    // Backdated unread messages are long due: their reminders go out at once, and only theirs.
    const due = await sql<{ n: number }>`SELECT count(*)::int AS n FROM conversation_participants WHERE reminder_due_at <= now()`.execute(parley.db);
    expect(due.rows[0]!.n).toBeGreaterThan(0);
    expect(await runJob(parley, 'unread-reminders')).toBe(due.rows[0]!.n);
    const sent = await sql<{ title: string }>`
      SELECT coalesce(content->'fields'->>'subject', content->'fields'->>'title') AS title FROM notification_logs
       WHERE user_id = ${ana} AND coalesce(content->'fields'->>'subject', content->'fields'->>'title') ILIKE '%unread message%'`.execute(parley.db);
    // Not for the conversations Ana read, nor for the dispute, where the moderator wrote only minutes ago.
    expect(sent.rows.map((r) => /demo-order-\d+/.exec(r.title)?.[0]).sort()).toEqual(['demo-order-1002', 'demo-order-1004']);
    const disputed = await orderConversation('demo-order-1003');
    const stillPending = await parley.db.selectFrom('conversation_participants').select('reminder_due_at').where('conversation_id', '=', disputed).where('user_id', '=', ana).executeTakeFirstOrThrow();
    expect(stillPending.reminder_due_at).not.toBeNull();
    expect(await runJob(parley, 'unread-reminders')).toBe(0);
  });

  it('adds nothing when seeded a second time', async () => {
    const before = await writtenRows(parley.db);
    const times = await storyTimes(parley.db);
    const again = await seedDemo(parley.app, parley.config, { db: parley.db });
    expect(await writtenRows(parley.db)).toEqual(before);
    expect(await storyTimes(parley.db)).toEqual(times);
    expect(again.messagesBackdated).toBe(0);
    expect(again.notes).toEqual([]);
    expect(again.added).toBe(0);
    expect(again.alreadyThere).toBe(first.added);
    expect(first.added).toBeGreaterThan(0);
    expect(first.alreadyThere).toBe(0);
  });
});

describe('demo mode off', () => {
  let parley: TestParley;
  beforeAll(async () => {
    parley = await startParley(backends[0]!, { env: quietJobs });
  });
  afterAll(async () => parley?.close());

  it('has no demo endpoints (404), with or without credentials', async () => {
    expectRefusal(await anonymous(parley.url, 'GET', '/demo/users'), 404, 'route_not_found');
    expectRefusal(await anonymous(parley.url, 'POST', '/demo/session', { userId: ana }), 404, 'route_not_found');
    expectRefusal(await parley.request('GET', '/demo/users'), 404, 'route_not_found');
    expectRefusal(await parley.request('POST', '/demo/session', { body: { userId: ana } }), 404, 'route_not_found');
  });
});

describe('starting Parley in demo mode', () => {
  it('seeds before it listens, and says where to go', { timeout: 200_000 }, async () => {
    // Ready only once seeded: the first start of a fresh data directory does all of it.
    const node = await startParleyProcess({ PARLEY_DEMO: '1', LOG_LEVEL: 'info' }, { readyTimeoutMs: 180_000 });
    try {
      const users = await anonymous(node.url, 'GET', '/demo/users');
      expect(users.status).toBe(200);
      const { token } = (await anonymous(node.url, 'POST', '/demo/session', { userId: ana })).body;
      const mine = await httpRequest(node.url, 'GET', '/marketplace/messaging/conversations/my-orders?limit=100', { headers: { authorization: `Bearer ${token}` } });
      expect(mine.body.conversations.length).toBeGreaterThanOrEqual(7);
      expect(node.output()).toMatch(/demo: seeded/);
      expect(node.output()).toMatch(/demo: open http:\/\/localhost:\d+\/app\/ and pick who to be/);
    } finally {
      await node.stop();
    }
  });

  it('stops with exit code 78 and the reason when demo mode meets DATABASE_URL', async () => {
    const start = startParleyProcess({ ...testCredentials, PARLEY_DEMO: '1', DATABASE_URL: 'postgres://127.0.0.1:1/shop' });
    await expect(start).rejects.toThrow(/exited before it was ready \(78\)[\s\S]*PARLEY_DEMO_FORCE=1/);
  });
});
