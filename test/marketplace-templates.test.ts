import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserRole } from '../src/auth/principal.ts';
import { backends, realServices } from './support/backends.ts';
import { quietJobs as quietRounds, runJob } from './support/marketplace.ts';
import { eventually, expectRefusal, freshDatabase, type RequestOptions, sendMessage, startParley, type TestParley } from './support/parley.ts';

const base = '/marketplace/messaging';
/** Scheduled job rounds never come during a test: each test runs the usage job itself. */
const quietJobs = { ...quietRounds, PARLEY_SEND_RATE_LIMIT: '100000' };

let counter = 0;
const user = (name: string) => `${name}-${++counter}-${randomUUID().slice(0, 8)}`;
const as = (userId: string, role: UserRole = 'seller'): RequestOptions => ({ as: userId, role });

/** Every stored template and quick reply, to show that a refused request changed nothing. */
async function storedReplies(parley: TestParley) {
  const templates = await parley.db.selectFrom('message_templates').selectAll().orderBy('id').execute();
  const quickReplies = await parley.db.selectFrom('quick_replies').selectAll().orderBy('id').execute();
  return { templates, quickReplies };
}

/** Runs a request that must be refused with `status` and `code`, and checks that no template or quick reply changed. */
async function expectRefusedReplies(parley: TestParley, status: number, code: string, call: () => Promise<{ status: number; body: any; headers: Headers }>) {
  const before = await storedReplies(parley);
  const reply = await call();
  expectRefusal(reply, status, code);
  expect(await storedReplies(parley)).toEqual(before);
  return reply;
}

/** An order conversation between a buyer and a seller, opened by the marketplace (operator). */
async function openOrderConversation(parley: TestParley, buyer: string, seller: string, contextMetadata: Record<string, unknown> = {}) {
  const orderId = `order-${randomUUID().slice(0, 8)}`;
  const reply = await parley.request('POST', '/conversations', {
    body: {
      conversationType: 'order',
      orderId,
      contextMetadata,
      participants: [
        { userId: buyer, role: 'buyer' },
        { userId: seller, role: 'seller' },
      ],
    },
  });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return { conversationId: reply.body.conversationId as string, orderId };
}

/** Parley's record of a shipped order, as order events would have left it. */
async function recordShippedOrder(parley: TestParley, o: { orderId: string; conversationId: string; buyer: string; seller: string }) {
  await parley.db
    .insertInto('marketplace_orders')
    .values({
      order_id: o.orderId,
      buyer_id: o.buyer,
      seller_id: o.seller,
      status: 'shipped',
      conversation_id: o.conversationId,
      currency: 'EUR',
      total: '59.90',
      items: JSON.stringify([{ productId: 'prod-7', listingId: 'list-7', title: 'Blue teapot', quantity: 1, unitPrice: 59.9 }]),
      carrier: 'DHL',
      tracking_number: 'JD014600006281',
      tracking_url: 'https://track.example/JD014600006281',
      placed_at: new Date(),
    })
    .execute();
}

describe.each(backends)('seller templates and quick replies on $name', (backend) => {
  let parley: TestParley;

  const createTemplate = (seller: string, body: Record<string, unknown>) => parley.request('POST', `${base}/templates`, { ...as(seller), body });
  const createQuickReply = (seller: string, body: Record<string, unknown>) => parley.request('POST', `${base}/quick-replies`, { ...as(seller), body });
  const templatesOf = async (seller: string, query = '') => {
    const reply = await parley.request('GET', `${base}/templates${query}`, as(seller));
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    return reply.body.templates as any[];
  };
  const quickRepliesOf = async (seller: string) => {
    const reply = await parley.request('GET', `${base}/quick-replies`, as(seller));
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    return reply.body.quickReplies as any[];
  };
  const suggest = (conversationId: string, options: RequestOptions) => parley.request('GET', `${base}/quick-replies/suggest?conversationId=${conversationId}`, options);

  beforeAll(async () => {
    parley = await startParley(backend, { env: { ...quietJobs, PARLEY_SELLER_TEMPLATE_RATE_LIMIT: '1000' } });
  });
  afterAll(async () => {
    await parley?.close();
  });

  describe('templates', () => {
    it('creates, lists by name, replaces and deletes a seller’s own templates', async () => {
      const seller = user('seller');
      const created = await createTemplate(seller, { name: 'Shipped', content: 'Hi {{buyer_name}}, it left with {{ carrier }}.', category: 'shipping', shortcut: 'ctrl + shift + s' });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      expect(created.body).toMatchObject({
        sellerId: seller,
        name: 'Shipped',
        category: 'shipping',
        shortcut: 'Ctrl+Shift+S',
        variables: ['buyer_name', 'carrier'],
        usageCount: 0,
        lastUsedAt: null,
      });
      expect((await createTemplate(seller, { name: 'apology', content: 'Sorry for the wait.' })).status).toBe(201);
      expect((await createTemplate(seller, { name: 'Delay', content: 'It is late, sorry.', category: 'delay' })).status).toBe(201);
      expect((await templatesOf(seller)).map((t) => t.name)).toEqual(['apology', 'Delay', 'Shipped']);

      const id = created.body.templateId;
      const replaced = await parley.request('PUT', `${base}/templates/${id}`, { ...as(seller), body: { name: 'Sent', content: 'Your order {{order_id}} is on its way.' } });
      expect(replaced.status, JSON.stringify(replaced.body)).toBe(200);
      expect(replaced.body).toMatchObject({ templateId: id, name: 'Sent', category: null, shortcut: null, variables: ['order_id'] });
      expect(new Date(replaced.body.updatedAt).getTime()).toBeGreaterThanOrEqual(new Date(created.body.updatedAt).getTime());

      expect((await parley.request('DELETE', `${base}/templates/${id}`, as(seller))).status).toBe(204);
      expect((await templatesOf(seller)).map((t) => t.name)).toEqual(['apology', 'Delay']);
      expectRefusal(await parley.request('DELETE', `${base}/templates/${id}`, as(seller)), 404, 'template_not_found');
    });

    it('lets an operator manage a seller’s templates by naming the seller', async () => {
      const seller = user('seller');
      await expectRefusedReplies(parley, 400, 'seller_id_required', () => parley.request('POST', `${base}/templates`, { body: { name: 'Hi', content: 'Hello!' } }));
      const created = await parley.request('POST', `${base}/templates`, { body: { sellerId: seller, name: 'Hi', content: 'Hello!' } });
      expect(created.status).toBe(201);
      expect(created.body.sellerId).toBe(seller);
      const listed = await parley.request('GET', `${base}/templates?sellerId=${seller}`);
      expect(listed.body.templates.map((t: any) => t.templateId)).toEqual([created.body.templateId]);
      expect(await templatesOf(seller)).toHaveLength(1);
      expect((await parley.request('DELETE', `${base}/templates/${created.body.templateId}`)).status).toBe(204);
    });

    it('fills variables from the order, the contacts and the conversation’s metadata', async () => {
      const [buyer, seller] = [user('buyer'), user('seller')];
      const { conversationId, orderId } = await openOrderConversation(parley, buyer, seller, { productTitle: 'Old title', orderTotal: 10, currency: 'eur', sellerName: 'Teapot Shop' });
      await recordShippedOrder(parley, { orderId, conversationId, buyer, seller });
      await parley.db.insertInto('user_contacts').values({ user_id: buyer, name: 'Ana' }).execute();
      const content =
        'Hi {{buyer_name}}, order {{order_id}} ({{product_title}}, {{order_total}}, {{product_id}}/{{listing_id}}) is {{order_status}}: ' +
        '{{carrier}} {{tracking_number}} {{tracking_url}}. {{seller_name}}';
      expect((await createTemplate(seller, { name: 'Everything', content })).status).toBe(201);

      const [filled] = await templatesOf(seller, `?conversationId=${conversationId}`);
      expect(filled.content).toBe(content);
      expect(filled.rendered).toEqual({
        content:
          `Hi Ana, order ${orderId} (Blue teapot, 59.90 EUR, prod-7/list-7) is shipped: ` +
          'DHL JD014600006281 https://track.example/JD014600006281. Teapot Shop',
        missingVariables: [],
      });

      // Without an order record: the metadata's values, and what is unknown stays as written.
      const other = await openOrderConversation(parley, user('buyer'), seller, { productTitle: 'Green cup', orderTotal: 10, currency: 'EUR' });
      const [partial] = await parley.request('GET', `${base}/templates?conversationId=${other.conversationId}`).then((r) => r.body.templates);
      expect(partial.rendered.content).toBe(
        `Hi {{buyer_name}}, order ${other.orderId} (Green cup, 10.00 EUR, {{product_id}}/{{listing_id}}) is {{order_status}}: ` +
          '{{carrier}} {{tracking_number}} {{tracking_url}}. {{seller_name}}',
      );
      expect(partial.rendered.missingVariables).toEqual(['buyer_name', 'product_id', 'listing_id', 'order_status', 'carrier', 'tracking_number', 'tracking_url', 'seller_name']);
    });

    it('refuses unknown variables, unbalanced braces and bad shortcuts, and writes nothing', async () => {
      const seller = user('seller');
      const unknown = await expectRefusedReplies(parley, 400, 'unknown_variable', () => createTemplate(seller, { name: 'X', content: 'Parcel {{ parcel_no }} left.' }));
      expect(unknown.body.error.message).toContain('{{parcel_no}}');
      expect(unknown.body.error.message).toContain('{{tracking_number}}');
      await expectRefusedReplies(parley, 400, 'malformed_variable', () => createTemplate(seller, { name: 'X', content: 'Hi {{buyer_name, thanks' }));
      const shortcut = await expectRefusedReplies(parley, 400, 'invalid_shortcut', () => createTemplate(seller, { name: 'X', content: 'Hi', shortcut: 'Shift+T' }));
      expect(shortcut.body.error.message).toContain('Ctrl, Alt or Meta');
      await expectRefusedReplies(parley, 400, 'name_required', () => createTemplate(seller, { name: '   ', content: 'Hi' }));
      await expectRefusedReplies(parley, 400, 'invalid_value', () => createTemplate(seller, { name: 'X', content: 'Hi', category: 'spam' }));
      expect(await templatesOf(seller)).toEqual([]);
    });

    it('keeps each shortcut to one template of a seller', async () => {
      const [seller, otherSeller] = [user('seller'), user('seller')];
      const first = await createTemplate(seller, { name: 'One', content: 'First', shortcut: 'ctrl+1' });
      expect(first.status).toBe(201);
      const taken = await expectRefusedReplies(parley, 409, 'shortcut_taken', () => createTemplate(seller, { name: 'Two', content: 'Second', shortcut: 'Ctrl + 1' }));
      expect(taken.body.error.message).toContain('"One"');
      expect(taken.body.error.details).toEqual({ shortcut: 'Ctrl+1', templateId: first.body.templateId });

      const second = await createTemplate(seller, { name: 'Two', content: 'Second', shortcut: 'Ctrl+2' });
      await expectRefusedReplies(parley, 409, 'shortcut_taken', () =>
        parley.request('PUT', `${base}/templates/${second.body.templateId}`, { ...as(seller), body: { name: 'Two', content: 'Second', shortcut: 'CTRL+1' } }),
      );
      // Another seller may use the same keys.
      expect((await createTemplate(otherSeller, { name: 'One', content: 'Mine', shortcut: 'Ctrl+1' })).status).toBe(201);
    });

    it('refuses a seller’s 201st template', async () => {
      const seller = user('seller');
      await parley.db
        .insertInto('message_templates')
        .values(Array.from({ length: 200 }, (_, i) => ({ id: randomUUID(), seller_id: seller, name: `t${i}`, content: 'x' })))
        .execute();
      await expectRefusedReplies(parley, 409, 'too_many_templates', () => createTemplate(seller, { name: 'One more', content: 'x' }));
    });
  });

  describe('quick replies', () => {
    it('creates with tidied triggers, lists and deletes a seller’s own quick replies', async () => {
      const seller = user('seller');
      const created = await createQuickReply(seller, { content: 'Here is your tracking link.', triggers: [' Tracking ', 'tracking', 'where  is my package'], category: 'shipping' });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      expect(created.body).toMatchObject({ sellerId: seller, triggers: ['Tracking', 'where is my package'], category: 'shipping', usageCount: 0, lastUsedAt: null });
      expect((await quickRepliesOf(seller)).map((q) => q.quickReplyId)).toEqual([created.body.quickReplyId]);
      expect((await parley.request('DELETE', `${base}/quick-replies/${created.body.quickReplyId}`, as(seller))).status).toBe(204);
      expect(await quickRepliesOf(seller)).toEqual([]);
    });

    it('refuses blank content, triggers without words and too many triggers', async () => {
      const seller = user('seller');
      await expectRefusedReplies(parley, 400, 'content_required', () => createQuickReply(seller, { content: '  ' }));
      const trigger = await expectRefusedReplies(parley, 400, 'invalid_trigger', () => createQuickReply(seller, { content: 'Hi', triggers: ['?!'] }));
      expect(trigger.body.error.details).toEqual({ trigger: '?!' });
      await expectRefusedReplies(parley, 400, 'invalid_request', () => createQuickReply(seller, { content: 'Hi', triggers: Array.from({ length: 21 }, (_, i) => `w${i}`) }));
    });

    it('refuses a seller’s 501st quick reply', async () => {
      const seller = user('seller');
      await parley.db
        .insertInto('quick_replies')
        .values(Array.from({ length: 500 }, () => ({ id: randomUUID(), seller_id: seller, content: 'x' })))
        .execute();
      await expectRefusedReplies(parley, 409, 'too_many_quick_replies', () => createQuickReply(seller, { content: 'One more' }));
    });
  });

  describe('who may do what', () => {
    it('keeps buyers and moderators out, and sellers to their own', async () => {
      const [buyer, seller] = [user('buyer'), user('seller')];
      await expectRefusedReplies(parley, 403, 'sellers_only', () => parley.request('POST', `${base}/templates`, { ...as(buyer, 'buyer'), body: { name: 'X', content: 'Hi' } }));
      await expectRefusedReplies(parley, 403, 'sellers_only', () => parley.request('POST', `${base}/quick-replies`, { ...as(buyer, 'buyer'), body: { content: 'Hi' } }));
      expectRefusal(await parley.request('GET', `${base}/templates`, as(user('mod'), 'moderator')), 403, 'sellers_only');
      await expectRefusedReplies(parley, 403, 'own_replies_only', () => createTemplate(seller, { sellerId: user('seller'), name: 'X', content: 'Hi' }));
    });

    it('shows another seller 404 for every template and quick reply id, as for ids that do not exist', async () => {
      const [buyer, owner, stranger] = [user('buyer'), user('seller'), user('seller')];
      const { conversationId } = await openOrderConversation(parley, buyer, owner);
      await sendMessage(parley, conversationId, 'Is it shipped?', as(buyer, 'buyer'));
      const template = (await createTemplate(owner, { name: 'Mine', content: 'Hi {{buyer_name}}' })).body.templateId;
      const quickReply = (await createQuickReply(owner, { content: 'Mine', triggers: ['shipped'] })).body.quickReplyId;
      const body = { name: 'Taken over', content: 'Hi' };

      for (const id of [template, randomUUID()]) {
        await expectRefusedReplies(parley, 404, 'template_not_found', () => parley.request('PUT', `${base}/templates/${id}`, { ...as(stranger), body }));
        await expectRefusedReplies(parley, 404, 'template_not_found', () => parley.request('DELETE', `${base}/templates/${id}`, as(stranger)));
      }
      for (const id of [quickReply, randomUUID()]) {
        await expectRefusedReplies(parley, 404, 'quick_reply_not_found', () => parley.request('DELETE', `${base}/quick-replies/${id}`, as(stranger)));
      }
      expectRefusal(await suggest(conversationId, as(stranger)), 404, 'conversation_not_found');
      expectRefusal(await parley.request('GET', `${base}/templates?conversationId=${conversationId}`, as(stranger)), 404, 'conversation_not_found');
      expect(await templatesOf(stranger)).toEqual([]);
      expect(await quickRepliesOf(stranger)).toEqual([]);
      // The buyer sees the conversation but is not its seller.
      expectRefusal(await suggest(conversationId, as(buyer, 'buyer')), 403, 'not_conversation_seller');
    });
  });

  describe('usage', () => {
    it('counts the owner’s sends once the usage job ran, and ignores anyone else’s', async () => {
      const [buyer, seller] = [user('buyer'), user('seller')];
      const { conversationId } = await openOrderConversation(parley, buyer, seller);
      const templateId = (await createTemplate(seller, { name: 'Thanks', content: 'Thank you!' })).body.templateId;
      const quickReplyId = (await createQuickReply(seller, { content: 'On its way.' })).body.quickReplyId;

      for (const metadata of [{ templateId }, { templateId }, { quickReplyId }]) {
        expect((await sendMessage(parley, conversationId, { content: 'Thank you!', metadata }, as(seller))).status).toBe(201);
      }
      expect((await sendMessage(parley, conversationId, { content: 'Copying you', metadata: { templateId, quickReplyId } }, as(buyer, 'buyer'))).status).toBe(201);
      expect((await templatesOf(seller))[0].usageCount).toBe(0);

      await runJob(parley, 'template-usage');
      const [template] = await templatesOf(seller);
      expect(template.usageCount).toBe(2);
      expect(template.lastUsedAt).not.toBeNull();
      const [quickReply] = await quickRepliesOf(seller);
      expect(quickReply.usageCount).toBe(1);

      await runJob(parley, 'template-usage');
      expect((await templatesOf(seller))[0].usageCount).toBe(2);
    });
  });

  describe('suggestions', () => {
    it('ranks the quick reply whose trigger is in the buyer’s latest message first, with templates filled', async () => {
      const [buyer, seller] = [user('buyer'), user('seller')];
      const { conversationId, orderId } = await openOrderConversation(parley, buyer, seller);
      await recordShippedOrder(parley, { orderId, conversationId, buyer, seller });
      const tracking = (await createQuickReply(seller, { content: 'You can follow it with the link in your order page.', triggers: ['tracking'] })).body.quickReplyId;
      await createQuickReply(seller, { content: 'Refunds take 3 to 5 business days.', triggers: ['refund'] });
      const shipped = (await createTemplate(seller, { name: 'Shipped', content: 'Your package left with {{carrier}}, number {{tracking_number}}.', shortcut: 'Alt+S' })).body.templateId;

      const empty = await suggest(conversationId, as(seller));
      expect(empty.body).toEqual({ basedOn: null, suggestions: [] });

      const asked = (await sendMessage(parley, conversationId, 'Where is my package? Do you have a tracking number?', as(buyer, 'buyer'))).body;
      await sendMessage(parley, conversationId, 'Let me check.', as(seller));
      const reply = await suggest(conversationId, as(seller));
      expect(reply.status, JSON.stringify(reply.body)).toBe(200);
      expect(reply.body.basedOn).toEqual({ messageId: asked.messageId, seq: asked.seq });
      const [first, second, ...rest] = reply.body.suggestions;
      expect(first).toMatchObject({ kind: 'quick_reply', id: tracking });
      expect(first.reasons).toContain('trigger:tracking');
      expect(second).toMatchObject({ kind: 'template', id: shipped, shortcut: 'Alt+S', content: 'Your package left with DHL, number JD014600006281.', reasons: ['similar'] });
      expect(first.score).toBeGreaterThan(second.score);
      expect(rest).toEqual([]);

      // An operator gets what the seller gets.
      expect((await suggest(conversationId, {})).body).toEqual(reply.body);
    });

    it('never suggests a template this conversation cannot fill; the template list shows it with the missing fields', async () => {
      const [buyer, seller] = [user('buyer'), user('seller')];
      const { conversationId } = await openOrderConversation(parley, buyer, seller);
      const shipped = (await createTemplate(seller, { name: 'Shipped', content: 'Your package left with {{carrier}}, number {{tracking_number}}.' })).body.templateId;
      const thanks = (await createTemplate(seller, { name: 'Thanks', content: 'Thanks for your order {{order_id}}! Your package number will follow.' })).body.templateId;
      await sendMessage(parley, conversationId, 'What is my package number?', as(buyer, 'buyer'));
      const suggested = (await suggest(conversationId, as(seller))).body.suggestions as any[];
      expect(suggested.map((s) => s.id)).toEqual([thanks]);
      expect(suggested[0].content).not.toContain('{{');
      const listed = await parley.request('GET', `${base}/templates?conversationId=${conversationId}`, as(seller));
      expect(listed.body.templates.find((t: any) => t.templateId === shipped).rendered).toEqual({
        content: 'Your package left with {{carrier}}, number {{tracking_number}}.',
        missingVariables: ['carrier', 'tracking_number'],
      });
    });

    it('answers anew once the seller changes their quick replies', async () => {
      const [buyer, seller] = [user('buyer'), user('seller')];
      const { conversationId } = await openOrderConversation(parley, buyer, seller);
      await createQuickReply(seller, { content: 'Returns are free for 30 days.', triggers: ['return'] });
      await sendMessage(parley, conversationId, 'Can I return it? And is there a discount code?', as(buyer, 'buyer'));
      const before = (await suggest(conversationId, as(seller))).body.suggestions.map((s: any) => s.content);
      expect(before).toEqual(['Returns are free for 30 days.']);

      const added = (await createQuickReply(seller, { content: 'Use SPRING10 for 10% off.', triggers: ['discount code'] })).body;
      const after = (await suggest(conversationId, as(seller))).body.suggestions.map((s: any) => s.content);
      expect(after).toContain('Use SPRING10 for 10% off.');

      await parley.request('DELETE', `${base}/quick-replies/${added.quickReplyId}`, as(seller));
      expect((await suggest(conversationId, as(seller))).body.suggestions.map((s: any) => s.content)).toEqual(before);
    });
  });

  describe('rate limit', () => {
    let limited: TestParley;
    beforeAll(async () => {
      limited = await startParley(backend, { env: { ...quietJobs, PARLEY_SELLER_TEMPLATE_RATE_LIMIT: '2' } });
    });
    afterAll(async () => {
      await limited?.close();
    });

    it('refuses a seller’s changes beyond the limit with 429 and Retry-After, and writes nothing', async () => {
      const seller = user('seller');
      const create = (name: string) => limited.request('POST', `${base}/templates`, { ...as(seller), body: { name, content: 'Hi' } });
      expect((await create('one')).status).toBe(201);
      expect((await limited.request('POST', `${base}/quick-replies`, { ...as(seller), body: { content: 'Hi' } })).status).toBe(201);
      const refused = await expectRefusedReplies(limited, 429, 'rate_limited', () => create('three'));
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      // The marketplace itself is not limited.
      expect((await limited.request('POST', `${base}/templates`, { body: { sellerId: seller, name: 'four', content: 'Hi' } })).status).toBe(201);
    });
  });

  it('writes the uses counted on a node when it closes', async () => {
    const database = await freshDatabase(backend);
    const node = await startParley(backend, { database, env: { ...quietJobs, PARLEY_ROLES: 'api' } });
    try {
      const [buyer, seller] = [user('buyer'), user('seller')];
      const { conversationId } = await openOrderConversation(node, buyer, seller);
      const templateId = (await node.request('POST', `${base}/templates`, { ...as(seller), body: { name: 'Hi', content: 'Hi' } })).body.templateId;
      expect((await sendMessage(node, conversationId, { content: 'Hi', metadata: { templateId } }, as(seller))).status).toBe(201);
    } finally {
      await node.close();
    }
    try {
      const rows = await database.handle.db.selectFrom('message_templates').select('usage_count').execute();
      expect(rows.map((r) => r.usage_count)).toEqual([1]);
    } finally {
      await database.handle.close();
      await database.drop();
    }
  });
});

/** Two nodes on one PostgreSQL and Redis: a change on one drops the suggestions the other cached. */
describe.runIf(realServices)('suggestions cached on another node', () => {
  it('are dropped when the seller changes their quick replies on this node', async () => {
    const backend = realServices!;
    const database = await freshDatabase(backend);
    const env = { ...quietJobs };
    const a = await startParley(backend, { database, env });
    const b = await startParley(backend, { database, env });
    try {
      const [buyer, seller] = [user('buyer'), user('seller')];
      const { conversationId } = await openOrderConversation(a, buyer, seller);
      await sendMessage(a, conversationId, 'Do you have a discount code?', as(buyer, 'buyer'));
      const suggested = async () => (await a.request('GET', `${base}/quick-replies/suggest?conversationId=${conversationId}`, as(seller))).body.suggestions as any[];
      expect(await suggested()).toEqual([]);
      const added = await b.request('POST', `${base}/quick-replies`, { ...as(seller), body: { content: 'Use SPRING10.', triggers: ['discount code'] } });
      expect(added.status).toBe(201);
      await eventually(async () => (await suggested()).some((s) => s.id === added.body.quickReplyId), 'node A to drop its cached suggestions');
    } finally {
      await a.close();
      await b.close();
      await database.handle.close();
      await database.drop();
    }
  });
});
