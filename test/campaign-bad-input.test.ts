import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from './support/backends.ts';
import { addCustomer, campaignBody, campaignSent, campaignState, expand, uid } from './support/campaigns.ts';
import { quietJobs } from './support/marketplace.ts';
import { expectRefusal, startParley, type TestParley } from './support/parley.ts';

/** Each bad input is a 4xx with a code and a sentence, and nothing is written or sent. */
describe.each(backends)('campaign bad input on $name', (backend) => {
  let parley: TestParley;
  const vendor = uid('vendor');
  const customer = uid('cust');
  const asVendor = { as: vendor, role: 'seller' as const };

  beforeAll(async () => {
    parley = await startParley(backend, { env: { ...quietJobs, PARLEY_CAMPAIGN_POLL_MS: '3600000', PARLEY_DEFAULT_TIER: 'standard' } });
    await addCustomer(parley, vendor, { userId: customer, name: 'Ana Lima', email: 'ana@example.com', optIn: ['in-app', 'email'] });
  });
  afterAll(async () => parley?.close());

  async function refused(status: number, code: string, body: Record<string, unknown>, path = '/campaigns') {
    const before = await campaignState(parley);
    const reply = await parley.request('POST', path, { ...asVendor, body });
    expectRefusal(reply, status, code);
    expect(await campaignState(parley)).toEqual(before);
    return reply;
  }

  it('refuses an empty audience', async () => {
    await refused(422, 'empty_audience', campaignBody(vendor, { audience: { segment: { channels: ['sms'] } } }));
    const nobody = uid('nobody-vendor');
    await expect(parley.request('POST', '/campaigns', { as: nobody, role: 'seller', body: campaignBody(nobody) })).resolves.toMatchObject({ status: 422, body: { error: { code: 'empty_audience' } } });
  });

  it("refuses a vendor addressing people who are not its customers, and another vendor's campaign", async () => {
    const reply = await refused(422, 'not_your_customers', campaignBody(vendor, { audience: { userIds: [customer, uid('stranger')] } }));
    expect(reply.body.error.message).toMatch(/not customers/);
    expectRefusal(await parley.request('POST', '/campaigns', { as: uid('seller'), role: 'seller', body: campaignBody(vendor) }), 403, 'not_your_campaigns');
    expectRefusal(await parley.request('POST', '/campaigns', { as: customer, body: campaignBody(vendor) }), 403, 'sellers_only');
  });

  it('refuses a sendAt in the past, splits not adding to 100, a pace of 0, a template that does not parse', async () => {
    await refused(400, 'send_at_in_past', campaignBody(vendor, { schedule: { sendAt: new Date(Date.now() - 3_600_000).toISOString() } }));
    await refused(422, 'invalid_split', campaignBody(vendor, { variants: [{ name: 'A', percent: 50 }, { name: 'B', percent: 30 }] }));
    await refused(422, 'invalid_pace', campaignBody(vendor, { pacePerMinute: 0 }));
    const broken = campaignBody(vendor, { channels: [{ channel: 'in-app', templates: [{ locale: 'en', content: { title: 'Sale', body: 'Hello {{ customer.firstName ' } }] }] });
    const reply = await refused(422, 'invalid_template', broken);
    expect(reply.body.error.details?.field ?? 'channels/0/templates/0').toBe('channels/0/templates/0');
    // The same refusals from a dry run.
    await refused(422, 'invalid_pace', campaignBody(vendor, { pacePerMinute: 0 }), '/campaigns/dry-run');
  });

  it('refuses cancelling a finished campaign and an unknown winner, changing nothing', async () => {
    const created = await parley.request('POST', '/campaigns', { ...asVendor, body: campaignBody(vendor, { variants: [{ name: 'A', percent: 50 }, { name: 'B', percent: 50 }] }) });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.campaignId;
    const winner = await parley.request('POST', `/campaigns/${id}/winner`, { ...asVendor, body: { variant: 'Z' } });
    expectRefusal(winner, 422, 'unknown_variant');
    await expand(parley);
    await campaignSent(parley, id);
    const before = await campaignState(parley);
    expectRefusal(await parley.request('POST', `/campaigns/${id}/cancel`, asVendor), 409, 'campaign_finished');
    expectRefusal(await parley.request('POST', `/campaigns/${id}/pause`, asVendor), 409, 'campaign_finished');
    expect(await campaignState(parley)).toEqual(before);
    expectRefusal(await parley.request('POST', `/campaigns/${uid('x')}/cancel`, asVendor), 404, 'campaign_not_found');
  });
});
