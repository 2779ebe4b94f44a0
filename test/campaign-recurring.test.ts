import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignRequestId } from '../src/campaigns/campaign-expansion.ts';
import { backends } from './support/backends.ts';
import { addCustomer, campaignNotifications, campaignSent, expand, uid } from './support/campaigns.ts';
import { quietJobs } from './support/marketplace.ts';
import { startParley, type TestParley } from './support/parley.ts';

/** A daily newsletter: each run reaches the audience as it is then, once per person per run. */
describe.each(backends)('a recurring campaign on $name', (backend) => {
  let parley: TestParley;
  const vendor = uid('vendor');
  const ana = uid('a-ana');
  const ben = uid('b-ben');
  const cem = uid('c-cem');
  const asVendor = { as: vendor, role: 'seller' as const };

  beforeAll(async () => {
    parley = await startParley(backend, { env: { ...quietJobs, PARLEY_CAMPAIGN_POLL_MS: '3600000', PARLEY_POLL_MS: '50', PARLEY_DEFAULT_TIER: 'standard' } });
    await addCustomer(parley, vendor, { userId: ana, name: 'Ana Lima', optIn: ['in-app'] });
    await addCustomer(parley, vendor, { userId: ben, name: 'Ben Roth', optIn: ['in-app'] });
  });
  afterAll(async () => parley?.close());

  /** Moves a campaign's next run to a moment ago, as if its day had come. */
  async function dayComes(campaignId: string) {
    await parley.db.updateTable('campaigns').set({ next_run_at: new Date(Date.now() - 1000) }).where('campaign_id', '=', campaignId).execute();
  }

  it('runs again at its next local time, for the audience as it is then, and sends nobody the same run twice', async () => {
    const created = await parley.request('POST', '/campaigns', {
      ...asVendor,
      body: {
        vendorId: vendor,
        name: 'Daily pick',
        channels: [{ channel: 'in-app', templates: [{ locale: 'en', content: { title: 'Daily pick', body: 'Hello {{ customer.firstName }}, today: the blue mug.' } }] }],
        audience: { segment: {} },
        schedule: { recurring: { frequency: 'daily', time: '09:30', timeZone: 'Europe/Lisbon' } },
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.campaignId as string;
    // Not before its time: nothing is sent at creation.
    expect(created.body).toMatchObject({ status: 'scheduled', runNumber: 1 });
    const firstAt = new Date(created.body.nextRunAt);
    expect(firstAt.getTime()).toBeGreaterThan(Date.now());
    expect(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Lisbon', hour: '2-digit', minute: '2-digit' }).format(firstAt)).toBe('09:30');
    await expand(parley);
    expect(await campaignNotifications(parley, id)).toEqual([]);

    // Run 1: Ana and Ben.
    await dayComes(id);
    await expand(parley);
    await campaignSent(parley, id);
    const afterFirst = (await parley.request('GET', `/campaigns/${id}`, asVendor)).body;
    expect(afterFirst).toMatchObject({ status: 'scheduled', runNumber: 2 });
    const secondAt = new Date(afterFirst.nextRunAt);
    expect(secondAt.getTime()).toBeGreaterThan(Date.now());
    expect(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Lisbon', hour: '2-digit', minute: '2-digit' }).format(secondAt)).toBe('09:30');
    const first = await campaignNotifications(parley, id);
    expect(first.map((r) => [r.user_id, r.request_id, r.status])).toEqual([
      [ana, campaignRequestId(id, 1, ana), 'sent'],
      [ben, campaignRequestId(id, 1, ben), 'sent'],
    ]);

    // Cem becomes a customer between the runs; a second round of work before the day comes sends nothing.
    await addCustomer(parley, vendor, { userId: cem, name: 'Cem Acar', optIn: ['in-app'] });
    await expand(parley);
    expect(await campaignNotifications(parley, id)).toHaveLength(2);

    // Run 2: all three, each under a request id of the second run; the first run's are not sent again.
    await dayComes(id);
    await expand(parley);
    await campaignSent(parley, id);
    const all = await campaignNotifications(parley, id);
    expect(all).toHaveLength(5);
    const second = all.filter((r) => r.request_id !== campaignRequestId(id, 1, r.user_id));
    expect(second.map((r) => [r.user_id, r.request_id, r.status]).sort()).toEqual(
      [ana, ben, cem].map((u) => [u, campaignRequestId(id, 2, u), 'sent']).sort(),
    );
    const recipients = await parley.db.selectFrom('campaign_recipients').select(['run_number', 'user_id', 'state']).where('campaign_id', '=', id).orderBy('run_number').orderBy('user_id').execute();
    expect(recipients.map((r) => [r.run_number, r.user_id, r.state])).toEqual([
      [1, ana, 'accepted'],
      [1, ben, 'accepted'],
      [2, ana, 'accepted'],
      [2, ben, 'accepted'],
      [2, cem, 'accepted'],
    ]);
    const afterSecond = (await parley.request('GET', `/campaigns/${id}`, asVendor)).body;
    expect(afterSecond).toMatchObject({ status: 'scheduled', runNumber: 3 });
    expect(afterSecond.progress).toMatchObject({ expansionDone: false, recipients: 0 });

    // Cancelled, the newsletter stops: its day comes and nothing more is sent.
    expect((await parley.request('POST', `/campaigns/${id}/cancel`, asVendor)).status).toBe(200);
    await dayComes(id);
    await expand(parley);
    expect(await campaignNotifications(parley, id)).toHaveLength(5);
  });
});
