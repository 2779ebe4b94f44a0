import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from './support/backends.ts';
import { MAILGUN_API_KEY, MAILGUN_DOMAIN, type MailgunFake, startMailgunFake } from './support/fakes/mailgun.ts';
import { SENDGRID_API_KEY, type SendGridFake, startSendGridFake } from './support/fakes/sendgrid.ts';
import { SES_CREDENTIALS, type SesFake, startSesFake } from './support/fakes/ses.ts';
import { type ReceivedMail, type SmtpFake, startSmtpFake } from './support/fakes/smtp.ts';
import { eventually, startParley, type TestParley } from './support/parley.ts';

const user = (name: string) => `${name}-${randomUUID().slice(0, 8)}`;
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

async function finalDelivery(parley: TestParley, requestId: string) {
  let last: any;
  await eventually(async () => {
    const { body } = await parley.request('GET', `/notifications/${requestId}`);
    last = body.deliveries?.[0];
    return last && !['queued', 'standby', 'sending'].includes(last.status);
  }, 'the email delivery');
  return last;
}

/** The https link of a List-Unsubscribe header field, as a path on this Parley. */
function unsubscribePath(mail: ReceivedMail): string {
  const https = /<(https?:\/\/[^>]+)>/.exec(mail.headers['list-unsubscribe'] ?? '')?.[1];
  expect(https, 'an https link in List-Unsubscribe').toBeDefined();
  return new URL(https!).pathname;
}

/** What a mail client does for RFC 8058: POST the link with List-Unsubscribe=One-Click, no cookies, no credentials. */
function oneClick(parley: TestParley, path: string) {
  return fetch(parley.url + path, { method: 'POST', headers: FORM, body: 'List-Unsubscribe=One-Click' });
}

describe.each(backends)('one-click unsubscribe and the preference page on $name', (backend) => {
  let parley: TestParley;
  let smtp: SmtpFake;

  beforeAll(async () => {
    smtp = await startSmtpFake();
    const providers = { email: [{ type: 'smtp', name: 'smtp', host: smtp.host, port: smtp.port, secure: false, from: 'Shop <news@shop.example>' }] };
    parley = await startParley(backend, {
      env: {
        PARLEY_POLL_MS: '50',
        PARLEY_PROVIDERS: JSON.stringify(providers),
        PARLEY_PUBLIC_URL: 'https://parley.shop.example',
        PARLEY_UNSUBSCRIBE_MAILTO: 'unsubscribe@shop.example',
        // A DKIM key and nothing else: the SMTP provider signs by default, for the sender's domain.
        PARLEY_DKIM_PRIVATE_KEY: generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
      },
    });
  });
  afterAll(async () => {
    await parley?.close();
    await smtp?.close();
  });

  async function send(userId: string, type: 'promotional' | 'transactional', extra: Record<string, unknown> = {}) {
    const requestId = randomUUID();
    const body = { requestId, notificationType: type, channels: ['email'], recipient: { userId, email: `${userId}@example.com` }, message: { subject: `${type} ${requestId}`, body: 'Hello' }, ...extra };
    const accepted = await parley.request('POST', '/notifications', { body });
    expect(accepted.status).toBe(202);
    const delivery = await finalDelivery(parley, requestId);
    const mail = smtp.requests.find((m) => m.subject === `${type} ${requestId}`);
    return { requestId, delivery, mail };
  }

  const consentLog = (userId: string) =>
    parley.db.selectFrom('promotional_consents').select(['vendor_id', 'channel', 'granted', 'source']).where('user_id', '=', userId).orderBy('consent_id').execute();

  it('puts List-Unsubscribe (https and mailto) and List-Unsubscribe-Post on promotional mail only, DKIM-signed, with a Message-ID on the sending domain', async () => {
    const buyer = user('buyer');
    const promo = await send(buyer, 'promotional');
    expect(promo.delivery.status).toBe('sent');
    const headers = promo.mail!.headers;
    expect(headers['list-unsubscribe']).toMatch(/^<https:\/\/parley\.shop\.example\/u\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+>, <mailto:unsubscribe@shop\.example\?subject=unsubscribe>$/);
    expect(headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    expect(headers['message-id']).toBe(`<${promo.delivery.logId}@shop.example>`);
    expect(headers['dkim-signature']).toMatch(/\bd=shop\.example;/);
    expect(headers['dkim-signature']).toMatch(/\bs=parley;/);
    expect(headers['dkim-signature']).toMatch(/h=[^;]*List-Unsubscribe:List-Unsubscribe-Post/i);

    const receipt = await send(buyer, 'transactional');
    expect(receipt.delivery.status).toBe('sent');
    expect(receipt.mail!.headers['list-unsubscribe']).toBeUndefined();
    expect(receipt.mail!.headers['list-unsubscribe-post']).toBeUndefined();
    expect(receipt.mail!.headers['message-id']).toBe(`<${receipt.delivery.logId}@shop.example>`);
    expect(receipt.mail!.headers['dkim-signature']).toMatch(/\bd=shop\.example;/);
  });

  it('asks on GET without changing anything, unsubscribes at once on the RFC 8058 POST, and repeating it is harmless', async () => {
    const buyer = user('buyer');
    const other = user('other');
    const first = await send(buyer, 'promotional');
    await send(other, 'promotional');
    const path = unsubscribePath(first.mail!);

    // A link scanner follows the GET: a page with a button, and nothing changes.
    const page = await fetch(parley.url + path, { headers: { 'accept-language': 'de-DE,de;q=0.9,en;q=0.5' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain('<html lang="de">');
    expect(html).toMatch(/<form method="post" action="\/u\/[^"]+">/);
    expect(html).toContain('<input type="hidden" name="List-Unsubscribe" value="One-Click">');
    expect(await consentLog(buyer)).toEqual([]);
    expect((await send(buyer, 'promotional')).delivery.status).toBe('sent');

    const posted = await oneClick(parley, path);
    expect(posted.status).toBe(200);
    expect(await posted.json()).toEqual({ unsubscribed: true, changed: true });
    expect(await consentLog(buyer)).toEqual([{ vendor_id: null, channel: 'email', granted: false, source: 'unsubscribe' }]);
    const prefs = await parley.request('GET', `/users/${buyer}/preferences`);
    expect(prefs.body.preferences.channels.promotional).toEqual(['sms', 'push', 'in-app', 'whatsapp']);

    // The next promotion is skipped, with the reason in its history; receipts still go out.
    const next = await send(buyer, 'promotional');
    expect(next.delivery).toMatchObject({ status: 'skipped', errorCode: 'channel_not_preferred' });
    expect(next.delivery.history.at(-1)).toMatchObject({ status: 'skipped', code: 'channel_not_preferred' });
    expect(next.mail).toBeUndefined();
    expect((await send(buyer, 'transactional')).delivery.status).toBe('sent');

    // Again: the same answer, nothing new recorded.
    const again = await oneClick(parley, path);
    expect(await again.json()).toEqual({ unsubscribed: true, changed: false });
    expect(await consentLog(buyer)).toHaveLength(1);
    // The other user's mail is untouched.
    expect(await consentLog(other)).toEqual([]);
    expect((await send(other, 'promotional')).delivery.status).toBe('sent');
  });

  it('refuses forged, altered and wrong-purpose tokens with 404 and changes nothing', async () => {
    const buyer = user('buyer');
    const victim = user('victim');
    const { mail } = await send(buyer, 'promotional');
    const path = unsubscribePath(mail!);
    const token = path.slice('/u/'.length);
    const [payload, mac] = token.split('.') as [string, string];
    const claim = JSON.parse(Buffer.from(payload, 'base64url').toString());
    expect(claim).toMatchObject({ userId: buyer, type: 'promotional', channel: 'email' });

    const forged = `${Buffer.from(JSON.stringify({ ...claim })).toString('base64url')}.${Buffer.alloc(16, 1).toString('base64url')}`;
    // The buyer's own signature on a payload naming someone else: another user cannot be unsubscribed with it.
    const otherUser = `${Buffer.from(JSON.stringify({ ...claim, userId: victim })).toString('base64url')}.${mac}`;
    const flipped = `${payload}.${mac.slice(0, -2)}${mac.endsWith('AA') ? 'AB' : 'AA'}`;
    for (const bad of [forged, otherUser, flipped, 'not-a-token', `${token}x`]) {
      for (const method of ['GET', 'POST']) {
        const r = await fetch(`${parley.url}/u/${encodeURIComponent(bad)}`, { method, headers: FORM, body: method === 'POST' ? 'List-Unsubscribe=One-Click' : undefined });
        expect(r.status, `${method} ${bad}`).toBe(404);
        expect((await r.json()).error.code).toBe('link_not_valid');
      }
    }
    // A preference-page token is not an unsubscribe token.
    const prefsToken = (await parley.app.inject({ method: 'GET', url: path })).body.match(/href="\/preferences\/page\/([^"]+)"/)![1]!;
    expect((await oneClick(parley, `/u/${prefsToken}`)).status).toBe(404);
    expect(await consentLog(buyer)).toEqual([]);
    expect(await consentLog(victim)).toEqual([]);
    expect((await send(buyer, 'promotional')).delivery.status).toBe('sent');
  });

  it("withdraws consent to the promotion's vendor only, and the dispatcher skips that vendor's promotions", async () => {
    const buyer = user('buyer');
    const fromA = await send(buyer, 'promotional', { metadata: { vendorId: 'vendor-a' } });
    const token = unsubscribePath(fromA.mail!).split('/').pop()!;
    expect(JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString())).toMatchObject({ userId: buyer, vendorId: 'vendor-a' });
    expect((await oneClick(parley, `/u/${token}`)).status).toBe(200);
    expect(await consentLog(buyer)).toEqual([{ vendor_id: 'vendor-a', channel: 'email', granted: false, source: 'unsubscribe' }]);

    const againA = await send(buyer, 'promotional', { metadata: { vendorId: 'vendor-a' } });
    expect(againA.delivery).toMatchObject({ status: 'skipped', errorCode: 'consent_withdrawn' });
    expect(againA.delivery.history.at(-1).detail).toContain('vendor-a');
    expect((await send(buyer, 'promotional', { metadata: { vendorId: 'vendor-b' } })).delivery.status).toBe('sent');
    expect((await send(buyer, 'promotional')).delivery.status).toBe('sent');
  });

  it('gives templates unsubscribe_url and preferences_url, and the preference page saves types, channels and vendor consents', async () => {
    const buyer = user('buyer');
    const key = `weekly-${randomUUID().slice(0, 8)}`;
    const created = await parley.request('POST', '/templates', {
      body: { key, channel: 'email', locale: 'de', content: { subject: 'Angebote {{ week }}', text: 'Abmelden: {{ unsubscribe_url }}\nEinstellungen: {{ preferences_url }}' }, sampleData: { week: 1 } },
    });
    expect(created.status).toBe(201);
    const requestId = randomUUID();
    await parley.request('POST', '/notifications', {
      body: { requestId, notificationType: 'promotional', channels: ['email'], recipient: { userId: buyer, email: `${buyer}@example.com` }, message: { template: { key, locale: 'de', data: { week: 7 } } }, metadata: { vendorId: 'vendor-c' } },
    });
    expect((await finalDelivery(parley, requestId)).status).toBe('sent');
    const mail = smtp.requests.find((m) => m.subject === 'Angebote 7')!;
    const unsubscribeUrl = /Abmelden: (\S+)/.exec(mail.text!)![1]!;
    const preferencesUrl = /Einstellungen: (\S+)/.exec(mail.text!)![1]!;
    expect(unsubscribeUrl).toBe(/<([^>]+)>/.exec(mail.headers['list-unsubscribe']!)![1]);
    expect(preferencesUrl).toMatch(/^https:\/\/parley\.shop\.example\/preferences\/page\//);
    const pagePath = new URL(preferencesUrl).pathname;

    // German from the template's locale, whatever the browser says; the vendor of the message is offered.
    const page = await fetch(parley.url + pagePath, { headers: { 'accept-language': 'en' } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<html lang="de">');
    expect(html).toContain('Ihre Benachrichtigungseinstellungen');
    expect(html).toContain('<input type="hidden" name="vendors" value="vendor-c">');
    const nonce = /name="nonce" value="([^"]+)"/.exec(html)![1]!;

    const form = new URLSearchParams();
    form.append('nonce', nonce);
    for (const c of ['email', 'sms', 'push', 'in-app']) form.append('transactional', c);
    form.append('promotional', 'in-app');
    form.append('systemAlert', 'email');
    form.append('optOut', 'sms');
    form.append('vendors', 'vendor-c');
    form.append('vendor:vendor-c', 'email');

    // Without the page's nonce, or with another page's, nothing is saved.
    const noNonce = new URLSearchParams(form);
    noNonce.set('nonce', 'forged.AAAAAAAAAAAAAAAAAAAAAA');
    const refused = await fetch(parley.url + pagePath, { method: 'POST', headers: FORM, body: noNonce.toString(), redirect: 'manual' });
    expect(refused.status).toBe(403);
    expect((await refused.json()).error.code).toBe('form_expired');
    const badChoice = new URLSearchParams(form);
    badChoice.append('promotional', 'carrier-pigeon');
    expect((await fetch(parley.url + pagePath, { method: 'POST', headers: FORM, body: badChoice.toString(), redirect: 'manual' })).status).toBe(400);
    expect(await consentLog(buyer)).toEqual([]);

    const saved = await fetch(parley.url + pagePath, { method: 'POST', headers: FORM, body: form.toString() });
    expect(saved.status).toBe(200);
    const after = await saved.text();
    const prefs = (await parley.request('GET', `/users/${buyer}/preferences`)).body.preferences;
    expect(prefs.channels).toEqual({ transactional: ['email', 'sms', 'push', 'in-app'], promotional: ['in-app'], systemAlert: ['email'] });
    expect(prefs.optOut).toEqual({ email: false, sms: true, push: false, inApp: false, whatsapp: false });
    expect(await consentLog(buyer)).toEqual([{ vendor_id: 'vendor-c', channel: 'email', granted: true, source: 'preferences' }]);

    expect(after).toContain('<p class="status" role="status">Ihre Einstellungen sind gespeichert.</p>');
    expect(await (await fetch(parley.url + pagePath)).text()).not.toContain('role="status"');
    expect(after).toMatch(/name="promotional" value="in-app" checked/);
    expect(after).toMatch(/name="promotional" value="email">/);
    expect(after).toMatch(/name="vendor:vendor-c" value="email" checked/);

    // Withdrawing it on the page: the next promotion from vendor-c by email is skipped.
    form.delete('vendor:vendor-c');
    form.set('promotional', 'email');
    form.set('nonce', /name="nonce" value="([^"]+)"/.exec(after)![1]!);
    expect((await fetch(parley.url + pagePath, { method: 'POST', headers: FORM, body: form.toString() })).status).toBe(200);
    expect((await consentLog(buyer)).at(-1)).toEqual({ vendor_id: 'vendor-c', channel: 'email', granted: false, source: 'preferences' });
    const skipped = await send(buyer, 'promotional', { metadata: { vendorId: 'vendor-c' } });
    expect(skipped.delivery).toMatchObject({ status: 'skipped', errorCode: 'consent_withdrawn' });
    expect((await send(buyer, 'promotional')).delivery.status).toBe('sent');
  });

  it('refuses a forged preference-page token and a nonce from another user', async () => {
    const a = user('a');
    const b = user('b');
    const pa = await send(a, 'promotional');
    const pb = await send(b, 'promotional');
    const prefsPath = async (mail: ReceivedMail) => {
      const html = await (await fetch(parley.url + unsubscribePath(mail))).text();
      return /href="(\/preferences\/page\/[^"]+)"/.exec(html)![1]!;
    };
    const pathA = await prefsPath(pa.mail!);
    const pathB = await prefsPath(pb.mail!);
    const nonceB = /name="nonce" value="([^"]+)"/.exec(await (await fetch(parley.url + pathB)).text())![1]!;
    const form = new URLSearchParams({ nonce: nonceB, promotional: 'sms' });
    expect((await fetch(parley.url + pathA, { method: 'POST', headers: FORM, body: form.toString(), redirect: 'manual' })).status).toBe(403);
    const [payload, mac] = pathA.split('/').pop()!.split('.') as [string, string];
    const altered = `${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), userId: b })).toString('base64url')}.${mac}`;
    expect((await fetch(`${parley.url}/preferences/page/${altered}`)).status).toBe(404);
    expect((await fetch(`${parley.url}/preferences/page/${altered}`, { method: 'POST', headers: FORM, body: form.toString() })).status).toBe(404);
    expect((await parley.request('GET', `/users/${a}/preferences`)).body.preferences.channels).toEqual({});
    expect((await parley.request('GET', `/users/${b}/preferences`)).body.preferences.channels).toEqual({});
  });
});

describe.each(backends)('List-Unsubscribe through the email APIs, as each API takes it, on $name', (backend) => {
  let sendgrid: SendGridFake;
  let ses: SesFake;
  let mailgun: MailgunFake;
  beforeAll(async () => {
    [sendgrid, ses, mailgun] = await Promise.all([startSendGridFake(), startSesFake(), startMailgunFake()]);
  });
  afterAll(async () => {
    await Promise.all([sendgrid?.close(), ses?.close(), mailgun?.close()]);
  });

  const providers = () => ({
    sendgrid: { type: 'sendgrid', apiKey: SENDGRID_API_KEY, from: 'news@shop.example', baseUrl: sendgrid.url },
    ses: { type: 'ses', region: ses.region, ...SES_CREDENTIALS, from: 'Shop <news@shop.example>', baseUrl: ses.url },
    mailgun: { type: 'mailgun', apiKey: MAILGUN_API_KEY, domain: MAILGUN_DOMAIN, from: `Shop <news@${MAILGUN_DOMAIN}>`, baseUrl: mailgun.url },
  });

  /** The header fields each fake received for the latest request, as name → value. */
  const received: Record<'sendgrid' | 'ses' | 'mailgun', () => Record<string, string>> = {
    sendgrid: () => sendgrid.requests.at(-1)!.body.headers ?? {},
    ses: () => Object.fromEntries((ses.requests.at(-1)!.body.Content.Simple.Headers ?? []).map((h) => [h.Name, h.Value])),
    mailgun: () => Object.fromEntries(Object.entries(mailgun.requests.at(-1)!.fields).filter(([k]) => k.startsWith('h:')).map(([k, v]) => [k.slice(2), v])),
  };

  it.each(['sendgrid', 'ses', 'mailgun'] as const)('%s gets List-Unsubscribe and List-Unsubscribe-Post on a promotion, not on a receipt, and its link unsubscribes', async (name) => {
    const parley = await startParley(backend, {
      env: { PARLEY_POLL_MS: '50', PARLEY_PROVIDERS: JSON.stringify({ email: [providers()[name]] }), PARLEY_PUBLIC_URL: 'https://parley.shop.example' },
    });
    try {
      const buyer = user('buyer');
      const send = async (type: string) => {
        const requestId = randomUUID();
        await parley.request('POST', '/notifications', { body: { requestId, notificationType: type, channels: ['email'], recipient: { userId: buyer, email: `${buyer}@example.com` }, message: { subject: 'Hi', body: 'Hello' } } });
        return finalDelivery(parley, requestId);
      };
      expect((await send('promotional')).status).toBe('sent');
      const headers = received[name]();
      expect(headers['List-Unsubscribe']).toMatch(/^<https:\/\/parley\.shop\.example\/u\/[^>]+>$/);
      expect(headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
      if (name !== 'ses') expect(Object.entries(headers).find(([k]) => k.toLowerCase() === 'message-id')?.[1]).toMatch(/^<[0-9a-f-]+@(shop\.example|mg\.example\.test)>$/);

      expect((await send('transactional')).status).toBe('sent');
      expect(received[name]()['List-Unsubscribe']).toBeUndefined();
      expect(received[name]()['List-Unsubscribe-Post']).toBeUndefined();

      const path = new URL(/<([^>]+)>/.exec(headers['List-Unsubscribe']!)![1]!).pathname;
      expect((await oneClick(parley, path)).status).toBe(200);
      expect((await send('promotional')).status).toBe('skipped');
    } finally {
      await parley.close();
    }
    // Each case starts (and stops) a Parley of its own, which takes a while on a busy machine.
  }, 120_000);
});
