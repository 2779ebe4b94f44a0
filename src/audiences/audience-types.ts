import type { Db } from '../db/connect.ts';

/** Which of a vendor's customers: every filter given must hold; within a list, any entry. */
export type Segment = {
  productIds?: string[]; // bought any of these
  categories?: string[]; // bought in any of these
  lastOrderAfter?: string;
  lastOrderBefore?: string; // ISO date-times
  minOrders?: number;
  maxOrders?: number;
  minSpend?: number;
  maxSpend?: number; // sum of order totals
  channels?: Array<'email' | 'sms' | 'push' | 'whatsapp' | 'in-app'>; // currently opted in (vendor consent) to any of these
  locales?: string[]; // e.g. ['de', 'en-GB']; matches on language too
};

export type AudienceRecipient = { userId: string; locale: string | null; email: string | null; phoneNumber: string | null; optedInChannels: string[] };

export interface Audiences {
  /** COUNT in SQL, never loading recipients. */
  countSegment(vendorId: string, segment: Segment): Promise<{ customers: number; optedIn: Record<string, number> }>;
  /** Keyset page ordered by user id. */
  pageRecipients(vendorId: string, segment: Segment, page: { afterUserId?: string; limit: number }): Promise<AudienceRecipient[]>;
  /** Which of these user ids are NOT the vendor's customers. */
  notCustomers(vendorId: string, userIds: string[]): Promise<string[]>;
}

/**
 * What an order change means for its buyer as the seller's customer, handed over by the orders
 * owner inside the order's transaction. `placed`: a new order; `voided`: the first time an
 * order is cancelled or refunded (it stops counting).
 */
export interface OrderCustomerChange {
  kind: 'placed' | 'voided';
  vendorId: string;
  userId: string;
  at: Date;
  total: number | null;
  currency: string | null;
  items: ReadonlyArray<{ productId?: string; category?: string }>;
}

/** Records an order change's customer with the executor of the order's transaction. */
export type RecordOrderCustomer = (executor: Db, change: OrderCustomerChange) => Promise<void>;

/** Stores contact details for users who have none yet (never changes a stored contact); answers the user ids stored. */
export type AddMissingContacts = (
  executor: Db,
  entries: Array<{ userId: string; name?: string; email?: string; phoneNumber?: string; locale?: string }>,
) => Promise<string[]>;
