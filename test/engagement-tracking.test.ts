import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LinkSigner } from '../src/crypto/signed-links.ts';
import { backends } from './support/backends.ts';
import { type ReceivedMail, type SmtpFake, startSmtpFake } from './support/fakes/smtp.ts';
import { eventually, startParley, testCredentials, type TestParley } from './support/parley.ts';

const user = (name: string) => `${name}-${randomUUID().slice(0, 8)}`;
const PUBLIC_URL = 'https://parley.test';
const PERSON = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Thunderbird/128.3.0';
const BROWSER = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15';

describe.each(backends)('open and click tracking on $name', (backend) => {
  let parley: TestParley;
  let smtp: SmtpFake;
  /** Signs as Parley does (the same key): tokens the server never wrote, for the abuse cases. */
  const signer = new LinkSigner(testCredentials.PARLEY_ENCRYPTION_KEY, PUBLIC_URL);

  beforeAll(async () => {
    smtp = await startSmtpFake();
    const providers = { email: [{ type: 'smtp', name: 'smtp', host: smtp.host, port: smtp.port, secure: false, from: 'Shop <orders@shop.example>' }] };
    parley = await startParley(backend, {
      env: { PARLEY_POLL_MS: '50', PARLEY_PROVIDERS: JSON.stringify(providers), PARLEY_PUBLIC_URL: PUBLIC_URL, PARLEY_TRACKING_OFF_TYPES: 'systemAlert' },
    });
  });
  afterAll(async () => {
    await parley?.close();
    await smtp?.close();
  });

  /** A tracking link of the mail, fetched from this Parley (the public URL is where it is reached). */
  const fetchLink = (link: string, init: RequestInit = {}) => fetch(parley.url + link.slice(PUBLIC_URL.length), { redirect: 'manual', ...init });

  async function status(requestId: string) {
    const reply = await parley.request('GET', `/notifications/${requestId}`);
    expect(reply.status).toBe(200);
    return reply.body.deliveries[0];
  }

  async function sendEmail(userId: string, notificationType: string, message: Record<string, unknown>) {
    const requestId = randomUUID();
    const body = { requestId, notificationType, channels: ['email'], recipient: { userId, email: `${userId}@example.com` }, message };
    expect((await parley.request('POST', '/notifications', { body })).status).toBe(202);
    let delivery: any;
    await eventually(async () => {
      delivery = await status(requestId);
      return delivery.status === 'sent';
    }, 'the email sent');
    let mail: ReceivedMail | undefined;
    await eventually(() => (mail = smtp.requests.find((m) => m.to.includes(`${userId}@example.com`))) !== undefined, 'the mail received');
    return { requestId, delivery, mail: mail! };
  }

  const message = {
    subject: 'Your order shipped',
    body: 'Track it at https://carrier.example/track?id=42&lang=en. Questions? https://shop.example/help',
    htmlBody:
      '<html><body><p>Your mug is on its way: <a href="https://carrier.example/track?id=42&amp;lang=en">track it</a>.</p>' +
      '<p><a class="btn" href=\'https://shop.example/orders/7\'>Your order</a> · <a href="mailto:help@shop.example">mail us</a></p></body></html>',
  };

  it('sends an email with an open pixel and signed links, and records a person opening it and following a link', async () => {
    const buyer = user('buyer');
    const { requestId, delivery, mail } = await sendEmail(buyer, 'transactional', message);

    // The received mail: every http(s) link points to Parley, the original URLs are gone, mailto stays, and the pixel is there.
    const hrefs = [...mail.html!.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!);
    expect(hrefs).toHaveLength(3);
    expect(hrefs[0]).toMatch(new RegExp(`^${PUBLIC_URL}/t/c/[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{22}$`));
    expect(hrefs[1]).toMatch(new RegExp(`^${PUBLIC_URL}/t/c/`));
    expect(hrefs[2]).toBe('mailto:help@shop.example');
    expect(mail.html).not.toContain('carrier.example');
    expect(mail.html).not.toContain('shop.example/orders');
    const pixel = /<img src="([^"]+)" width="1" height="1" alt=""/.exec(mail.html!)?.[1];
    expect(pixel).toMatch(new RegExp(`^${PUBLIC_URL}/t/o/`));
    expect(mail.html!.indexOf('<img')).toBeLessThan(mail.html!.indexOf('</body>'));
    const textLinks = mail.text!.match(/https?:\/\/\S+/g)!;
    // The text's first link is the HTML's first (the same URL, once decoded: one index); the trailing full stop stays prose.
    expect(textLinks[0]).toBe(`${hrefs[0]}.`);
    expect(textLinks[1]).toMatch(new RegExp(`^${PUBLIC_URL}/t/c/`));
    expect(mail.text).not.toContain('carrier.example');
    expect(delivery).toMatchObject({ openedAt: null, clickedAt: null, engagement: { opens: 0, machineOpens: 0, clicks: [] } });

    // A HEAD request is a link checker's, not a person's: recorded apart, and it sets nothing.
    const probe = await fetchLink(pixel!, { method: 'HEAD', headers: { 'user-agent': BROWSER } });
    expect(probe.status).toBe(200);
    expect((await status(requestId)).engagement).toMatchObject({ opens: 0, machineOpens: 1 });

    // A person opens it (after the first seconds, when scanners at the receiving server are done).
    await sleep(Math.max(0, Date.parse(delivery.sendTime) + 2_100 - Date.now()));
    const opened = await fetchLink(pixel!, { headers: { 'user-agent': PERSON } });
    expect(opened.status).toBe(200);
    expect(opened.headers.get('content-type')).toBe('image/gif');
    expect(opened.headers.get('cache-control')).toContain('no-store');
    expect(Buffer.from(await opened.arrayBuffer()).subarray(0, 6).toString()).toBe('GIF89a');
    const afterOpen = await status(requestId);
    expect(afterOpen.status).toBe('opened');
    expect(Date.parse(afterOpen.openedAt)).toBeGreaterThanOrEqual(Date.parse(delivery.sendTime));
    expect(afterOpen.engagement).toMatchObject({ opens: 1, machineOpens: 1, clicks: [] });
    expect(afterOpen.history.filter((h: any) => h.status === 'opened')).toHaveLength(1);

    // Opening it again is another open, not a new first one.
    await fetchLink(pixel!, { headers: { 'user-agent': PERSON } });
    const reopened = await status(requestId);
    expect(reopened.openedAt).toBe(afterOpen.openedAt);
    expect(reopened.engagement.opens).toBe(2);

    // Following the order link: a redirect to exactly the URL of the message.
    const click = await fetchLink(hrefs[1]!, { headers: { 'user-agent': BROWSER } });
    expect(click.status).toBe(302);
    expect(click.headers.get('location')).toBe('https://shop.example/orders/7');
    const clicked = await status(requestId);
    expect(clicked.status).toBe('clicked');
    expect(clicked.openedAt).toBe(afterOpen.openedAt);
    expect(Date.parse(clicked.clickedAt)).toBeGreaterThanOrEqual(Date.parse(clicked.openedAt));
    expect(clicked.engagement.clicks).toEqual([
      { at: clicked.clickedAt, linkIndex: 1, url: 'https://shop.example/orders/7', source: 'email_link', machine: false, machineReason: null },
    ]);

    // The tracking link keeps the query string of the original, entities decoded.
    const track = await fetchLink(textLinks[0]!.replace(/\.$/, ''), { headers: { 'user-agent': BROWSER } });
    expect(track.headers.get('location')).toBe('https://carrier.example/track?id=42&lang=en');

    // A scanner following the link: recorded as a machine's click; clickedAt and the status stay.
    const scanned = await fetchLink(hrefs[1]!, { headers: { 'user-agent': 'Mozilla/5.0 (compatible; Barracuda Sentinel URL Scanner)' } });
    expect(scanned.status).toBe(302);
    const after = await status(requestId);
    expect(after.clickedAt).toBe(clicked.clickedAt);
    expect(after.status).toBe('clicked');
    expect(after.engagement.clicks.map((c: any) => [c.linkIndex, c.machine, c.machineReason])).toEqual([
      [1, false, null],
      [0, false, null],
      [1, true, 'scanner_agent'],
    ]);

    // The operator dashboard counts the person's open and click, and nothing only machines did.
    const analytics = await parley.request('GET', '/notifications/analytics?hours=1');
    const email = analytics.body.channels.find((c: any) => c.channel === 'email');
    expect(email.engagement.opened).toBeGreaterThanOrEqual(1);
    expect(email.engagement.clicked).toBeGreaterThanOrEqual(1);
    expect(email.engagement.openRate).toBeGreaterThan(0);
  });

  it('refuses forged, altered and misdirected click tokens with 404 and records nothing; the pixel answers the same GIF to any token', async () => {
    const buyer = user('buyer');
    const { requestId, delivery, mail } = await sendEmail(buyer, 'promotional', message);
    const link = /href="([^"]+\/t\/c\/[^"]+)"/.exec(mail.html!)![1]!;
    const token = link.slice(`${PUBLIC_URL}/t/c/`.length);
    const [payload, mac] = token.split('.') as [string, string];
    const before = await status(requestId);

    const other = await sendEmail(user('buyer'), 'promotional', message);
    const swapped = (change: Record<string, unknown>) => {
      const decoded = JSON.parse(Buffer.from(payload, 'base64url').toString());
      return `${Buffer.from(JSON.stringify({ ...decoded, ...change })).toString('base64url')}.${mac}`;
    };
    const refused = [
      // The MAC altered.
      `${payload}.${mac.startsWith('A') ? 'B' : 'A'}${mac.slice(1)}`,
      // The payload pointed at another link of the message, or another delivery, under the old MAC.
      swapped({ i: 1 }),
      swapped({ d: other.delivery.logId }),
      // A URL slipped into the payload.
      swapped({ u: 'https://evil.example/' }),
      // Signed by another key.
      new LinkSigner(`k9:${Buffer.alloc(32, 9).toString('base64')}`, PUBLIC_URL).sign('click', { d: delivery.logId, i: 1 }),
      // The open pixel's token used as a click link.
      signer.sign('open', { d: delivery.logId }),
      // Validly signed, but the message has no link at that index.
      signer.sign('click', { d: delivery.logId, i: 7 }),
      // Validly signed for a delivery that does not exist.
      signer.sign('click', { d: randomUUID(), i: 0 }),
    ];
    for (const bad of refused) {
      const reply = await fetch(`${parley.url}/t/c/${bad}`, { redirect: 'manual' });
      expect(reply.status, bad).toBe(404);
      expect((await reply.json()).error.code).toBe('link_not_found');
    }
    // A URL in the query string is never where it leads.
    const pointed = await fetchLink(`${link}?url=https://evil.example/&redirect=https://evil.example/`);
    expect(pointed.status).toBe(302);
    expect(pointed.headers.get('location')).toBe('https://carrier.example/track?id=42&lang=en');
    // A replayed click is just another click; the other delivery got none.
    await fetchLink(link);
    const after = await status(requestId);
    expect(after.engagement.clicks.map((c: any) => c.linkIndex)).toEqual([0, 0]);
    expect((await status(other.requestId)).engagement.clicks).toEqual([]);
    expect(after.engagement.opens + after.engagement.machineOpens).toBe(before.engagement.opens + before.engagement.machineOpens);

    // The pixel: a forged token, a click token, and an unknown delivery all get the same GIF and record nothing.
    const beforePixel = await status(requestId);
    for (const bad of [`${payload}.${'A'.repeat(22)}`, token, signer.sign('open', { d: randomUUID() }), signer.sign('open', { d: 'not-a-uuid' })]) {
      const reply = await fetch(`${parley.url}/t/o/${bad}`, { headers: { 'user-agent': PERSON } });
      expect(reply.status).toBe(200);
      expect(reply.headers.get('content-type')).toBe('image/gif');
    }
    const untouched = await status(requestId);
    expect(untouched.openedAt).toBe(beforePixel.openedAt);
    expect(untouched.engagement.opens + untouched.engagement.machineOpens).toBe(0);
  });

  it('leaves the emails of a type with tracking off as written: no pixel, no rewritten links', async () => {
    const { mail, requestId } = await sendEmail(user('buyer'), 'systemAlert', message);
    expect(mail.html).toContain('href="https://carrier.example/track?id=42&amp;lang=en"');
    expect(mail.html).not.toContain('/t/o/');
    expect(mail.text).toBe(message.body);
    expect((await status(requestId)).engagement).toEqual({ opens: 0, machineOpens: 0, clicks: [] });
  });

  it("takes the recipient's own reports of opening and clicking in-app notifications, and nobody else's", async () => {
    const buyer = user('buyer');
    const requestId = randomUUID();
    const body = { requestId, notificationType: 'transactional', channels: ['in-app'], recipient: { userId: buyer }, message: { inAppMessage: { title: 'Shipped', body: 'On its way', action: { type: 'viewOrder', url: 'https://shop.example/orders/7' } } } };
    expect((await parley.request('POST', '/notifications', { body })).status).toBe(202);
    const logId = (await status(requestId)).logId;

    expect((await parley.request('POST', `/notifications/${logId}/opened`, { as: user('stranger') })).status).toBe(404);
    expect((await parley.request('POST', `/notifications/${logId}/opened`)).status).toBe(404);
    expect((await parley.request('POST', `/notifications/${randomUUID()}/opened`, { as: buyer })).status).toBe(404);
    expect((await status(requestId)).openedAt).toBeNull();

    const opened = await parley.request('POST', `/notifications/${logId}/opened`, { as: buyer });
    expect(opened.status).toBe(200);
    expect(opened.body).toMatchObject({ logId, channel: 'in-app', status: 'opened', first: true, clickedAt: null });
    const again = await parley.request('POST', `/notifications/${logId}/opened`, { as: buyer });
    expect(again.body).toMatchObject({ first: false, openedAt: opened.body.openedAt });

    const clicked = await parley.request('POST', `/notifications/${logId}/clicked`, { as: buyer });
    expect(clicked.body).toMatchObject({ status: 'clicked', first: true, openedAt: opened.body.openedAt });
    const feed = await parley.request('GET', '/me/notifications', { as: buyer });
    expect(feed.body.notifications[0]).toMatchObject({ logId });
    expect(feed.body.notifications[0].readAt).not.toBeNull();
    const after = await status(requestId);
    expect(after).toMatchObject({ status: 'clicked', openedAt: opened.body.openedAt, clickedAt: clicked.body.clickedAt, engagement: { opens: 2, machineOpens: 0 } });
    expect(after.engagement.clicks).toEqual([{ at: clicked.body.clickedAt, linkIndex: null, url: null, source: 'app', machine: false, machineReason: null }]);

    // The feed's own click route records the same: the click, and the open it implies.
    const second = { ...body, requestId: randomUUID() };
    expect((await parley.request('POST', '/notifications', { body: second })).status).toBe(202);
    const secondLog = (await status(second.requestId)).logId;
    expect((await parley.request('POST', `/me/notifications/${secondLog}/click`, { as: buyer })).status).toBe(200);
    const viaFeed = await status(second.requestId);
    expect(viaFeed).toMatchObject({ status: 'clicked', openedAt: viaFeed.clickedAt });
    expect(viaFeed.engagement.clicks).toEqual([{ at: expect.any(String), linkIndex: null, url: null, source: 'app', machine: false, machineReason: null }]);

    // An email's opens come from its pixel, not from the app.
    const email = await sendEmail(buyer, 'transactional', message);
    const refused = await parley.request('POST', `/notifications/${email.delivery.logId}/clicked`, { as: buyer });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('tracked_by_message');

    // Erased, the person's opens and clicks go (user agents, URLs); when they first opened and
    // clicked stays on the pseudonymous delivery, as a figure.
    const erased = await parley.request('DELETE', `/users/${buyer}`, { as: buyer });
    expect(erased.status, JSON.stringify(erased.body)).toBe(200);
    expect(erased.body.counts).toMatchObject({ notification_opens: 2, notification_clicks: 2 });
    const left = async (table: 'notification_opens' | 'notification_clicks') =>
      (await parley.db.selectFrom(table).select('log_id').where('log_id', 'in', [logId, secondLog]).execute()).length;
    expect([await left('notification_opens'), await left('notification_clicks')]).toEqual([0, 0]);
    const kept = await parley.db.selectFrom('notification_logs').select(['user_id', 'opened_at', 'clicked_at']).where('log_id', '=', logId).executeTakeFirstOrThrow();
    expect(kept.user_id).not.toBe(buyer);
    expect(kept.opened_at).not.toBeNull();
    expect(kept.clicked_at).not.toBeNull();
  });
});
