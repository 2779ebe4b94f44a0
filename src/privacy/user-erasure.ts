import { createHmac, hkdfSync } from 'node:crypto';
import type { AttachmentStore } from '../attachments/store.ts';
import { deleteUploaderAttachments } from '../attachments/sql/deleteUploaderAttachments.ts';
import { deleteCustomerRows } from '../audiences/sql/deleteCustomerRows.ts';
import { pseudonymiseCampaignRecipient } from '../campaigns/sql/pseudonymiseCampaignRecipient.ts';
import type { Principal } from '../auth/principal.ts';
import { pseudonymiseConsents } from '../consents/sql/pseudonymiseConsents.ts';
import { pseudonymiseParticipant } from '../conversations/sql/pseudonymiseParticipant.ts';
import type { Db } from '../db/connect.ts';
import { scrubFor } from '../db/text-scrub.ts';
import { MessageCrypto } from '../crypto/message-crypto.ts';
import { pseudonymiseAnalyticsParty } from '../marketplace/analytics/sql/pseudonymiseAnalyticsParty.ts';
import { deleteUserReplyAddresses } from '../email-replies/sql/deleteUserReplyAddresses.ts';
import { deleteContact } from '../marketplace/contacts/sql/deleteContact.ts';
import { findContacts } from '../marketplace/contacts/sql/findContacts.ts';
import { eraseDisputeAuthor } from '../marketplace/disputes/sql/eraseDisputeAuthor.ts';
import { listDisputeReasons } from '../marketplace/disputes/sql/listDisputeReasons.ts';
import { pseudonymiseOrderParty } from '../marketplace/orders/sql/pseudonymiseOrderParty.ts';
import { pseudonymiseRatingParty } from '../marketplace/ratings/sql/pseudonymiseRatingParty.ts';
import { deleteSellerReplies } from '../marketplace/replies/sql/deleteSellerReplies.ts';
import { eraseSenderMessages } from '../messages/sql/eraseSenderMessages.ts';
import { eraseUserDeliveries } from '../notifications/deliveries/sql/eraseUserDeliveries.ts';
import { scrubDeliveryMentions } from '../notifications/deliveries/sql/scrubDeliveryMentions.ts';
import { deleteUserPreferences } from '../notifications/preferences/sql/deleteUserPreferences.ts';
import { deleteAddressSuppressions } from '../notifications/suppressions/sql/deleteAddressSuppressions.ts';
import { deleteCappedSends } from '../notifications/frequency-caps/sql/deleteCappedSends.ts';
import { deleteServiceWindows } from '../notifications/whatsapp/sql/deleteServiceWindows.ts';
import { deleteUserDigests } from '../notifications/digests/sql/deleteUserDigests.ts';
import { invalid } from '../errors.ts';
import { v7 } from '../uuid.ts';
import { eraseWebhookData } from '../webhooks/sql/eraseWebhookData.ts';
import { clearPendingFiles } from './sql/clearPendingFiles.ts';
import { type ErasureRow, findErasures } from './sql/findErasures.ts';
import { saveErasure } from './sql/saveErasure.ts';

export interface UserErasureDeps {
  db: Db;
  store: Pick<AttachmentStore, 'remove'>;
  /** PARLEY_ENCRYPTION_KEY: the key of the hash that recognises an erased person is derived from it. */
  encryptionKey: string;
  /** The search tokens a text has under every key of the ring (to take a name out of the message index). */
  searchTokens: (text: string) => string[];
  /** Forgets what is cached about users (contacts, preferences) once the erasure is committed. */
  forget?: (userId: string) => Promise<void> | void;
}

/** The audit record of an erasure, as the API shows it: no personal data. */
export interface ErasureRecord {
  erasureId: string;
  pseudonym: string;
  requestedBy: { role: 'self' | 'operator'; operatorId: string | null };
  requestedAt: string;
  lastRunAt: string;
  runs: number;
  counts: Record<string, number>;
  filesPending: number;
}

export type UserErasure = ReturnType<typeof createUserErasure>;

/**
 * Erasure of a person (GDPR art. 17, CCPA deletion): everything about them is removed, or,
 * where a row must stay for others (a conversation, an order, a dispute, a delivery figure, a
 * consent given), kept with their user id replaced by a pseudonym and their personal fields
 * scrubbed. Each table is changed by its owner's `sql/` function; all of them run in one
 * transaction, so a person is never half-erased. Attachment files are removed after the
 * commit; the ones not yet removed are listed in the erasure record and removed by the next
 * request for the same person. Asking again is harmless: the same record answers, with
 * anything that arrived since erased too. Access is checked by the caller.
 */
export function createUserErasure(deps: UserErasureDeps) {
  const { db } = deps;
  const keys = MessageCrypto.rawKeys(deps.encryptionKey).map((raw) => Buffer.from(hkdfSync('sha256', raw, Buffer.alloc(0), 'parley user erasure', 32)));
  /** The person's keyed hash under each key of the ring; the first key's is written. */
  const userKeys = (userId: string) => keys.map((key) => createHmac('sha256', key).update(userId).digest('hex'));

  async function removeFiles(record: ErasureRow): Promise<ErasureRow> {
    const removed: string[] = [];
    for (const key of record.pending_files) {
      try {
        await deps.store.remove(key);
        removed.push(key);
      } catch {
        // Left listed: the next request for this person removes it.
      }
    }
    await clearPendingFiles(db, record.erasure_id, removed);
    return { ...record, pending_files: record.pending_files.filter((f) => !removed.includes(f)) };
  }

  return {
    async erase(userId: string, principal: Principal, now = new Date()): Promise<ErasureRecord> {
      if (userId === 'system') throw invalid('reserved_user_id', '"system" is the platform\'s own sender (order notices, dispute messages), not a person; it cannot be erased.');
      const hashes = userKeys(userId);
      const saved = await db.transaction().execute(async (trx) => {
        const earlier = await findErasures(trx, hashes);
        const erasureId = earlier?.erasure_id ?? v7(now.getTime());
        const pseudonym = earlier?.pseudonym ?? `erased-${erasureId}`;
        const [contact] = await findContacts(trx, [userId]);
        const identifiers = [contact?.name, contact?.email, contact?.phone_number].filter((v): v is string => !!v);
        // What they wrote that others' rows quote: the reasons of the disputes they opened.
        const scrub = scrubFor(userId, pseudonym, [...identifiers, ...(await listDisputeReasons(trx, userId))]);
        const nameTokens = [...new Set(identifiers.flatMap((v) => deps.searchTokens(v)))];

        const files = await deleteUploaderAttachments(trx, userId);
        const participation = await pseudonymiseParticipant(trx, userId, pseudonym, scrub);
        const messages = await eraseSenderMessages(trx, userId, pseudonym, participation.conversationIds, scrub, nameTokens);
        const orders = await pseudonymiseOrderParty(trx, userId, pseudonym, scrub);
        const disputes = await eraseDisputeAuthor(trx, userId, pseudonym, participation.conversationIds, scrub);
        const analytics = await pseudonymiseAnalyticsParty(trx, userId, pseudonym);
        const ratings = await pseudonymiseRatingParty(trx, userId, pseudonym);
        const replies = await deleteSellerReplies(trx, userId);
        const deliveries = await eraseUserDeliveries(trx, userId, pseudonym);
        const mentioned = await scrubDeliveryMentions(trx, scrub);
        const preferences = await deleteUserPreferences(trx, userId);
        const cappedSends = await deleteCappedSends(trx, userId);
        const consents = await pseudonymiseConsents(trx, userId, pseudonym, now);
        const customers = await deleteCustomerRows(trx, userId);
        const suppressions = await deleteAddressSuppressions(trx, [contact?.email, contact?.phone_number].filter((a): a is string => !!a));
        const windows = await deleteServiceWindows(trx, contact?.phone_number ? [contact.phone_number] : []);
        const contacts = await deleteContact(trx, userId);
        const replyAddresses = await deleteUserReplyAddresses(trx, userId);
        const webhooks = await eraseWebhookData(trx, userId);
        const digests = await deleteUserDigests(trx, userId);
        const campaignRows = await pseudonymiseCampaignRecipient(trx, userId, pseudonym);

        const counts: Record<string, number> = {
          message_attachments: files.length,
          conversation_participants: participation.participants,
          conversations: participation.conversations,
          messages: messages.deleted + messages.scrubbed,
          marketplace_orders: orders.orders,
          order_events: orders.events,
          disputes: disputes.disputes,
          conversation_flags: disputes.flags,
          conversation_analytics: analytics,
          order_ratings: ratings,
          message_templates: replies.templates,
          quick_replies: replies.quickReplies,
          notification_logs: deliveries.deliveries + mentioned,
          webhook_endpoints: webhooks.endpoints,
          campaign_recipients: campaignRows.recipients,
          campaigns: campaignRows.campaigns,
          webhook_events: webhooks.events,
          notification_queue: deliveries.queued,
          notification_daily_counts: deliveries.dailyCounts,
          notification_capped_sends: cappedSends,
          notification_opens: deliveries.opens,
          notification_clicks: deliveries.clicks,
          notification_links: deliveries.links,
          user_preferences: preferences.preferences,
          device_tokens: preferences.devices,
          email_reply_addresses: replyAddresses,
          promotional_consents: consents.pseudonymised + consents.withdrawn,
          vendor_customers: customers,
          address_suppressions: suppressions,
          whatsapp_service_windows: windows,
          user_contacts: contacts,
          digest_items: digests.items,
          digest_windows: digests.windows,
        };
        const self = principal.userId === userId;
        return saveErasure(trx, {
          erasureId,
          userKey: earlier?.user_key ?? hashes[0]!,
          pseudonym,
          requestedByRole: self ? 'self' : 'operator',
          requestedBy: self ? null : principal.userId,
          counts,
          files,
          at: now,
        });
      });
      await deps.forget?.(userId);
      return view(await removeFiles(saved));
    },
  };
}

function view(row: ErasureRow): ErasureRecord {
  return {
    erasureId: row.erasure_id,
    pseudonym: row.pseudonym,
    requestedBy: { role: row.requested_by_role === 'self' ? 'self' : 'operator', operatorId: row.requested_by },
    requestedAt: new Date(row.requested_at).toISOString(),
    lastRunAt: new Date(row.last_run_at).toISOString(),
    runs: row.runs,
    counts: row.counts as Record<string, number>,
    filesPending: row.pending_files.length,
  };
}
