import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, realServices } from './support/backends.ts';
import { quietJobs } from './support/marketplace.ts';
import { eventually, freshDatabase, rowCounts, startParley, type TestDatabase, type TestParley } from './support/parley.ts';

const id = (name: string) => `${name}-${randomUUID().slice(0, 8)}`;
const root = fileURLToPath(new URL('..', import.meta.url));
const providers = { email: [{ type: 'console', name: 'console-email' }], sms: [{ type: 'console', name: 'console-sms' }] };

describe.each(backends)('merchant tiers and quotas on $name', (backend) => {
  let parley: TestParley;

  beforeAll(async () => {
    parley = await startParley(backend, { env: { ...quietJobs, PARLEY_POLL_MS: '50', PARLEY_PROVIDERS: JSON.stringify(providers), PARLEY_TIERS: '{"premium":{"sms":12000}}',
      // One buyer gets more promotions here than the weekly frequency cap allows: this is about quotas.
      PARLEY_FREQUENCY_CAPS: '{"promotional":[]}' } });
  });
  afterAll(async () => parley?.close());

  const place = (vendorId: string, body: unknown, as: Record<string, unknown> = {}) => parley.request('PUT', `/vendors/${vendorId}/tier`, { ...as, body });
  const quotas = () => parley.app.parley.tiers.quotas;

  it("answers the catalogue to sellers and operators: the specification's table, the environment's and the operator's changes", async () => {
    const seller = id('seller');
    const read = await parley.request('GET', '/tiers', { as: seller, role: 'seller' });
    expect(read.status, JSON.stringify(read.body)).toBe(200);
    expect(read.body.defaultTier).toBe('basic');
    expect(read.body.tiers.map((t: any) => [t.tier, t.limits, t.source])).toEqual([
      ['basic', { email: 1000, sms: 100, bulk: 0 }, 'specification'],
      ['standard', { email: 10000, sms: 1000, bulk: 5000 }, 'specification'],
      ['premium', { email: 100000, sms: 12000, bulk: 50000 }, 'environment'],
      ['enterprise', { email: null, sms: null, bulk: null }, 'specification'],
    ]);
    const buyer = await parley.request('GET', '/tiers', { as: id('buyer') });
    expect(buyer.status).toBe(403);

    expect((await parley.request('PUT', '/tiers/standard', { as: seller, role: 'seller', body: { email: 1 } })).status).toBe(403);
    const changed = await parley.request('PUT', '/tiers/Standard', { body: { email: 20000, bulk: null } });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body).toMatchObject({ tier: 'standard', limits: { email: 20000, sms: 1000, bulk: null }, source: 'operator' });
    const stored = await parley.db.selectFrom('tier_limits').selectAll().where('tier', '=', 'standard').executeTakeFirstOrThrow();
    expect(typeof stored.limits === 'string' ? JSON.parse(stored.limits) : stored.limits).toEqual({ email: 20000, sms: 1000, bulk: null });
    // Back as it was, for the other tests.
    expect((await parley.request('PUT', '/tiers/standard', { body: { email: 10000, bulk: 5000 } })).status).toBe(200);
  });

  it('refuses bad tiers and limits with a code and a sentence, writing nothing', async () => {
    const vendor = id('vendor');
    const before = await rowCounts(parley.db);
    const cases: Array<[string, () => Promise<{ status: number; body: any }>]> = [
      ['unknown_tier', () => place(vendor, { tier: 'gold' })],
      ['unknown_tier', () => parley.request('PUT', '/tiers/gold', { body: { email: 5 } })],
      ['negative_limit', () => parley.request('PUT', '/tiers/basic', { body: { sms: -1 } })],
      ['negative_limit', () => place(vendor, { tier: 'enterprise', limits: { email: -5 } })],
      ['custom_limits_enterprise_only', () => place(vendor, { tier: 'standard', limits: { email: 50 } })],
      ['unknown_time_zone', () => place(vendor, { tier: 'standard', timeZone: 'Mars/Olympus' })],
      ['invalid_limit', () => place(vendor, { tier: 'enterprise', limits: { sms: 5_000_000_000 } })],
    ];
    for (const [code, call] of cases) {
      const r = await call();
      expect(r.status, `${code}: ${JSON.stringify(r.body)}`).toBe(400);
      expect(r.body.error.code).toBe(code);
      expect(r.body.error.message).toMatch(/\w+ \w+.*[.:]/);
    }
    // A limit that is not a number at all, or a kind that does not exist: refused by the schema.
    expect((await place(vendor, { tier: 'enterprise', limits: { fax: 5 } })).status).toBe(400);
    expect((await parley.request('PUT', '/tiers/basic', { body: { email: 'many' } })).status).toBe(400);
    expect(await rowCounts(parley.db)).toEqual(before);
    expect((await parley.request('GET', '/tiers')).body.tiers[0].limits).toEqual({ email: 1000, sms: 100, bulk: 0 });
  });

  it("places a vendor in a tier with its time zone, and shows a seller their own month's usage", async () => {
    const vendor = id('seller');
    const fresh = await parley.request('GET', `/vendors/${vendor}/usage`, { as: vendor, role: 'seller' });
    expect(fresh.status, JSON.stringify(fresh.body)).toBe(200);
    expect(fresh.body).toMatchObject({ vendorId: vendor, tier: 'basic', timeZone: 'UTC', kinds: { email: { used: 0, limit: 1000, remaining: 1000 }, bulk: { used: 0, limit: 0, remaining: 0 } } });

    expect((await place(vendor, { tier: 'premium' }, { as: vendor, role: 'seller' })).status).toBe(403);
    const placed = await place(vendor, { tier: 'enterprise', timeZone: 'Pacific/Auckland', limits: { email: 5000, bulk: null } });
    expect(placed.status, JSON.stringify(placed.body)).toBe(200);
    expect(placed.body).toMatchObject({ vendorId: vendor, tier: 'enterprise', timeZone: 'Pacific/Auckland', customLimits: { email: 5000, bulk: null }, limits: { email: 5000, sms: null, bulk: null } });

    const at = new Date();
    await quotas().reserve(parley.db, vendor, ['email', 'bulk'], 40);
    const usage = await parley.request('GET', `/vendors/${vendor}/usage`, { as: vendor, role: 'seller' });
    expect(usage.status).toBe(200);
    const month = new Intl.DateTimeFormat('en-CA', { timeZone: 'Pacific/Auckland', year: 'numeric', month: '2-digit' }).format(at).slice(0, 7);
    expect(usage.body).toMatchObject({ tier: 'enterprise', timeZone: 'Pacific/Auckland', month, kinds: { email: { used: 40, limit: 5000, remaining: 4960 }, sms: { used: 0, limit: null, remaining: null }, bulk: { used: 40, limit: null, remaining: null } } });
    // It resets at midnight of the next month's 1st in Auckland: 11:00 or 12:00 UTC the day before.
    const resets = new Date(usage.body.resetsAt);
    expect(resets.getTime()).toBeGreaterThan(at.getTime());
    expect([11, 12]).toContain(resets.getUTCHours());
    expect(new Intl.DateTimeFormat('en-GB', { timeZone: 'Pacific/Auckland', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(resets)).toBe('1, 00:00');

    // Another seller, and a buyer, learn nothing; an operator reads any vendor's.
    const other = await parley.request('GET', `/vendors/${vendor}/usage`, { as: id('seller'), role: 'seller' });
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe('not_your_usage');
    expect((await parley.request('GET', `/vendors/${vendor}/usage`, { as: id('buyer') })).status).toBe(403);
    expect((await parley.request('GET', `/vendors/${vendor}/usage`)).body.kinds.email.used).toBe(40);

    // Back to standard: the custom limits go with enterprise; the time zone stays when none is given.
    const standard = await place(vendor, { tier: 'standard' });
    expect(standard.body).toMatchObject({ tier: 'standard', timeZone: 'Pacific/Auckland', customLimits: null, limits: { email: 10000, sms: 1000, bulk: 5000 } });
  });

  it('reserves all or nothing over every kind asked, or up to what fits, and gives units back', async () => {
    const vendor = id('vendor');
    expect((await place(vendor, { tier: 'enterprise', limits: { email: 10, sms: 4, bulk: 6 } })).status).toBe(200);
    const first = await quotas().reserve(parley.db, vendor, ['email', 'bulk'], 5);
    expect(first).toMatchObject({ granted: 5, tier: 'enterprise', remaining: { email: 5, sms: 4, bulk: 1 }, limits: { email: 10, sms: 4, bulk: 6 } });
    // Bulk has 1 left: all or nothing takes none of either kind.
    const refused = await quotas().reserve(parley.db, vendor, ['email', 'bulk'], 2);
    expect(refused).toMatchObject({ granted: 0, remaining: { email: 5, bulk: 1 } });
    // Up to what fits: 1 (the tightest kind).
    const capped = await quotas().reserve(parley.db, vendor, ['email', 'bulk'], 2, { upTo: true });
    expect(capped).toMatchObject({ granted: 1, remaining: { email: 4, bulk: 0 } });
    expect((await quotas().reserve(parley.db, vendor, ['bulk'], 3, { upTo: true })).granted).toBe(0);
    await quotas().release(parley.db, vendor, first.month, ['email', 'bulk'], 2);
    expect((await quotas().usage(vendor)).kinds).toEqual({ email: { used: 4, limit: 10, remaining: 6 }, sms: { used: 0, limit: 4, remaining: 4 }, bulk: { used: 4, limit: 6, remaining: 2 } });
    // Inside a transaction: a rollback gives the units back with it.
    await parley.db.transaction().execute(async (trx) => {
      expect((await quotas().reserve(trx, vendor, ['sms'], 4)).granted).toBe(4);
      throw new Error('rolled back');
    }).catch(() => undefined);
    expect((await quotas().usage(vendor)).kinds.sms.used).toBe(0);
    // Basic allows no bulk at all.
    const basic = id('vendor');
    expect(await quotas().reserve(parley.db, basic, ['bulk'], 1)).toMatchObject({ granted: 0, tier: 'basic', limits: { bulk: 0 }, remaining: { bulk: 0 } });
    await expect(quotas().reserve(parley.db, basic, ['email'], -1)).rejects.toMatchObject({ status: 400, code: 'invalid_quota_count' });
  });

  it('counts the month on the vendor\'s clock: a reservation at 23:30 UTC on 31 January is February in Berlin', async () => {
    const vendor = id('vendor');
    expect((await place(vendor, { tier: 'standard', timeZone: 'Europe/Berlin' })).status).toBe(200);
    const r = await quotas().reserve(parley.db, vendor, ['email'], 3, { at: new Date('2027-01-31T23:30:00Z') });
    expect(r.month).toBe('2027-02');
    const usage = await quotas().usage(vendor, new Date('2027-02-10T12:00:00Z'));
    expect(usage).toMatchObject({ month: '2027-02', resetsAt: '2027-02-28T23:00:00.000Z', kinds: { email: { used: 3 } } });
    expect((await quotas().usage(vendor, new Date('2027-01-31T22:59:00Z'))).kinds.email.used).toBe(0);
  });

  it('never grants more than the limit to concurrent reservations, and loses none', async () => {
    const vendor = id('vendor');
    expect((await place(vendor, { tier: 'enterprise', limits: { email: 57, bulk: 80 } })).status).toBe(200);
    const results = await Promise.all(Array.from({ length: 90 }, (_, i) => quotas().reserve(parley.db, vendor, ['email', 'bulk'], i % 3 === 0 ? 2 : 1, { upTo: i % 2 === 0 })));
    const granted = results.reduce((sum, r) => sum + r.granted, 0);
    expect(granted).toBe(57);
    const usage = await quotas().usage(vendor);
    expect(usage.kinds.email.used).toBe(57);
    expect(usage.kinds.bulk.used).toBe(57);
  });

  async function deliveryOf(requestId: string) {
    let last: any;
    await eventually(async () => {
      const { body } = await parley.request('GET', `/notifications/${requestId}`);
      last = body.deliveries?.[0];
      return last && !['queued', 'standby', 'sending'].includes(last.status);
    }, 'the delivery');
    return last;
  }

  async function send(userId: string, channel: 'email' | 'sms', type: string, metadata: Record<string, unknown>) {
    const requestId = randomUUID();
    const accepted = await parley.request('POST', '/notifications', {
      body: { requestId, notificationType: type, channels: [channel], recipient: { userId, email: `${userId}@example.com`, phoneNumber: '+4915112345678' }, message: { subject: 'Offer', body: 'Ten percent off' }, metadata },
    });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(202);
    return deliveryOf(requestId);
  }

  it("takes a unit per promotional email or SMS sent for a vendor outside a campaign, and skips the one over quota with the reason", async () => {
    const vendor = id('seller');
    expect((await place(vendor, { tier: 'enterprise', limits: { email: 2, sms: 1 } })).status).toBe(200);
    const buyer = id('buyer');
    expect((await send(buyer, 'email', 'promotional', { vendorId: vendor })).status).toBe('sent');
    expect((await send(buyer, 'email', 'promotional', { vendorId: vendor })).status).toBe('sent');
    // Transactional notifications and system alerts never count; a campaign's sends were reserved by the campaign.
    expect((await send(buyer, 'email', 'transactional', { vendorId: vendor })).status).toBe('sent');
    expect((await send(buyer, 'email', 'systemAlert', { vendorId: vendor })).status).toBe('sent');
    expect((await send(buyer, 'email', 'promotional', { vendorId: vendor, campaignId: randomUUID() })).status).toBe('sent');
    // The marketplace's own promotions (no vendor) count against nobody's quota.
    expect((await send(buyer, 'email', 'promotional', {})).status).toBe('sent');

    const over = await send(buyer, 'email', 'promotional', { vendorId: vendor });
    expect(over).toMatchObject({ status: 'skipped', errorCode: 'quota_exceeded' });
    const entry = over.history.find((h: any) => h.status === 'skipped');
    expect(entry.code).toBe('quota_exceeded');
    expect(entry.detail).toContain(`vendor ${vendor} has used all 2 promotional emails of its quota for`);

    expect((await send(buyer, 'sms', 'promotional', { vendorId: vendor })).status).toBe('sent');
    expect(await send(buyer, 'sms', 'promotional', { vendorId: vendor })).toMatchObject({ status: 'skipped', errorCode: 'quota_exceeded' });

    const usage = await parley.request('GET', `/vendors/${vendor}/usage`, { as: vendor, role: 'seller' });
    expect(usage.body.kinds).toEqual({ email: { used: 2, limit: 2, remaining: 0 }, sms: { used: 1, limit: 1, remaining: 0 }, bulk: { used: 0, limit: null, remaining: null } });

    // A vendor on basic sends no bulk, but its tier allows promotional emails: the first goes out.
    const basic = id('seller');
    expect((await send(buyer, 'email', 'promotional', { vendorId: basic })).status).toBe('sent');
    expect((await quotas().usage(basic)).kinds.email.used).toBe(1);
  });
});

describe.runIf(realServices)('two processes racing for the last units of a quota on PostgreSQL', () => {
  let database: TestDatabase;
  let parley: TestParley;

  beforeAll(async () => {
    database = await freshDatabase(realServices!);
    parley = await startParley(realServices!, { database, env: quietJobs });
  });
  afterAll(async () => {
    await parley?.close();
    await database?.handle.close();
    await database?.drop();
  });

  const LIMIT = 15;
  const VENDORS = 25;

  function racer(prefix: string): { ready: Promise<void>; go: () => void; result: Promise<{ granted: number[] }> } {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/quota-racer.ts'], {
      cwd: root,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? root,
        DATABASE_URL: database.databaseUrl!,
        PARLEY_DEFAULT_TIER: 'standard',
        PARLEY_TIERS: JSON.stringify({ standard: { email: LIMIT, bulk: LIMIT } }),
        RACE_PREFIX: prefix,
        RACE_VENDORS: String(VENDORS),
        RACE_KINDS: 'email,bulk',
        RACE_BURST: '8',
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let isReady: () => void;
    const ready = new Promise<void>((resolve) => (isReady = resolve));
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.startsWith('ready\n')) isReady();
    });
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const result = new Promise<{ granted: number[] }>((resolve, reject) =>
      child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').at(-1)!)) : reject(new Error(`racer exited ${code}: ${err}`)))),
    );
    return { ready, go: () => child.stdin.write('go\n'), result };
  }

  it('grants exactly the limit between them, never more, and the usage is what they were granted', async () => {
    // Each vendor (standard tier, 15 emails and 15 bulk sends in the racers' settings) is asked
    // by both processes at once for up to 8 × 2 units on average: more than twice what there is.
    const prefix = id('racing');
    const a = racer(prefix);
    const b = racer(prefix);
    await Promise.race([Promise.all([a.ready, b.ready]), a.result, b.result]);
    a.go();
    b.go();
    const [ra, rb] = await Promise.all([a.result, b.result]);
    const rows = await parley.db.selectFrom('vendor_quota_usage').select(['vendor_id', 'kind', 'used']).where('vendor_id', 'like', `${prefix}-%`).execute();
    for (let v = 0; v < VENDORS; v++) {
      const vendor = `${prefix}-${v}`;
      expect(ra.granted[v]! + rb.granted[v]!, vendor).toBe(LIMIT);
      const used = Object.fromEntries(rows.filter((r) => r.vendor_id === vendor).map((r) => [r.kind, r.used]));
      expect(used, vendor).toEqual({ email: LIMIT, sms: 0, bulk: LIMIT });
    }
    // Both took part: neither had the quotas to itself.
    expect(ra.granted.reduce((x, y) => x + y, 0)).toBeGreaterThan(0);
    expect(rb.granted.reduce((x, y) => x + y, 0)).toBeGreaterThan(0);
  }, 120_000);
});
