import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsentLog, type ConsentLog } from '../src/consents/consent-log.ts';
import { backends } from './support/backends.ts';
import { freshDatabase, type TestDatabase } from './support/parley.ts';

describe.each(backends)('the promotional consent log on $name', (backend) => {
  let database: TestDatabase;
  let consents: ConsentLog;

  beforeAll(async () => {
    database = await freshDatabase(backend);
    consents = createConsentLog(database.handle.db);
  });
  afterAll(async () => {
    await database.handle.close();
    await database.drop();
  });

  it('answers consent as it stands: the latest change per vendor and channel', async () => {
    await consents.record([
      { userId: 'ana', vendorId: 'mug-shop', channel: 'email', granted: true, source: 'checkout', textShown: 'Send me Mug Shop offers by email', ipAddress: '203.0.113.7' },
      { userId: 'ana', vendorId: 'mug-shop', channel: 'sms', granted: true, source: 'checkout', textShown: 'Texts too' },
      { userId: 'ana', vendorId: null, channel: 'email', granted: true, source: 'preferences' },
      { userId: 'ben', vendorId: 'mug-shop', channel: 'email', granted: true, source: 'import' },
    ]);
    await new Promise((r) => setTimeout(r, 5));
    await consents.record([{ userId: 'ana', vendorId: 'mug-shop', channel: 'email', granted: false, source: 'unsubscribe' }]);

    expect(await consents.consents('ana', 'mug-shop', 'email')).toBe(false);
    expect(await consents.consents('ana', 'mug-shop', 'sms')).toBe(true);
    expect(await consents.consents('ana', null, 'email')).toBe(true);
    expect(await consents.consents('ana', 'tea-shop', 'email')).toBe(false);
    const current = await consents.current(['ana', 'ben'], 'mug-shop');
    expect(current.map((c) => [c.userId, c.channel, c.granted, c.source]).sort()).toEqual([
      ['ana', 'email', false, 'unsubscribe'],
      ['ana', 'sms', true, 'checkout'],
      ['ben', 'email', true, 'import'],
    ]);
    expect((await consents.current(['ana'])).length).toBe(3);
  });

  it('keeps the whole history with what was shown and from where', async () => {
    const history = await consents.history('ana');
    expect(history.map((h) => [h.vendorId, h.channel, h.granted])).toEqual([
      ['mug-shop', 'email', true],
      ['mug-shop', 'sms', true],
      [null, 'email', true],
      ['mug-shop', 'email', false],
    ]);
    expect(history[0]).toMatchObject({ textShown: 'Send me Mug Shop offers by email', ipAddress: '203.0.113.7', source: 'checkout' });
  });

  it('counts consents given and withdrawn in a window, per vendor', async () => {
    const range = { from: new Date(Date.now() - 60_000), to: new Date(Date.now() + 1_000) };
    const all = await consents.changes({ ...range, vendorId: 'mug-shop' });
    const count = (granted: boolean) => all.filter((c) => c.granted === granted).reduce((n, c) => n + c.count, 0);
    expect([count(true), count(false)]).toEqual([3, 1]);
    expect(await consents.changes({ ...range, channel: 'sms', vendorId: 'tea-shop' })).toEqual([]);
    expect(await consents.changes({ from: new Date(0), to: new Date(1) })).toEqual([]);
  });
});
