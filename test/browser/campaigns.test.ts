import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../support/backends.ts';
import { axeViolations, launchBrowser, signedIn } from '../support/browser.ts';
import { quietJobs } from '../support/marketplace.ts';
import { startParley, type TestParley } from '../support/parley.ts';

const unique = (name: string) => `${name}-${randomUUID().slice(0, 8)}`;

interface Customer {
  userId: string;
  name: string;
  orders: number;
  optIn: string[];
  locale?: string;
}

/** A vendor's customers, imported with their orders, contact details and consents to the vendor's promotions. */
async function importCustomers(parley: TestParley, vendorId: string, customers: Customer[]): Promise<void> {
  const imported = await parley.request('POST', `/vendors/${vendorId}/customers/import`, {
    as: vendorId,
    role: 'seller',
    body: {
      customers: customers.map((c) => ({
        userId: c.userId,
        orderCount: c.orders,
        lastOrderAt: new Date(Date.now() - 86_400_000).toISOString(),
        spend: c.orders * 20,
        currency: 'EUR',
        categories: ['mugs'],
        contact: { name: c.name, email: `${c.userId}@example.com`, ...(c.locale ? { locale: c.locale } : {}) },
        consents: c.optIn.map((channel) => ({ channel, granted: true, textShown: 'Send me offers from Mug Shop' })),
      })),
    },
  });
  expect(imported.status, JSON.stringify(imported.body)).toBe(200);
}

describe.each(backends)('campaigns in the web app ($name)', (backend) => {
  let parley: TestParley;
  let browser: Browser;
  const vendor = unique('mugshop');
  const ana = unique('ana');
  const ben = unique('ben');
  const cem = unique('cem');

  beforeAll(async () => {
    parley = await startParley(backend, { env: { ...quietJobs, PARLEY_POLL_MS: '50', PARLEY_CAMPAIGN_POLL_MS: '100' } });
    browser = await launchBrowser();
    await importCustomers(parley, vendor, [
      { userId: ana, name: 'Ana Lima', orders: 3, optIn: ['in-app', 'email'] },
      { userId: ben, name: 'Ben Roth', orders: 1, optIn: ['in-app'], locale: 'de-DE' },
      // Cem bought, but opts in to nothing.
      { userId: cem, name: 'Cem Kaya', orders: 5, optIn: [] },
    ]);
    // Campaigns need a tier with bulk sends (Basic, the default, has none).
    const placed = await parley.request('PUT', `/vendors/${vendor}/tier`, { as: unique('ops'), role: 'operator', body: { tier: 'standard' } });
    expect(placed.status, JSON.stringify(placed.body)).toBe(200);
  });
  afterAll(async () => {
    await browser?.close();
    await parley?.close();
  });

  it('takes a seller from the composer, with its live count, preview and dry run, to a sent campaign whose progress the list shows', async () => {
    const { page, errors, context } = await signedIn(browser, parley, vendor, 'seller', { path: '/campaigns' });
    await expect.poll(() => page.getByRole('heading', { name: 'No campaigns yet' }).isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: 'Campaigns' }).getAttribute('aria-current')).toBe('page');
    await page.getByRole('link', { name: 'New campaign' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'New campaign', level: 1 }).isVisible()).toBe(true);

    // The live count: every customer, then those opted in to the app's messages, then the frequent buyers among them.
    const counted = page.getByTestId('segment-count');
    await expect.poll(() => counted.textContent()).toContain('3 customers');
    await page.getByRole('group', { name: 'Opted in to any of' }).getByLabel('In the app').check();
    await expect.poll(() => counted.textContent()).toContain('2 customers');
    await page.getByLabel('At least this many orders').fill('2');
    await expect.poll(() => counted.textContent()).toContain('1 customer');
    await page.getByLabel('At least this many orders').fill('');
    await expect.poll(() => counted.textContent()).toContain('2 customers');
    await expect.poll(() => counted.textContent()).toMatch(/In the app 2/);

    await page.getByLabel('Campaign name').fill('Spring sale');
    const sendOn = page.getByRole('group', { name: 'Send on' });
    await sendOn.getByLabel('Email').uncheck();
    await sendOn.getByLabel('In the app').check();
    const inApp = page.getByRole('group', { name: 'In the app message' });
    await inApp.getByRole('textbox', { name: /^Title/ }).fill('Spring sale');
    await inApp.getByRole('textbox', { name: /^Message/ }).fill('Hello {{ customer.firstName }}, 20% off all mugs.');
    // The preview renders the template for the sample customer, as the server would.
    await page.getByLabel("Sample customer's name").fill('Dora Sá');
    await expect.poll(() => inApp.getByTestId('preview').textContent()).toContain('Hello Dora, 20% off all mugs.');
    // A template that would fail for a customer says so in the preview.
    await inApp.getByRole('textbox', { name: /^Message/ }).fill('Hello {{ customer.nickname }}');
    await expect.poll(() => inApp.getByRole('region', { name: /Preview/ }).textContent()).toContain('does not render');
    await inApp.getByRole('textbox', { name: /^Message/ }).fill('Hello {{ customer.firstName }}, 20% off all mugs.');
    await page.getByLabel('Messages per minute').fill('600');
    expect(await axeViolations(page)).toEqual([]);

    // The dry run's figures come before Send.
    expect(await page.getByRole('button', { name: 'Send', exact: true }).count()).toBe(0);
    await page.getByRole('button', { name: 'Check the audience' }).click();
    await expect.poll(() => page.getByTestId('dry-run-reach').textContent()).toBe('Reaches 2 of 2');
    await page.getByRole('button', { name: 'Send', exact: true }).click();

    await expect.poll(() => page.getByRole('heading', { name: 'Spring sale', level: 1 }).isVisible()).toBe(true);
    const campaignId = page.url().split('/').pop()!;
    await expect.poll(() => page.getByTestId('campaign-status').textContent(), { timeout: 20_000 }).toBe('Finished');
    const progress = page.getByRole('list', { name: 'Progress of Spring sale' });
    await expect.poll(() => progress.textContent(), { timeout: 20_000 }).toContain('2 of 2 sent');
    const perChannel = page.getByRole('figure', { name: 'Results per channel' });
    await expect.poll(() => perChannel.locator('canvas').count()).toBeGreaterThan(0);
    await expect.poll(() => perChannel.getByRole('row', { name: /In the app/ }).textContent()).toMatch(/In the app2/);
    expect(await axeViolations(page)).toEqual([]);

    // The customers got it, in the app.
    const feed = (await parley.request('GET', '/me/notifications', { as: ana })).body.notifications;
    expect(feed.find((n: any) => n.title === 'Spring sale')).toMatchObject({ body: 'Hello Ana, 20% off all mugs.' });
    const stored = await parley.request('GET', `/campaigns/${campaignId}`, { as: vendor, role: 'seller' });
    expect(stored.body.definition).toMatchObject({ name: 'Spring sale', pacePerMinute: 600, audience: { segment: { channels: ['in-app'] } } });

    // The list shows the campaign with its progress per channel.
    await page.getByRole('link', { name: 'All campaigns' }).click();
    const item = page.getByRole('list', { name: 'Campaigns' }).getByRole('listitem').filter({ has: page.getByRole('link', { name: 'Spring sale' }) });
    await expect.poll(() => item.textContent()).toContain('Finished');
    await expect.poll(() => item.getByRole('progressbar', { name: 'In the app' }).getAttribute('aria-valuetext')).toBe('2 of 2 sent');
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("shows a seller each customer's consent per channel, and their usage against the quota", async () => {
    const { page, errors, context } = await signedIn(browser, parley, vendor, 'seller', { path: '/customers' });
    const table = page.getByRole('table', { name: /consent per channel/ });
    const anaRow = table.getByRole('row', { name: new RegExp(ana) });
    await expect.poll(() => anaRow.textContent()).toContain('Opted in');
    const cemRow = table.getByRole('row', { name: new RegExp(cem) });
    await expect.poll(() => cemRow.textContent()).toContain('Not asked');
    expect(await cemRow.getByText('Opted in').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'Usage' }).click();
    const usage = await parley.request('GET', `/vendors/${vendor}/usage`, { as: vendor, role: 'seller' });
    expect(usage.status).toBe(200);
    const bars = page.getByRole('meter');
    await expect.poll(() => bars.count()).toBeGreaterThan(0);
    for (const [kind, name] of [['email', 'Promotional email'], ['sms', 'Promotional SMS'], ['bulk', 'Campaign sends']] as const) {
      const k = usage.body.kinds[kind];
      if (k.limit === null) continue;
      const meter = page.getByRole('meter', { name });
      expect(Number(await meter.getAttribute('max'))).toBe(Math.max(k.limit, 1));
      expect(Number(await meter.getAttribute('value'))).toBe(Math.min(k.used, k.limit));
    }
    await expect.poll(() => page.getByText(/starts again on/).textContent()).toContain(usage.body.timeZone);
    expect(await page.getByRole('link', { name: 'Tiers' }).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("lets an operator change a tier's limits and a vendor's tier, and see the vendor's usage", async () => {
    const operator = unique('ops');
    const { page, errors, context } = await signedIn(browser, parley, operator, 'operator', { path: '/tiers' });
    const premium = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Premium', level: 3 }) });
    await expect.poll(() => premium.getByLabel(/^Promotional email/).inputValue()).toBe('100000');
    await premium.getByLabel(/^Promotional email/).fill('120000');
    await premium.getByRole('button', { name: /Save limits/ }).click();
    await expect.poll(() => premium.getByRole('status').textContent()).toBe('Premium limits saved.');
    const tiers = await parley.request('GET', '/tiers', { as: operator, role: 'operator' });
    expect(tiers.body.tiers.find((t: any) => t.tier === 'premium')).toMatchObject({ limits: { email: 120000 }, source: 'operator' });

    // The vendor has a campaign, so is listed with its usage; placing it in Premium shows the new limits.
    const vendors = page.getByRole('list', { name: 'Vendors' });
    const mine = vendors.getByRole('listitem').filter({ has: page.getByRole('heading', { name: vendor, level: 3 }) });
    await expect.poll(() => mine.getByRole('meter').count()).toBeGreaterThan(0);
    await mine.getByLabel(`Tier of ${vendor}`).selectOption('premium');
    await mine.getByLabel(`Time zone of ${vendor}`).fill('Europe/Berlin');
    await mine.getByRole('button', { name: `Set tier of ${vendor}` }).click();
    await expect.poll(() => mine.getByRole('status').first().textContent()).toContain(`${vendor} is on Premium`);
    await expect.poll(() => mine.getByRole('meter', { name: 'Promotional email' }).getAttribute('max')).toBe('120000');
    await expect.poll(() => mine.textContent()).toContain('Europe/Berlin');
    const placed = await parley.request('GET', `/vendors/${vendor}/usage`, { as: operator, role: 'operator' });
    expect(placed.body).toMatchObject({ tier: 'premium', timeZone: 'Europe/Berlin' });
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows the refusal over quota with its numbers, and sends to as many as the quota allows', async () => {
    const shop = unique('smallshop');
    await importCustomers(parley, shop, [
      { userId: unique('eva'), name: 'Eva Berg', orders: 1, optIn: ['in-app'] },
      { userId: unique('finn'), name: 'Finn Ahl', orders: 2, optIn: ['in-app'] },
    ]);
    // An enterprise vendor with room for one campaign message this month.
    const placed = await parley.request('PUT', `/vendors/${shop}/tier`, { as: unique('ops'), role: 'operator', body: { tier: 'enterprise', limits: { bulk: 1 } } });
    expect(placed.status, JSON.stringify(placed.body)).toBe(200);
    const { page, errors, context } = await signedIn(browser, parley, shop, 'seller', { path: '/campaigns/new' });
    await expect.poll(() => page.getByTestId('segment-count').textContent()).toContain('2 customers');
    await page.getByLabel('Campaign name').fill('Last call');
    await page.getByRole('group', { name: 'Send on' }).getByLabel('Email').uncheck();
    await page.getByRole('group', { name: 'Send on' }).getByLabel('In the app').check();
    await page.getByRole('button', { name: 'Check the audience' }).click();
    await expect.poll(() => page.getByTestId('dry-run-reach').textContent()).toBe('Reaches 1 of 2');
    await expect.poll(() => page.locator('.composer-dry').textContent()).toMatch(/Over quota1/);
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    const refusal = page.getByRole('alert').filter({ hasText: 'Over your quota' });
    await expect.poll(() => refusal.textContent()).toContain('Over your quota for Campaign sends: the campaign needs 2, but your Enterprise plan has 1 of 1 left in');
    expect(await axeViolations(page)).toEqual([]);
    // Nothing was created by the refusal.
    expect((await parley.request('GET', '/campaigns', { as: shop, role: 'seller' })).body.campaigns).toEqual([]);
    await refusal.getByRole('button', { name: 'Send to 1 customer (as many as fit)' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Last call', level: 1 }).isVisible()).toBe(true);
    await expect.poll(() => page.getByRole('list', { name: 'Progress of Last call' }).textContent(), { timeout: 20_000 }).toContain('1 of 1 sent');
    const created = (await parley.request('GET', '/campaigns', { as: shop, role: 'seller' })).body.campaigns;
    expect(created).toHaveLength(1);
    expect(created[0].definition).toMatchObject({ upToQuota: true });
    // The refusal is the one failed request.
    expect(errors.filter((e) => !e.includes('422 (Unprocessable Entity)'))).toEqual([]);
    await context.close();
  });

  it('composes an A/B test with a hold-back, shows the variants compared, and sends the rest the winner', async () => {
    const shop = unique('abshop');
    const people = Array.from({ length: 30 }, (_, i) => ({ userId: `${shop}-c${i}`, name: `Kim ${i}`, orders: 1, optIn: ['in-app'] }));
    await importCustomers(parley, shop, people);
    expect((await parley.request('PUT', `/vendors/${shop}/tier`, { as: unique('ops'), role: 'operator', body: { tier: 'standard' } })).status).toBe(200);
    const { page, errors, context } = await signedIn(browser, parley, shop, 'seller', { path: '/campaigns/new' });
    await expect.poll(() => page.getByTestId('segment-count').textContent()).toContain('30 customers');
    await page.getByLabel('Campaign name').fill('Which subject');
    await page.getByRole('group', { name: 'Send on' }).getByLabel('Email').uncheck();
    await page.getByRole('group', { name: 'Send on' }).getByLabel('In the app').check();
    await page.getByLabel('Test two variants of the message').check();
    await page.getByLabel('Variant A (%)').fill('40');
    await expect.poll(() => page.getByText('The split adds up to 90%, not 100%.').isVisible()).toBe(true);
    await page.getByLabel('Variant B (%)').fill('40');
    await page.getByLabel('Held back for the winner (%)').fill('20');
    await expect.poll(() => page.getByText('The split adds up to 100%.').isVisible()).toBe(true);
    const variantB = page.getByRole('group', { name: 'In the app message, variant B' });
    await variantB.getByRole('textbox', { name: /^Title/ }).fill('Only today');
    await expect.poll(() => variantB.getByTestId('preview').textContent()).toContain('Only today');
    await page.getByRole('button', { name: 'Check the audience' }).click();
    await expect.poll(() => page.getByTestId('dry-run-reach').textContent()).toBe('Reaches 30 of 30');
    await page.getByRole('button', { name: 'Send', exact: true }).click();

    await expect.poll(() => page.getByTestId('campaign-status').textContent(), { timeout: 20_000 }).toBe('Waiting for a winner');
    const stored = (await parley.request('GET', '/campaigns', { as: shop, role: 'seller' })).body.campaigns[0];
    expect(stored.definition.variants).toEqual([
      { name: 'A', percent: 40 },
      { name: 'B', percent: 40, channels: [{ channel: 'in-app', templates: [expect.objectContaining({ content: expect.objectContaining({ title: 'Only today' }) })] }] },
      { name: 'holdback', percent: 20 },
    ]);
    const perVariant = page.getByRole('figure', { name: 'Results per variant' });
    await expect.poll(() => perVariant.getByRole('row').count(), { timeout: 20_000 }).toBe(3);
    const compared = page.getByRole('region', { name: 'A/B test' });
    await expect.poll(() => compared.getByRole('rowheader', { name: 'B against A' }).count(), { timeout: 20_000 }).toBe(2);
    await expect.poll(() => compared.textContent()).toContain('two-proportion z-test');
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Declare B the winner' }).click();
    await expect.poll(() => page.getByText('Winner: variant B.').isVisible()).toBe(true);
    await expect.poll(() => page.getByTestId('campaign-status').textContent(), { timeout: 20_000 }).toBe('Finished');
    await expect.poll(() => page.getByRole('list', { name: 'Progress of Which subject' }).textContent(), { timeout: 20_000 }).toContain('30 of 30 sent');
    expect(await page.getByRole('button', { name: /the winner$/ }).count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('pauses, resumes and cancels a paced campaign from its page', async () => {
    const body = {
      vendorId: vendor,
      name: 'Slow drip',
      channels: [{ channel: 'in-app', templates: [{ locale: 'en', content: { title: 'Slow drip', body: 'One a minute.' } }] }],
      audience: { userIds: [ana, ben] },
      pacePerMinute: 1,
    };
    const created = await parley.request('POST', '/campaigns', { as: vendor, role: 'seller', body });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.campaignId;
    const { page, errors, context } = await signedIn(browser, parley, vendor, 'seller', { path: `/campaigns/${id}` });
    const status = page.getByTestId('campaign-status');
    await expect.poll(() => page.getByRole('heading', { name: 'Slow drip', level: 1 }).isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Pause' }).click();
    await expect.poll(() => status.textContent()).toBe('Paused');
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Paused:' }).count()).toBe(1);
    expect((await parley.request('GET', `/campaigns/${id}`, { as: vendor, role: 'seller' })).body.status).toBe('paused');

    await page.getByRole('button', { name: 'Resume' }).click();
    await expect.poll(() => status.textContent()).not.toBe('Paused');
    await expect.poll(() => page.getByRole('button', { name: 'Pause' }).isVisible()).toBe(true);

    // Cancelling asks once more.
    await page.getByRole('button', { name: 'Cancel campaign' }).click();
    expect((await parley.request('GET', `/campaigns/${id}`, { as: vendor, role: 'seller' })).body.status).not.toBe('cancelled');
    await expect.poll(() => page.getByText('Nothing not yet sent will go out').isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Yes, cancel it' }).click();
    await expect.poll(() => status.textContent()).toBe('Cancelled');
    // A finished or cancelled campaign has no controls left.
    await expect.poll(() => page.getByRole('button', { name: /^(Pause|Resume|Cancel campaign)$/ }).count()).toBe(0);
    expect((await parley.request('GET', `/campaigns/${id}`, { as: vendor, role: 'seller' })).body.status).toBe('cancelled');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('keeps the views and their navigation from roles that may not use them', async () => {
    const { page, errors, context } = await signedIn(browser, parley, unique('buyer'), 'buyer', { path: '/campaigns' });
    await expect.poll(() => page.getByText('The campaigns page is not available for your role.').isVisible()).toBe(true);
    for (const name of ['Campaigns', 'Customers', 'Usage', 'Tiers']) expect(await page.getByRole('link', { name, exact: true }).count()).toBe(0);
    await page.goto(`${parley.url}/app/tiers`);
    await expect.poll(() => page.getByText('The tier catalogue is not available for your role.').isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
