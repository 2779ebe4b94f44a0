import type { RoutingTable } from '../accept.ts';
import type { DeliveryLog } from '../deliveries/delivery-log.ts';
import type { FrequencyCapService } from '../frequency-caps/frequency-caps.ts';
import type { ClaimedDelivery } from '../deliveries/delivery-types.ts';
import { judge, userDay } from '../preferences/quiet-hours.ts';
import { suppressionKey } from '../suppressions/address-suppressions.ts';
import { type BatchContext, promotionalVendor, vendorConsentKey } from './delivery-claim.ts';
import { type Outcome, historyEntry, skipped } from './delivery-outcome.ts';

/** How the delivery history names a suppression's reason. */
const REASON_WORDS: Record<string, string> = {
  hard_bounce: 'it bounced for good',
  complaint: 'its owner complained of spam',
  stop: 'it replied STOP',
  manual: 'an operator suppressed it',
  stale_token: 'the token was not refreshed for too long',
  unregistered: 'the push service reported the token unregistered',
};

/**
 * Takes one unit of a vendor's monthly quota of promotional emails or SMS, as the delivery is
 * sent (handed in by the app: the merchant tiers own the quotas). `taken` false: none is left.
 */
export type PromotionQuota = (vendorId: string, kind: 'email' | 'sms', at: Date) => Promise<{ taken: boolean; limit: number | null; month: string }>;

/** Statuses in a delivery's history that only an attempt past the gates writes: its quota unit was taken then. */
const PAST_THE_GATES = new Set(['attempt_failed', 'postponed']);

/**
 * The vendor whose quota a delivery counts against: a promotional email or SMS naming a vendor
 * (metadata.vendorId) and no campaign (a campaign reserved its sends when it was created), on
 * its first attempt past the gates (a retry was counted by the attempt before).
 */
export function quotaVendor(row: Pick<ClaimedDelivery, 'notification_type' | 'metadata' | 'channel' | 'history'>): string | undefined {
  if (row.channel !== 'email' && row.channel !== 'sms') return undefined;
  const vendor = promotionalVendor(row);
  const campaign = row.metadata?.campaignId;
  if (!vendor || (campaign !== undefined && campaign !== null && campaign !== '')) return undefined;
  return row.history.some((h) => PAST_THE_GATES.has(h.status)) ? undefined : vendor;
}

/**
 * The checks a claimed delivery passes before anything is rendered or sent: an earlier fallback
 * step delivered, the user's opt-outs and channels, quiet hours (a deferral, not an attempt),
 * a withdrawn consent to the vendor of a promotion, a suppressed address, the daily limit of promotions, then the frequency caps of the type (a
 * rolling window per user, counted once per request), and last the vendor's monthly quota of
 * promotional emails and SMS (the unit is taken only by a delivery that passed every other gate).
 * (Provider breakers and failover are decided when sending: see provider-send.ts.)
 */
export function createGates({ routing, deliveries, caps, quota }: { routing: RoutingTable; deliveries: Pick<DeliveryLog, 'countPromotional'>; caps?: Pick<FrequencyCapService, 'admit'>; quota?: PromotionQuota }) {
  /** The outcome of a delivery that may not go out now, or undefined when it may. A delivery gathered into a digest does not wait for quiet hours (its digest does). */
  return async function gate(row: ClaimedDelivery, ctx: BatchContext, now: Date, forDigest = false): Promise<Outcome | undefined> {
    const route = routing[row.notification_type];
    if (row.step > 0) {
      const earlier = (ctx.deliveredSteps.get(row.request_id) ?? []).filter((s) => s < row.step);
      if (earlier.length) return skipped(row, 'earlier_channel_delivered', 'An earlier channel of this notification was delivered.');
    }
    const prefs = ctx.prefs.get(row.user_id);
    const verdict = judge(prefs, row.channel, row.notification_type, route.quietHours === 'respect' && !forDigest, now);
    if (!verdict.ok) {
      if ('skip' in verdict) return skipped(row, verdict.skip, verdict.detail);
      return { row, status: 'queued', dueAt: verdict.until, history: [historyEntry(row, 'deferred', { detail: verdict.detail })], attemptsDelta: -1 };
    }
    const vendor = promotionalVendor(row);
    if (vendor && row.channel !== 'webhook' && ctx.withdrawnVendors.has(vendorConsentKey(row.user_id, vendor, row.channel))) {
      return skipped(row, 'consent_withdrawn', `The user withdrew their consent to ${row.channel} promotions from vendor ${vendor}.`);
    }
    if (row.channel === 'whatsapp' && row.notification_type === 'promotional') {
      const vendorId = typeof row.metadata?.vendorId === 'string' ? row.metadata.vendorId : '';
      if (!ctx.whatsAppOptIns.has(vendorConsentKey(row.user_id, vendorId, 'whatsapp'))) {
        const from = vendorId ? `vendor ${vendorId}` : "the marketplace's own";
        return skipped(row, 'whatsapp_opt_in_missing', `The user has not opted in to WhatsApp promotions from ${from}; promotional WhatsApp messages go only to people who did (POST /users/{userId}/consents with channel whatsapp).`);
      }
    }
    const suppressedFor = row.channel === 'email' || row.channel === 'sms' || row.channel === 'whatsapp' ? ctx.suppressed.get(suppressionKey(row.channel, row.recipient.address)) : undefined;
    if (suppressedFor === 'stop' && row.channel === 'whatsapp') {
      return skipped(row, 'whatsapp_opted_out', `${row.recipient.address} sent STOP on WhatsApp: it gets no WhatsApp messages until it sends START.`);
    }
    if (suppressedFor === 'stop') {
      return skipped(row, 'sms_opted_out', `${row.recipient.address} replied STOP: it gets no SMS until it texts START.`);
    }
    if (suppressedFor) {
      return skipped(row, 'address_suppressed', `${row.recipient.address} is on the suppression list (${REASON_WORDS[suppressedFor] ?? suppressedFor}); it is not sent to.`);
    }
    if (row.channel === 'push') {
      const dead = (ctx.suppressedDevices.get(row.user_id) ?? []).filter((d) => !row.recipient.deviceId || d.deviceId === row.recipient.deviceId);
      const live = (ctx.devices.get(row.user_id) ?? []).filter((d) => !row.recipient.deviceId || d.deviceId === row.recipient.deviceId);
      if (dead.length && !live.length) {
        const why = [...new Set(dead.map((d) => REASON_WORDS[d.reason] ?? d.reason))].join(', ');
        return skipped(row, 'device_token_suppressed', `Every push token of the user is on the suppression list (${why}); a new registration from the app lifts it.`);
      }
    }
    const limit = prefs?.dailyLimits?.promotionalLimit;
    if (row.notification_type === 'promotional' && limit !== undefined && row.channel !== 'webhook') {
      const allowed = await deliveries.countPromotional(row.user_id, userDay(prefs, now), row.request_id, limit);
      if (!allowed) return skipped(row, 'daily_limit_reached', `The user's limit of ${limit} promotional notifications a day is reached.`);
    }
    // A delivery gathered into a digest is not a message of its own: the cap counts its digest.
    if (caps && row.channel !== 'webhook' && !forDigest) {
      const verdict = await caps.admit({ userId: row.user_id, notificationType: row.notification_type, requestId: row.request_id, at: now });
      if (!verdict.allowed) return skipped(row, 'frequency_capped', verdict.detail);
    }
    const quotaOf = quota ? quotaVendor(row) : undefined;
    if (quota && quotaOf && (row.channel === 'email' || row.channel === 'sms')) {
      const { taken, limit: monthly, month } = await quota(quotaOf, row.channel, now);
      if (!taken) {
        const what = row.channel === 'sms' ? 'promotional SMS' : 'promotional emails';
        const why = monthly === 0 ? `the tier of vendor ${quotaOf} allows no ${what}` : `vendor ${quotaOf} has used all ${monthly} ${what} of its quota for ${month}`;
        return skipped(row, 'quota_exceeded', `Not sent: ${why}. The quota resets at the start of next month in the vendor's time zone, or an operator can raise it (PUT /vendors/{vendorId}/tier).`);
      }
    }
    return undefined;
  };
}
