import { randomBytes, randomUUID } from 'node:crypto';
import { SignJWT, UnsecuredJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { backends } from './support/backends.ts';
import {
  apiKey,
  expectRefused,
  expectSentence,
  jwtSecret,
  nextAfter,
  openSocket,
  orderConversation,
  pngBytes,
  roundTrip,
  startParley,
  type TestParley,
  type TestSocket,
  uploadAttachment,
  writtenState,
} from './support/parley.ts';

type Reply = { status: number; body: any };

const bodyLimit = 2048;
const attachmentLimit = 1024;
const utf8 = (value: string) => new TextEncoder().encode(value);
const inAMinute = () => Math.floor(Date.now() / 1000) + 60;

describe.each(backends)('bad input on $name', (backend) => {
  let parley: TestParley;
  let conversationId: string;
  let otherConversationId: string;
  /** A message buyer-1 sent in the conversation, and one in another conversation. */
  let messageId: string;
  let otherMessageId: string;
  const buyer = { as: 'buyer-1' };
  /** The API key: the marketplace itself, which may send typed messages. */
  const operator = {};

  const messagesPath = () => `/conversations/${conversationId}/messages`;
  const sendAs = (body: unknown, options: { as?: string; headers?: Record<string, string> } = buyer) =>
    parley.request('POST', messagesPath(), { ...options, body });
  const refused = (status: number, code: string, call: () => Promise<Reply>) => expectRefused(parley, status, code, call);

  beforeAll(async () => {
    parley = await startParley(backend, {
      env: { PARLEY_BODY_LIMIT_BYTES: String(bodyLimit), PARLEY_ATTACHMENT_MAX_BYTES: String(attachmentLimit) },
    });
    ({ conversationId } = await orderConversation(parley, 'buyer-1', 'seller-1'));
    ({ conversationId: otherConversationId } = await orderConversation(parley, 'buyer-2', 'seller-2'));
    const mine = await sendAs({ content: 'Is it still available?' });
    expect(mine.status).toBe(201);
    messageId = mine.body.messageId;
    const theirs = await parley.request('POST', `/conversations/${otherConversationId}/messages`, { as: 'buyer-2', body: { content: 'Hello' } });
    expect(theirs.status).toBe(201);
    otherMessageId = theirs.body.messageId;
  });
  afterAll(async () => parley?.close());

  describe('request bodies', () => {
    it('refuses malformed JSON', async () => {
      await refused(400, 'malformed_json', () => sendAs('{"content": "hi",'));
      await refused(400, 'malformed_json', () => parley.request('POST', '/conversations', { body: "{participants: [{userId: 'a'}]}" }));
    });

    it('refuses an empty JSON body where one is required', async () => {
      await refused(400, 'malformed_json', () => parley.request('POST', messagesPath(), { ...buyer, headers: { 'content-type': 'application/json' }, body: '' }));
    });

    it('refuses a body that is not JSON', async () => {
      await refused(415, 'unsupported_media_type', () =>
        parley.request('POST', messagesPath(), { ...buyer, headers: { 'content-type': 'application/xml' }, body: '<content>hi</content>' }),
      );
      await refused(400, 'wrong_type', () => parley.request('POST', messagesPath(), { ...buyer, headers: { 'content-type': 'text/plain' }, body: 'hello' }));
    });

    it('refuses unknown fields at the top level and nested, naming the field', async () => {
      const top = await refused(400, 'unknown_field', () => sendAs({ content: 'hi', colour: 'red' }));
      expect(top.body.error.message).toContain('"colour"');
      const nested = await refused(400, 'unknown_field', () =>
        parley.request('POST', '/conversations', {
          body: {
            participants: [
              { userId: 'buyer-9', role: 'buyer' },
              { userId: 'seller-9', role: 'seller', nickname: 'Sam' },
            ],
          },
        }),
      );
      expect(nested.body.error.message).toContain('"nickname"');
      expect(nested.body.error.details.path).toBe('/body/participants/1');
    });

    it('refuses a JSON body over PARLEY_BODY_LIMIT_BYTES', async () => {
      const reply = await refused(413, 'body_too_large', () => sendAs({ content: 'x'.repeat(bodyLimit + 10) }));
      expect(reply.body.error.message).toContain(String(bodyLimit));
    });

    it('refuses wrong types: a number for a string, a string for an array', async () => {
      const number = await refused(400, 'wrong_type', () => sendAs({ content: 42 }));
      expect(number.body.error.message).toContain('content');
      await refused(400, 'wrong_type', () => sendAs({ content: 'see attached', messageType: 'file', attachments: randomUUID() }));
      await refused(400, 'wrong_type', () => parley.request('POST', '/conversations', { body: { participants: 'buyer-1' } }));
      await refused(400, 'wrong_type', () => parley.request('POST', `/conversations/${conversationId}/read`, { ...buyer, body: { seq: '3' } }));
    });

    it('refuses a missing required field', async () => {
      const reply = await refused(400, 'missing_field', () => parley.request('POST', '/conversations', { body: { conversationType: 'general' } }));
      expect(reply.body.error.message).toContain('"participants"');
    });

    it('refuses an empty text message', async () => {
      await refused(400, 'content_required', () => sendAs({ content: '   ' }));
    });
  });

  describe('attachments', () => {
    const upload = (file: { bytes: Uint8Array; mimeType: string; fileName?: string }) =>
      uploadAttachment(parley, conversationId, { fileName: 'upload.bin', ...file }, buyer);

    it('refuses an upload over PARLEY_ATTACHMENT_MAX_BYTES and keeps no file', async () => {
      const reply = await refused(413, 'attachment_too_large', () => upload({ bytes: utf8('a'.repeat(attachmentLimit * 4)), mimeType: 'text/plain' }));
      expect(reply.body.error.message).toContain(String(attachmentLimit));
    });

    it('refuses a type that is not allowed', async () => {
      await refused(415, 'attachment_type_not_allowed', () =>
        upload({ bytes: utf8('MZ not really a program'), mimeType: 'application/x-msdownload', fileName: 'setup.exe' }),
      );
    });

    it('refuses content that does not match the declared type', async () => {
      await refused(400, 'attachment_type_mismatch', () => upload({ bytes: utf8('<script>alert(1)</script>'), mimeType: 'image/png', fileName: 'cat.png' }));
    });

    it('refuses an empty file', async () => {
      await refused(400, 'empty_attachment', () => upload({ bytes: new Uint8Array(0), mimeType: 'text/plain' }));
    });

    it('refuses a part not named "file"', async () => {
      await refused(400, 'file_required', () =>
        uploadAttachment(parley, conversationId, { bytes: pngBytes(), mimeType: 'image/png', fileName: 'cat.png' }, { ...buyer, field: 'image' }),
      );
    });

    it('refuses an upload that is not multipart', async () => {
      await refused(415, 'multipart_required', () => parley.request('POST', `/conversations/${conversationId}/attachments`, { ...buyer, body: { file: 'x' } }));
    });

    it('refuses sending an attachment id that was never uploaded', async () => {
      await refused(400, 'invalid_attachment', () => sendAs({ content: 'here', messageType: 'file', attachments: [randomUUID()] }));
    });
  });

  describe('unknown ids', () => {
    it('answers 404 for a conversation that does not exist', async () => {
      const missing = randomUUID();
      await refused(404, 'conversation_not_found', () => parley.request('GET', `/conversations/${missing}`, buyer));
      await refused(404, 'conversation_not_found', () => parley.request('POST', `/conversations/${missing}/messages`, { ...buyer, body: { content: 'hi' } }));
      await refused(404, 'conversation_not_found', () => parley.request('POST', `/conversations/${missing}/messages`, { body: { content: 'hi' } }));
      await refused(404, 'conversation_not_found', () =>
        parley.request('POST', `/conversations/${missing}/participants`, { body: { userId: 'mod-1', role: 'moderator' } }),
      );
      await refused(404, 'conversation_not_found', () =>
        uploadAttachment(parley, missing, { bytes: pngBytes(), mimeType: 'image/png', fileName: 'cat.png' }, buyer),
      );
    });

    it('answers 404 for a message that does not exist, or lives in another conversation', async () => {
      for (const id of [randomUUID(), otherMessageId]) {
        await refused(404, 'message_not_found', () => parley.request('PATCH', `${messagesPath()}/${id}`, { ...buyer, body: { content: 'edited' } }));
        await refused(404, 'message_not_found', () => parley.request('DELETE', `${messagesPath()}/${id}`, buyer));
      }
    });

    it('answers 404 for an attachment that does not exist, whatever its id looks like', async () => {
      await refused(404, 'attachment_not_found', () => parley.request('GET', `/attachments/${randomUUID()}`, buyer));
      await refused(404, 'attachment_not_found', () => parley.request('GET', '/attachments/not-a-uuid', buyer));
    });

    it('refuses a malformed uuid in the path', async () => {
      const reply = await refused(400, 'invalid_format', () => parley.request('GET', '/conversations/not-a-uuid', buyer));
      expect(reply.body.error.details.path).toBe('/params/id');
      expect(reply.body.error.message).toBe('params.id must be a valid uuid.');
      await refused(400, 'invalid_format', () => parley.request('PATCH', `${messagesPath()}/1234`, { ...buyer, body: { content: 'x' } }));
      await refused(400, 'invalid_format', () => parley.request('POST', "/conversations/' OR 1=1 --/messages", { ...buyer, body: { content: 'x' } }));
    });

    it('answers 404 with a code for a route that does not exist', async () => {
      await refused(404, 'route_not_found', () => parley.request('POST', '/conversation', { body: { participants: [] } }));
    });
  });

  describe('credentials', () => {
    const withToken = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });
    const forged: [string, () => Promise<string>, string][] = [
      ['a JWT signed with another secret', () => new SignJWT({ role: 'buyer' }).setProtectedHeader({ alg: 'HS256' }).setSubject('buyer-1').setExpirationTime('10m').sign(utf8('another-secret-0123456789abcdef0123456789')), 'invalid_token'],
      ['an alg "none" token', async () => new UnsecuredJWT({ role: 'operator' }).setSubject('buyer-1').setExpirationTime('10m').encode(), 'invalid_token'],
      ['a token signed with the right secret under another alg', () => new SignJWT({ role: 'buyer' }).setProtectedHeader({ alg: 'HS512' }).setSubject('buyer-1').setExpirationTime('10m').sign(utf8(jwtSecret)), 'invalid_token'],
      ['a token with the wrong structure', async () => 'eyJhbGciOiJIUzI1NiJ9.not-a-payload', 'invalid_token'],
      ['a random bearer value', async () => randomBytes(24).toString('base64url'), 'invalid_token'],
      ['an API key with one character changed', async () => `${apiKey.slice(0, -1)}X`, 'invalid_token'],
      ['an expired token', () => parley.token('buyer-1', 'buyer', { expiresIn: Math.floor(Date.now() / 1000) - 120 }), 'token_expired'],
      ['a token without "exp"', () => new SignJWT({ role: 'buyer' }).setProtectedHeader({ alg: 'HS256' }).setSubject('buyer-1').sign(utf8(jwtSecret)), 'invalid_token'],
      ['a token without "sub"', () => new SignJWT({ role: 'buyer' }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime(inAMinute()).sign(utf8(jwtSecret)), 'invalid_token'],
      ['a token whose "sub" is not a user id', () => parley.token('buyer 1; drop table', 'buyer'), 'invalid_token'],
      ['a token with an unknown role', () => new SignJWT({ role: 'admin' }).setProtectedHeader({ alg: 'HS256' }).setSubject('buyer-1').setExpirationTime('10m').sign(utf8(jwtSecret)), 'invalid_token'],
    ];

    it.each(forged)('refuses %s with 401', async (_name, make, code) => {
      const token = await make();
      await refused(401, code, () => sendAs({ content: 'hi' }, withToken(token)));
      await refused(401, code, () => parley.request('GET', `/conversations/${conversationId}`, withToken(token)));
      await expect(openSocket(parley.wsUrl, token)).rejects.toThrow(/401/);
    });

    it('refuses a request without Authorization', async () => {
      await refused(401, 'missing_credentials', () => parley.request('POST', '/conversations', { headers: { authorization: '' }, body: { participants: [{ userId: 'a', role: 'buyer' }] } }));
      await refused(401, 'missing_credentials', () => sendAs({ content: 'hi' }, { headers: { authorization: 'Bearer' } }));
      await refused(401, 'missing_credentials', () => sendAs({ content: 'hi' }, { headers: { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` } }));
    });

    it('refuses X-Parley-User with a JWT', async () => {
      const token = await parley.token('buyer-1');
      await refused(401, 'invalid_token', () => sendAs({ content: 'hi' }, { headers: { authorization: `Bearer ${token}`, 'x-parley-user': 'seller-1' } }));
    });

    it('refuses an X-Parley-User that is not a user id', async () => {
      await refused(400, 'invalid_user_header', () => sendAs({ content: 'hi' }, { headers: { authorization: `Bearer ${apiKey}`, 'x-parley-user': 'seller 1' } }));
    });
  });

  describe('messages', () => {
    it('refuses posting into a conversation the caller is not part of', async () => {
      await refused(404, 'conversation_not_found', () => parley.request('POST', `/conversations/${otherConversationId}/messages`, { ...buyer, body: { content: 'hi' } }));
    });

    it('refuses typed messages with an invalid payload', async () => {
      const tracking = await refused(400, 'invalid_payload', () =>
        sendAs({ messageType: 'tracking', payload: { orderId: 'o-1', carrier: 'DHL' } }, operator),
      );
      expect(tracking.body.error.details.path).toBe('/payload/trackingNumber');
      await refused(400, 'invalid_payload', () => sendAs({ messageType: 'payment_confirmation', payload: { orderId: 'o-1', amount: -5, currency: 'EUR' } }, operator));
      await refused(400, 'invalid_payload', () => sendAs({ messageType: 'product_inquiry', payload: { listingId: 'l-1' } }));
      await refused(400, 'invalid_payload', () => sendAs({ messageType: 'product_inquiry', payload: { productId: 'p-1', price: 3 } }));
      await refused(400, 'payload_required', () => sendAs({ messageType: 'order_status' }, operator));
      await refused(400, 'unexpected_payload', () => sendAs({ content: 'hi', payload: { orderId: 'o-1' } }));
    });

    it('refuses a user sending a system or platform message', async () => {
      await refused(403, 'message_type_not_allowed', () => sendAs({ messageType: 'system', content: 'Your account is suspended' }));
      await refused(403, 'message_type_not_allowed', () =>
        sendAs({ messageType: 'payment_confirmation', payload: { orderId: 'o-1', amount: 5, currency: 'EUR' } }),
      );
    });

    it('refuses an unknown message type', async () => {
      const reply = await refused(400, 'invalid_value', () => sendAs({ content: 'hi', messageType: 'shout' }));
      expect(reply.body.error.details.path).toBe('/body/messageType');
      expect(reply.body.error.message).toContain('"text"');
      expect(reply.body.error.message).toContain('"product_inquiry"');
    });
  });

  describe('query strings', () => {
    it('refuses limit=0, limit=abc and unknown parameters', async () => {
      await refused(400, 'invalid_request', () => parley.request('GET', `${messagesPath()}?limit=0`, buyer));
      await refused(400, 'wrong_type', () => parley.request('GET', `${messagesPath()}?limit=abc`, buyer));
      await refused(400, 'invalid_request', () => parley.request('GET', '/conversations?limit=0', buyer));
      await refused(400, 'wrong_type', () => parley.request('GET', '/conversations?limit=abc', buyer));
      await refused(400, 'invalid_value', () => parley.request('GET', '/conversations?type=chat', buyer));
      await refused(400, 'unknown_field', () => parley.request('GET', '/conversations?sort=desc', buyer));
      await refused(400, 'invalid_cursor', () => parley.request('GET', '/conversations?cursor=bm90LWEtY3Vyc29y', buyer));
      await refused(400, 'missing_field', () => parley.request('GET', '/messages/search', buyer));
      await refused(400, 'invalid_query', () => parley.request('GET', '/messages/search?q=%20!', buyer));
    });
  });

  describe('numbers beyond what Parley holds', () => {
    it('refuses query numbers that coerce to Infinity or beyond 2^53, which would pass a maximum', async () => {
      for (const limit of ['1e309', '-1e309', 'Infinity']) {
        const reply = await refused(400, 'number_out_of_range', () => parley.request('GET', `/conversations?limit=${limit}`, buyer));
        expect(reply.body.error.details.path).toBe('/querystring/limit');
        expect(reply.body.error.message).toContain('querystring.limit');
      }
      await refused(400, 'number_out_of_range', () => parley.request('GET', `${messagesPath()}?before=1e400`, buyer));
      // Beyond 2^53 but finite: the field's own maximum refuses it first.
      await refused(400, 'invalid_request', () => parley.request('GET', '/conversations?limit=9007199254740993', buyer));
    });

    it('refuses body numbers written beyond the double range, wherever they are', async () => {
      const seq = await refused(400, 'number_out_of_range', () => parley.request('POST', `/conversations/${conversationId}/read`, { ...buyer, body: '{"seq": 1e309}' }));
      expect(seq.body.error.details.path).toBe('/body/seq');
      await refused(400, 'number_out_of_range', () => parley.request('POST', `/conversations/${conversationId}/read`, { ...buyer, body: '{"seq": 9007199254740993}' }));
      const nested = await refused(400, 'number_out_of_range', () =>
        parley.request('POST', '/conversations', {
          body: `{"participants": [{"userId": "buyer-9", "role": "buyer"}], "contextMetadata": {"orderTotal": -1e400}}`,
        }),
      );
      expect(nested.body.error.details.path).toBe('/body/contextMetadata/orderTotal');
    });
  });

  describe('URLs the router refuses', () => {
    it('refuses a path whose percent-encoding is not UTF-8, with a code', async () => {
      await refused(400, 'invalid_url', () => parley.request('GET', '/conversations/%E0%A4%A', buyer));
      await refused(400, 'invalid_url', () => parley.request('GET', '/conversations/%ED%A0%80/messages', buyer));
    });

    it('refuses a path segment longer than any id with 414, and routes a long user id', async () => {
      await refused(414, 'path_too_long', () => parley.request('GET', `/conversations/${'q'.repeat(600)}`, buyer));
      // 128 characters is a valid user id: it reaches the route and its checks.
      const long = await parley.request('GET', `/users/${'u'.repeat(128)}/preferences`, buyer);
      expect(long.status).not.toBe(414);
      expect(long.status).toBeLessThan(500);
    });
  });

  describe('multipart bodies that cannot be read', () => {
    const attachmentsPath = () => `/conversations/${conversationId}/attachments`;
    const form = '------b\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nhello\r\n------b--\r\n';

    it('refuses a multipart body without a boundary', async () => {
      await refused(400, 'multipart_boundary_missing', () =>
        parley.request('POST', attachmentsPath(), { ...buyer, headers: { 'content-type': 'multipart/form-data' }, body: form }),
      );
    });

    it('refuses a boundary longer than multipart allows', async () => {
      await refused(400, 'invalid_multipart_boundary', () =>
        parley.request('POST', attachmentsPath(), { ...buyer, headers: { 'content-type': `multipart/form-data; boundary=${'b'.repeat(300)}` }, body: form }),
      );
    });
  });

  describe('never a 500', () => {
    const garbage = ['null', '[]', '"text"', '123', 'true', '{"content": ', '{"participants": [null]}', '{"__proto__": {"admin": true}}', '\u0000'];
    const routes = (): [string, string][] => [
      ['POST', '/conversations'],
      ['POST', messagesPath()],
      ['PATCH', `${messagesPath()}/${messageId}`],
      ['POST', `/conversations/${conversationId}/participants`],
    ];

    it('answers every garbage body on every route with a 4xx refusal that writes nothing', async () => {
      for (const [method, path] of routes()) {
        for (const body of garbage) {
          const before = await writtenState(parley);
          const reply = await parley.request(method, path, { ...buyer, body });
          expect(reply.status, `${method} ${path} ${JSON.stringify(body)}: ${JSON.stringify(reply.body)}`).toBeGreaterThanOrEqual(400);
          expect(reply.status).toBeLessThan(500);
          expect(reply.body.error.code).toMatch(/^[a-z_]+$/);
          expectSentence(reply.body.error.message);
          expect(await writtenState(parley)).toEqual(before);
        }
      }
    });
  });

  describe('over the WebSocket', () => {
    let socket: TestSocket;
    beforeAll(async () => {
      socket = await parley.connect('buyer-1');
    });

    const refusedFrame = async (frame: unknown, code: string) => {
      const before = await writtenState(parley);
      const since = socket.events.length;
      if (Buffer.isBuffer(frame)) socket.ws.send(frame, { binary: true });
      else socket.send(frame);
      const event = await nextAfter(socket, since, (e) => e.type === 'error');
      expect(event.code).toBe(code);
      expectSentence(event.message);
      expect(await writtenState(parley)).toEqual(before);
      // The socket is still usable.
      await roundTrip(socket);
      expect(socket.ws.readyState).toBe(WebSocket.OPEN);
      return event;
    };

    it('refuses a frame that is not JSON', async () => {
      await refusedFrame('hello {', 'malformed_frame');
    });

    it('refuses a binary frame', async () => {
      await refusedFrame(Buffer.from('{"type":"ping"}'), 'malformed_frame');
    });

    it('refuses an unknown frame type', async () => {
      await refusedFrame({ type: 'message.delete', conversationId }, 'invalid_frame');
    });

    it('refuses a message.send without clientMessageId', async () => {
      await refusedFrame({ type: 'message.send', conversationId, content: 'hi' }, 'invalid_frame');
    });

    it('refuses a message.send into a conversation the user is not part of', async () => {
      const event = await refusedFrame({ type: 'message.send', conversationId: otherConversationId, clientMessageId: 'c-1', content: 'hi' }, 'conversation_not_found');
      expect(event.clientMessageId).toBe('c-1');
    });

    it('refuses a message.send with an invalid payload or type', async () => {
      await refusedFrame({ type: 'message.send', conversationId, clientMessageId: 'c-2', messageType: 'system', content: 'hi' }, 'message_type_not_allowed');
      await refusedFrame({ type: 'message.send', conversationId, clientMessageId: 'c-3', messageType: 'product_inquiry', payload: {} }, 'invalid_payload');
      await refusedFrame({ type: 'message.send', conversationId: 'not-a-uuid', clientMessageId: 'c-4', content: 'hi' }, 'conversation_not_found');
    });

    it('refuses a message.send whose attachment ids are not ids', async () => {
      await refusedFrame({ type: 'message.send', conversationId, clientMessageId: 'c-5', messageType: 'file', attachments: ['not-a-uuid'] }, 'invalid_attachment');
      await refusedFrame({ type: 'message.send', conversationId, clientMessageId: 'c-6', messageType: 'file', attachments: [randomUUID(), 'x'] }, 'invalid_attachment');
      await refusedFrame({ type: 'message.send', conversationId, clientMessageId: 'c-7', messageType: 'file', attachments: ['-'.repeat(36)] }, 'invalid_attachment');
    });
  });
});
