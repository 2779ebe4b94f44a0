import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from './support/backends.ts';
import { type FakeApns, startFakeApns } from './support/fakes/apns.ts';
import { type SmtpFake, startSmtpFake } from './support/fakes/smtp.ts';
import { eventually, startParley, type TestParley } from './support/parley.ts';

const unique = (name: string) => `${name}-${randomUUID().slice(0, 8)}`;
const hexToken = () => randomUUID().replace(/-/g, '').repeat(2);
const DAY_MS = 86_400_000;

async function finalDelivery(parley: TestParley, requestId: string, channel: string) {
  let last: any;
  await eventually(async () => {
    const { body } = await parley.request('GET', `/notifications/${requestId}`);
    last = body.deliveries?.find((d: any) => d.channel === channel);
    return last && !['queued', 'standby', 'sending'].includes(last.status);
  }, `the ${channel} delivery`);
  return last;
}

describe.each(backends)('the suppression list on $name', (backend) => {
  let parley: TestParley;
  let smtp: SmtpFake;
  let apns: FakeApns;

  beforeAll(async () => {
    [smtp, apns] = await Promise.all([startSmtpFake(), startFakeApns()]);
    const providers = {
      email: [{ type: 'smtp', name: 'smtp', host: smtp.host, port: smtp.port, secure: false, from: 'Shop <orders@shop.example>' }],
      push: [{ type: 'apns', name: 'apns', teamId: apns.teamId, keyId: apns.keyId, privateKey: apns.privateKey, topic: apns.topic, production: true, baseUrl: apns.url, caCertificate: apns.caCertificate }],
    };
    parley = await startParley(backend, { env: { PARLEY_POLL_MS: '50', PARLEY_RETRY_BASE_MS: '20', PARLEY_DEVICE_TOKEN_MAX_AGE_DAYS: '30', PARLEY_PROVIDERS: JSON.stringify(providers) } });
  });
  afterAll(async () => {
    await parley?.close();
    await Promise.all([smtp?.close(), apns?.close()]);
  });

  async function send(userId: string, channel: 'email' | 'push', recipient: Record<string, string> = {}) {
    const requestId = randomUUID();
    const body = { requestId, notificationType: 'transactional', channels: [channel], recipient: { userId, ...recipient }, message: { subject: 'Hello', body: 'Your parcel is on its way.' } };
    expect((await parley.request('POST', '/notifications', { body })).status).toBe(202);
    return finalDelivery(parley, requestId, channel);
  }

  it('operators add an address by hand, list it filtered and paged, remove it, and read who did what in the audit trail', async () => {
    const user = unique('buyer');
    const email = `${user}@example.com`;
    const added = await parley.request('POST', '/suppressions', { body: { channel: 'email', address: email, note: 'Asked by phone to stop all email' } });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ channel: 'email', address: email, reason: 'manual', addedBy: expect.any(String), note: 'Asked by phone to stop all email' });
    const again = await parley.request('POST', '/suppressions', { body: { channel: 'email', address: email } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('already_suppressed');

    expect(await send(user, 'email', { email })).toMatchObject({ status: 'skipped', errorCode: 'address_suppressed', errorMessage: expect.stringContaining('an operator suppressed it') });

    const second = `${unique('other')}@example.com`;
    await parley.request('POST', '/suppressions', { body: { channel: 'email', address: second } });
    const first = await parley.request('GET', '/suppressions?channel=email&reason=manual&limit=1');
    expect(first.status).toBe(200);
    expect(first.body.suppressions.map((s: any) => s.address)).toEqual([second]);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const next = await parley.request('GET', `/suppressions?channel=email&reason=manual&limit=1&cursor=${first.body.nextCursor}`);
    expect(next.body.suppressions.map((s: any) => s.address)).toEqual([email]);
    expect((await parley.request('GET', '/suppressions?cursor=bm90LWEtY3Vyc29y')).body.error.code).toBe('invalid_cursor');
    expect((await parley.request('GET', '/suppressions?reason=bored')).status).toBe(400);

    expect((await parley.request('DELETE', `/suppressions/email/${encodeURIComponent(email)}?note=Wrong%20address`)).status).toBe(204);
    expect((await parley.request('DELETE', `/suppressions/email/${encodeURIComponent(email)}`)).status).toBe(404);
    expect(await send(user, 'email', { email })).toMatchObject({ status: 'sent' });

    const trail = await parley.request('GET', `/suppressions/events?channel=email&address=${encodeURIComponent(email)}`);
    expect(trail.body.events.map((e: any) => [e.action, e.reason, e.note])).toEqual([
      ['removed', 'manual', 'Wrong address'],
      ['added', 'manual', 'Asked by phone to stop all email'],
    ]);
    expect(trail.body.events[0].actor).toBe(trail.body.events[1].actor);
  });

  it('refuses a malformed address with a reason, and will not lift an SMS STOP by hand', async () => {
    const bad = await parley.request('POST', '/suppressions', { body: { channel: 'sms', address: '0800 FLOWERS' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'invalid_address', details: { field: 'address' } });
    const number = `+1415666${String(Date.now() % 10_000).padStart(4, '0')}`;
    await parley.db.insertInto('address_suppressions').values({ channel: 'sms', address: number, reason: 'stop', created_at: new Date() }).execute();
    const lifted = await parley.request('DELETE', `/suppressions/sms/${encodeURIComponent(number)}`);
    expect(lifted.status).toBe(409);
    expect(lifted.body.error.code).toBe('stop_needs_start');
  });

  it('is for operators only: buyers, sellers and moderators get 403 and change nothing', async () => {
    const address = `${unique('x')}@example.com`;
    for (const role of ['buyer', 'seller', 'moderator'] as const) {
      const as = unique(role);
      expect((await parley.request('GET', '/suppressions', { as, role })).status).toBe(403);
      expect((await parley.request('GET', '/suppressions/events', { as, role })).status).toBe(403);
      expect((await parley.request('POST', '/suppressions', { as, role, body: { channel: 'email', address } })).status).toBe(403);
      expect((await parley.request('DELETE', `/suppressions/email/${encodeURIComponent(address)}`, { as, role })).status).toBe(403);
    }
    expect((await parley.request('GET', `/suppressions/events?address=${encodeURIComponent(address)}`)).body.events).toEqual([]);
  });

  it('prunes push tokens not registered for the configured age, lists them as stale_token, and a new registration lifts that', async () => {
    const user = unique('buyer');
    const stale = hexToken();
    const fresh = hexToken();
    for (const [deviceId, token] of [['old-phone', stale], ['new-phone', fresh]]) {
      expect((await parley.request('POST', `/users/${user}/devices`, { body: { deviceId, token, platform: 'ios' } })).status).toBe(201);
    }
    await parley.db.updateTable('device_tokens').set({ last_used: new Date(Date.now() - 31 * DAY_MS) }).where('user_id', '=', user).where('device_id', '=', 'old-phone').execute();

    expect(await parley.app.parley.notificationJobs.run('device-token-pruning')).toBeGreaterThanOrEqual(1);
    const devices = (await parley.request('GET', `/users/${user}/preferences`)).body.deviceTokens;
    expect(devices.map((d: any) => d.deviceId)).toEqual(['new-phone']);
    const listed = await parley.request('GET', '/suppressions?channel=push&reason=stale_token&limit=200');
    expect(listed.body.suppressions.find((s: any) => s.address === stale)).toMatchObject({ addedBy: 'job:device-token-pruning', note: expect.stringContaining('old-phone') });
    expect(listed.body.suppressions.some((s: any) => s.address === fresh)).toBe(false);

    await parley.request('POST', `/users/${user}/devices`, { body: { deviceId: 'old-phone', token: stale, platform: 'ios' } });
    const trail = await parley.request('GET', `/suppressions/events?channel=push&address=${stale}`);
    expect(trail.body.events.map((e: any) => [e.action, e.reason, e.actor])).toEqual([
      ['removed', 'stale_token', 'device-registration'],
      ['added', 'stale_token', 'job:device-token-pruning'],
    ]);
  });

  it('an APNs 410 Unregistered removes the device and stops sends to its token until the app registers it again after the timestamp', async () => {
    const user = unique('buyer');
    const token = hexToken();
    await parley.request('POST', `/users/${user}/devices`, { body: { deviceId: 'phone', token, platform: 'ios' } });
    const unregisteredAt = Date.now() + 1000; // APNs knew it invalid after this registration
    apns.script({ unregisteredAt });
    expect(await send(user, 'push')).toMatchObject({ status: 'failed', errorCode: 'invalid_token' });
    await eventually(async () => (await parley.request('GET', `/users/${user}/preferences`)).body.deviceTokens.length === 0, 'the device removed');
    let entry: any;
    await eventually(async () => {
      entry = (await parley.request('GET', '/suppressions?channel=push&reason=unregistered&limit=200')).body.suppressions.find((s: any) => s.address === token);
      return entry !== undefined;
    }, 'the token suppressed');
    expect(entry).toMatchObject({ addedBy: 'provider:apns', reportedAt: new Date(unregisteredAt).toISOString() });

    // Another user's app registered the same token (a restored backup): still suppressed, so nothing is sent to it.
    const other = unique('buyer');
    await parley.db.insertInto('device_tokens').values({ user_id: other, device_id: 'tablet', token, platform: 'ios', last_used: new Date(unregisteredAt - 60_000), created_at: new Date() }).execute();
    const before = apns.requests.length;
    expect(await send(other, 'push')).toMatchObject({ status: 'skipped', errorCode: 'device_token_suppressed' });
    expect(apns.requests.length).toBe(before);

    // A registration after the timestamp lifts it; pushes reach the device again.
    await new Promise((r) => setTimeout(r, Math.max(0, unregisteredAt - Date.now() + 10)));
    await parley.request('POST', `/users/${user}/devices`, { body: { deviceId: 'phone', token, platform: 'ios' } });
    expect(await send(user, 'push')).toMatchObject({ status: 'sent' });
    expect(apns.requests.at(-1)!.deviceToken).toBe(token);
  });

  it('an APNs 410 older than the device registration keeps the device and does not suppress its token', async () => {
    const user = unique('buyer');
    const token = hexToken();
    await parley.request('POST', `/users/${user}/devices`, { body: { deviceId: 'phone', token, platform: 'ios' } });
    apns.script({ unregisteredAt: Date.now() - 3_600_000 });
    expect(await send(user, 'push')).toMatchObject({ status: 'failed' });
    // The outcome is recorded before the token is looked at; the next send shows the device is still there.
    expect(await send(user, 'push')).toMatchObject({ status: 'sent' });
    expect((await parley.request('GET', `/users/${user}/preferences`)).body.deviceTokens.map((d: any) => d.deviceId)).toEqual(['phone']);
    const listed = await parley.request('GET', '/suppressions?channel=push&limit=200');
    expect(listed.body.suppressions.some((s: any) => s.address === token)).toBe(false);
  });
});
