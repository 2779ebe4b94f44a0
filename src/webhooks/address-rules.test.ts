import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webhookHeaders, newWebhookSecret, verifyWebhook } from '../crypto/standard-webhooks.ts';
import { AddressRefused, type Lookup, createAddressRules, isForbiddenAddress } from './address-rules.ts';
import { createWebhookSender } from './webhook-sender.ts';

describe('the address rules', () => {
  it('forbid loopback, private, shared, link-local (metadata), reserved and IPv6 forms of them', () => {
    for (const address of ['127.0.0.1', '127.8.9.10', '10.0.0.1', '10.255.255.255', '172.16.0.1', '172.31.255.254', '192.168.1.1', '169.254.169.254', '100.100.100.200', '0.0.0.0', '224.0.0.1', '255.255.255.255', '::1', '::', 'fe80::1', 'fd00:ec2::254', 'fc00::1', '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:a9fe:a9fe', '64:ff9b::10.0.0.1']) {
      expect(isForbiddenAddress(address), address).toBe(true);
    }
    for (const address of ['93.184.216.34', '8.8.8.8', '172.32.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8']) {
      expect(isForbiddenAddress(address), address).toBe(false);
    }
  });

  const resolvesTo = (map: Record<string, string[]>): Lookup => async (hostname) => (map[hostname] ?? []).map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

  it('refuse URLs whose host is, or resolves to, a forbidden address (any of its addresses), with a clear code', async () => {
    const rules = createAddressRules({ lookup: resolvesTo({ 'shop.example': ['93.184.216.34'], 'inside.example': ['10.1.2.3'], 'mixed.example': ['93.184.216.34', '127.0.0.1'], 'v6.example': ['::1'] }) });
    await expect(rules.checkUrl('https://shop.example/hooks')).resolves.toBeUndefined();
    for (const url of ['http://127.0.0.1:8080/', 'http://10.0.0.7/', 'http://169.254.169.254/latest/meta-data/', 'http://[::1]/', 'https://inside.example/', 'https://mixed.example/', 'https://v6.example/']) {
      const refusal = await rules.checkUrl(url).catch((e: unknown) => e);
      expect(refusal, url).toBeInstanceOf(AddressRefused);
      expect((refusal as AddressRefused).code).toBe('url_not_allowed');
    }
    await expect(rules.checkUrl('https://nowhere.example/')).rejects.toMatchObject({ code: 'url_unresolvable' });
    await expect(rules.checkUrl('ftp://shop.example/')).rejects.toMatchObject({ code: 'url_not_allowed' });
    await expect(rules.checkUrl('https://user:pw@shop.example/')).rejects.toMatchObject({ code: 'url_not_allowed' });
  });

  it('let an operator allow named hosts and networks', async () => {
    const rules = createAddressRules({ allowHosts: ['10.20.0.0/16', 'crm.internal'], lookup: resolvesTo({ 'crm.internal': ['10.9.9.9'], 'helpdesk.internal': ['10.20.1.2'], 'other.internal': ['10.30.1.2'] }) });
    await expect(rules.checkUrl('https://crm.internal/')).resolves.toBeUndefined();
    await expect(rules.checkUrl('https://helpdesk.internal/')).resolves.toBeUndefined();
    await expect(rules.checkUrl('http://10.20.3.4/')).resolves.toBeUndefined();
    await expect(rules.checkUrl('https://other.internal/')).rejects.toMatchObject({ code: 'url_not_allowed' });
  });
});

describe('the webhook sender', () => {
  let server: Server;
  let port: number;
  const received: { headers: Record<string, string | string[] | undefined>; body: string }[] = [];
  let answer = (res: import('node:http').ServerResponse) => res.writeHead(204).end();

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        answer(res);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const limits = { timeoutMs: 2000, maxResponseBytes: 1024 };

  it('refuses a rebinding: the name was public when checked and private when connecting', async () => {
    let lookups = 0;
    const rebinding: Lookup = async () => (lookups++ === 0 ? [{ address: '93.184.216.34', family: 4 }] : [{ address: '127.0.0.1', family: 4 }]);
    const sender = createWebhookSender(createAddressRules({ lookup: rebinding }), limits);
    const before = received.length;
    const result = await sender.post(`http://rebind.example:${port}/hook`, {}, '{}');
    await sender.close();
    expect(lookups).toBeGreaterThanOrEqual(2);
    expect(result).toMatchObject({ ok: false, status: null, error: 'url_not_allowed' });
    expect(received.length).toBe(before);
  });

  it('refuses loopback, private and metadata addresses without the allow list, and a name resolving to them', async () => {
    const sender = createWebhookSender(createAddressRules({ lookup: async () => [{ address: '127.0.0.1', family: 4 }] }), limits);
    for (const url of [`http://127.0.0.1:${port}/`, 'http://10.0.0.1/', 'http://169.254.169.254/latest/meta-data/', `http://[::1]:${port}/`, `http://receiver.example:${port}/`]) {
      expect(await sender.post(url, {}, '{}'), url).toMatchObject({ ok: false, error: 'url_not_allowed' });
    }
    await sender.close();
    expect(received).toHaveLength(0);
  });

  it('delivers to an allowed host, signed so that a receiver verifies it, and does not follow redirects or read more than the cap', async () => {
    const sender = createWebhookSender(createAddressRules({ allowHosts: ['127.0.0.1'], lookup: async () => [{ address: '127.0.0.1', family: 4 }] }), limits);
    const secret = newWebhookSecret();
    const body = JSON.stringify({ type: 'message.created', data: { hello: 'world' } });
    const ok = await sender.post(`http://receiver.example:${port}/hook`, webhookHeaders([secret], 'evt-1', Math.floor(Date.now() / 1000), body), body);
    expect(ok).toMatchObject({ ok: true, status: 204 });
    const got = received.at(-1)!;
    expect(verifyWebhook(secret, { id: String(got.headers['webhook-id']), timestamp: String(got.headers['webhook-timestamp']), signature: String(got.headers['webhook-signature']) }, got.body)).toBe(true);
    expect(verifyWebhook(newWebhookSecret(), { id: 'evt-1', timestamp: String(got.headers['webhook-timestamp']), signature: String(got.headers['webhook-signature']) }, got.body)).toBe(false);

    answer = (res) => res.writeHead(302, { location: 'http://169.254.169.254/' }).end();
    expect(await sender.post(`http://127.0.0.1:${port}/hook`, {}, '{}')).toMatchObject({ ok: false, status: 302, error: 'redirect_refused' });
    answer = (res) => res.writeHead(500).end('x'.repeat(100_000));
    const big = await sender.post(`http://127.0.0.1:${port}/hook`, {}, '{}');
    expect(big).toMatchObject({ ok: false, status: 500, error: 'http_500' });
    expect(big.detail!.length).toBeLessThanOrEqual(200);
    answer = (res) => res.writeHead(429, { 'retry-after': '120' }).end();
    expect(await sender.post(`http://127.0.0.1:${port}/hook`, {}, '{}')).toMatchObject({ ok: false, status: 429, retryAfterMs: 120_000 });
    answer = (res) => res.writeHead(204).end();
    await sender.close();
  });
});
