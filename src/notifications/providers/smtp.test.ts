import { generateKeyPairSync } from 'node:crypto';
import type { NodemailerError } from 'nodemailer';
import { afterEach, describe, expect, it } from 'vitest';
import { type SmtpFake, startSmtpFake } from '../../../test/support/fakes/smtp.ts';
import { emailMessage, failure, providerContext, refusedUrl } from '../../../test/support/provider-tests.ts';
import { classifySmtpError, smtpProvider } from './smtp.ts';
import type { EmailMessage, Provider } from './types.ts';

const context = providerContext('smtp-test');

const message: EmailMessage = { ...emailMessage, tags: {} };

// Every test closes what it opened: the provider's pool first, then the server.
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of cleanup.splice(0).reverse()) await close();
});

async function setup(fakeOptions: Parameters<typeof startSmtpFake>[0] = {}, providerOptions: Partial<Parameters<typeof smtpProvider>[0]> = {}): Promise<{ fake: SmtpFake; provider: Provider<'email'> }> {
  const fake = await startSmtpFake(fakeOptions);
  cleanup.push(() => fake.close());
  const provider = smtpProvider({ host: fake.host, port: fake.port, from: 'The Shop <shop@example.com>', timeoutMs: 5_000, ...providerOptions }, context);
  cleanup.push(() => provider.close!());
  return { fake, provider };
}

describe('smtp provider', () => {
  it('delivers a multipart message with the delivery id header and Message-ID', async () => {
    const { fake, provider } = await setup();
    const result = await provider.send(message);
    expect(result.externalId).toBe(`<${message.deliveryId}@example.com>`);
    expect(fake.requests).toHaveLength(1);
    const mail = fake.requests[0]!;
    expect(mail).toMatchObject({ from: 'shop@example.com', to: ['buyer@example.com'], subject: 'Your order shipped', html: '<p>It is on its way.</p>' });
    expect(mail.text?.trim()).toBe('It is on its way.');
    expect(mail.headers['x-parley-delivery-id']).toBe(message.deliveryId);
    expect(mail.headers['message-id']).toBe(`<${message.deliveryId}@example.com>`);
    expect(mail.headers['list-unsubscribe']).toBeUndefined();
    expect(mail.headers['content-type']).toMatch(/^multipart\/alternative/);
    expect(mail.headers.from).toBe('The Shop <shop@example.com>');
  });

  it('sends a text-only message as a single part', async () => {
    const { fake, provider } = await setup();
    await provider.send({ ...message, html: undefined });
    expect(fake.requests[0]!.html).toBeUndefined();
    expect(fake.requests[0]!.headers['content-type']).toMatch(/^text\/plain/);
  });

  it('carries the List-Unsubscribe header fields it is given, as RFC 8058 writes them', async () => {
    const { fake, provider } = await setup();
    await provider.send({ ...message, headers: { 'List-Unsubscribe': '<https://parley.example/u/tok>, <mailto:unsubscribe@shop.example?subject=unsubscribe>', 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } });
    const mail = fake.requests[0]!;
    expect(mail.headers['list-unsubscribe']).toBe('<https://parley.example/u/tok>, <mailto:unsubscribe@shop.example?subject=unsubscribe>');
    expect(mail.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
  });

  it('sets Reply-To to the reply address it is given', async () => {
    const { fake, provider } = await setup();
    await provider.send({ ...message, replyTo: 'reply+0123456789abcdef0123456789abcdef01234567@reply.shop.example' });
    expect(fake.requests[0]!.headers['reply-to']).toBe('reply+0123456789abcdef0123456789abcdef01234567@reply.shop.example');
  });

  it('signs with DKIM for the sender domain and the default selector when only a key is given', async () => {
    const privateKey = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    const { fake, provider } = await setup({}, { dkim: { privateKey } });
    await provider.send({ ...message, headers: { 'List-Unsubscribe': '<https://parley.example/u/tok>, <mailto:unsubscribe@shop.example?subject=unsubscribe>', 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } });
    const signature = fake.requests[0]!.headers['dkim-signature'];
    expect(signature).toContain('d=example.com;');
    expect(signature).toContain('s=parley;');
    // The one-click header fields are signed: Gmail wants List-Unsubscribe covered by DKIM.
    expect(signature).toMatch(/h=[^;]*List-Unsubscribe[^;]*;/i);
    expect(signature).toMatch(/h=[^;]*List-Unsubscribe-Post[^;]*;/i);
  });

  it('signs with DKIM when configured', async () => {
    const privateKey = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    const { fake, provider } = await setup({}, { dkim: { domainName: 'example.com', keySelector: 'parley', privateKey } });
    await provider.send(message);
    const signature = fake.requests[0]!.headers['dkim-signature'];
    expect(signature).toContain('a=rsa-sha256;');
    expect(signature).toContain('d=example.com;');
    expect(signature).toContain('s=parley;');
  });

  it('logs in when the server requires it', async () => {
    const { fake, provider } = await setup({ auth: { user: 'parley', pass: 's3cret' } }, { auth: { user: 'parley', pass: 's3cret' } });
    await provider.send(message);
    expect(fake.requests[0]!.user).toBe('parley');
  });

  it('classifies rejected credentials as permanent unauthorized', async () => {
    const { fake, provider } = await setup({ auth: { user: 'parley', pass: 's3cret' } }, { auth: { user: 'parley', pass: 'wrong' } });
    const err = await failure(provider.send(message));
    expect(err).toMatchObject({ kind: 'permanent', code: 'unauthorized', status: 535 });
    expect(fake.requests).toHaveLength(0);
  });

  it('classifies a 550 to RCPT TO as a permanent invalid_address', async () => {
    const { fake, provider } = await setup();
    fake.script('rcpt-550');
    const err = await failure(provider.send(message));
    expect(err).toMatchObject({ kind: 'permanent', code: 'invalid_address', status: 550 });
    // the pooled connection stays usable for the next message
    await provider.send(message);
    expect(fake.requests).toHaveLength(1);
  });

  it('classifies a 451 to RCPT TO as retryable', async () => {
    const { fake, provider } = await setup();
    fake.script('rcpt-451');
    const err = await failure(provider.send(message));
    expect(err).toMatchObject({ kind: 'retryable', code: 'deferred', status: 451 });
  });

  it('classifies a 452 to DATA as retryable', async () => {
    const { fake, provider } = await setup();
    fake.script('data-452');
    const err = await failure(provider.send(message));
    expect(err).toMatchObject({ kind: 'retryable', code: 'deferred', status: 452 });
    expect(fake.requests).toHaveLength(0);
  });

  it('treats a refused connection as retryable', async () => {
    const { port } = new URL(await refusedUrl('smtp'));
    const provider = smtpProvider({ host: '127.0.0.1', port: Number(port), from: 'shop@example.com', timeoutMs: 2_000 }, context);
    cleanup.push(() => provider.close!());
    const err = await failure(provider.send(message));
    expect(err).toMatchObject({ kind: 'retryable', code: 'connection_failed' });
    expect(err.status).toBeUndefined();
  });
});

describe('classifySmtpError', () => {
  const error = (fields: Partial<NodemailerError>) => Object.assign(new Error('failed'), fields) as NodemailerError;

  it.each([
    [{ code: 'EENVELOPE', command: 'RCPT TO', responseCode: 550, response: '550 5.7.1 Relaying denied' }, 'permanent', 'rejected'],
    [{ code: 'EENVELOPE', command: 'RCPT TO', responseCode: 553, response: '553 mailbox name not allowed' }, 'permanent', 'invalid_address'],
    [{ code: 'EENVELOPE', command: 'RCPT TO', responseCode: 552, response: '552 5.2.2 Mailbox full' }, 'permanent', 'rejected'],
    [{ code: 'EMESSAGE', command: 'DATA', responseCode: 554, response: '554 5.6.0 Message rejected as spam' }, 'permanent', 'rejected'],
    [{ code: 'EENVELOPE', command: 'MAIL FROM', responseCode: 530, response: '530 5.7.0 Authentication required' }, 'permanent', 'unauthorized'],
    [{ code: 'EPROTOCOL', command: 'RCPT TO', responseCode: 503, response: '503 5.5.1 Bad sequence of commands' }, 'retryable', 'deferred'],
    [{ code: 'ECONNECTION', responseCode: 421, response: '421 4.3.2 Service shutting down' }, 'retryable', 'deferred'],
    [{ code: 'ETIMEDOUT' }, 'retryable', 'timeout'],
    [{ code: 'EDNS', originalCode: 'ENOTFOUND' }, 'retryable', 'connection_failed'],
    [{ code: 'ESOCKET', originalCode: 'ECONNRESET' }, 'retryable', 'connection_failed'],
    [{ code: 'EAUTH', command: 'AUTH PLAIN', responseCode: 535, response: '535 5.7.8 Authentication credentials invalid' }, 'permanent', 'unauthorized'],
  ] as const)('%o → %s %s', (fields, kind, code) => {
    expect(classifySmtpError(error(fields))).toMatchObject({ kind, code });
  });
});
