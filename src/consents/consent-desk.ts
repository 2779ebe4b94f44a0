import { decodeCursor, encodeCursor } from '../cursor.ts';
import type { ConsentChannel } from './consent-shapes.ts';
import type { ConsentLog } from './consent-log.ts';

/** Names for user ids, from their contacts (the seller's list shows who consented). */
export type NameLookup = (userIds: string[]) => Promise<Map<string, string | null>>;

/**
 * What the consent API does on top of the log: a change as the person made it (with where it
 * came from), a person's consents, and a vendor's consenting customers page by page. Access is
 * checked by the routes.
 */
export function createConsentDesk(log: ConsentLog, names: NameLookup) {
  return {
    async record(
      userId: string,
      body: { vendorId?: string | null; channel: ConsentChannel; granted: boolean; source: 'checkout' | 'preferences' | 'import' | 'api'; textShown?: string | null },
      from: { ipAddress: string | null; userAgent: string | null },
    ) {
      const [record] = await log.record([{ userId, vendorId: body.vendorId ?? null, channel: body.channel, granted: body.granted, source: body.source, textShown: body.textShown ?? null, ipAddress: from.ipAddress, userAgent: from.userAgent?.slice(0, 512) ?? null }]);
      return record!;
    },

    async ofUser(userId: string) {
      const [current, history] = await Promise.all([log.current([userId]), log.history(userId)]);
      return { userId, current, history };
    },

    async ofVendor(vendorId: string, query: { channel?: ConsentChannel; limit?: number; cursor?: string }) {
      const limit = query.limit ?? 50;
      const after = query.cursor ? decodeCursor(query.cursor, ['string', 'string'] as const) : undefined;
      const rows = await log.optedIn(vendorId, { channel: query.channel, after: after && { userId: after[0], channel: after[1] }, limit });
      const page = rows.slice(0, limit);
      const known = await names([...new Set(page.map((r) => r.user_id))]);
      const last = page.at(-1);
      return {
        vendorId,
        customers: page.map((r) => ({ userId: r.user_id, name: known.get(r.user_id) ?? null, channel: r.channel, source: r.source, textShown: r.text_shown, grantedAt: new Date(r.recorded_at).toISOString() })),
        nextCursor: rows.length > limit && last ? encodeCursor([last.user_id, last.channel]) : null,
      };
    },
  };
}

export type ConsentDesk = ReturnType<typeof createConsentDesk>;
