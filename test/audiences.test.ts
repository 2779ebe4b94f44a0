import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Segment, createAudiences } from '../src/audiences/index.ts';
import { createConsentLog } from '../src/consents/consent-log.ts';
import { createContacts } from '../src/marketplace/contacts/user-contacts.ts';
import { backends } from './support/backends.ts';
import { applied, payment, placeOrder, quietJobs } from './support/marketplace.ts';
import { expectRefusal, expectRefused, startParley, type TestParley, writtenState } from './support/parley.ts';

const id = (name: string) => `${name}-${randomUUID().slice(0, 8)}`;
const CHANNELS = ['email', 'sms', 'push', 'in-app', 'whatsapp'];

/** One customer of the hand-made fixture, as imported, with what the segments look at. */
interface Fixture {
  userId: string;
  lastOrderAt: string;
  orderCount: number;
  spend: number;
  productIds: string[];
  categories: string[];
  locale: string | null;
  optedIn: string[];
}

describe.each(backends)('audiences on $name', (backend) => {
  let parley: TestParley;
  let audiences: ReturnType<typeof createAudiences>;
  const seller = id('seller');
  const asSeller = { as: seller, role: 'seller' as const };

  const customersOf = async (vendorId: string, as: Record<string, unknown> = { as: vendorId, role: 'seller' }) => {
    const out: any[] = [];
    let cursor: string | null = null;
    do {
      const reply = await parley.request('GET', `/vendors/${vendorId}/customers?limit=2${cursor ? `&cursor=${cursor}` : ''}`, as);
      expect(reply.status, JSON.stringify(reply.body)).toBe(200);
      out.push(...reply.body.customers);
      cursor = reply.body.nextCursor;
    } while (cursor);
    return out;
  };

  beforeAll(async () => {
    parley = await startParley(backend, { env: quietJobs });
    audiences = createAudiences(parley.db, { consents: createConsentLog(parley.db), addMissingContacts: createContacts(parley.db).addMissing });
  });
  afterAll(async () => parley?.close());

  it('makes customers from order events, and takes cancelled and refunded orders off their count and spend (once)', async () => {
    const buyer = id('buyer');
    const other = id('buyer');
    const items = (productId: string, category: string) => [{ productId, title: 'Mug', quantity: 1, unitPrice: 10, category }];
    const first = await placeOrder(parley, { buyer: { userId: buyer }, seller: { userId: seller }, total: 20, currency: 'EUR', items: items('mug-blue', 'kitchen') });
    await placeOrder(parley, { buyer: { userId: buyer }, seller: { userId: seller }, total: 35.5, currency: 'EUR', items: items('teapot', 'tea') });
    const third = await placeOrder(parley, { buyer: { userId: buyer }, seller: { userId: seller }, total: 100, currency: 'EUR', items: items('kettle', 'kitchen') });
    await placeOrder(parley, { buyer: { userId: other }, seller: { userId: seller }, total: 5, currency: 'EUR', items: [{ productId: 'spoon' }] });

    let [mine] = (await customersOf(seller)).filter((c) => c.userId === buyer);
    expect(mine).toMatchObject({ orderCount: 3, spend: 155.5, currency: 'EUR', source: 'orders', productIds: ['kettle', 'mug-blue', 'teapot'], categories: ['kitchen', 'tea'], consents: {} });

    // Cancelled: no longer counted. Paid, cancelled, then refunded: taken off once.
    await applied(parley, 'cancelled', first.orderId);
    await applied(parley, 'paid', third.orderId, payment(100));
    await applied(parley, 'cancelled', third.orderId);
    await applied(parley, 'refunded', third.orderId, { refund: { amount: 100, currency: 'EUR' } });
    [mine] = (await customersOf(seller)).filter((c) => c.userId === buyer);
    expect(mine).toMatchObject({ orderCount: 1, spend: 35.5, productIds: ['kettle', 'mug-blue', 'teapot'] });
    expect(new Date(mine.firstOrderAt).getTime()).toBeLessThanOrEqual(new Date(mine.lastOrderAt).getTime());
    expect(await audiences.notCustomers(seller, [buyer, other, 'nobody-here', buyer])).toEqual(['nobody-here']);
  });

  it('backfills from the orders in the migration with the figures the events give', async () => {
    const before = await parley.db.selectFrom('vendor_customers').select(['vendor_id', 'user_id', 'order_count', 'spend', 'currency', 'product_ids', 'categories', 'first_order_at', 'last_order_at']).where('source', '=', 'orders').orderBy('vendor_id').orderBy('user_id').execute();
    expect(before.length).toBeGreaterThanOrEqual(2);
    const migration = readFileSync(join(import.meta.dirname, '../src/db/migrations/023_vendor_customers.sql'), 'utf8');
    const backfill = migration.slice(migration.indexOf('INSERT INTO vendor_customers'));
    await parley.db.transaction().execute(async (trx) => {
      await sql`DELETE FROM vendor_customers`.execute(trx);
      await sql.raw(backfill).execute(trx);
      const after = await trx.selectFrom('vendor_customers').select(['vendor_id', 'user_id', 'order_count', 'spend', 'currency', 'product_ids', 'categories', 'first_order_at', 'last_order_at']).orderBy('vendor_id').orderBy('user_id').execute();
      expect(after).toEqual(before);
    });
  });

  it('imports customers with their consents (source import, the text shown) and fills contact details only where a user has none', async () => {
    const vendor = id('vendor');
    const known = id('known');
    const fresh = id('fresh');
    expect((await parley.request('PUT', `/users/${known}/contact`, { body: { email: 'own@example.org', locale: 'de' } })).status).toBe(200);
    const reply = await parley.request('POST', `/vendors/${vendor}/customers/import`, {
      as: vendor,
      role: 'seller',
      body: {
        customers: [
          { userId: known, orderCount: 2, spend: 40, currency: 'EUR', lastOrderAt: '2026-03-01T10:00:00Z', contact: { email: 'seller-guess@example.org', locale: 'fr' }, consents: [{ channel: 'email', granted: true, textShown: 'Yes, send me Mug Shop news' }] },
          { userId: fresh, productIds: ['mug'], categories: ['kitchen'], contact: { name: 'Fresh Face', email: 'fresh@example.org', locale: 'en-GB' }, consents: [{ channel: 'sms', granted: true, textShown: 'Texts from Mug Shop' }, { channel: 'email', granted: false }] },
        ],
      },
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect(reply.body).toEqual({ vendorId: vendor, imported: 2, created: 2, contactsSaved: 1, contactsKept: 1, consentsRecorded: 3 });

    const contacts = await createContacts(parley.db).find([known, fresh]);
    expect(contacts.get(known)).toMatchObject({ email: 'own@example.org', locale: 'de' });
    expect(contacts.get(fresh)).toMatchObject({ name: 'Fresh Face', email: 'fresh@example.org', locale: 'en-GB' });
    const log = await parley.db.selectFrom('promotional_consents').selectAll().where('vendor_id', '=', vendor).orderBy('consent_id').execute();
    expect(log.map((r) => [r.user_id, r.channel, r.granted, r.source, r.text_shown])).toEqual([
      [known, 'email', true, 'import', 'Yes, send me Mug Shop news'],
      [fresh, 'sms', true, 'import', 'Texts from Mug Shop'],
      [fresh, 'email', false, 'import', null],
    ]);

    const listed = await customersOf(vendor);
    expect(listed.map((c) => c.userId).sort()).toEqual([known, fresh].sort());
    expect(listed.find((c) => c.userId === known)).toMatchObject({ orderCount: 2, spend: 40, source: 'import', consents: { email: true } });
    expect(listed.find((c) => c.userId === fresh)).toMatchObject({ orderCount: 0, productIds: ['mug'], consents: { sms: true, email: false } });

    // An order from an imported customer adds to the imported figures; a later import leaves an order-known customer's figures alone.
    await placeOrder(parley, { buyer: { userId: known }, seller: { userId: vendor }, total: 10, currency: 'EUR' });
    const again = await parley.request('POST', `/vendors/${vendor}/customers/import`, { as: vendor, role: 'seller', body: { customers: [{ userId: known, orderCount: 99, spend: 1 }] } });
    expect(again.body).toMatchObject({ imported: 1, created: 0, consentsRecorded: 0 });
    expect((await customersOf(vendor)).find((c) => c.userId === known)).toMatchObject({ orderCount: 3, spend: 50, source: 'orders' });
  });

  describe('segments', () => {
    const vendor = id('segvendor');
    const fixture: Fixture[] = [
      { userId: 'c01', lastOrderAt: '2026-01-05T00:00:00Z', orderCount: 1, spend: 10, productIds: ['p1'], categories: ['kitchen'], locale: 'de', optedIn: ['email'] },
      { userId: 'c02', lastOrderAt: '2026-02-10T00:00:00Z', orderCount: 2, spend: 55.5, productIds: ['p2'], categories: ['tea'], locale: 'de-AT', optedIn: ['email', 'sms'] },
      { userId: 'c03', lastOrderAt: '2026-03-15T00:00:00Z', orderCount: 5, spend: 300, productIds: ['p1', 'p3'], categories: ['kitchen', 'garden'], locale: 'en-GB', optedIn: [] },
      { userId: 'c04', lastOrderAt: '2026-04-20T00:00:00Z', orderCount: 0, spend: 0, productIds: [], categories: [], locale: 'en-US', optedIn: ['push'] },
      { userId: 'c05', lastOrderAt: '2026-05-01T00:00:00Z', orderCount: 3, spend: 120, productIds: ['p3'], categories: ['garden'], locale: null, optedIn: ['whatsapp', 'in-app'] },
      { userId: 'c06', lastOrderAt: '2026-05-30T00:00:00Z', orderCount: 10, spend: 999.99, productIds: ['p4'], categories: ['tea', 'kitchen'], locale: 'fr', optedIn: ['sms'] },
      { userId: 'c07', lastOrderAt: '2026-06-15T00:00:00Z', orderCount: 1, spend: 15, productIds: ['p2'], categories: ['tea'], locale: 'de-DE', optedIn: [] },
    ];
    const withdrawn = 'c07'; // gave email consent, then withdrew it: not opted in

    const expected = (segment: Segment) => {
      const match = fixture.filter(
        (c) =>
          (!segment.productIds || c.productIds.some((p) => segment.productIds!.includes(p))) &&
          (!segment.categories || c.categories.some((p) => segment.categories!.includes(p))) &&
          (!segment.lastOrderAfter || new Date(c.lastOrderAt) >= new Date(segment.lastOrderAfter)) &&
          (!segment.lastOrderBefore || new Date(c.lastOrderAt) < new Date(segment.lastOrderBefore)) &&
          (segment.minOrders === undefined || c.orderCount >= segment.minOrders) &&
          (segment.maxOrders === undefined || c.orderCount <= segment.maxOrders) &&
          (segment.minSpend === undefined || c.spend >= segment.minSpend) &&
          (segment.maxSpend === undefined || c.spend <= segment.maxSpend) &&
          (!segment.channels || c.optedIn.some((ch) => (segment.channels as string[]).includes(ch))) &&
          (!segment.locales || (c.locale !== null && segment.locales.some((l) => l.toLowerCase() === c.locale!.toLowerCase() || l.toLowerCase() === c.locale!.split('-')[0]!.toLowerCase()))),
      );
      return { customers: match.length, optedIn: Object.fromEntries(CHANNELS.map((ch) => [ch, match.filter((c) => c.optedIn.includes(ch)).length])) };
    };

    beforeAll(async () => {
      const reply = await parley.request('POST', `/vendors/${vendor}/customers/import`, {
        body: {
          customers: fixture.map((c) => ({
            userId: c.userId,
            lastOrderAt: c.lastOrderAt,
            orderCount: c.orderCount,
            spend: c.spend,
            currency: 'EUR',
            productIds: c.productIds,
            categories: c.categories,
            ...(c.locale ? { contact: { locale: c.locale, email: `${c.userId}@example.org` } } : {}),
            consents: [
              ...c.optedIn.map((channel) => ({ channel, granted: true, textShown: 'News from the shop' })),
              ...(c.userId === withdrawn ? [{ channel: 'email', granted: true, textShown: 'News from the shop' }] : []),
            ],
          })),
        },
      });
      expect(reply.status, JSON.stringify(reply.body)).toBe(200);
      const out = await parley.request('POST', `/users/${withdrawn}/consents`, { body: { vendorId: vendor, channel: 'email', granted: false, source: 'preferences' } });
      expect(out.status).toBe(201);
      // Another vendor's consent does not count for this one.
      expect((await parley.request('POST', '/users/c03/consents', { body: { vendorId: id('elsewhere'), channel: 'email', granted: true, source: 'checkout', textShown: 'x' } })).status).toBe(201);
    });

    const segments: Array<[string, Segment]> = [
      ['everyone', {}],
      ['productIds', { productIds: ['p1', 'p4'] }],
      ['categories', { categories: ['garden'] }],
      ['lastOrderAfter', { lastOrderAfter: '2026-03-15T00:00:00Z' }],
      ['lastOrderBefore', { lastOrderBefore: '2026-03-15T00:00:00Z' }],
      ['minOrders', { minOrders: 2 }],
      ['maxOrders', { maxOrders: 1 }],
      ['minSpend', { minSpend: 55.5 }],
      ['maxSpend', { maxSpend: 120 }],
      ['channels', { channels: ['email', 'push'] }],
      ['locales by language and exactly', { locales: ['de', 'en-GB'] }],
      ['everything together', { categories: ['kitchen', 'tea'], minOrders: 1, maxSpend: 400, lastOrderAfter: '2026-01-01T00:00:00Z', lastOrderBefore: '2026-06-01T00:00:00Z', channels: ['email', 'sms'], locales: ['DE', 'fr'] }],
    ];

    it.each(segments)('counts %s right, live in SQL', async (_, segment) => {
      const reply = await parley.request('POST', `/vendors/${vendor}/segments/count`, { ...{ as: vendor, role: 'seller' as const }, body: { segment } });
      expect(reply.status, JSON.stringify(reply.body)).toBe(200);
      expect(reply.body).toEqual(expected(segment));
      expect(await audiences.countSegment(vendor, segment)).toEqual(expected(segment));
    });

    it('pages recipients without gaps or repeats, with their contact and the channels they opt in to', async () => {
      for (const segment of [{}, { minOrders: 1 }] as Segment[]) {
        const seen: string[] = [];
        let afterUserId: string | undefined;
        for (;;) {
          const page = await audiences.pageRecipients(vendor, segment, { afterUserId, limit: 2 });
          if (page.length === 0) break;
          expect(page.length).toBeLessThanOrEqual(2);
          seen.push(...page.map((r) => r.userId));
          afterUserId = page.at(-1)!.userId;
        }
        expect(new Set(seen).size).toBe(seen.length);
        expect([...seen].sort()).toEqual(fixture.filter((c) => segment.minOrders === undefined || c.orderCount >= segment.minOrders).map((c) => c.userId).sort());
      }
      const [c02] = await audiences.pageRecipients(vendor, { productIds: ['p2'], minOrders: 2 }, { limit: 10 });
      expect(c02).toEqual({ userId: 'c02', locale: 'de-AT', email: 'c02@example.org', phoneNumber: null, optedInChannels: ['email', 'sms'] });
      const [c07] = await audiences.pageRecipients(vendor, { lastOrderAfter: '2026-06-01T00:00:00Z' }, { limit: 10 });
      expect(c07).toMatchObject({ userId: 'c07', optedInChannels: [] });
      expect(await audiences.notCustomers(vendor, ['c01', 'c99', 'c07'])).toEqual(['c99']);
    });

    it('refuses a segment that cannot hold or is not one, with a code', async () => {
      expectRefusal(await parley.request('POST', `/vendors/${vendor}/segments/count`, { ...asVendor(vendor), body: { segment: { minOrders: 3, maxOrders: 1 } } }), 400, 'invalid_segment');
      expectRefusal(await parley.request('POST', `/vendors/${vendor}/segments/count`, { ...asVendor(vendor), body: { segment: { minSpend: 10, maxSpend: 5 } } }), 400, 'invalid_segment');
      expectRefusal(await parley.request('POST', `/vendors/${vendor}/segments/count`, { ...asVendor(vendor), body: { segment: { lastOrderAfter: '2026-05-01T00:00:00Z', lastOrderBefore: '2026-01-01T00:00:00Z' } } }), 400, 'invalid_segment');
      for (const segment of [{ channels: ['fax'] }, { spend: 3 }, { minOrders: -1 }, { lastOrderAfter: 'yesterday' }, { locales: ['not a locale'] }]) {
        const reply = await parley.request('POST', `/vendors/${vendor}/segments/count`, { ...asVendor(vendor), body: { segment } });
        expect(reply.status, JSON.stringify(segment)).toBe(400);
        expect(reply.body.error.code).toBeTruthy();
      }
      await expect(audiences.countSegment(vendor, { minOrders: 5, maxOrders: 2 })).rejects.toMatchObject({ code: 'invalid_segment' });
    });
  });

  it("refuses a buyer (403 sellers_only) and another seller (403 not_your_customers) a vendor's customers, and lets an operator in", async () => {
    const refusals: Array<[Record<string, unknown>, string]> = [
      [{ as: id('stranger') }, 'sellers_only'],
      [{ as: id('buyer'), role: 'buyer' }, 'sellers_only'],
      [{ as: id('seller'), role: 'seller' }, 'not_your_customers'],
    ];
    for (const [as, code] of refusals) {
      expectRefusal(await parley.request('GET', `/vendors/${seller}/customers`, as), 403, code);
      expectRefusal(await parley.request('POST', `/vendors/${seller}/segments/count`, { ...as, body: { segment: {} } }), 403, code);
      await expectRefused(parley, 403, code, () => parley.request('POST', `/vendors/${seller}/customers/import`, { ...as, body: { customers: [{ userId: id('x') }] } }));
    }
    expect((await parley.request('GET', `/vendors/${seller}/customers`)).status).toBe(200);
    expect((await parley.request('POST', `/vendors/${seller}/segments/count`, { body: { segment: {} } })).body.customers).toBeGreaterThanOrEqual(2);
    expect((await parley.request('GET', `/vendors/${seller}/customers`, asSeller)).status).toBe(200);
  });

  it('refuses a bad import whole, naming the rows, and writes nothing', async () => {
    const vendor = id('badvendor');
    const good = { userId: id('ok'), contact: { email: 'ok@example.org' }, consents: [{ channel: 'email', granted: true, textShown: 'Offers' }] };
    const reply = await expectRefused(parley, 400, 'invalid_import_rows', () =>
      parley.request('POST', `/vendors/${vendor}/customers/import`, {
        ...asVendor(vendor),
        body: {
          customers: [
            good,
            { userId: 'no-text', consents: [{ channel: 'sms', granted: true }] },
            { userId: good.userId },
            { userId: vendor },
            { userId: 'reversed', firstOrderAt: '2026-05-01T00:00:00Z', lastOrderAt: '2026-01-01T00:00:00Z' },
          ],
        },
      }),
    );
    expect(reply.body.error.details.rows.map((r: any) => [r.row, r.code])).toEqual([
      [1, 'consent_text_required'],
      [2, 'duplicate_customer'],
      [3, 'own_customer'],
      [4, 'order_dates_reversed'],
    ]);
    expect(reply.body.error.message).toMatch(/rows 1, 2, 3, 4/);
    for (const body of [{ customers: [] }, { customers: Array.from({ length: 1001 }, (_, i) => ({ userId: `u${i}` })) }, { customers: [{ userId: 'x', consents: [{ channel: 'fax', granted: true, textShown: 't' }] }] }, { customers: [{ userId: 'x', contact: { email: 'not-an-email' } }] }]) {
      const before = await writtenState(parley);
      const refused = await parley.request('POST', `/vendors/${vendor}/customers/import`, { ...asVendor(vendor), body });
      expect(refused.status).toBe(400);
      expect(refused.body.error.code).toBeTruthy();
      expect(await writtenState(parley)).toEqual(before);
    }
    expect(await customersOf(vendor)).toEqual([]);
  });

  it('takes 1,000 customers with their figures, contacts and consents in one call, larger than the default body limit', async () => {
    const vendor = id('bulk-vendor');
    const customers = Array.from({ length: 1000 }, (_, i) => ({
      userId: id(`bulk-${i}`),
      firstOrderAt: '2026-01-02T10:00:00.000Z',
      lastOrderAt: '2026-11-02T10:00:00.000Z',
      orderCount: 3,
      spend: 129.5,
      currency: 'EUR',
      contact: { name: 'Robin Example', email: `robin.example.${i}@example.com`, locale: 'de-DE' },
      consents: [{ channel: 'email', granted: true, textShown: 'Send me news and offers from this shop by email' }],
    }));
    expect(Buffer.byteLength(JSON.stringify({ customers }))).toBeGreaterThan(256 * 1024);
    const reply = await parley.request('POST', `/vendors/${vendor}/customers/import`, { ...asVendor(vendor), body: { customers } });
    expect(reply.status, JSON.stringify(reply.body).slice(0, 300)).toBe(200);
    expect(reply.body).toMatchObject({ imported: 1000, consentsRecorded: 1000 });
  });

  it('covers a customer in the personal-data export and erases them from every vendor', async () => {
    const person = id('person');
    const vendor = id('vendor');
    await placeOrder(parley, { buyer: { userId: person }, seller: { userId: vendor }, total: 12.5, currency: 'EUR', items: [{ productId: 'lamp', category: 'home' }] });
    const exported = await parley.request('GET', `/users/${person}/export`, { as: person });
    expect(exported.status).toBe(200);
    const doc = typeof exported.body === 'string' ? JSON.parse(exported.body) : exported.body;
    expect(doc.customerOf).toEqual([expect.objectContaining({ vendorId: vendor, orderCount: 1, spend: 12.5, productIds: ['lamp'], categories: ['home'], source: 'orders' })]);
    const erased = await parley.request('DELETE', `/users/${person}`, { as: person });
    expect(erased.status, JSON.stringify(erased.body)).toBeLessThan(300);
    expect(erased.body.counts.vendor_customers).toBe(1);
    expect(await parley.db.selectFrom('vendor_customers').select('user_id').where('user_id', '=', person).execute()).toEqual([]);
  });
});

function asVendor(vendorId: string) {
  return { as: vendorId, role: 'seller' as const };
}
