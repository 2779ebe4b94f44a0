import { createHash } from 'node:crypto';
import type { ConsentLog } from '../consents/consent-log.ts';
import type { AssignVariant, Audiences, CompareVariants, FrequencyCaps, SendTimePlanner, VendorQuotas } from './campaign-ports.ts';

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

/** Send-time planner stand-in: now, for everyone. */
export const sendNowPlanner: SendTimePlanner = {
  async plan(userIds, { from }) {
    return new Map(userIds.map((u) => [u, { at: from, reason: 'default: no send-time history yet', source: 'default' as const }]));
  },
};

/** A/B stand-ins: a hash of key and user over the split; no significance test. */
export const hashAssignVariant: AssignVariant = (key, userId, variants) => {
  const point = (createHash('sha256').update(`${key}:${userId}`).digest().readUInt32BE(0) / 2 ** 32) * 100;
  let sum = 0;
  for (const v of variants) if (point < (sum += v.percent)) return v.name;
  return variants.at(-1)!.name;
};
export const noComparison: CompareVariants = (a, b) => ({ method: 'two-proportion z-test', z: 0, pValue: 1, significant: false, rateA: a.sent ? a.successes / a.sent : 0, rateB: b.sent ? b.successes / b.sent : 0, lift: null });
