import { findConversationSummary } from '../../conversations/sql/findConversationSummary.ts';
import { listParticipantRoles } from '../../conversations/sql/listParticipantRoles.ts';
import type { Db } from '../../db/connect.ts';
import { findContacts } from '../contacts/sql/findContacts.ts';
import { findOrder } from '../orders/sql/findOrder.ts';
import type { TemplateVariable } from './template-text.ts';

/** One line of an order, as the marketplace sends it in `items`. */
interface OrderItem {
  productId?: unknown;
  listingId?: unknown;
  title?: unknown;
}

/** Longest value a variable takes, so a stray metadata field cannot swell a message. */
const MAX_VALUE_LENGTH = 500;

/**
 * The values of the template variables for one conversation: its order, product and listing,
 * the names of its buyer and seller, and the order's status, total and tracking. The order
 * row (kept from the order's events) wins over the conversation's context_metadata (a
 * snapshot from when it was created); a stored contact name wins over a name in metadata.
 * Variables without a value are left out. Access is checked by the caller.
 */
export async function conversationContext(db: Db, conversationId: string): Promise<Record<string, string>> {
  const summary = await findConversationSummary(db, conversationId);
  if (!summary) return {};
  const [order, participants] = await Promise.all([summary.order_id ? findOrder(db, summary.order_id) : undefined, listParticipantRoles(db, conversationId)]);
  const parties = participants.filter((p) => p.role === 'buyer' || p.role === 'seller');
  const contacts = await findContacts(db, parties.map((p) => p.user_id));
  const people = parties.map((p) => ({ role: p.role, name: contacts.find((c) => c.user_id === p.user_id)?.name ?? null }));
  const conversation = {
    ...summary,
    status: order?.status,
    total: order?.total,
    currency: order?.currency,
    carrier: order?.carrier,
    tracking_number: order?.tracking_number,
    tracking_url: order?.tracking_url,
    items: order?.items,
  };
  const meta = (conversation.context_metadata ?? {}) as Record<string, unknown>;
  const item = firstItem(conversation.items);
  const nameOf = (role: string) => people.find((p) => p.role === role)?.name;
  const values: Record<TemplateVariable, string | null | undefined> = {
    buyer_name: nameOf('buyer') ?? text(meta.buyerName),
    seller_name: nameOf('seller') ?? text(meta.sellerName),
    order_id: conversation.order_id ?? text(meta.orderId),
    order_status: conversation.status ?? text(meta.orderStatus),
    order_total: money(conversation.total, conversation.currency ?? text(meta.currency)) ?? money(text(meta.orderTotal), text(meta.currency)),
    tracking_number: conversation.tracking_number ?? text(meta.trackingNumber),
    carrier: conversation.carrier ?? text(meta.carrier),
    tracking_url: conversation.tracking_url ?? text(meta.trackingUrl),
    product_title: text(item?.title) ?? text(meta.productTitle),
    product_id: conversation.product_id ?? text(item?.productId) ?? text(meta.productId),
    listing_id: conversation.listing_id ?? text(item?.listingId) ?? text(meta.listingId),
  };
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(values)) {
    const trimmed = value?.trim();
    if (trimmed) out[name] = trimmed.slice(0, MAX_VALUE_LENGTH);
  }
  return out;
}

/** A string or a finite number as text; anything else (objects, booleans, null) is no value. */
function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

function firstItem(items: unknown): OrderItem | undefined {
  const first = Array.isArray(items) ? (items[0] as unknown) : undefined;
  return first && typeof first === 'object' ? (first as OrderItem) : undefined;
}

/** "59.90 EUR": the amount with two decimals and the currency code, when there is one. */
function money(amount: string | null | undefined, currency: string | null | undefined): string | undefined {
  if (amount === null || amount === undefined || amount.trim() === '') return undefined;
  const n = Number(amount);
  const figure = Number.isFinite(n) ? n.toFixed(2) : amount.trim();
  const code = currency?.trim().toUpperCase();
  return code ? `${figure} ${code}` : figure;
}
