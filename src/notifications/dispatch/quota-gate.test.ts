import { describe, expect, it } from 'vitest';
import type { ClaimedDelivery } from '../deliveries/delivery-types.ts';
import { createGates, quotaVendor } from './delivery-gates.ts';

type Row = Pick<ClaimedDelivery, 'notification_type' | 'metadata' | 'channel' | 'history'>;
const row = (over: Partial<Row> = {}): Row => ({ notification_type: 'promotional', channel: 'email', metadata: { vendorId: 'seller-1' }, history: [], ...over });

describe("the dispatcher's quota gate", () => {
  it('counts promotional emails and SMS naming a vendor, outside a campaign, on their first attempt past the gates', () => {
    expect(quotaVendor(row())).toBe('seller-1');
    expect(quotaVendor(row({ channel: 'sms' }))).toBe('seller-1');
    // Earlier deferrals (quiet hours) did not reach the gate: still counted now.
    expect(quotaVendor(row({ history: [{ at: '', status: 'deferred' }] }))).toBe('seller-1');
  });

  it('never counts transactional notifications, system alerts, other channels, campaigns, the marketplace\'s own, or a retry', () => {
    expect(quotaVendor(row({ notification_type: 'transactional' }))).toBeUndefined();
    expect(quotaVendor(row({ notification_type: 'systemAlert' }))).toBeUndefined();
    for (const channel of ['push', 'in-app', 'whatsapp', 'webhook'] as const) expect(quotaVendor(row({ channel })), channel).toBeUndefined();
    expect(quotaVendor(row({ metadata: { vendorId: 'seller-1', campaignId: 'c-1' } }))).toBeUndefined();
    expect(quotaVendor(row({ metadata: {} }))).toBeUndefined();
    expect(quotaVendor(row({ metadata: null }))).toBeUndefined();
    expect(quotaVendor(row({ history: [{ at: '', status: 'attempt_failed' }, { at: '', status: 'retry_scheduled' }] }))).toBeUndefined();
    expect(quotaVendor(row({ history: [{ at: '', status: 'postponed' }] }))).toBeUndefined();
  });

  it('skips a delivery with quota_exceeded and a sentence when no unit is left, and asks for one unit of its channel', async () => {
    const asked: unknown[] = [];
    const gate = createGates({
      routing: { promotional: { quietHours: 'ignore' } } as never,
      deliveries: { countPromotional: async () => true },
      quota: async (vendorId, kind, at) => {
        asked.push([vendorId, kind, at.toISOString()]);
        return { taken: false, limit: 0, month: '2027-02' };
      },
    });
    const now = new Date('2027-02-03T10:00:00Z');
    const claimed = { ...row({ channel: 'sms' }), log_id: 'l', request_id: 'r', user_id: 'u', attempts: 1, max_retries: 3, step: 0, recipient: { userId: 'u', address: '+4915112345678' }, content: {} as never, created_at: now, due_since: now } as ClaimedDelivery;
    const ctx = { prefs: new Map(), suppressed: new Map(), devices: new Map(), suppressedDevices: new Map(), deliveredSteps: new Map(), withdrawnVendors: new Set<string>(), whatsAppOptIns: new Set<string>(), lastInbound: new Map() };
    const outcome = await gate(claimed, ctx, now);
    expect(asked).toEqual([['seller-1', 'sms', '2027-02-03T10:00:00.000Z']]);
    expect(outcome).toMatchObject({ status: 'skipped', errorCode: 'quota_exceeded' });
    expect(outcome!.history[0]!.detail).toMatch(/^Not sent: the tier of vendor seller-1 allows no promotional SMS\./);
  });
});
