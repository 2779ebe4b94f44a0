import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserRole } from '../src/auth/principal.ts';
import { backends } from './support/backends.ts';
import {
  closeSocket,
  downloadAttachment,
  expectRefused,
  expectSentence,
  nextAfter,
  orderConversation,
  pngBytes,
  type RequestOptions,
  roundTrip,
  sendMessage,
  startParley,
  type TestParley,
  uploadAttachment,
} from './support/parley.ts';

/** The ids a test can aim at. */
interface Ids {
  conversationId: string;
  buyerMessageId: string;
  sellerMessageId: string;
  attachmentId: string;
}

type Call = [method: string, path: string, body?: unknown];

/**
 * Everything a participant can do to a conversation, and the 404 code someone who cannot see
 * it gets instead.
 */
const hiddenCalls: [code: string, what: string, call: (ids: Ids) => Call][] = [
  ['conversation_not_found', 'reads the conversation', (c) => ['GET', `/conversations/${c.conversationId}`]],
  ['conversation_not_found', 'reads its messages', (c) => ['GET', `/conversations/${c.conversationId}/messages`]],
  ['conversation_not_found', 'posts a message', (c) => ['POST', `/conversations/${c.conversationId}/messages`, { content: 'let me in' }]],
  ['conversation_not_found', 'edits a message', (c) => ['PATCH', `/conversations/${c.conversationId}/messages/${c.buyerMessageId}`, { content: 'changed' }]],
  ['conversation_not_found', 'deletes a message', (c) => ['DELETE', `/conversations/${c.conversationId}/messages/${c.buyerMessageId}`]],
  ['conversation_not_found', 'marks it read', (c) => ['POST', `/conversations/${c.conversationId}/read`, {}]],
  ['conversation_not_found', 'archives it', (c) => ['POST', `/conversations/${c.conversationId}/archive`]],
  ['conversation_not_found', 'unarchives it', (c) => ['POST', `/conversations/${c.conversationId}/unarchive`]],
  ['conversation_not_found', 'searches inside it', (c) => ['GET', `/messages/search?q=pelican&conversationId=${c.conversationId}`]],
  ['attachment_not_found', 'downloads its attachment', (c) => ['GET', `/attachments/${c.attachmentId}`]],
  ['conversation_not_found', 'reads its order timeline', (c) => ['GET', `/marketplace/messaging/conversations/${c.conversationId}/order-timeline`]],
  ['conversation_not_found', 'escalates it to a dispute', (c) => ['POST', `/marketplace/messaging/conversations/${c.conversationId}/escalate`, { reason: 'let me in' }]],
  ['conversation_not_found', 'lists its disputes', (c) => ['GET', `/marketplace/messaging/conversations/${c.conversationId}/disputes`]],
  ['conversation_not_found', 'posts an automated notice', (c) => ['POST', `/marketplace/messaging/conversations/${c.conversationId}/auto-notify`, { content: 'let me in' }]],
  ['conversation_not_found', 'reads its analytics', (c) => ['GET', `/marketplace/messaging/conversations/${c.conversationId}/analytics`]],
];

/** Users with valid credentials who are not in the conversation. */
const strangers: { name: string; as: string; role: UserRole }[] = [
  { name: 'another buyer', as: 'buyer-z', role: 'buyer' },
  { name: 'a moderator who was not added', as: 'mod-z', role: 'moderator' },
];

const buyer = 'buyer-a';
const seller = 'seller-a';
const searchWord = 'pelican';

describe.each(backends)('access on $name', (backend) => {
  let parley: TestParley;
  let ids: Ids;
  /** Uploaded by the buyer and not sent in any message yet. */
  let unsentAttachmentId: string;
  let attachmentBytes: Uint8Array;

  const call = (options: RequestOptions, [method, path, body]: Call) => parley.request(method, path, { ...options, body });
  const messagesOf = async (options: RequestOptions) => (await parley.request('GET', `/conversations/${ids.conversationId}/messages`, options)).body.messages as any[];
  const listed = async (options: RequestOptions) => {
    const reply = await parley.request('GET', '/conversations?limit=100', options);
    expect(reply.status).toBe(200);
    return (reply.body.conversations as any[]).map((c) => c.conversationId);
  };
  const searched = async (options: RequestOptions) => {
    const reply = await parley.request('GET', `/messages/search?q=${searchWord}`, options);
    expect(reply.status).toBe(200);
    return (reply.body.messages as any[]).map((m) => m.messageId);
  };

  /** Someone who may read the conversation sees it, its messages, its sent attachment, and finds it. */
  async function expectCanRead(options: RequestOptions) {
    expect((await parley.request('GET', `/conversations/${ids.conversationId}`, options)).status).toBe(200);
    expect((await messagesOf(options)).map((m) => m.messageId)).toEqual(expect.arrayContaining([ids.buyerMessageId, ids.sellerMessageId]));
    expect(await searched(options)).toEqual(expect.arrayContaining([ids.buyerMessageId, ids.sellerMessageId]));
    const file = await parley.request('GET', `/attachments/${ids.attachmentId}`, options);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-length')).toBe(String(attachmentBytes.length));
  }

  beforeAll(async () => {
    parley = await startParley(backend, { env: { PARLEY_TYPING_THROTTLE_MS: '0' } });
    const { conversationId } = await orderConversation(parley, buyer, seller);
    attachmentBytes = pngBytes(200);
    const upload = await uploadAttachment(parley, conversationId, { bytes: attachmentBytes, fileName: 'scratch.png', mimeType: 'image/png' }, { as: buyer });
    expect(upload.status).toBe(201);
    const buyerMessage = await sendMessage(
      parley,
      conversationId,
      { content: `The ${searchWord} arrived with a scratch`, messageType: 'image', attachments: [upload.body.attachmentId] },
      { as: buyer },
    );
    expect(buyerMessage.status).toBe(201);
    const sellerMessage = await sendMessage(parley, conversationId, `Sorry about the ${searchWord}, refund on its way`, { as: seller, role: 'seller' });
    expect(sellerMessage.status).toBe(201);
    ids = { conversationId, buyerMessageId: buyerMessage.body.messageId, sellerMessageId: sellerMessage.body.messageId, attachmentId: upload.body.attachmentId };
    const unsent = await uploadAttachment(parley, conversationId, { bytes: pngBytes(), fileName: 'draft.png', mimeType: 'image/png' }, { as: buyer });
    expect(unsent.status).toBe(201);
    unsentAttachmentId = unsent.body.attachmentId;
  });
  afterAll(async () => parley?.close());

  it('lets both participants read the conversation and download its attachment', async () => {
    await expectCanRead({ as: buyer });
    await expectCanRead({ as: seller, role: 'seller' });
    const file = await downloadAttachment(parley, ids.attachmentId, { as: seller, role: 'seller' });
    expect(new Uint8Array(file.bytes)).toEqual(attachmentBytes);
  });

  describe.each(strangers)('$name', (stranger) => {
    const as = { as: stranger.as, role: stranger.role };

    it.each(hiddenCalls)('gets 404 %s when it %s, exactly as for an id that does not exist', async (code, _what, make) => {
      const hidden = await expectRefused(parley, 404, code, () => call(as, make(ids)));
      const ghost = { conversationId: randomUUID(), buyerMessageId: randomUUID(), sellerMessageId: randomUUID(), attachmentId: randomUUID() };
      const missing = await call(as, make(ghost));
      expect(hidden.body).toEqual(missing.body);
    });

    it('gets 403 operator_only when it adds a participant, exactly as for an id that does not exist', async () => {
      // Adding participants is the marketplace's alone: refused by role before anything is read.
      const add = (conversationId: string) => parley.request('POST', `/conversations/${conversationId}/participants`, { ...as, body: { userId: 'friend-1', role: 'buyer' } });
      const hidden = await expectRefused(parley, 403, 'operator_only', () => add(ids.conversationId));
      expect(hidden.body).toEqual((await add(randomUUID())).body);
    });

    it('cannot upload an attachment into it', async () => {
      await expectRefused(parley, 404, 'conversation_not_found', () =>
        uploadAttachment(parley, ids.conversationId, { bytes: pngBytes(), fileName: 'mine.png', mimeType: 'image/png' }, as),
      );
    });

    it('does not see it among its conversations, even by order id', async () => {
      expect(await listed(as)).not.toContain(ids.conversationId);
      const conversation = (await parley.request('GET', `/conversations/${ids.conversationId}`)).body;
      const byOrder = await parley.request('GET', `/conversations?orderId=${conversation.orderId}`, as);
      expect(byOrder.body.conversations).toEqual([]);
    });

    it('does not find its messages in search', async () => {
      expect(await searched(as)).toEqual([]);
    });

    it('over the WebSocket, cannot type, read or send into it, nor replay it, and never hears it', async () => {
      const socket = await parley.connect(stranger.as, stranger.role);
      const sellerSocket = await parley.connect(seller, 'seller');
      const frames = [
        { type: 'typing', conversationId: ids.conversationId },
        { type: 'read', conversationId: ids.conversationId },
        { type: 'message.send', conversationId: ids.conversationId, clientMessageId: `sneak-${randomUUID()}`, content: 'let me in' },
      ];
      for (const frame of frames) {
        const since = socket.events.length;
        socket.send(frame);
        const error = await nextAfter(socket, since, (e) => e.type === 'error');
        expect(error.code, frame.type).toBe('conversation_not_found');
        expectSentence(error.message);
      }
      const since = socket.events.length;
      socket.send({ type: 'resume', cursors: { [ids.conversationId]: 0 } });
      const resumed = await nextAfter(socket, since, (e) => e.type === 'resumed');
      expect(resumed).toMatchObject({ conversations: [], unknown: [ids.conversationId] });

      // The participants keep talking: the seller hears it, the stranger does not.
      const buyerSocket = await parley.connect(buyer);
      buyerSocket.send({ type: 'typing', conversationId: ids.conversationId });
      await sellerSocket.next((e) => e.type === 'typing' && e.conversationId === ids.conversationId);
      const sent = await sendMessage(parley, ids.conversationId, `Is the ${searchWord} insured?`, { as: buyer });
      expect(sent.status).toBe(201);
      await sellerSocket.next((e) => e.type === 'message.created' && e.message.messageId === sent.body.messageId);
      await roundTrip(socket);
      const overheard = socket.events.filter((e) => e.type !== 'error' && e.type !== 'resumed' && JSON.stringify(e).includes(ids.conversationId));
      expect(overheard).toEqual([]);
      expect(JSON.stringify(socket.events)).not.toContain(searchWord);

      await Promise.all([socket, sellerSocket, buyerSocket].map(closeSocket));
    });
  });

  it('lets a moderator read once the operator adds them, and not before', async () => {
    const moderator = { as: 'mod-added', role: 'moderator' as const };
    await expectRefused(parley, 404, 'conversation_not_found', () => parley.request('GET', `/conversations/${ids.conversationId}`, moderator));
    const added = await parley.request('POST', `/conversations/${ids.conversationId}/participants`, { body: { userId: moderator.as, role: 'moderator' } });
    expect(added.status).toBe(201);
    await expectCanRead(moderator);
    // Added to this conversation only.
    const elsewhere = await orderConversation(parley, 'buyer-b', 'seller-b');
    await expectRefused(parley, 404, 'conversation_not_found', () => parley.request('GET', `/conversations/${elsewhere.conversationId}`, moderator));
  });

  it.each([
    ['the API key', {}],
    ['an operator JWT', { as: 'ops-1', role: 'operator' as const }],
  ])('lets %s read everything', async (_name, operator: RequestOptions) => {
    await expectCanRead(operator);
    expect(await listed(operator)).toContain(ids.conversationId);
  });

  it('treats the API key with X-Parley-User as that user', async () => {
    await expectCanRead({ actingAs: buyer });
    const stranger = { actingAs: 'buyer-z' };
    for (const [code, what, make] of hiddenCalls) {
      const reply = await expectRefused(parley, 404, code, () => call(stranger, make(ids)));
      expect(reply.status, what).toBe(404);
    }
    expect(await listed(stranger)).not.toContain(ids.conversationId);
    expect(await searched(stranger)).toEqual([]);
  });

  it("does not let a participant edit or delete someone else's message", async () => {
    const path = `/conversations/${ids.conversationId}/messages/${ids.sellerMessageId}`;
    await expectRefused(parley, 403, 'not_message_sender', () => parley.request('PATCH', path, { as: buyer, body: { content: 'We refuse refunds' } }));
    await expectRefused(parley, 403, 'not_message_sender', () => parley.request('DELETE', path, { as: buyer }));
    const message = (await messagesOf({ as: seller, role: 'seller' })).find((m) => m.messageId === ids.sellerMessageId);
    expect(message).toMatchObject({ content: `Sorry about the ${searchWord}, refund on its way`, editedAt: null, deletedAt: null });
  });

  it("lets an operator edit and delete a participant's message (message.moderate)", async () => {
    const sent = await sendMessage(parley, ids.conversationId, 'Call me at my shop', { as: seller, role: 'seller' });
    expect(sent.status).toBe(201);
    const path = `/conversations/${ids.conversationId}/messages/${sent.body.messageId}`;
    for (const operator of [{}, { as: 'ops-2', role: 'operator' as const }]) {
      const edited = await parley.request('PATCH', path, { ...operator, body: { content: 'Removed by the marketplace' } });
      expect(edited.status).toBe(200);
      expect(edited.body).toMatchObject({ messageId: sent.body.messageId, senderId: seller, content: 'Removed by the marketplace' });
    }
    const deleted = await parley.request('DELETE', path, {});
    expect(deleted.status).toBe(200);
    expect(deleted.body).toMatchObject({ status: 'deleted', content: null });
  });

  it('does not let a participant add people', async () => {
    await expectRefused(parley, 403, 'operator_only', () =>
      parley.request('POST', `/conversations/${ids.conversationId}/participants`, { as: buyer, body: { userId: 'friend-1', role: 'buyer' } }),
    );
  });

  it('does not let a user open an order conversation, one without themselves, or add moderators', async () => {
    const create = (body: unknown) => parley.request('POST', '/conversations', { as: buyer, body });
    await expectRefused(parley, 403, 'operator_only', () =>
      create({ conversationType: 'order', orderId: `order-${randomUUID()}`, participants: [{ userId: buyer, role: 'buyer' }, { userId: seller, role: 'seller' }] }),
    );
    await expectRefused(parley, 403, 'creator_not_participant', () =>
      create({ participants: [{ userId: 'buyer-y', role: 'buyer' }, { userId: seller, role: 'seller' }] }),
    );
    await expectRefused(parley, 403, 'operator_only', () =>
      create({ participants: [{ userId: buyer, role: 'buyer' }, { userId: 'mod-y', role: 'moderator' }] }),
    );
  });

  it("does not let a seller open (or probe for) a buyer's product inquiry", async () => {
    const productId = `product-${randomUUID()}`;
    const inquiry = { conversationType: 'product_inquiry', productId, participants: [{ userId: buyer, role: 'buyer' }, { userId: seller, role: 'seller' }] };
    await expectRefused(parley, 403, 'buyer_only', () => parley.request('POST', '/conversations', { as: seller, role: 'seller', body: inquiry }));
    expect((await parley.request('POST', '/conversations', { as: buyer, body: inquiry })).status).toBe(201);
    await expectRefused(parley, 403, 'buyer_only', () => parley.request('POST', '/conversations', { as: seller, role: 'seller', body: inquiry }));
  });

  it('shows an attachment not yet sent to its uploader only, and lets no one else send it', async () => {
    const own = await downloadAttachment(parley, unsentAttachmentId, { as: buyer });
    expect(own.status).toBe(200);
    expect((await downloadAttachment(parley, unsentAttachmentId, {})).status).toBe(200); // the operator
    for (const other of [{ as: seller, role: 'seller' as const }, { as: 'buyer-z' }]) {
      await expectRefused(parley, 404, 'attachment_not_found', () => parley.request('GET', `/attachments/${unsentAttachmentId}`, other));
    }
    await expectRefused(parley, 400, 'invalid_attachment', () =>
      sendMessage(parley, ids.conversationId, { content: 'look', messageType: 'image', attachments: [unsentAttachmentId] }, { as: seller, role: 'seller' }),
    );
  });
});
