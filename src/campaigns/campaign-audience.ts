import { ParleyError } from '../errors.ts';
import type { CampaignPorts, Segment } from './campaign-ports.ts';
import type { CampaignBody } from './campaign-schemas.ts';

/** A recipient as the expansion uses them: how they are reached and named, and the channels they opt in to for this vendor. */
export interface CampaignRecipient {
  userId: string;
  name: string | null;
  locale: string | null;
  email: string | null;
  phoneNumber: string | null;
  optedInChannels: string[];
}

type Audience = CampaignBody['audience'];
const isSegment = (a: Audience): a is { segment: Segment } => 'segment' in a;

/**
 * A campaign's audience, whichever way it was given: a segment (read through the audiences
 * module) or a list of user ids (the vendor's customers; their contacts and consents read from
 * their owners). Both page by user id.
 */
export function createAudienceSource(ports: Pick<CampaignPorts, 'audiences' | 'contacts' | 'consents'>) {
  async function withContacts(vendorId: string, userIds: string[], optedIn?: Map<string, string[]>, known?: Map<string, Partial<CampaignRecipient>>): Promise<CampaignRecipient[]> {
    const [contacts, consents] = await Promise.all([ports.contacts(userIds), optedIn ? Promise.resolve(undefined) : ports.consents(userIds, vendorId)]);
    return userIds.map((userId) => {
      const c = contacts.get(userId);
      const k = known?.get(userId);
      return {
        userId,
        name: c?.name ?? null,
        locale: k?.locale ?? c?.locale ?? null,
        email: k?.email ?? c?.email ?? null,
        phoneNumber: k?.phoneNumber ?? c?.phoneNumber ?? null,
        optedInChannels: optedIn?.get(userId) ?? [...(consents?.get(userId) ?? [])],
      };
    });
  }

  return {
    /**
     * Refuses what cannot be an audience: user ids that are not the vendor's customers (422
     * not_your_customers). Answers its size and how many opt in to any of the channels.
     */
    async measure(vendorId: string, audience: Audience, channels: string[]): Promise<{ customers: number; reachable: number }> {
      if (isSegment(audience)) {
        const all = await ports.audiences.countSegment(vendorId, audience.segment);
        const wanted = audience.segment.channels ? audience.segment.channels.filter((c) => channels.includes(c)) : channels;
        const reachable = wanted.length ? (await ports.audiences.countSegment(vendorId, { ...audience.segment, channels: wanted as Segment['channels'] })).customers : 0;
        return { customers: all.customers, reachable };
      }
      const strangers = await ports.audiences.notCustomers(vendorId, audience.userIds);
      if (strangers.length) {
        throw new ParleyError(
          'unprocessable',
          'not_your_customers',
          `${strangers.length} of the user ids are not customers of vendor ${vendorId} (e.g. ${strangers.slice(0, 3).join(', ')}); a campaign reaches only the vendor's own customers.`,
          { userIds: strangers.slice(0, 100) },
        );
      }
      const consents = await ports.consents(audience.userIds, vendorId);
      const reachable = audience.userIds.filter((u) => channels.some((c) => consents.get(u)?.has(c))).length;
      return { customers: audience.userIds.length, reachable };
    },

    /** The next page of the audience after `afterUserId`, by user id. */
    async page(vendorId: string, audience: Audience, afterUserId: string | null, limit: number): Promise<CampaignRecipient[]> {
      if (isSegment(audience)) {
        const page = await ports.audiences.pageRecipients(vendorId, audience.segment, { ...(afterUserId !== null ? { afterUserId } : {}), limit });
        const known = new Map(page.map((r) => [r.userId, r]));
        return withContacts(vendorId, page.map((r) => r.userId), new Map(page.map((r) => [r.userId, r.optedInChannels])), known);
      }
      const ids = [...audience.userIds].sort().filter((u) => afterUserId === null || u > afterUserId).slice(0, limit);
      return ids.length ? withContacts(vendorId, ids) : [];
    },

    /** These users as recipients (a hold-back's, when the winner is sent). */
    recipients: (vendorId: string, userIds: string[]) => withContacts(vendorId, userIds),
  };
}

export type AudienceSource = ReturnType<typeof createAudienceSource>;
