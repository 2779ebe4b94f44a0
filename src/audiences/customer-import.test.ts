import { describe, expect, it } from 'vitest';
import { checkSegment } from './audiences.ts';
import { badImportRows } from './customer-import.ts';

describe('an import row', () => {
  it('is taken when it holds together', () => {
    expect(badImportRows('v1', [{ userId: 'a', consents: [{ channel: 'email', granted: true, textShown: 'Offers' }, { channel: 'sms', granted: false }] }, { userId: 'b' }])).toEqual([]);
  });

  it('is refused, with its number and a code, for each way it does not', () => {
    const bad = badImportRows('v1', [
      { userId: 'a', consents: [{ channel: 'email', granted: true, textShown: '  ' }] },
      { userId: 'a' },
      { userId: 'v1' },
      { userId: 'c', firstOrderAt: '2026-02-01T00:00:00Z', lastOrderAt: '2026-01-01T00:00:00Z' },
      { userId: 'd', consents: [{ channel: 'sms', granted: false }, { channel: 'sms', granted: false }] },
    ]);
    expect(bad.map((b) => [b.row, b.userId, b.code])).toEqual([
      [0, 'a', 'consent_text_required'],
      [1, 'a', 'duplicate_customer'],
      [2, 'v1', 'own_customer'],
      [3, 'c', 'order_dates_reversed'],
      [4, 'd', 'duplicate_consent'],
    ]);
    for (const b of bad) expect(b.message).toMatch(/[.]$/);
  });
});

describe('a segment', () => {
  it('passes when its bounds can hold', () => {
    expect(() => checkSegment({ minOrders: 1, maxOrders: 1, minSpend: 0, maxSpend: 10, lastOrderAfter: '2026-01-01T00:00:00Z', lastOrderBefore: '2026-02-01T00:00:00Z' })).not.toThrow();
    expect(() => checkSegment({})).not.toThrow();
  });

  it('is refused (invalid_segment, naming the field) when they cannot', () => {
    const cases: Array<[Parameters<typeof checkSegment>[0], string]> = [
      [{ minOrders: 2, maxOrders: 1 }, 'minOrders'],
      [{ minSpend: 2, maxSpend: 1 }, 'minSpend'],
      [{ lastOrderAfter: '2026-02-01T00:00:00Z', lastOrderBefore: '2026-02-01T00:00:00Z' }, 'lastOrderAfter'],
      [{ lastOrderBefore: 'soon' }, 'lastOrderBefore'],
      [{ channels: ['fax' as 'email'] }, 'channels'],
    ];
    for (const [segment, field] of cases) {
      expect(() => checkSegment(segment)).toThrow(expect.objectContaining({ code: 'invalid_segment', details: { field } }));
    }
  });
});
