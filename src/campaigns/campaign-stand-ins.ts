import type { ConsentLog } from '../consents/consent-log.ts';
import type { Audiences, FrequencyCaps, VendorQuotas } from './campaign-ports.ts';

// Stand-ins for the parts not yet assembled; each goes when its module lands.

/** Audiences stand-in: a vendor's customers are the people with a consent record for the vendor (segment filters other than channels are not applied). */
export function consentsAsAudiences(consents: ConsentLog): Audiences {
  async function all(vendorId: string) {
    const out = new Map<string, string[]>();
    for (let after: { userId: string; channel: string } | undefined; ; ) {
      const rows = await consents.optedIn(vendorId, { after, limit: 1000 });
      for (const r of rows.slice(0, 1000)) out.set(r.user_id, [...(out.get(r.user_id) ?? []), r.channel]);
      if (rows.length <= 1000) break;
      const last = rows[999]!;
      after = { userId: last.user_id, channel: last.channel };
    }
    return out;
  }
  return {
    async countSegment(vendorId, segment) {
      const people = [...(await all(vendorId)).entries()].filter(([, ch]) => !segment.channels || ch.some((c) => segment.channels!.includes(c as never)));
      const optedIn: Record<string, number> = {};
      for (const [, ch] of people) for (const c of ch) optedIn[c] = (optedIn[c] ?? 0) + 1;
      return { customers: people.length, optedIn };
    },
    async pageRecipients(vendorId, segment, page) {
      const people = [...(await all(vendorId)).entries()]
        .filter(([u, ch]) => (page.afterUserId === undefined || u > page.afterUserId) && (!segment.channels || ch.some((c) => segment.channels!.includes(c as never))))
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .slice(0, page.limit);
      return people.map(([userId, optedInChannels]) => ({ userId, locale: null, email: null, phoneNumber: null, optedInChannels }));
    },
    async notCustomers(vendorId, userIds) {
      const known = await consents.current(userIds, vendorId);
      const customers = new Set(known.map((k) => k.userId));
      return userIds.filter((u) => !customers.has(u));
    },
  };
}

/** Quotas stand-in: unlimited. */
export const noQuotas: VendorQuotas = {
  async reserve(_executor, _vendorId, _kinds, count) {
    const unlimited = { email: null, sms: null, bulk: null };
    return { granted: count, month: new Date().toISOString().slice(0, 7), remaining: unlimited, limits: unlimited, tier: 'unlimited' };
  },
  async release() {},
};

/** Frequency caps stand-in: nobody is capped. */
export const noCaps: FrequencyCaps = { cappedUsers: async () => new Set() };
