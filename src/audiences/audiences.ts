import type { ConsentLog } from '../consents/consent-log.ts';
import { CONSENT_CHANNELS } from '../consents/consent-shapes.ts';
import { decodeCursor, encodeCursor } from '../cursor.ts';
import type { Db } from '../db/connect.ts';
import { invalid } from '../errors.ts';
import type { AddMissingContacts, AudienceRecipient, Audiences, OrderCustomerChange, Segment } from './audience-types.ts';
import { createCustomerImport } from './customer-import.ts';
import { countSegment } from './sql/countSegment.ts';
import { findNotCustomers } from './sql/findNotCustomers.ts';
import { listCustomersPage } from './sql/listCustomersPage.ts';
import { pageSegmentRecipients } from './sql/pageSegmentRecipients.ts';
import { recordOrderCustomer } from './sql/recordOrderCustomer.ts';
import { voidOrderCustomer } from './sql/voidOrderCustomer.ts';

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

/** A segment whose bounds cannot hold together is refused rather than counted as empty. */
export function checkSegment(segment: Segment): void {
  const refuse = (field: string, message: string) => invalid('invalid_segment', message, { field });
  if (segment.minOrders !== undefined && segment.maxOrders !== undefined && segment.minOrders > segment.maxOrders) throw refuse('minOrders', '"minOrders" is above "maxOrders"; no customer could match.');
  if (segment.minSpend !== undefined && segment.maxSpend !== undefined && segment.minSpend > segment.maxSpend) throw refuse('minSpend', '"minSpend" is above "maxSpend"; no customer could match.');
  for (const field of ['lastOrderAfter', 'lastOrderBefore'] as const) {
    const value = segment[field];
    if (value !== undefined && Number.isNaN(new Date(value).getTime())) throw refuse(field, `"${field}" is not a date and time; give one such as 2026-01-31T00:00:00Z.`);
  }
  if (segment.lastOrderAfter && segment.lastOrderBefore && new Date(segment.lastOrderAfter) >= new Date(segment.lastOrderBefore)) {
    throw refuse('lastOrderAfter', '"lastOrderAfter" is not before "lastOrderBefore"; no customer could match.');
  }
  for (const channel of segment.channels ?? []) {
    if (!(CONSENT_CHANNELS as readonly string[]).includes(channel)) throw refuse('channels', `"${channel}" is not a channel; use ${CONSENT_CHANNELS.join(', ')}.`);
  }
}

/**
 * Audiences: owner of vendor_customers, a vendor's customers (a vendor id is the seller's user
 * id). Customers come from order events (recorded in the order's transaction through
 * `recordOrder`) and from imports; segments are counted and paged in SQL. Callers check access.
 */
export function createAudiences(db: Db, deps: { consents: Pick<ConsentLog, 'record' | 'current'>; addMissingContacts: AddMissingContacts }) {
  const audiences: Audiences = {
    async countSegment(vendorId, segment) {
      checkSegment(segment);
      const rows = await countSegment(db, vendorId, segment);
      const optedIn: Record<string, number> = Object.fromEntries(CONSENT_CHANNELS.map((c) => [c, 0]));
      let customers = 0;
      for (const r of rows) {
        if (r.channel === null) customers = r.n;
        else optedIn[r.channel] = r.n;
      }
      return { customers, optedIn };
    },

    async pageRecipients(vendorId, segment, page): Promise<AudienceRecipient[]> {
      checkSegment(segment);
      if (!Number.isInteger(page.limit) || page.limit < 1 || page.limit > 10_000) throw invalid('invalid_page', 'A page holds from 1 to 10,000 recipients.');
      const rows = await pageSegmentRecipients(db, vendorId, segment, page);
      return rows.map((r) => ({ userId: r.user_id, locale: r.locale, email: r.email, phoneNumber: r.phone_number, optedInChannels: r.opted_in ?? [] }));
    },

    async notCustomers(vendorId, userIds) {
      const unique = [...new Set(userIds)];
      const missing = new Set(await findNotCustomers(db, vendorId, unique));
      return unique.filter((u) => missing.has(u));
    },
  };

  /** The orders owner's hook: an order placed, cancelled or refunded, in its transaction. */
  async function recordOrder(executor: Db, change: OrderCustomerChange): Promise<void> {
    if (change.vendorId === change.userId) return;
    if (change.kind === 'voided') return voidOrderCustomer(executor, change);
    const productIds = [...new Set(change.items.flatMap((i) => (i.productId ? [i.productId] : [])))].sort();
    const categories = [...new Set(change.items.flatMap((i) => (i.category ? [i.category] : [])))].sort();
    await recordOrderCustomer(executor, { vendorId: change.vendorId, userId: change.userId, at: change.at, total: change.total, currency: change.currency, productIds, categories });
  }

  /** A page of a vendor's customers with their consent to the vendor per channel as it stands. */
  async function listCustomers(vendorId: string, query: { limit?: number; cursor?: string }) {
    const limit = query.limit ?? 50;
    const after = query.cursor ? decodeCursor(query.cursor, ['string'] as const)[0] : undefined;
    const rows = await listCustomersPage(db, vendorId, { afterUserId: after, limit });
    const page = rows.slice(0, limit);
    const current = await deps.consents.current(page.map((r) => r.user_id), vendorId);
    const consents = new Map<string, Record<string, boolean>>();
    for (const c of current) consents.set(c.userId, { ...consents.get(c.userId), [c.channel]: c.granted });
    const last = page.at(-1);
    return {
      vendorId,
      customers: page.map((r) => ({
        userId: r.user_id,
        firstOrderAt: iso(r.first_order_at),
        lastOrderAt: iso(r.last_order_at),
        orderCount: r.order_count,
        spend: Number(r.spend),
        currency: r.currency,
        productIds: r.product_ids,
        categories: r.categories,
        source: r.source,
        consents: consents.get(r.user_id) ?? {},
      })),
      nextCursor: rows.length > limit && last ? encodeCursor([last.user_id]) : null,
    };
  }

  return { ...audiences, recordOrder, listCustomers, importCustomers: createCustomerImport({ db, consents: deps.consents, addMissingContacts: deps.addMissingContacts }) };
}

export type AudienceDesk = ReturnType<typeof createAudiences>;
