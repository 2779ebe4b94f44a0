import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from './support/backends.ts';
import { quietJobs } from './support/marketplace.ts';
import { startParley, type TestParley } from './support/parley.ts';

const id = (name: string) => `${name}-${randomUUID().slice(0, 8)}`;

describe.each(backends)('the consent API on $name', (backend) => {
  let parley: TestParley;
  const buyer = id('buyer');
  const seller = id('seller');
  const give = (userId: string, body: Record<string, unknown>, as: Record<string, unknown> = { as: userId }) =>
    parley.request('POST', `/users/${userId}/consents`, { ...as, body });

  beforeAll(async () => {
    parley = await startParley(backend, { env: quietJobs });
  });
  afterAll(async () => parley?.close());

  it('records a consent given and withdrawn, with the address and user agent of the request, and answers current and history', async () => {
    const given = await parley.request('POST', `/users/${buyer}/consents`, {
      as: buyer,
      headers: { 'user-agent': 'MugBrowser/1.0' },
      body: { vendorId: seller, channel: 'email', granted: true, source: 'checkout', textShown: 'Send me offers from Mug Shop' },
    });
    expect(given.status, JSON.stringify(given.body)).toBe(201);
    expect(given.body).toMatchObject({ userId: buyer, vendorId: seller, channel: 'email', granted: true, source: 'checkout', textShown: 'Send me offers from Mug Shop', userAgent: 'MugBrowser/1.0', ipAddress: '127.0.0.1' });
    expect((await give(buyer, { channel: 'sms', granted: true, source: 'preferences' })).body.vendorId).toBeNull();
    expect((await give(buyer, { vendorId: seller, channel: 'email', granted: false, source: 'preferences' })).status).toBe(201);

    const mine = await parley.request('GET', `/users/${buyer}/consents`, { as: buyer });
    expect(mine.status).toBe(200);
    expect(mine.body.history.map((c: any) => [c.vendorId, c.channel, c.granted])).toEqual([[seller, 'email', true], [null, 'sms', true], [seller, 'email', false]]);
    expect(mine.body.current.map((c: any) => [c.vendorId, c.channel, c.granted]).sort()).toEqual([[null, 'sms', true], [seller, 'email', false]].sort());
  });

  it('refuses strangers and sellers a person\'s consents (403), and lets an operator read and record them', async () => {
    for (const as of [{ as: id('stranger') }, { as: seller, role: 'seller' as const }]) {
      const read = await parley.request('GET', `/users/${buyer}/consents`, as);
      expect(read.status).toBe(403);
      expect(read.body.error.code).toBe('not_your_consent');
      expect((await give(buyer, { channel: 'push', granted: true, source: 'api' }, as)).status).toBe(403);
    }
    expect((await give(buyer, { channel: 'push', granted: true, source: 'import' }, {})).status).toBe(201);
    expect((await parley.request('GET', `/users/${buyer}/consents`)).body.history).toHaveLength(4);
  });

  it('refuses a consent it cannot record with a code: an unknown channel, a source only Parley writes', async () => {
    const badChannel = await give(buyer, { channel: 'fax', granted: true, source: 'api' });
    expect(badChannel.status).toBe(400);
    expect(badChannel.body.error.code).toBeTruthy();
    expect((await give(buyer, { channel: 'email', granted: false, source: 'erasure' })).status).toBe(400);
  });

  it("shows a seller their consenting customers, page by page, and no other vendor's", async () => {
    const vendor = id('vendor');
    const customers = [id('a-cust'), id('b-cust'), id('c-cust')].sort();
    for (const customer of customers) expect((await give(customer, { vendorId: vendor, channel: 'email', granted: true, source: 'checkout' })).status).toBe(201);
    expect((await parley.request('PUT', `/users/${customers[0]}/contact`, { body: { name: 'Ana Lima' } })).status).toBe(200);
    // One withdraws: they leave the list.
    expect((await give(customers[1]!, { vendorId: vendor, channel: 'email', granted: false, source: 'preferences' })).status).toBe(201);

    const seen: any[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: any } = await parley.request('GET', `/vendors/${vendor}/consents?limit=1${cursor ? `&cursor=${cursor}` : ''}`, { as: vendor, role: 'seller' });
      expect(page.status).toBe(200);
      expect(page.body.customers.length).toBeLessThanOrEqual(1);
      seen.push(...page.body.customers);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen.map((c) => c.userId)).toEqual([customers[0], customers[2]]);
    expect(seen[0]).toMatchObject({ name: 'Ana Lima', channel: 'email', source: 'checkout' });

    const other = await parley.request('GET', `/vendors/${vendor}/consents`, { as: id('seller'), role: 'seller' });
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe('not_your_customers');
    expect((await parley.request('GET', `/vendors/${vendor}/consents`, { as: customers[0] })).status).toBe(403);
    expect((await parley.request('GET', `/vendors/${vendor}/consents?channel=sms`)).body.customers).toEqual([]);
    expect((await parley.request('GET', `/vendors/${vendor}/consents?cursor=nonsense`, { as: vendor, role: 'seller' })).status).toBe(400);
  });
});
