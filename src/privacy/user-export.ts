import type { ConsentLog } from '../consents/consent-log.ts';
import type { Db } from '../db/connect.ts';
import { listUserParticipations } from '../conversations/sql/listUserParticipations.ts';
import { listCustomerRowsOfUser } from '../audiences/sql/listCustomerRowsOfUser.ts';
import { findContacts } from '../marketplace/contacts/sql/findContacts.ts';
import { listConversationDisputes } from '../marketplace/disputes/sql/listConversationDisputes.ts';
import { listUserOrders } from '../marketplace/orders/sql/listUserOrders.ts';
import { listMessageTemplates } from '../marketplace/replies/sql/listMessageTemplates.ts';
import { listQuickReplies } from '../marketplace/replies/sql/listQuickReplies.ts';
import type { MessageView } from '../messages/message-view.ts';
import { countSenderMasking } from '../messages/sql/countSenderMasking.ts';
import { listDeliveryEngagement } from '../notifications/deliveries/sql/listDeliveryEngagement.ts';
import { listUserDeliveries } from '../notifications/deliveries/sql/listUserDeliveries.ts';
import type { PreferencesService } from '../notifications/preferences/user-preferences.ts';
import { listAddressSuppressions } from '../notifications/suppressions/sql/listAddressSuppressions.ts';
import { listCappedSends } from '../notifications/frequency-caps/sql/listCappedSends.ts';

/** The version of the export document; a change that is not an addition gets a new one. */
export const EXPORT_FORMAT = 'parley-export/1';


export interface UserExportDeps {
  db: Db;
  /** Messages as the user sees them in the API: decrypted, with receipts and attachments' metadata. */
  messagesAfter: (conversationId: string, afterSeq: number, limit: number, viewerId: string) => Promise<MessageView[]>;
  preferences: Pick<PreferencesService, 'read'>;
  /** The consent log: the person's whole history of promotional consents. */
  consents: Pick<ConsentLog, 'history'>;
  /** Rows read at a time (default 200): the export never holds more than one page of any list in memory. */
  pageSize?: number;
}

export type UserExport = ReturnType<typeof createUserExport>;

/** A device token shown by its last four characters only: the export file is the user's to keep, a token is a key to their device. */
export function maskedToken(token: string): string {
  return token.length <= 4 ? '****' : `****${token.slice(-4)}`;
}

const iso = (d: Date | string | null | undefined) => (d == null ? null : new Date(d).toISOString());
const json = (value: unknown) => JSON.stringify(value);

/**
 * Everything Parley holds about a person, as one JSON document written piece by piece: the
 * small parts (contact, preferences, devices, suppressions, seller replies) whole, the long
 * ones (conversations with their messages, notifications, orders) a page at a time, so a user
 * with many messages costs one page of memory. Access is checked by the caller.
 */
export function createUserExport(deps: UserExportDeps) {
  const { db } = deps;
  const PAGE = deps.pageSize ?? 200;

  async function* conversations(userId: string): AsyncGenerator<string> {
    let afterId: string | undefined;
    let first = true;
    for (;;) {
      const rows = await listUserParticipations(db, userId, afterId, PAGE);
      for (const c of rows) {
        const [disputes, masking] = await Promise.all([listConversationDisputes(db, c.id), countSenderMasking(db, c.id, userId)]);
        const head = {
          conversationId: c.id,
          type: c.conversation_type,
          subject: c.subject,
          orderId: c.order_id,
          productId: c.product_id,
          listingId: c.listing_id,
          createdAt: iso(c.created_at),
          lastMessageAt: iso(c.last_message_at),
          participation: {
            role: c.role,
            joinedAt: iso(c.joined_at),
            lastReadSeq: c.last_read_seq,
            lastDeliveredSeq: c.last_delivered_seq,
            unreadCount: c.unread_count,
            archivedAt: iso(c.archived_at),
          },
          contactDetailsMasked: masking,
          disputes: disputes.map((d) => ({
            disputeId: d.id,
            orderId: d.order_id,
            openedBy: d.opened_by,
            reason: d.reason,
            status: d.status,
            openedAt: iso(d.opened_at),
            resolvedAt: iso(d.resolved_at),
            closedAt: iso(d.closed_at),
            resolutionNote: d.resolution_note,
            history: d.history,
          })),
        };
        const text = json(head);
        yield `${first ? '' : ','}${text.slice(0, -1)},"messages":[`;
        first = false;
        let afterSeq = 0;
        let firstMessage = true;
        for (;;) {
          const messages = await deps.messagesAfter(c.id, afterSeq, PAGE, userId);
          if (messages.length) {
            yield `${firstMessage ? '' : ','}${messages.map(json).join(',')}`;
            firstMessage = false;
            afterSeq = messages.at(-1)!.seq;
          }
          if (messages.length < PAGE) break;
        }
        yield ']}';
      }
      if (rows.length < PAGE) return;
      afterId = rows.at(-1)!.id;
    }
  }

  async function* notifications(userId: string): AsyncGenerator<string> {
    let after: { at: Date; logId: string } | undefined;
    let first = true;
    for (;;) {
      const rows = await listUserDeliveries(db, userId, after, PAGE);
      if (rows.length) {
        const engagement = await listDeliveryEngagement(db, rows.map((r) => r.log_id));
        const items = rows.map((r) => ({
          logId: r.log_id,
          requestId: r.request_id,
          channel: r.channel,
          notificationType: r.notification_type,
          status: r.status,
          provider: r.provider,
          recipient: r.recipient,
          content: r.content,
          history: r.history,
          attempts: r.attempts,
          errorCode: r.error_code,
          errorMessage: r.error_message,
          createdAt: iso(r.created_at),
          dueAt: iso(r.due_at),
          sentAt: iso(r.send_time),
          deliveredAt: iso(r.delivery_time),
          seenAt: iso(r.seen_at),
          openedAt: iso(r.opened_at),
          readAt: iso(r.read_at),
          clickedAt: iso(r.clicked_at),
          opens: (({ people, machines }) => ({ people, machines }))(engagement.opens.find((o) => o.log_id === r.log_id) ?? { people: 0, machines: 0 }),
          clicks: engagement.clicks
            .filter((c) => c.log_id === r.log_id)
            .map((c) => ({ at: iso(c.clicked_at)!, url: c.url, source: c.source, machine: c.machine })),
        }));
        yield `${first ? '' : ','}${items.map(json).join(',')}`;
        first = false;
      }
      if (rows.length < PAGE) return;
      after = { at: rows.at(-1)!.created_at, logId: rows.at(-1)!.log_id };
    }
  }

  async function* orders(userId: string): AsyncGenerator<string> {
    let afterId: string | undefined;
    let first = true;
    for (;;) {
      const rows = await listUserOrders(db, userId, afterId, PAGE);
      if (rows.length) {
        const items = rows.map((o) => ({
          orderId: o.order_id,
          role: o.buyer_id === userId ? 'buyer' : 'seller',
          buyerId: o.buyer_id,
          sellerId: o.seller_id,
          status: o.status,
          conversationId: o.conversation_id,
          currency: o.currency,
          total: o.total === null ? null : Number(o.total),
          items: o.items,
          carrier: o.carrier,
          trackingNumber: o.tracking_number,
          trackingUrl: o.tracking_url,
          placedAt: iso(o.placed_at),
          paidAt: iso(o.paid_at),
          shippedAt: iso(o.shipped_at),
          deliveredAt: iso(o.delivered_at),
          cancelledAt: iso(o.cancelled_at),
          refundedAt: iso(o.refunded_at),
          disputedAt: iso(o.disputed_at),
        }));
        yield `${first ? '' : ','}${items.map(json).join(',')}`;
        first = false;
      }
      if (rows.length < PAGE) return;
      afterId = rows.at(-1)!.order_id;
    }
  }

  /** The small parts, read whole. */
  async function profile(userId: string) {
    const [[contact], prefs, templates, quickReplies, consents, customerOf, capped] = await Promise.all([
      findContacts(db, [userId]),
      deps.preferences.read(userId),
      listMessageTemplates(db, userId),
      listQuickReplies(db, userId),
      deps.consents.history(userId),
      listCustomerRowsOfUser(db, userId),
      listCappedSends(db, userId),
    ]);
    const addresses = [
      ...(contact?.email ? [{ channel: 'email', address: contact.email }] : []),
      ...(contact?.phone_number ? [{ channel: 'sms', address: contact.phone_number }, { channel: 'whatsapp', address: contact.phone_number }] : []),
    ];
    const suppressions = await listAddressSuppressions(db, addresses);
    return {
      contact: contact ? { name: contact.name, email: contact.email, phoneNumber: contact.phone_number, locale: contact.locale, updatedAt: iso(contact.updated_at) } : null,
      preferences: prefs.preferences,
      devices: prefs.deviceTokens.map((d) => ({ deviceId: d.deviceId, platform: d.platform, token: maskedToken(d.token), lastUsed: d.lastUsed })),
      suppressions: suppressions.map((s) => ({ channel: s.channel, address: s.address, reason: s.reason, createdAt: iso(s.created_at) })),
      consents: consents.map(({ userId: _, ...c }) => c),
      customerOf: customerOf.map((r) => ({
        vendorId: r.vendor_id,
        firstOrderAt: iso(r.first_order_at),
        lastOrderAt: iso(r.last_order_at),
        orderCount: r.order_count,
        spend: Number(r.spend),
        currency: r.currency,
        productIds: r.product_ids,
        categories: r.categories,
        source: r.source,
        updatedAt: iso(r.updated_at),
      })),
      frequencyCaps: capped.map((c) => ({ notificationType: c.notification_type, requestId: c.request_id, countedAt: iso(c.counted_at)! })),
      sellerReplies: {
        templates: templates.map((t) => ({ templateId: t.id, name: t.name, content: t.content, category: t.category, shortcut: t.shortcut, usageCount: t.usage_count, lastUsedAt: iso(t.last_used_at), createdAt: iso(t.created_at) })),
        quickReplies: quickReplies.map((q) => ({ quickReplyId: q.id, content: q.content, triggers: q.triggers, category: q.category, usageCount: q.usage_count, lastUsedAt: iso(q.last_used_at), createdAt: iso(q.created_at) })),
      },
    };
  }

  return {
    /**
     * The export document's text in pieces. The profile is read before the first piece, so a
     * database that is down refuses the export before anything is sent.
     */
    async document(userId: string, now = new Date()): Promise<AsyncGenerator<string>> {
      const head = await profile(userId);
      const opening = json({ format: EXPORT_FORMAT, userId, exportedAt: now.toISOString(), ...head });
      return (async function* () {
        yield `${opening.slice(0, -1)},"conversations":[`;
        yield* conversations(userId);
        yield '],"notifications":[';
        yield* notifications(userId);
        yield '],"orders":[';
        yield* orders(userId);
        yield ']}\n';
      })();
    },
  };
}
