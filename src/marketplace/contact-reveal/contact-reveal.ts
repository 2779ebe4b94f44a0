import type { AccessPolicy } from '../../access/policy.ts';
import type { Principal } from '../../auth/principal.ts';
import type { Db } from '../../db/connect.ts';
import { invalid } from '../../errors.ts';
import type { InvalidationBus } from '../../notifications/invalidation.ts';
import { listConversationOrderStates } from '../orders/sql/listConversationOrderStates.ts';
import { FULFILMENTS, type Fulfilment, ORDER_STATUSES, type OrderStatus } from '../orders/order-state.ts';
import { findContactRevealRule } from './sql/findContactRevealRule.ts';
import { saveContactRevealRule } from './sql/saveContactRevealRule.ts';

/** When the parties of an order's conversation see each other's contact details. */
export interface ContactRevealRule {
  /** The order statuses in which contact details are shown; empty: always masked. */
  orderStatuses: OrderStatus[];
  /** Only orders fulfilled this way (local pickup, say); null: any. */
  fulfilment: Fulfilment | null;
  updatedBy: string | null;
  updatedAt: string | null;
}

const TOPIC = 'contact-reveal';
const none: ContactRevealRule = { orderStatuses: [], fulfilment: null, updatedBy: null, updatedAt: null };

/**
 * Masking that follows the order. A message is stored once, as written (encrypted); whether its
 * contact details are masked is decided each time it is shown (messages/message-view.ts). This
 * module answers the one question views ask of the marketplace: in which of these conversations
 * does the order's state reveal contact details? The rule is cached in each process and dropped
 * on every node when the operator changes it; the orders' states are read once per page, socket
 * batch or send, for the conversations whose messages hold contact details, never per message.
 */
export function createContactReveal(deps: { db: Db; access: AccessPolicy; bus: InvalidationBus }) {
  const { db, access, bus } = deps;
  let cached: Promise<ContactRevealRule> | undefined;
  bus.on(TOPIC, () => (cached = undefined));
  bus.onReset(() => (cached = undefined));

  async function load(executor: Db): Promise<ContactRevealRule> {
    const row = await findContactRevealRule(executor);
    if (!row) return none;
    return {
      orderStatuses: row.order_statuses as OrderStatus[],
      fulfilment: row.fulfilment as Fulfilment | null,
      updatedBy: row.updated_by,
      updatedAt: new Date(row.updated_at).toISOString(),
    };
  }

  /** The rule, cached; `executor`: the transaction to read it in when it is not (an embedded database has one connection). */
  function current(executor: Db = db): Promise<ContactRevealRule> {
    const loading = (cached ??= load(executor));
    loading.catch(() => (cached = undefined));
    return loading;
  }

  /** Of these conversations, the ones whose order's state shows contact details under the rule; `executor`: the caller's transaction. */
  async function revealedIn(conversationIds: string[], executor: Db = db): Promise<Set<string>> {
    const out = new Set<string>();
    if (conversationIds.length === 0) return out;
    const rule = await current(executor);
    if (rule.orderStatuses.length === 0) return out;
    for (const order of await listConversationOrderStates(executor, [...new Set(conversationIds)])) {
      if (revealsFor(rule, order)) out.add(order.conversation_id);
    }
    return out;
  }

  async function get(principal: Principal): Promise<ContactRevealRule> {
    await access.requireAccess(principal, 'masking.configure');
    return current();
  }

  /** `PUT /settings/contact-reveal`: the operator sets the rule; every node uses it from the next view on. */
  async function set(principal: Principal, input: { orderStatuses: string[]; fulfilment?: string | null }): Promise<ContactRevealRule> {
    await access.requireAccess(principal, 'masking.configure');
    const unknown = input.orderStatuses.filter((s) => !ORDER_STATUSES.includes(s as OrderStatus));
    if (unknown.length > 0) {
      throw invalid('unknown_order_status', `${unknown.map((s) => `"${s}"`).join(', ')} ${unknown.length === 1 ? 'is not an order status' : 'are not order statuses'}; use ${ORDER_STATUSES.join(', ')}.`, { unknown, allowed: [...ORDER_STATUSES] });
    }
    const fulfilment = input.fulfilment ?? null;
    if (fulfilment !== null && !FULFILMENTS.includes(fulfilment as Fulfilment)) {
      throw invalid('unknown_fulfilment', `"${fulfilment}" is not a fulfilment; use ${FULFILMENTS.join(' or ')}, or null for any.`, { allowed: [...FULFILMENTS] });
    }
    const orderStatuses = ORDER_STATUSES.filter((s) => input.orderStatuses.includes(s));
    await saveContactRevealRule(db, { orderStatuses, fulfilment, updatedBy: principal.userId });
    bus.publish(TOPIC, 'rule');
    return current();
  }

  return { get, set, revealedIn };
}

/** Whether an order in this state shows its parties' contact details under `rule`. */
export function revealsFor(rule: Pick<ContactRevealRule, 'orderStatuses' | 'fulfilment'>, order: { status: string; fulfilment: string | null }): boolean {
  return rule.orderStatuses.includes(order.status as OrderStatus) && (rule.fulfilment === null || rule.fulfilment === order.fulfilment);
}

export type ContactReveal = ReturnType<typeof createContactReveal>;
