import type { ConsentLog } from '../../consents/consent-log.ts';
import type { DeliveryLog } from '../deliveries/delivery-log.ts';
import type { ClaimedDelivery } from '../deliveries/delivery-types.ts';
import type { Device, Preferences } from '../preferences/preference-schemas.ts';
import type { PreferencesService } from '../preferences/user-preferences.ts';
import { type Suppressions, suppressionKey } from '../suppressions/address-suppressions.ts';
import type { ServiceWindows } from '../whatsapp/service-windows.ts';

/** What the gates and the sender need to know about a claimed batch, read once for all of it. */
export interface BatchContext {
  prefs: Map<string, Preferences | undefined>;
  /** Suppressed (channel, address) pairs among the batch's: their reason by suppressionKey(). */
  suppressed: Map<string, string>;
  /** The push devices to send to, by user (those whose token is suppressed left out). */
  devices: Map<string, Device[]>;
  /** Devices left out because their token is on the suppression list, with the reason, by user. */
  suppressedDevices: Map<string, (Device & { reason: string })[]>;
  /** Fallback steps already delivered, by request id. */
  deliveredSteps: Map<string, number[]>;
  /** Vendor consents withdrawn, as vendorConsentKey() keys, for the batch's promotional deliveries naming a vendor. */
  withdrawnVendors: Set<string>;
  /** Promotional WhatsApp consents given, as vendorConsentKey() keys (vendor '' for the marketplace's own). */
  whatsAppOptIns: Set<string>;
  /** When each WhatsApp recipient (E.164) of the batch last wrote to the business. */
  lastInbound: Map<string, Date>;
}

/** The key of a user's consent to a vendor's promotions on a channel. */
export function vendorConsentKey(userId: string, vendorId: string, channel: string): string {
  return `${userId}\n${vendorId}\n${channel}`;
}

/** The vendor a promotional delivery is about (metadata.vendorId), if it names one. */
export function promotionalVendor(row: Pick<ClaimedDelivery, 'notification_type' | 'metadata'>): string | undefined {
  const vendor = row.metadata?.vendorId;
  return row.notification_type === 'promotional' && typeof vendor === 'string' && vendor ? vendor : undefined;
}

export interface ClaimSources {
  deliveries: DeliveryLog;
  preferences: PreferencesService;
  suppressions: Suppressions;
  /** The consent log, read for withdrawn vendor consents; absent: none are checked. */
  consents?: Pick<ConsentLog, 'current'>;
  /** WhatsApp customer-service windows; absent: every window reads as closed. */
  serviceWindows?: Pick<ServiceWindows, 'lastInbound'>;
}

/** Claims due deliveries (FOR UPDATE SKIP LOCKED, with a lease: see claimDueDeliveries). */
export function claimDue({ deliveries }: ClaimSources, limit: number, leaseSeconds: number): Promise<ClaimedDelivery[]> {
  return deliveries.claimDue(limit, leaseSeconds);
}

/** Reads, in parallel and once per batch, the preferences, suppressions, push devices and delivered fallback steps it needs. */
export async function loadBatchContext({ deliveries, preferences, suppressions, consents, serviceWindows }: ClaimSources, rows: ClaimedDelivery[]): Promise<BatchContext> {
  const promotionalWhatsApp = rows.filter((r) => r.channel === 'whatsapp' && r.notification_type === 'promotional');
  const vendorUsers = [...new Set([...rows.filter((r) => r.channel !== 'webhook' && promotionalVendor(r)), ...promotionalWhatsApp].map((r) => r.user_id))];
  const users = rows.filter((r) => r.channel !== 'webhook').map((r) => r.user_id);
  const addressed = rows.filter((r) => (r.channel === 'email' || r.channel === 'sms' || r.channel === 'whatsapp') && r.recipient.address);
  const whatsApp = rows.filter((r) => r.channel === 'whatsapp' && r.recipient.address).map((r) => r.recipient.address as string);
  const pushUsers = [...new Set(rows.filter((r) => r.channel === 'push').map((r) => r.user_id))];
  const chained = [...new Set(rows.filter((r) => r.step > 0).map((r) => r.request_id))];
  const [prefs, suppressed, registered, deliveredSteps, vendorConsents, lastInbound] = await Promise.all([
    preferences.getMany(users),
    suppressions.suppressed(addressed.map((r) => ({ channel: r.channel, address: r.recipient.address as string }))),
    preferences.devicesOf(pushUsers),
    deliveries.deliveredSteps(chained),
    consents && vendorUsers.length ? consents.current(vendorUsers) : Promise.resolve([]),
    serviceWindows && whatsApp.length ? serviceWindows.lastInbound(whatsApp) : Promise.resolve(new Map<string, Date>()),
  ]);
  const withdrawnVendors = new Set(vendorConsents.filter((c) => c.vendorId !== null && !c.granted).map((c) => vendorConsentKey(c.userId, c.vendorId as string, c.channel)));
  const whatsAppOptIns = new Set(vendorConsents.filter((c) => c.channel === 'whatsapp' && c.granted).map((c) => vendorConsentKey(c.userId, c.vendorId ?? '', c.channel)));
  const tokens = [...registered.values()].flat().map((d) => ({ channel: 'push', address: d.token }));
  const deadTokens = tokens.length ? await suppressions.suppressed(tokens) : new Map<string, string>();
  const devices = new Map<string, Device[]>();
  const suppressedDevices = new Map<string, (Device & { reason: string })[]>();
  for (const [userId, list] of registered) {
    devices.set(userId, list.filter((d) => !deadTokens.has(suppressionKey('push', d.token))));
    const dead = list.flatMap((d) => {
      const reason = deadTokens.get(suppressionKey('push', d.token));
      return reason ? [{ ...d, reason }] : [];
    });
    if (dead.length) suppressedDevices.set(userId, dead);
  }
  return { prefs, suppressed, devices, suppressedDevices, deliveredSteps, withdrawnVendors, whatsAppOptIns, lastInbound };
}
