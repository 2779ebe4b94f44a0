import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from './support/backends.ts';
import { placeOrder, quietJobs, runJob } from './support/marketplace.ts';
import { expectSentence, rowCounts, sendMessage, startParley, type TestParley } from './support/parley.ts';

const uid = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;
const DOMAIN = 'reply.shop.example';
const SENDGRID_AUTH = 'inbound:0123456789abcdef0123';
const MAILGUN_KEY = 'key-test-mailgun-signing-0123456789';
const MAX_BYTES = 64 * 1024;

describe.each(backends)('reply by email on $name', (backend) => {
  let parley: TestParley;
  let port: number;

  beforeAll(async () => {
    parley = await startParley(backend, {
      env: {
        ...quietJobs,
        PARLEY_UNREAD_REMINDER_SECONDS: '600',
        PARLEY_REPLY_DOMAIN: DOMAIN,
        PARLEY_REPLY_SMTP_PORT: '0',
        PARLEY_REPLY_SMTP_HOST: '127.0.0.1',
        PARLEY_REPLY_MAX_BYTES: String(MAX_BYTES),
        PARLEY_REPLY_SENDGRID_AUTH: SENDGRID_AUTH,
        PARLEY_REPLY_MAILGUN_SIGNING_KEY: MAILGUN_KEY,
      },
    });
    port = parley.app.parley.emailReplies.smtpPort()!;
  });
  afterAll(async () => parley?.close());

  /** An order whose buyer got an unread reminder by email; its Reply-To is the buyer's reply address. */
  async function reminded() {
    const buyer = uid('buyer');
    const seller = uid('seller');
    const email = `${buyer}@example.com`;
    const { conversationId } = await placeOrder(parley, { buyer: { userId: buyer, name: 'Ana', email }, seller: { userId: seller, name: 'Mugs & Co' } });
    await sendMessage(parley, conversationId, 'Do you want gift wrapping?', { as: seller, role: 'seller' });
    await parley.db.updateTable('conversation_participants').set({ reminder_due_at: new Date(Date.now() - 1000) }).where('conversation_id', '=', conversationId).where('user_id', '=', buyer).execute();
    expect(await runJob(parley, 'unread-reminders')).toBe(1);
    const row = await parley.db
      .selectFrom('notification_logs')
      .select(['channel', 'content'])
      .where('user_id', '=', buyer)
      .where('channel', '=', 'email')
      .where(sql<boolean>`content->'fields'->>'subject' ILIKE '%unread message%'`)
      .executeTakeFirstOrThrow();
    const replyTo = (row.content as any).fields.replyTo as string;
    return { buyer, seller, email, conversationId, replyTo };
  }

  /** Sends one email to the listener with a real SMTP client; resolves with the server's answer. */
  async function smtpSend(message: SendMailOptions): Promise<{ code: number; response: string }> {
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
    try {
      const info = await transport.sendMail(message);
      return { code: Number(info.response.slice(0, 3)), response: info.response };
    } catch (error) {
      const e = error as { responseCode?: number; response?: string; rejectedErrors?: { responseCode?: number; response?: string }[] };
      const first = e.rejectedErrors?.[0] ?? e;
      return { code: first.responseCode ?? 0, response: first.response ?? String(error) };
    } finally {
      transport.close();
    }
  }

  const messagesOf = async (conversationId: string, as: string, role: 'buyer' | 'seller') => {
    const reply = await parley.request('GET', `/conversations/${conversationId}/messages?limit=200`, { as, role });
    expect(reply.status).toBe(200);
    return reply.body.messages as any[];
  };

  const quoted = (text: string) => `${text}\n\nOn Mon, Dec 7, 2026 at 9:12 AM Parley <notifications@shop.example> wrote:\n> Mugs & Co: Do you want gift wrapping?\n`;

  it('gives the emailed reminder a short, signed reply address of the recipient', async () => {
    const { replyTo } = await reminded();
    expect(replyTo).toMatch(new RegExp(`^reply\\+[0-9a-f]{44}@${DOMAIN.replace(/\./g, '\\.')}$`));
    expect(replyTo.split('@')[0]!.length).toBeLessThanOrEqual(64);
  });

  it('posts a reply sent over SMTP into the conversation as the participant, masked, quote and signature cut, once', async () => {
    const { buyer, seller, email, conversationId, replyTo } = await reminded();
    const socket = await parley.connect(seller, 'seller');
    const unreadOf = async () =>
      Number((await parley.db.selectFrom('conversation_participants').select('unread_count').where('conversation_id', '=', conversationId).where('user_id', '=', seller).executeTakeFirstOrThrow()).unread_count);
    const unreadBefore = await unreadOf();
    const messageId = `<${randomUUID()}@mail.example.com>`;
    const mail = { from: `Ana <${email}>`, to: replyTo, subject: 'Re: Unread message', messageId, text: quoted('Yes please! Call me on +1 415 555 2671\n\n-- \nAna\nSent from my iPhone') };
    const sent = await smtpSend(mail);
    expect(sent.code, sent.response).toBe(250);

    const live = await socket.next((e) => e.type === 'message.created' && e.message?.senderId === buyer);
    expect(live.message.content).toBe('Yes please! Call me on [phone number hidden]');
    const seen = (await messagesOf(conversationId, seller, 'seller')).filter((m) => m.senderId === buyer);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ content: 'Yes please! Call me on [phone number hidden]', masked: true, metadata: expect.objectContaining({ via: 'email' }) });
    const own = (await messagesOf(conversationId, buyer, 'buyer')).filter((m) => m.senderId === buyer);
    expect(own[0].content).toBe('Yes please! Call me on +1 415 555 2671');
    expect(await unreadOf()).toBe(unreadBefore + 1);

    // The same email delivered again (a retry after a lost answer) is not posted twice.
    const again = await smtpSend(mail);
    expect(again.code).toBe(250);
    expect((await messagesOf(conversationId, seller, 'seller')).filter((m) => m.senderId === buyer)).toHaveLength(1);
  });

  it('refuses over SMTP, with a reply code and the reason, whatever it cannot take; nothing is written', async () => {
    const { buyer, email, conversationId, replyTo } = await reminded();
    const before = await rowCounts(parley.db);
    const forged = replyTo.replace(/^reply\+(.)/, (_m, c: string) => `reply+${c === 'a' ? 'b' : 'a'}`);
    const cases: [SendMailOptions, number, string][] = [
      [{ from: 'mallory@evil.example', to: replyTo, text: 'I am Ana' }, 550, 'sender_mismatch'],
      [{ from: email, to: forged, text: 'Hello' }, 550, 'invalid_reply_address'],
      [{ from: email, to: `reply+${'0'.repeat(44)}@${DOMAIN}`, text: 'Hello' }, 550, 'invalid_reply_address'],
      [{ from: email, to: `someone@${DOMAIN}`, text: 'Hello' }, 550, 'no_reply_address'],
      [{ from: email, to: 'ana@elsewhere.example', text: 'Relay me' }, 550, 'relay_denied'],
      [{ from: email, to: replyTo, text: quoted('') }, 550, 'empty_reply'],
      [{ from: email, to: replyTo, text: 'I am out of office', headers: { 'Auto-Submitted': 'auto-replied' } }, 550, 'automatic_reply'],
      [{ from: email, to: replyTo, text: `Big\n${'x'.repeat(MAX_BYTES)}` }, 552, 'mail_too_large'],
    ];
    for (const [message, code, reason] of cases) {
      const answer = await smtpSend({ subject: 'Re: Unread message', ...message });
      expect(answer.code, `${reason}: ${answer.response}`).toBe(code);
      expect(answer.response).toContain(`[${reason}]`);
    }
    // A bounce (empty MAIL FROM) is not a reply.
    const bounce = await smtpSend({ envelope: { from: '', to: replyTo }, from: email, to: replyTo, text: 'Delivery failed' });
    expect(bounce.response).toContain('[automatic_reply]');

    // An expired address: refused after its time.
    await parley.db.updateTable('email_reply_addresses').set({ expires_at: new Date(Date.now() - 1000) }).where('conversation_id', '=', conversationId).where('user_id', '=', buyer).execute();
    const expired = await smtpSend({ from: email, to: replyTo, text: 'Late answer' });
    expect(expired.code).toBe(550);
    expect(expired.response).toContain('[reply_address_expired]');
    expect(await rowCounts(parley.db)).toEqual(before);
  });

  it('takes one reply address per message over SMTP, deferring a second one with 452', async () => {
    const first = await reminded();
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
    const other = await parley.app.parley.emailReplies.replyAddress!(first.conversationId, first.seller);
    const info = await transport.sendMail({ from: first.email, to: [first.replyTo, other], subject: 'Re: both', text: 'Thanks, both of you.' });
    transport.close();
    expect(info.accepted).toEqual([first.replyTo]);
    expect(info.rejected).toEqual([other]);
    expect((info as unknown as { rejectedErrors: { responseCode: number }[] }).rejectedErrors[0]!.responseCode).toBe(452);
    expect((await messagesOf(first.conversationId, first.seller, 'seller')).filter((m) => m.senderId === first.buyer).map((m) => m.content)).toEqual(['Thanks, both of you.']);
  });

  it('stops taking replies through the addresses of an erased user', async () => {
    const { buyer, email, replyTo } = await reminded();
    expect((await parley.request('DELETE', `/users/${buyer}`)).status).toBe(200);
    const answer = await smtpSend({ from: email, to: replyTo, text: 'Still there?' });
    expect(answer.code).toBe(550);
    expect(answer.response).toContain('[unknown_reply_address]');
  });

  describe('SendGrid Inbound Parse', () => {
    const post = (form: FormData, auth = SENDGRID_AUTH) =>
      fetch(`${parley.url}/email-replies/sendgrid`, { method: 'POST', headers: { authorization: `Basic ${Buffer.from(auth).toString('base64')}` }, body: form });
    /** The parsed form SendGrid posts (multipart/form-data). */
    function parsed(fields: { to: string; from: string; text: string; messageId?: string; headers?: string }) {
      const form = new FormData();
      form.set('headers', fields.headers ?? `Message-ID: ${fields.messageId ?? `<${randomUUID()}@mail.example.com>`}\nFrom: ${fields.from}\nTo: ${fields.to}\nSubject: Re: Unread message\n`);
      form.set('dkim', '{@example.com : pass}');
      form.set('to', fields.to);
      form.set('from', `Ana <${fields.from}>`);
      form.set('text', fields.text);
      form.set('html', `<div>${fields.text}</div>`);
      form.set('sender_ip', '203.0.113.5');
      form.set('envelope', JSON.stringify({ to: [fields.to], from: fields.from }));
      form.set('attachments', '0');
      form.set('subject', 'Re: Unread message');
      form.set('charsets', JSON.stringify({ to: 'UTF-8', from: 'UTF-8', subject: 'UTF-8', text: 'UTF-8' }));
      form.set('SPF', 'pass');
      return form;
    }

    it('posts the parsed and the raw form into the conversation', async () => {
      const { buyer, seller, email, conversationId, replyTo } = await reminded();
      const first = await post(parsed({ to: replyTo, from: email, text: quoted('Wrapped, thanks') }));
      expect(first.status).toBe(200);
      expect(await first.json()).toMatchObject({ status: 'posted', conversationId, created: true });

      const raw = new FormData();
      raw.set('email', `From: Ana <${email}>\r\nTo: ${replyTo}\r\nSubject: Re: Unread message\r\nMessage-ID: <${randomUUID()}@mail.example.com>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nAnd a card, please.\r\n\r\n-----Original Message-----\r\nFrom: Parley\r\nSent: Monday\r\nTo: Ana\r\n`);
      raw.set('to', replyTo);
      raw.set('from', email);
      raw.set('envelope', JSON.stringify({ to: [replyTo], from: email }));
      const second = await post(raw);
      expect(second.status).toBe(200);
      const texts = (await messagesOf(conversationId, seller, 'seller')).filter((m) => m.senderId === buyer).map((m) => m.content);
      expect(texts).toEqual(['Wrapped, thanks', 'And a card, please.']);
    });

    it('refuses wrong credentials with 401, and mail it cannot take with 406; nothing is written', async () => {
      const { email, replyTo } = await reminded();
      const before = await rowCounts(parley.db);
      const unauthorised = await post(parsed({ to: replyTo, from: email, text: 'Hi' }), 'inbound:wrong-password-0000000');
      expect(unauthorised.status).toBe(401);
      expect(unauthorised.headers.get('www-authenticate')).toMatch(/^Basic/);
      for (const [fields, code] of [
        [{ to: replyTo, from: 'mallory@evil.example', text: 'Hi' }, 'sender_mismatch'],
        [{ to: replyTo.replace('reply+', 'reply+f'), from: email, text: 'Hi' }, 'invalid_reply_address'],
        [{ to: replyTo, from: email, text: 'Away', headers: `Message-ID: <a@b>\nAuto-Submitted: auto-replied\n` }, 'automatic_reply'],
      ] as const) {
        const answer = await post(parsed(fields));
        expect(answer.status).toBe(406);
        const body = await answer.json();
        expect(body.error.code).toBe(code);
        expectSentence(body.error.message);
      }
      const malformed = new FormData();
      malformed.set('to', replyTo);
      const missing = await post(malformed);
      expect(missing.status).toBe(400);
      const tooLarge = parsed({ to: replyTo, from: email, text: 'Big' });
      tooLarge.set('attachment1', new Blob([randomBytes(MAX_BYTES + 10)]), 'photo.jpg');
      expect((await post(tooLarge)).status).toBe(413);
      expect(await rowCounts(parley.db)).toEqual(before);
    });
  });

  describe('Mailgun routes', () => {
    function signed(fields: Record<string, string>, { key = MAILGUN_KEY, timestamp = Math.floor(Date.now() / 1000), token = randomBytes(25).toString('hex') } = {}) {
      const signature = createHmac('sha256', key).update(`${timestamp}${token}`).digest('hex');
      return new URLSearchParams({ ...fields, timestamp: String(timestamp), token, signature });
    }
    const post = (body: URLSearchParams) => fetch(`${parley.url}/email-replies/mailgun`, { method: 'POST', body });
    const routeFields = (replyTo: string, from: string, text: string, extraHeaders: [string, string][] = []) => ({
      recipient: replyTo,
      sender: from,
      from: `Ana <${from}>`,
      subject: 'Re: Unread message',
      'body-plain': text,
      'stripped-text': text.split('\n')[0]!,
      'message-headers': JSON.stringify([['Message-Id', `<${randomUUID()}@mail.example.com>`], ['From', `Ana <${from}>`], ['To', replyTo], ...extraHeaders]),
      'attachment-count': '0',
    });

    it('posts a signed route post into the conversation', async () => {
      const { buyer, seller, email, conversationId, replyTo } = await reminded();
      // Mail systems may change the case of an address: it still verifies.
      const answer = await post(signed(routeFields(replyTo.toUpperCase(), email, quoted('Tuesday works.'))));
      expect(answer.status).toBe(200);
      // A route whose URL ends in "mime" gets the raw message in body-mime.
      const mime = `From: Ana <${email}>\r\nTo: ${replyTo}\r\nSubject: Re: Unread message\r\nMessage-ID: <${randomUUID()}@mail.example.com>\r\n\r\nMorning, please.\r\n\r\n> When?\r\n`;
      const raw = await post(signed({ recipient: replyTo, sender: email, from: email, 'body-mime': mime }));
      expect(raw.status).toBe(200);
      expect((await messagesOf(conversationId, seller, 'seller')).filter((m) => m.senderId === buyer).map((m) => m.content)).toEqual(['Tuesday works.', 'Morning, please.']);
    });

    it('refuses a bad, stale or replayed signature with 403, and mail it cannot take with 406; nothing is written', async () => {
      const { email, replyTo } = await reminded();
      const before = await rowCounts(parley.db);
      const fields = routeFields(replyTo, email, 'Hello');
      expect((await post(signed(fields, { key: 'key-somebody-else-000000000000' }))).status).toBe(403);
      expect((await post(signed(fields, { timestamp: Math.floor(Date.now() / 1000) - 3600 }))).status).toBe(403);
      const unsigned = await post(new URLSearchParams(fields));
      expect(unsigned.status).toBe(403);
      expect((await unsigned.json()).error.code).toBe('invalid_signature');

      const token = randomBytes(25).toString('hex');
      const wrongSender = await post(signed(routeFields(replyTo, 'mallory@evil.example', 'Hi'), { token }));
      expect(wrongSender.status).toBe(406);
      expect((await wrongSender.json()).error.code).toBe('sender_mismatch');
      // The same signature again, with another body: refused before the body is looked at.
      const replayed = await post(signed(fields, { token }));
      expect(replayed.status).toBe(403);
      const outOfOffice = await post(signed(routeFields(replyTo, email, 'Away', [['Auto-Submitted', 'auto-replied']])));
      expect(outOfOffice.status).toBe(406);
      expect(await rowCounts(parley.db)).toEqual(before);
    });
  });
});

describe('reply by email switched off', () => {
  it('answers 404 on the webhooks and starts no listener', async () => {
    const parley = await startParley(backends[0]!);
    try {
      expect(parley.app.parley.emailReplies.smtpPort()).toBeUndefined();
      expect(parley.app.parley.emailReplies.replyAddress).toBeUndefined();
      const answer = await fetch(`${parley.url}/email-replies/mailgun`, { method: 'POST', body: new URLSearchParams({ a: 'b' }) });
      expect(answer.status).toBe(404);
      expect((await answer.json()).error.code).toBe('inbound_webhook_not_configured');
    } finally {
      await parley.close();
    }
  });
});
