import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type Message, ParleyApiError, ParleyClient, type ParleyClientOptions, type ParleyEvent, type UserDataExport } from '../client/sdk/index.ts';
import type { ClientConnection } from '../src/realtime/connection.ts';
import { backends } from './support/backends.ts';
import { eventually, freePort, orderConversation, sendMessage, startParley, type TestParley } from './support/parley.ts';

type Role = 'buyer' | 'seller' | 'moderator' | 'operator';

/** A client and every event its handlers received, in order. */
interface Session {
  client: ParleyClient;
  events: ParleyEvent[];
}

describe.each(backends)('client SDK on $name', (backend) => {
  let parley: TestParley;
  const sessions: Session[] = [];
  let counter = 0;
  /** A user id no other test uses. */
  const user = (name: string) => `${name}-${++counter}-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    parley = await startParley(backend, { env: { PARLEY_SEND_RATE_LIMIT: '100000' } });
  });
  afterAll(async () => parley?.close());
  afterEach(() => {
    for (const s of sessions.splice(0)) s.client.close();
  });

  /** A client for a user, with a token function (as a frontend would have) unless a token is given. */
  function session(userId: string, role: Role = 'buyer', options: Partial<ParleyClientOptions> = {}): Session {
    const client = new ParleyClient({
      baseUrl: parley.url,
      token: () => parley.token(userId, role),
      WebSocket,
      reconnect: { minDelayMs: 20, maxDelayMs: 100 },
      ...options,
    });
    const events: ParleyEvent[] = [];
    client.on('*', (event) => events.push(event));
    const s = { client, events };
    sessions.push(s);
    return s;
  }

  async function connected(userId: string, role: Role = 'buyer', options: Partial<ParleyClientOptions> = {}): Promise<Session> {
    const s = session(userId, role, options);
    await s.client.connect();
    return s;
  }

  async function pair() {
    const buyer = user('buyer');
    const seller = user('seller');
    const { conversationId } = await orderConversation(parley, buyer, seller);
    return { buyer, seller, conversationId };
  }

  async function send(conversationId: string, as: string, content: string): Promise<Message> {
    const response = await sendMessage(parley, conversationId, content, { as });
    expect(response.status).toBe(201);
    return response.body as Message;
  }

  const created = (s: Session, conversationId?: string) =>
    s.events.filter((e) => e.type === 'message.created' && (conversationId === undefined || e.message.conversationId === conversationId)).map((e) => e.message as Message);
  const states = (s: Session) => s.events.filter((e) => e.type === 'connection').map((e) => e.state as string);

  /** The server's side of a user's sockets (this process's hub). */
  function serverSockets(userId: string): WebSocket[] {
    const hub = parley.app.parley.hub as unknown as { byUser: Map<string, Set<ClientConnection>> };
    return [...(hub.byUser.get(userId) ?? [])].map((c) => (c as unknown as { socket: WebSocket }).socket);
  }

  function dropServerSockets(userId: string): void {
    const sockets = serverSockets(userId);
    expect(sockets.length).toBeGreaterThan(0);
    for (const ws of sockets) ws.terminate();
  }

  async function messagesWithClientId(conversationId: string, clientMessageId: string): Promise<number> {
    const rows = await parley.db.selectFrom('messages').select('id').where('conversation_id', '=', conversationId).where('client_message_id', '=', clientMessageId).execute();
    return rows.length;
  }

  async function expectApiError(promise: Promise<unknown>, status: number, code: string): Promise<ParleyApiError> {
    const error = await promise.then(
      () => {
        throw new Error(`expected ParleyApiError ${status} ${code}, got success`);
      },
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ParleyApiError);
    expect(error).toMatchObject({ status, code });
    expect((error as ParleyApiError).message).toMatch(/\S+ \S+/);
    return error as ParleyApiError;
  }

  describe('the live connection', () => {
    it('connects, reports its states, knows its user, and receives the other side’s messages and typing live', async () => {
      const { buyer, seller, conversationId } = await pair();
      const s = session(seller, 'seller');
      expect(s.client.state).toBe('idle');
      expect(() => s.client.user).toThrow(/token/);
      await s.client.connect();
      expect(s.client.state).toBe('open');
      expect(states(s)).toEqual(['connecting', 'open']);
      expect(s.client.user).toEqual({ userId: seller, role: 'seller' });

      const sent = await send(conversationId, buyer, 'Hello, is it still available?');
      await eventually(() => created(s).length === 1, 'the message to arrive');
      expect(created(s)[0]).toMatchObject({ messageId: sent.messageId, conversationId, senderId: buyer, seq: sent.seq, content: 'Hello, is it still available?' });

      const b = await connected(buyer);
      b.client.sendTyping(conversationId);
      await eventually(() => s.events.some((e) => e.type === 'typing'), 'the typing event');
      expect(s.events.find((e) => e.type === 'typing')).toEqual({ type: 'typing', conversationId, userId: buyer });
    });

    it('close() stops for good: no reconnecting, and a pending connect() rejects', async () => {
      const s = session(user('buyer'));
      const connecting = s.client.connect();
      s.client.close();
      await expectApiError(connecting, 0, 'closed');
      expect(s.client.state).toBe('closed');
      const open = await connected(user('buyer'));
      open.client.close();
      expect(open.client.state).toBe('closed');
      expect(states(open)).toEqual(['connecting', 'open', 'closed']);
    });

    it('reconnects after the server drops the socket and resumes: messages sent while away arrive, each once', async () => {
      const { buyer, seller, conversationId } = await pair();
      const b = await connected(buyer, 'buyer', { reconnect: { minDelayMs: 200, maxDelayMs: 400 } });
      const first = await send(conversationId, seller, 'first');
      await eventually(() => created(b).length === 1, 'the first message');

      dropServerSockets(buyer);
      await eventually(() => b.client.state === 'reconnecting', 'the client to notice the drop');
      const away = [await send(conversationId, seller, 'while away 1'), await send(conversationId, seller, 'while away 2'), await send(conversationId, seller, 'while away 3')];

      await eventually(() => b.events.some((e) => e.type === 'resumed') && created(b).length >= 4, 'the resume');
      expect(b.client.state).toBe('open');
      expect(states(b)).toEqual(['connecting', 'open', 'reconnecting', 'open']);
      expect(b.events.find((e) => e.type === 'resumed')).toMatchObject({ conversations: [conversationId], truncated: [] });
      // Each once; placed by seq (a reconnect racing the sends may deliver some live, before the replay).
      const bySeq = (ms: Message[]) => [...ms].sort((x, y) => x.seq - y.seq).map((m) => m.messageId);
      expect(bySeq(created(b))).toEqual(bySeq([first, ...away]));
    });

    it('a replay that repeats messages already delivered reaches the handlers once', async () => {
      const { buyer, seller, conversationId } = await pair();
      // What the socket itself received, before the client's deduplication.
      const raw: ParleyEvent[] = [];
      class RecordingWebSocket extends WebSocket {
        constructor(url: string) {
          super(url);
          this.on('message', (data) => raw.push(JSON.parse(data.toString())));
        }
      }
      const b = await connected(buyer, 'buyer', { WebSocket: RecordingWebSocket, reconnect: { minDelayMs: 200, maxDelayMs: 400 } });
      await send(conversationId, seller, 'seen live');
      await eventually(() => created(b).length === 1, 'the live message');

      // The next socket of this user loses its `resumed` frame: the client has had the replayed
      // messages but not the end of the replay, so it must resume from its old cursor again.
      const hub = parley.app.parley.hub;
      let dropResumed = true;
      const add = hub.add.bind(hub);
      hub.add = (connection: ClientConnection) => {
        if (connection.userId === buyer && dropResumed) {
          const ws = (connection as unknown as { socket: WebSocket }).socket;
          const original = ws.send.bind(ws) as (data: unknown) => void;
          (ws as unknown as { send: (data: unknown) => void }).send = (data) => {
            if (String(data).startsWith('{"type":"resumed"')) dropResumed = false;
            else original(data);
          };
        }
        add(connection);
      };
      try {
        dropServerSockets(buyer);
        await eventually(() => b.client.state === 'reconnecting', 'the drop');
        const away = [await send(conversationId, seller, 'away 1'), await send(conversationId, seller, 'away 2')];
        await eventually(() => created(b).length === 3 && !dropResumed, 'the first replay');
        expect(b.events.some((e) => e.type === 'resumed')).toBe(false);

        dropServerSockets(buyer);
        await eventually(() => b.events.some((e) => e.type === 'resumed'), 'the second replay');
        const replayedTwice = away.map((m) => raw.filter((e) => e.type === 'message.created' && e.message.messageId === m.messageId).length);
        expect(replayedTwice).toEqual([2, 2]);
        expect(created(b).map((m) => m.content).sort()).toEqual(['away 1', 'away 2', 'seen live']);
      } finally {
        delete (hub as unknown as { add?: unknown }).add;
      }
    });
  });

  describe('sending', () => {
    it('sends over the socket when it is open, and over REST when it is not or there is metadata', async () => {
      const { buyer, seller, conversationId } = await pair();
      const s = await connected(seller, 'seller');
      const b = await connected(buyer);

      const socketId = randomUUID();
      const viaSocket = await b.client.sendMessage(conversationId, { content: 'over the socket' }, { clientMessageId: socketId });
      expect(viaSocket).toMatchObject({ conversationId, senderId: buyer, content: 'over the socket', clientMessageId: socketId });
      expect(b.events.some((e) => e.type === 'message.ack' && e.clientMessageId === socketId)).toBe(true);

      const withMetadata = await b.client.sendMessage(conversationId, { content: 'with metadata', metadata: { source: 'sdk-test' } });
      expect(withMetadata.metadata).toMatchObject({ source: 'sdk-test' });
      expect(withMetadata.clientMessageId).toMatch(/^[0-9a-f-]{36}$/);
      expect(b.events.some((e) => e.type === 'message.ack' && e.clientMessageId === withMetadata.clientMessageId)).toBe(false);

      const offline = session(buyer);
      const viaRest = await offline.client.sendMessage(conversationId, { content: 'over REST' });
      expect(offline.client.state).toBe('idle');
      expect(viaRest).toMatchObject({ content: 'over REST', seq: withMetadata.seq + 1 });

      await eventually(() => created(s).length === 3, 'the three messages at the seller');
      expect(created(s).map((m) => m.content)).toEqual(['over the socket', 'with metadata', 'over REST']);
    });

    it('a send repeated with the same clientMessageId is stored once, over the socket and REST alike', async () => {
      const { buyer, seller, conversationId } = await pair();
      const s = await connected(seller, 'seller');
      const online = await connected(buyer);
      const offline = session(buyer);

      const id = randomUUID();
      const first = await online.client.sendMessage(conversationId, { content: 'once' }, { clientMessageId: id });
      const again = await offline.client.sendMessage(conversationId, { content: 'once' }, { clientMessageId: id });
      expect(again.messageId).toBe(first.messageId);

      const concurrent = randomUUID();
      const results = await Promise.all([
        online.client.sendMessage(conversationId, { content: 'at once' }, { clientMessageId: concurrent }),
        offline.client.sendMessage(conversationId, { content: 'at once' }, { clientMessageId: concurrent }),
        online.client.sendMessage(conversationId, { content: 'at once' }, { clientMessageId: concurrent }),
      ]);
      expect(new Set(results.map((m) => m.messageId)).size).toBe(1);

      expect(await messagesWithClientId(conversationId, id)).toBe(1);
      expect(await messagesWithClientId(conversationId, concurrent)).toBe(1);
      await eventually(() => created(s).length === 2, 'the messages at the seller');
      expect(created(s).map((m) => m.content)).toEqual(['once', 'at once']);
    });

    it('the socket dropping after the server stored a send but before its ack: retried with the same id, stored once', async () => {
      const { buyer, seller, conversationId } = await pair();
      const s = await connected(seller, 'seller');
      const b = await connected(buyer);
      for (const ws of serverSockets(buyer)) {
        const original = ws.send.bind(ws) as (data: unknown) => void;
        (ws as unknown as { send: (data: unknown) => void }).send = (data) => {
          if (String(data).includes('"type":"message.ack"')) ws.terminate();
          else original(data);
        };
      }
      const id = randomUUID();
      const message = await b.client.sendMessage(conversationId, { content: 'ack lost' }, { clientMessageId: id });
      expect(message).toMatchObject({ content: 'ack lost', clientMessageId: id });
      expect(states(b)).toContain('reconnecting');
      expect(b.events.some((e) => e.type === 'message.ack' && e.clientMessageId === id)).toBe(false);
      expect(await messagesWithClientId(conversationId, id)).toBe(1);
      await eventually(() => created(s).length === 1, 'the message at the seller');
      await eventually(() => b.client.state === 'open', 'the reconnection');
    });

    it('the socket dropping before the server read the send: sent over REST with the same id', async () => {
      const { buyer, conversationId } = await pair();
      const b = await connected(buyer);
      const id = randomUUID();
      const sending = b.client.sendMessage(conversationId, { content: 'never reached the socket' }, { clientMessageId: id });
      dropServerSockets(buyer);
      const message = await sending;
      expect(message).toMatchObject({ clientMessageId: id, content: 'never reached the socket' });
      expect(await messagesWithClientId(conversationId, id)).toBe(1);
    });

    it('REST answers lost on the network: the send is retried with the same id and stored once', async () => {
      const { buyer, seller, conversationId } = await pair();
      const s = await connected(seller, 'seller');
      // The request reaches Parley and is stored; its answer is lost, twice.
      let lost = 0;
      const flaky: typeof fetch = async (input, init) => {
        const response = await fetch(input, init);
        if (init?.method === 'POST' && String(input).endsWith('/messages') && lost < 2) {
          lost++;
          throw new TypeError('fetch failed');
        }
        return response;
      };
      const b = session(buyer, 'buyer', { fetch: flaky, reconnect: { minDelayMs: 10, maxDelayMs: 50 } });
      const message = await b.client.sendMessage(conversationId, { content: 'sent three times, stored once' });
      expect(lost).toBe(2);
      expect(await messagesWithClientId(conversationId, message.clientMessageId!)).toBe(1);
      await eventually(() => created(s).length === 1, 'the message at the seller');

      // Unreachable for good: the send rejects, naming its clientMessageId to try again later.
      const down = session(buyer, 'buyer', { fetch: async () => Promise.reject(new TypeError('fetch failed')), reconnect: { minDelayMs: 10, maxDelayMs: 50 } });
      const error = await expectApiError(down.client.sendMessage(conversationId, { content: 'nowhere' }, { clientMessageId: 'retry-me' }), 0, 'network_error');
      expect(error.details).toEqual({ clientMessageId: 'retry-me' });
    });

    it('uploads an attachment, sends it, and the other side downloads it with the bearer header', async () => {
      const { buyer, seller, conversationId } = await pair();
      const sellerClient = session(seller, 'seller').client;
      const attachment = await sellerClient.uploadAttachment(conversationId, new Blob(['Invoice for order 1042'], { type: 'text/plain' }), 'invoice.txt');
      expect(attachment).toMatchObject({ type: 'file', fileName: 'invoice.txt', mimeType: 'text/plain', size: 22 });
      const message = await sellerClient.sendMessage(conversationId, { messageType: 'file', content: 'Your invoice', attachments: [attachment.attachmentId] });
      expect(message.attachments.map((a) => a.attachmentId)).toEqual([attachment.attachmentId]);

      const blob = await session(buyer).client.fetchAttachment(attachment.attachmentId);
      expect(await blob.text()).toBe('Invoice for order 1042');
      await expectApiError(session(user('stranger')).client.fetchAttachment(attachment.attachmentId), 404, 'attachment_not_found');
    });
  });

  describe('counts', () => {
    it('unread counts follow unread events, listed conversations and markRead', async () => {
      const { buyer, seller, conversationId } = await pair();
      const other = await orderConversation(parley, buyer, seller);
      const b = await connected(buyer);
      expect(b.client.unreadCount(conversationId)).toBe(0);

      await send(conversationId, seller, 'one');
      await send(conversationId, seller, 'two');
      await eventually(() => b.client.unreadCount(conversationId) === 2, 'two unread');
      expect(b.events.some((e) => e.type === 'unread' && e.conversationId === conversationId && e.unreadCount === 2)).toBe(true);
      await send(other.conversationId, seller, 'elsewhere');
      await eventually(() => b.client.unreadTotal === 3, 'three unread in all');

      await b.client.markRead(conversationId);
      expect(b.client.unreadCount(conversationId)).toBe(0);
      expect(b.client.unreadTotal).toBe(1);

      const third = await send(conversationId, seller, 'three');
      await eventually(() => b.client.unreadCount(conversationId) === 1, 'one unread again');
      await b.client.markRead(conversationId, third.seq - 1);
      expect(b.client.unreadCount(conversationId)).toBe(1);

      // A client that never connected learns the counts from the list.
      const listing = session(buyer).client;
      const page = await listing.listConversations();
      expect(page.conversations.map((c) => c.conversationId).sort()).toEqual([conversationId, other.conversationId].sort());
      expect(listing.unreadCount(conversationId)).toBe(1);
      expect(listing.unreadTotal).toBe(2);
    });

    it('the notification count goes up on notification.created and down when read or clicked', async () => {
      const buyer = user('buyer');
      const b = await connected(buyer);
      expect(await b.client.notificationsUnreadCount()).toBe(0);

      const notify = async (title: string) => {
        const accepted = await parley.request('POST', '/notifications', {
          body: {
            requestId: randomUUID(),
            notificationType: 'transactional',
            channels: ['in-app'],
            recipient: { userId: buyer },
            message: { inAppMessage: { title, body: `${title}: details` } },
          },
        });
        expect(accepted.status).toBe(202);
      };
      await notify('Order shipped');
      await eventually(() => b.client.notificationsUnread === 1, 'the notification');
      const event = b.events.find((e) => e.type === 'notification.created');
      expect(event?.notification).toMatchObject({ title: 'Order shipped', body: 'Order shipped: details' });

      const feed = await b.client.listNotifications();
      expect(feed.notifications.map((n) => n.logId)).toEqual([event?.notification.logId]);
      expect(feed.unread).toBe(1);

      expect(await b.client.markNotificationsRead()).toMatchObject({ marked: 1, unread: 0 });
      expect(b.client.notificationsUnread).toBe(0);
      await eventually(() => b.events.some((e) => e.type === 'notifications.unread' && e.unread === 0), 'the server’s count');

      await notify('Payment received');
      await eventually(() => b.client.notificationsUnread === 1, 'the second notification');
      const second = b.events.filter((e) => e.type === 'notification.created')[1]!.notification.logId as string;
      expect(await b.client.markNotificationsSeen([second])).toMatchObject({ marked: 1, unread: 1 });
      expect(await b.client.clickNotification(second)).toEqual({ logId: second, unread: 0 });
      expect(b.client.notificationsUnread).toBe(0);
    });
  });

  describe('reads', () => {
    it('lists messages, searches, and shows the order timeline and my orders', async () => {
      const { buyer, seller, conversationId } = await pair();
      const sent = [await send(conversationId, seller, 'Tracking number follows'), await send(conversationId, buyer, 'Thanks!')];
      const b = session(buyer).client;

      const page = await b.listMessages(conversationId, { limit: 1 });
      expect(page).toMatchObject({ hasMore: true, messages: [{ messageId: sent[1]!.messageId }] });
      expect((await b.listMessages(conversationId, { after: 0 })).messages.map((m) => m.seq)).toEqual([1, 2]);

      const found = await b.searchMessages('TRACKING number', { conversationId });
      expect(found.messages.map((m) => m.messageId)).toEqual([sent[0]!.messageId]);

      const timeline = await b.orderTimeline(conversationId);
      expect(timeline.items.map((i) => (i.kind === 'message' ? i.message.content : i.event.type))).toEqual(['Tracking number follows', 'Thanks!']);

      const orders = await b.myOrders();
      expect(orders.conversations.find((c) => c.conversationId === conversationId)).toMatchObject({ role: 'buyer', unreadCount: 1 });
      expect(b.unreadCount(conversationId)).toBe(1);

      const conversation = await b.getConversation(conversationId);
      expect(conversation).toMatchObject({ conversationId, conversationType: 'order', lastMessageSeq: 2 });
    });

    it('preferences: get, put, get again, and what get returned is accepted by put as is', async () => {
      const c = session(user('buyer')).client;
      const before = await c.getPreferences();
      expect(before.userId).toBe(c.user.userId);
      expect(before.preferences).toMatchObject({ doNotDisturb: null, optOut: { email: false, sms: false, push: false, inApp: false } });

      const changed = await c.putPreferences({
        ...before.preferences,
        channels: { promotional: ['email', 'in-app'] },
        optOut: { ...before.preferences.optOut, sms: true },
        doNotDisturb: { enabled: true, startTime: '22:00', endTime: '07:00', timezone: 'Europe/Paris' },
        dailyLimits: { promotionalLimit: 3 },
      });
      expect(changed.preferences).toMatchObject({
        channels: { promotional: ['email', 'in-app'] },
        optOut: { sms: true, email: false },
        doNotDisturb: { enabled: true, startTime: '22:00', endTime: '07:00', timezone: 'Europe/Paris' },
        dailyLimits: { promotionalLimit: 3 },
      });
      expect(await c.getPreferences()).toEqual(changed);

      const restored = await c.putPreferences(before.preferences);
      expect(restored.preferences).toEqual(before.preferences);
    });

    it('exportUserData: the user\'s own export as a named JSON file; another user\'s is refused', async () => {
      const { buyer, seller, conversationId } = await pair();
      const b = session(buyer).client;
      await b.sendMessage(conversationId, { content: 'Keep this for my records' });
      const { blob, fileName } = await b.exportUserData();
      expect(fileName).toBe(`parley-export-${buyer}.json`);
      const doc: UserDataExport = JSON.parse(await blob.text());
      expect(doc.format).toBe('parley-export/1');
      expect(doc.conversations.find((c) => c.conversationId === conversationId)?.messages.map((m) => m.content)).toContain('Keep this for my records');
      await expectApiError(b.exportUserData(seller), 403, 'not_your_data');
    });
  });

  describe('tokens and errors', () => {
    const expired = (userId: string) => parley.token(userId, 'buyer', { expiresIn: Math.floor(Date.now() / 1000) - 3600 });

    it('a token function is called again after token_expired, the request retried, and again for each connection', async () => {
      const buyer = user('buyer');
      let calls = 0;
      const s = session(buyer, 'buyer', { token: async () => (++calls === 1 ? expired(buyer) : parley.token(buyer, 'buyer', { name: 'Ana' })) });
      expect(() => s.client.user).toThrow();
      const page = await s.client.listConversations();
      expect(page.conversations).toEqual([]);
      expect(calls).toBe(2);
      expect(s.client.user).toEqual({ userId: buyer, role: 'buyer', name: 'Ana' });
      await s.client.getPreferences();
      expect(calls).toBe(2);
      await s.client.connect();
      expect(calls).toBe(3);
    });

    it('a fixed token that expired: requests throw token_expired, and connect() rejects with it and stops', async () => {
      const buyer = user('buyer');
      const s = session(buyer, 'buyer', { token: await expired(buyer) });
      expect(s.client.user.userId).toBe(buyer);
      await expectApiError(s.client.listConversations(), 401, 'token_expired');
      await expectApiError(s.client.connect(), 401, 'token_expired');
      expect(s.client.state).toBe('closed');
      expect(s.events.filter((e) => e.type === 'connection').at(-1)?.error).toBeInstanceOf(ParleyApiError);
    });

    it('refusals are ParleyApiError with the status and code, over the socket as over REST', async () => {
      const { buyer, conversationId } = await pair();
      const stranger = await connected(user('stranger'));
      await expectApiError(stranger.client.getConversation(conversationId), 404, 'conversation_not_found');
      await expectApiError(stranger.client.listMessages(conversationId), 404, 'conversation_not_found');
      await expectApiError(stranger.client.sendMessage(conversationId, { content: 'let me in' }), 404, 'conversation_not_found');
      expect(stranger.events.some((e) => e.type === 'error' && e.code === 'conversation_not_found')).toBe(true);
      await expectApiError(session(user('stranger')).client.sendMessage(conversationId, { content: 'let me in' }), 404, 'conversation_not_found');
      await expectApiError(stranger.client.getPreferences(buyer), 403, 'not_yourself');
      await expectApiError(session(buyer).client.sendMessage(conversationId, { content: '   ' }), 400, 'content_required');
      await expectApiError(stranger.client.sendMessage(conversationId, { messageType: 'order_status', payload: {} }), 404, 'conversation_not_found');
    });

    it('Parley unreachable: network_error, status 0', async () => {
      const port = await freePort();
      const client = new ParleyClient({ baseUrl: `http://127.0.0.1:${port}`, token: await parley.token(user('buyer')), WebSocket });
      await expectApiError(client.listConversations(), 0, 'network_error');
      client.close();
    });
  });
});
