import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignVariant } from '../src/experiments/index.ts';
import { backends } from './support/backends.ts';
import { addCustomer, campaignBody, campaignNotifications, campaignSent, campaignState, expand, uid } from './support/campaigns.ts';
import { placeOrder, quietJobs } from './support/marketplace.ts';
import { eventually, startParley, type TestParley } from './support/parley.ts';

describe.each(backends)('campaigns on $name', (backend) => {
  let parley: TestParley;
  const vendor = uid('vendor');
  const ana = uid('a-ana');
  const ben = uid('b-ben');
  const cem = uid('c-cem');
  const dora = uid('d-dora');
  const asVendor = { as: vendor, role: 'seller' as const };

  beforeAll(async () => {
    parley = await startParley(backend, { env: { ...quietJobs, PARLEY_CAMPAIGN_POLL_MS: '3600000', PARLEY_POLL_MS: '50', PARLEY_DEFAULT_TIER: 'standard' } });
    await addCustomer(parley, vendor, { userId: ana, name: 'Ana Lima', email: 'ana@example.com', optIn: ['in-app', 'email'] });
    await addCustomer(parley, vendor, { userId: ben, name: 'Ben Roth', email: 'ben@example.com', locale: 'de-DE', optIn: ['in-app', 'email'] });
    // Cem has no name: a template greeting by first name fails for him.
    await addCustomer(parley, vendor, { userId: cem, optIn: ['in-app'] });
    // Dora bought, but opts in to nothing.
    await addCustomer(parley, vendor, { userId: dora, name: 'Dora Sá', optIn: [] });
  });
  afterAll(async () => parley?.close());

  it('takes a campaign from its segment to delivered notifications carrying metadata.campaignId, and reports who could not be rendered', async () => {
    const created = await parley.request('POST', '/campaigns', { ...asVendor, body: campaignBody(vendor) });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ vendorId: vendor, status: 'scheduled', runNumber: 1 });
    const id = created.body.campaignId;

    await expand(parley);
    const rows = await campaignNotifications(parley, id);
    expect(rows.map((r) => [r.user_id, r.channel])).toEqual([[ana, 'email'], [ana, 'in-app'], [ben, 'email'], [ben, 'in-app']]);
    for (const r of rows) expect(r).toMatchObject({ notification_type: 'promotional', metadata: expect.objectContaining({ campaignId: id, vendorId: vendor }) });

    // Each in their language: Ben's German template, Ana's English one (promotions reach the feed through the worker).
    await campaignSent(parley, id);
    const feed = async (userId: string) => (await parley.request('GET', '/me/notifications', { as: userId })).body.notifications;
    expect((await feed(ben)).map((n: any) => n.title)).toContain('Frühlingsangebot');
    expect((await feed(ana)).find((n: any) => n.title === 'Spring sale')).toMatchObject({ body: 'Hello Ana, 20% off all mugs.' });
    expect((await feed(cem)).filter((n: any) => n.notificationType === 'promotional')).toEqual([]);

    const detail = await parley.request('GET', `/campaigns/${id}`, asVendor);
    expect(detail.status).toBe(200);
    expect(detail.body.status).toBe('finished');
    expect(detail.body.progress).toMatchObject({ expansionDone: true, accepted: 4 });
    // Dora opts in to nothing, Cem not to email; Cem's in-app message does not render.
    expect(detail.body.progress.skipped).toEqual({ render_failed: 1, not_opted_in: 3 });
    expect(detail.body.progress.recipients).toBe(4);
    expect(detail.body.problems).toEqual([{ userId: cem, channel: 'in-app', reason: expect.stringMatching(/^render_failed: .*firstName/) }]);
    const inApp = detail.body.results.channels.find((c: any) => c.channel === 'in-app');
    expect(inApp).toMatchObject({ recipients: 2, sent: 2 });
    expect(inApp.skippedReasons).toMatchObject({ render_failed: 1 });

    // Ana orders from the vendor after the campaign reached her: a conversion on both channels; Ben did not.
    // Dora (sent nothing) and Ben (from another seller) order too: neither counts.
    await placeOrder(parley, { buyer: { userId: ana, name: 'Ana Lima' }, seller: { userId: vendor, name: 'Mug Shop' } });
    await placeOrder(parley, { buyer: { userId: dora, name: 'Dora Sá' }, seller: { userId: vendor, name: 'Mug Shop' } });
    await placeOrder(parley, { buyer: { userId: ben, name: 'Ben' }, seller: { userId: uid('other-shop'), name: 'Other Shop' } });
    const converted = (await parley.request('GET', `/campaigns/${id}`, asVendor)).body.results;
    expect(converted.channels.map((c: any) => [c.channel, c.converted]).sort()).toEqual([['email', 1], ['in-app', 1]]);
    expect(converted.conversionWindowDays).toBe(7);

    // Another vendor's seller learns nothing of it.
    expect((await parley.request('GET', `/campaigns/${id}`, { as: uid('seller'), role: 'seller' })).status).toBe(404);
    const mine = await parley.request('GET', '/campaigns', asVendor);
    expect(mine.body.campaigns.map((c: any) => c.campaignId)).toContain(id);
    expect((await parley.request('GET', '/campaigns', { as: uid('seller'), role: 'seller' })).body.campaigns).toEqual([]);
  });

  it('answers a dry run with the figures of a hand-made audience, writing nothing', async () => {
    const now = new Date();
    const hhmm = (d: Date) => d.toISOString().slice(11, 16);
    // Ben's quiet hours are now.
    const quiet = { doNotDisturb: { enabled: true, startTime: hhmm(new Date(now.getTime() - 3_600_000)), endTime: hhmm(new Date(now.getTime() + 7_200_000)), timezone: 'UTC' } };
    expect((await parley.request('PUT', `/users/${ben}/preferences`, { as: ben, body: { preferences: quiet } })).status).toBe(200);
    // Eve has had her three promotions this week: the frequency cap holds a fourth.
    const eve = uid('e-eve');
    await addCustomer(parley, vendor, { userId: eve, name: 'Eve Ito', optIn: ['in-app'] });
    const promos = Array.from({ length: 3 }, () => ({ requestId: randomUUID(), notificationType: 'promotional', channels: ['in-app'], recipient: { userId: eve }, message: { subject: 'Offer', body: 'Mugs on sale.' } }));
    for (const p of promos) expect((await parley.request('POST', '/notifications', { body: p })).status).toBe(202);
    await eventually(async () => {
      const states = await Promise.all(promos.map(async (p) => (await parley.request('GET', `/notifications/${p.requestId}`)).body.deliveries[0].status));
      return states.every((st) => st !== 'queued');
    }, 'the promotions to go out');
    const before = await campaignState(parley);
    const dry = await parley.request('POST', '/campaigns/dry-run', { ...asVendor, body: campaignBody(vendor, { audience: { userIds: [ana, ben, cem, dora, eve] } }) });
    expect(dry.status, JSON.stringify(dry.body)).toBe(200);
    expect(dry.body).toMatchObject({ reaches: 3, of: 5, optedOut: 1, quietHours: 1, overFrequencyCap: 1, overQuota: 0, quota: { tier: 'standard' } });
    expect(dry.body.summary).toBe('reaches 3 of 5: 1 opted out, 1 in quiet hours (delayed), 1 over frequency cap, 0 over quota');
    expect(await campaignState(parley)).toEqual(before);
    expect((await parley.request('PUT', `/users/${ben}/preferences`, { as: ben, body: { preferences: { doNotDisturb: { ...quiet.doNotDisturb, enabled: false } } } })).status).toBe(200);
  });

  it('creates a campaign once per idempotency key, and refuses the key with another body', async () => {
    const body = campaignBody(vendor, { idempotencyKey: uid('key'), audience: { userIds: [ana] } });
    const first = await parley.request('POST', '/campaigns', { ...asVendor, body });
    const again = await parley.request('POST', '/campaigns', { ...asVendor, body });
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(again.body.campaignId).toBe(first.body.campaignId);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const changed = await parley.request('POST', '/campaigns', { ...asVendor, body: { ...body, name: 'Another' } });
    expect(changed.status).toBe(409);
    expect(changed.body.error.code).toBe('idempotency_key_reused');
    await parley.request('POST', `/campaigns/${first.body.campaignId}/cancel`, asVendor);
  });

  it('pauses, resumes and cancels a paced campaign: nothing not yet sent goes out, nothing goes twice', async () => {
    const created = await parley.request('POST', '/campaigns', { ...asVendor, body: campaignBody(vendor, { channels: [campaignBody(vendor).channels[0]], audience: { userIds: [ana, ben] }, pacePerMinute: 1 }) });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.campaignId;
    const paused = await parley.request('POST', `/campaigns/${id}/pause`, asVendor);
    expect(paused.body.status).toBe('paused');
    await expand(parley);
    expect(await campaignNotifications(parley, id)).toEqual([]);
    const resumed = await parley.request('POST', `/campaigns/${id}/resume`, asVendor);
    expect(resumed.body.status).toBe('scheduled');
    await expand(parley);
    // One a minute: Ana's now, Ben's a minute later (waiting in the queue).
    const rows = await campaignNotifications(parley, id);
    expect(rows.map((r) => r.user_id)).toEqual([ana, ben]);
    const due = rows.map((r) => new Date(r.due_at as Date).getTime());
    expect(due[1]! - due[0]!).toBeGreaterThanOrEqual(59_000);
    expect(rows[1]!.status).toBe('queued');

    const cancelled = await parley.request('POST', `/campaigns/${id}/cancel`, asVendor);
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    expect(cancelled.body).toMatchObject({ campaign: { status: 'cancelled' }, withdrawn: 1 });
    const after = await campaignNotifications(parley, id);
    expect(after.find((r) => r.user_id === ben)!.status).toBe('cancelled');
    expect(after.find((r) => r.user_id === ana)!.status).not.toBe('cancelled');
    expect((await parley.request('POST', `/campaigns/${id}/resume`, asVendor)).body.error.code).toBe('campaign_cancelled');
    await expand(parley);
    expect(await campaignNotifications(parley, id)).toHaveLength(2);
  });

  it("sends each recipient at their best hour with sendTimeOptimisation, and says why in the notification's metadata", async () => {
    const created = await parley.request('POST', '/campaigns', { ...asVendor, body: campaignBody(vendor, { channels: [campaignBody(vendor).channels[0]], audience: { userIds: [ana, ben] }, sendTimeOptimisation: true }) });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    await expand(parley);
    const rows = await campaignNotifications(parley, created.body.campaignId);
    expect(rows.map((r) => r.user_id)).toEqual([ana, ben]);
    for (const r of rows) {
      const sendTime = (r.metadata as any).sendTime;
      expect(sendTime).toMatchObject({ source: expect.stringMatching(/^(own|audience|default)$/), reason: expect.any(String) });
      expect(new Date(r.due_at as Date).getTime()).toBe(new Date(sendTime.at).getTime());
    }
    await parley.request('POST', `/campaigns/${created.body.campaignId}/cancel`, asVendor);
  });

  it('refuses a campaign over the quota with the numbers, sends up to the quota when asked, and releases what a cancel leaves unsent', async () => {
    const small = uid('q-vendor');
    const people = [uid('q-a'), uid('q-b'), uid('q-c')];
    for (const userId of people) await addCustomer(parley, small, { userId, name: 'Lia Costa', optIn: ['in-app'] });
    expect((await parley.request('PUT', `/vendors/${small}/tier`, { body: { tier: 'enterprise', limits: { bulk: 2 } } })).status).toBe(200);
    const usage = async () => (await parley.request('GET', `/vendors/${small}/usage`, { as: small, role: 'seller' })).body.kinds.bulk;
    const body = campaignBody(small, { channels: [campaignBody(small).channels[0]] });

    const before = await campaignState(parley);
    const over = await parley.request('POST', '/campaigns', { as: small, role: 'seller', body });
    expect(over.status, JSON.stringify(over.body)).toBe(422);
    expect(over.body.error).toMatchObject({ code: 'quota_exceeded', details: { needed: 3, remaining: 2, limit: 2, tier: 'enterprise', kind: 'bulk' } });
    expect(await campaignState(parley)).toEqual(before);
    expect(await usage()).toMatchObject({ used: 0, remaining: 2 });

    const upTo = await parley.request('POST', '/campaigns', { as: small, role: 'seller', body: { ...body, upToQuota: true } });
    expect(upTo.status, JSON.stringify(upTo.body)).toBe(201);
    expect(upTo.body.quota).toMatchObject({ reserved: 2, kinds: ['bulk'] });
    await expand(parley);
    expect(await campaignNotifications(parley, upTo.body.campaignId)).toHaveLength(2);
    const detail = await parley.request('GET', `/campaigns/${upTo.body.campaignId}`, { as: small, role: 'seller' });
    expect(detail.body.progress.skipped).toEqual({ over_quota: 1 });
    expect(await usage()).toMatchObject({ used: 2, remaining: 0 });

    // Next month's worth: a paced campaign cancelled before its second and third go out gives their units back.
    expect((await parley.request('PUT', `/vendors/${small}/tier`, { body: { tier: 'enterprise', limits: { bulk: 5 } } })).status).toBe(200);
    const paced = await parley.request('POST', '/campaigns', { as: small, role: 'seller', body: { ...body, pacePerMinute: 1 } });
    expect(paced.status, JSON.stringify(paced.body)).toBe(201);
    expect(await usage()).toMatchObject({ used: 5 });
    await expand(parley);
    const cancelled = await parley.request('POST', `/campaigns/${paced.body.campaignId}/cancel`, { as: small, role: 'seller' });
    expect(cancelled.body).toMatchObject({ withdrawn: 2, released: 2 });
    expect(await usage()).toMatchObject({ used: 3 });
  });

  it('assigns A/B variants stably, holds back a share, and sends the rest the winner once declared', async () => {
    // Forty customers, so that each share of a 40/40/20 split has someone whatever the campaign's id
    // (none held back: 0.8^40, about one run in 7,500).
    const customers = Array.from({ length: 40 }, (_, i) => uid(`ab-${String(i).padStart(2, '0')}`));
    const abVendor = uid('ab-vendor');
    for (const userId of customers) await addCustomer(parley, abVendor, { userId, name: 'Kim Park', optIn: ['in-app'] });
    const inApp = campaignBody(abVendor).channels[0]!;
    const variants = [
      { name: 'A', percent: 40 },
      { name: 'B', percent: 40, channels: [{ channel: 'in-app', templates: [{ locale: 'en', content: { title: 'Last days', body: 'Hi {{ customer.firstName }}, the sale ends Sunday.' } }] }] },
      { name: 'holdback', percent: 20 },
    ];
    const created = await parley.request('POST', '/campaigns', { as: abVendor, role: 'seller', body: campaignBody(abVendor, { channels: [inApp], variants }) });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.campaignId;
    await expand(parley);

    const split = variants.map(({ name, percent }) => ({ name, percent }));
    const expected = new Map(customers.map((u) => [u, assignVariant(`campaign:${id}`, u, split)]));
    const held = customers.filter((u) => expected.get(u) === 'holdback');
    const sent = await campaignNotifications(parley, id);
    expect(sent.map((r) => r.user_id).sort()).toEqual(customers.filter((u) => expected.get(u) !== 'holdback').sort());
    for (const r of sent) expect((r.metadata as any).variant).toBe(expected.get(r.user_id));
    const waiting = await parley.request('GET', `/campaigns/${id}`, { as: abVendor, role: 'seller' });
    expect(waiting.body).toMatchObject({ status: held.length ? 'awaiting_winner' : 'finished', progress: { held: held.length } });
    expect(waiting.body.results.variants.map((v: any) => v.variant).sort()).toEqual([...new Set(sent.map((r) => (r.metadata as any).variant))].sort());

    expect((await parley.request('POST', `/campaigns/${id}/winner`, { as: abVendor, role: 'seller', body: { variant: 'C' } })).body.error.code).toBe('unknown_variant');
    const won = await parley.request('POST', `/campaigns/${id}/winner`, { as: abVendor, role: 'seller', body: { variant: 'B' } });
    expect(won.status, JSON.stringify(won.body)).toBe(200);
    await expand(parley);
    const all = await campaignNotifications(parley, id);
    expect(all.map((r) => r.user_id).sort()).toEqual([...customers].sort());
    for (const u of held) expect((all.find((r) => r.user_id === u)!.metadata as any).variant).toBe('B');
    const done = await parley.request('GET', `/campaigns/${id}`, { as: abVendor, role: 'seller' });
    expect(done.body).toMatchObject({ status: 'finished', winner: 'B', progress: { held: 0 } });
    expect(done.body.significance.map((s: any) => [s.variant, s.against, s.metric])).toEqual([['B', 'A', 'clicked'], ['B', 'A', 'converted']]);
    await campaignSent(parley, id);
    expect((await parley.request('POST', `/campaigns/${id}/cancel`, { as: abVendor, role: 'seller' })).body.error.code).toBe('campaign_finished');
  });
});
