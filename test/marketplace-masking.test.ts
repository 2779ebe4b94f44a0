import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from './support/backends.ts';
import { notificationRows, placeOrder, quietJobs, runJob } from './support/marketplace.ts';
import { closeSocket, expectRefusal, sendMessage, startParley, type TestParley } from './support/parley.ts';

const uid = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;
const leaky = 'Call me on +1 415 555 2671 or mail ana@example.com, cheaper at www.cheap-mugs.com or https://shop.example/mug-1';
const masked = 'Call me on [phone number hidden] or mail [email hidden], cheaper at [link hidden] or https://shop.example/mug-1';

describe.each(backends)('contact masking on $name', (backend) => {
  let parley: TestParley;

  beforeAll(async () => {
    parley = await startParley(backend, { env: { ...quietJobs, PARLEY_MASKING_LINK_ALLOWLIST: 'shop.example' } });
  });
  afterAll(async () => parley?.close());

  async function order() {
    const buyer = uid('buyer');
    const seller = uid('seller');
    const { conversationId } = await placeOrder(parley, { buyer: { userId: buyer }, seller: { userId: seller } });
    return { buyer, seller, conversationId };
  }

  it('hides contact details from the recipient, live and in history, while the sender sees their own text', async () => {
    const { buyer, seller, conversationId } = await order();
    const sellerSocket = await parley.connect(seller, 'seller');
    const buyerSocket = await parley.connect(buyer);
    const sent = await sendMessage(parley, conversationId, leaky, { as: buyer });
    expect(sent.body).toMatchObject({ content: leaky, masked: false });

    const live = await sellerSocket.next((e) => e.type === 'message.created' && e.message.messageId === sent.body.messageId);
    expect(live.message).toMatchObject({ content: masked, masked: true });
    const own = await buyerSocket.next((e) => e.type === 'message.created' && e.message.messageId === sent.body.messageId);
    expect(own.message.content).toBe(leaky);

    const history = async (as: Record<string, unknown>) =>
      (await parley.request('GET', `/conversations/${conversationId}/messages`, as)).body.messages.find((m: any) => m.messageId === sent.body.messageId);
    expect(await history({ as: seller, role: 'seller' })).toMatchObject({ content: masked, masked: true });
    expect(await history({ as: buyer })).toMatchObject({ content: leaky, masked: false });
    // Operators, and moderators by default, see what was written.
    expect((await history({})).content).toBe(leaky);
    await parley.request('POST', `/conversations/${conversationId}/participants`, { body: { userId: 'mod-1', role: 'moderator' } });
    expect((await history({ as: 'mod-1', role: 'moderator' })).content).toBe(leaky);

    // A socket that resumes gets the masked copy too.
    await closeSocket(sellerSocket);
    const again = await parley.connect(seller, 'seller');
    again.send({ type: 'resume', cursors: { [conversationId]: 0 } });
    const replayed = await again.next((e) => e.type === 'message.created' && e.message.messageId === sent.body.messageId);
    expect(replayed.message.content).toBe(masked);
    await Promise.all([again, buyerSocket].map(closeSocket));
  });

  it("lists each conversation with its latest message as the caller sees it: masked for the recipient", async () => {
    const { buyer, seller, conversationId } = await order();
    const other = await order();
    await sendMessage(parley, conversationId, 'Hello there', { as: seller, role: 'seller' });
    const sent = await sendMessage(parley, conversationId, leaky, { as: buyer });
    const latest = async (as: Record<string, unknown>, id: string) =>
      (await parley.request('GET', '/conversations?limit=100', as)).body.conversations.find((c: any) => c.conversationId === id)?.lastMessage;
    expect(await latest({ as: seller, role: 'seller' }, conversationId)).toMatchObject({ messageId: sent.body.messageId, seq: sent.body.seq, content: masked, masked: true });
    expect(await latest({ as: buyer }, conversationId)).toMatchObject({ messageId: sent.body.messageId, content: leaky, masked: false });
    expect((await latest({}, conversationId)).content).toBe(leaky);
    // A new order's conversation holds only the platform's order notice.
    expect(await latest({ as: other.buyer }, other.conversationId)).toMatchObject({ isSystem: true, messageType: 'order_status', seq: 1 });
  });

  it('masks an edit as well, and platform messages never', async () => {
    const { buyer, seller, conversationId } = await order();
    const sent = await sendMessage(parley, conversationId, 'See you soon', { as: seller, role: 'seller' });
    const edited = await parley.request('PATCH', `/conversations/${conversationId}/messages/${sent.body.messageId}`, { as: seller, role: 'seller', body: { content: 'Text me: 415 555 2671' } });
    expect(edited.body.content).toBe('Text me: 415 555 2671');
    const seen = (await parley.request('GET', `/conversations/${conversationId}/messages`, { as: buyer })).body.messages;
    expect(seen.find((m: any) => m.messageId === sent.body.messageId).content).toBe('Text me: [phone number hidden]');
    const platform = await sendMessage(parley, conversationId, { content: 'Support line: +1 415 555 0100' });
    const shown = (await parley.request('GET', `/conversations/${conversationId}/messages`, { as: buyer })).body.messages.find((m: any) => m.messageId === platform.body.messageId);
    expect(shown.content).toBe('Support line: +1 415 555 0100');
  });

  it('does not let a search confirm a hidden detail', async () => {
    const { buyer, seller, conversationId } = await order();
    await sendMessage(parley, conversationId, 'my number is 4155552671 for the pelican order', { as: buyer });
    const search = async (q: string, as: Record<string, unknown>) =>
      (await parley.request('GET', `/messages/search?q=${encodeURIComponent(q)}&conversationId=${conversationId}`, as)).body.messages.map((m: any) => m.content);
    expect(await search('4155552671', { as: seller, role: 'seller' })).toEqual([]);
    expect(await search('pelican', { as: seller, role: 'seller' })).toEqual(['my number is [phone number hidden] for the pelican order']);
    expect(await search('4155552671', { as: buyer })).toHaveLength(1);
  });

  it('counts maskings per conversation and sender for moderators', async () => {
    const { buyer, seller, conversationId } = await order();
    await sendMessage(parley, conversationId, leaky, { as: buyer });
    await sendMessage(parley, conversationId, 'ok, +44 20 7946 0958', { as: buyer });
    await sendMessage(parley, conversationId, 'no contact details here', { as: seller, role: 'seller' });
    const reply = await parley.request('GET', '/marketplace/messaging/moderation/masking?days=1&limit=200', { as: 'mod-9', role: 'moderator' });
    expect(reply.status).toBe(200);
    const mine = reply.body.senders.filter((s: any) => s.conversationId === conversationId);
    expect(mine).toEqual([{ conversationId, senderId: buyer, messages: 2, masked: { phone: 2, email: 1, link: 1 }, lastAt: expect.any(String) }]);
    expectRefusal(await parley.request('GET', '/marketplace/messaging/moderation/masking', { as: buyer }), 403, 'moderators_only');
    expectRefusal(await parley.request('GET', '/marketplace/messaging/moderation/masking', { as: seller, role: 'seller' }), 403, 'moderators_only');
  });
});

describe.each(backends)('masking settings on $name', (backend) => {
  it('masks nothing with PARLEY_MASKING_ROLES=none, and masks for moderators when asked', async () => {
    for (const [roles, sellerSees, moderatorSees] of [
      ['none', leaky, leaky],
      ['buyer,seller,moderator', masked.replace('https://shop.example/mug-1', '[link hidden]'), masked.replace('https://shop.example/mug-1', '[link hidden]')],
    ] as const) {
      const parley = await startParley(backend, { env: { ...quietJobs, PARLEY_MASKING_ROLES: roles } });
      try {
        const { conversationId } = await placeOrder(parley, { buyer: { userId: 'b-1' }, seller: { userId: 's-1' } });
        await parley.request('POST', `/conversations/${conversationId}/participants`, { body: { userId: 'mod-1', role: 'moderator' } });
        await sendMessage(parley, conversationId, leaky, { as: 'b-1' });
        const contentFor = async (as: Record<string, unknown>) => (await parley.request('GET', `/conversations/${conversationId}/messages`, as)).body.messages.at(-1).content;
        expect(await contentFor({ as: 's-1', role: 'seller' })).toBe(sellerSees);
        expect(await contentFor({ as: 'mod-1', role: 'moderator' })).toBe(moderatorSees);
      } finally {
        await parley.close();
      }
    }
  });
});

describe.each(backends)('unread reminders on $name', (backend) => {
  let parley: TestParley;

  beforeAll(async () => {
    parley = await startParley(backend, { env: { ...quietJobs, PARLEY_UNREAD_REMINDER_SECONDS: '600' } });
  });
  afterAll(async () => parley?.close());

  const dueNow = (conversationId: string, userId: string) =>
    parley.db.updateTable('conversation_participants').set({ reminder_due_at: new Date(Date.now() - 1000) }).where('conversation_id', '=', conversationId).where('user_id', '=', userId).execute();
  const reminders = async (userId: string) =>
    parley.db.selectFrom('notification_logs').select(['request_id', 'channel', 'content', 'recipient']).where('user_id', '=', userId).where(sql<boolean>`coalesce(content->'fields'->>'subject', content->'fields'->>'title') ILIKE '%unread message%'`).execute();

  async function order(buyerEmail?: string) {
    const buyer = uid('buyer');
    const seller = uid('seller');
    const { conversationId } = await placeOrder(parley, { buyer: { userId: buyer, name: 'Ana', ...(buyerEmail ? { email: buyerEmail } : {}) }, seller: { userId: seller, name: 'Mugs & Co' } });
    return { buyer, seller, conversationId };
  }

  it('sends one email summarising every unread message, masked as the recipient sees them, once', async () => {
    const { buyer, seller, conversationId } = await order('ana@example.com');
    for (const text of ['Your mug is ready', 'Do you want gift wrapping?', 'Or call me at +1 415 555 2671']) await sendMessage(parley, conversationId, text, { as: seller, role: 'seller' });
    const participant = await parley.db.selectFrom('conversation_participants').select(['reminder_due_at']).where('conversation_id', '=', conversationId).where('user_id', '=', buyer).executeTakeFirstOrThrow();
    expect(participant.reminder_due_at).not.toBeNull();
    expect(await runJob(parley, 'unread-reminders')).toBe(0); // not due yet

    await dueNow(conversationId, buyer);
    expect(await runJob(parley, 'unread-reminders')).toBe(1);
    const sent = await reminders(buyer);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ channel: 'email', recipient: expect.objectContaining({ email: 'ana@example.com' }) });
    const fields = (sent[0]!.content as any).fields;
    expect(fields.subject).toBe(`3 unread messages about order ${(await parley.db.selectFrom('conversations').select('order_id').where('id', '=', conversationId).executeTakeFirstOrThrow()).order_id}`);
    expect(fields.text).toBe('Mugs & Co: Your mug is ready\nMugs & Co: Do you want gift wrapping?\nMugs & Co: Or call me at [phone number hidden]');

    // More messages in the same unread streak do not remind again.
    await sendMessage(parley, conversationId, 'Hello?', { as: seller, role: 'seller' });
    const streak = await parley.db.selectFrom('conversation_participants').select(['reminder_due_at']).where('conversation_id', '=', conversationId).where('user_id', '=', buyer).executeTakeFirstOrThrow();
    expect(streak.reminder_due_at).toBeNull();
    expect(await runJob(parley, 'unread-reminders')).toBe(0);
    expect(await reminders(buyer)).toHaveLength(1);

    // Once read, a new message starts a new streak.
    await parley.request('POST', `/conversations/${conversationId}/read`, { as: buyer });
    await sendMessage(parley, conversationId, 'Shipped!', { as: seller, role: 'seller' });
    await dueNow(conversationId, buyer);
    expect(await runJob(parley, 'unread-reminders')).toBe(1);
    expect(await reminders(buyer)).toHaveLength(2);
  });

  it('is cancelled when the message is read in time', async () => {
    const { buyer, seller, conversationId } = await order('ana2@example.com');
    await sendMessage(parley, conversationId, 'Quick question', { as: seller, role: 'seller' });
    await parley.request('POST', `/conversations/${conversationId}/read`, { as: buyer });
    const row = await parley.db.selectFrom('conversation_participants').select(['reminder_due_at']).where('conversation_id', '=', conversationId).where('user_id', '=', buyer).executeTakeFirstOrThrow();
    expect(row.reminder_due_at).toBeNull();
    expect(await runJob(parley, 'unread-reminders')).toBe(0);
    expect(await reminders(buyer)).toHaveLength(0);
  });

  it('falls back to push without an email address, and system messages set no reminder', async () => {
    const { buyer, seller, conversationId } = await order();
    await sendMessage(parley, conversationId, { messageType: 'order_status', payload: { orderId: 'o', status: 'shipped' } });
    const afterSystem = await parley.db.selectFrom('conversation_participants').select(['reminder_due_at']).where('conversation_id', '=', conversationId).where('user_id', '=', buyer).executeTakeFirstOrThrow();
    expect(afterSystem.reminder_due_at).toBeNull();
    await sendMessage(parley, conversationId, 'Are you there?', { as: seller, role: 'seller' });
    await dueNow(conversationId, buyer);
    expect(await runJob(parley, 'unread-reminders')).toBe(1);
    const [reminder] = await reminders(buyer);
    expect(reminder!.channel).toBe('push');
    const rows = await notificationRows(parley, reminder!.request_id);
    expect(rows).toHaveLength(1);
  });
});
