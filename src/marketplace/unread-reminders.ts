import type { Logger } from 'pino';
import { claimDueReminder } from '../conversations/sql/claimDueReminder.ts';
import { listDueReminders } from '../conversations/sql/listDueReminders.ts';
import type { Db } from '../db/connect.ts';
import { createLocaleResolver, type Locale, type LocaleResolver, translate } from '../i18n/i18n.ts';
import { listUnreadFromOthers } from '../messages/sql/listUnreadFromOthers.ts';
import { systemSenderId, type MessagesService, type MessageView } from '../messages/messages-service.ts';
import type { Channel } from '../notifications/model.ts';
import type { PreferencesService } from '../notifications/preferences/user-preferences.ts';
import { clip, partiesOf } from './conversation-parties.ts';
import type { Digests, DigestWindow } from '../notifications/digests/digests.ts';
import type { Contacts } from './contacts/user-contacts.ts';
import type { Notifier } from './marketplace-notifier.ts';

const SHOWN = 5;
const SNIPPET = 160;
/** Senders are counted among at most this many unread messages of a conversation. */
const MAX_COUNTED = 200;

interface DueReminder {
  conversation_id: string;
  user_id: string;
  last_read_seq: number;
  conversation_type: string;
  order_id: string | null;
  subject: string | null;
}

/**
 * Unread-message reminders. A message typed by a buyer or seller sets its recipient's
 * `reminder_due_at` (unless one is pending, or this unread streak was reminded of already);
 * reading to the end clears it. When it falls due, the recipient gets one email (or a push,
 * when Parley has no address for them or they opted out of email) summarising everything
 * unread in that conversation, not one per message.
 */
export function createReminders({ db, messages, notifier, contacts, preferences, replyAddress, digests, log, resolveLocale = createLocaleResolver('en') }: {
  db: Db;
  messages: MessagesService;
  notifier: Notifier;
  contacts: Contacts;
  preferences: PreferencesService;
  /** The recipient's reply-to address for this conversation (reply by email), when it is on. */
  replyAddress?: (conversationId: string, userId: string) => Promise<string>;
  /** Digests: a user who takes chat as a digest gets their unread messages in it, not a reminder per conversation. */
  digests?: Pick<Digests, 'chatWindow' | 'collectChat'>;
  log: Logger;
  /** The recipient's locale (from their contact) to the catalogue language the reminder is written in. */
  resolveLocale?: LocaleResolver;
}) {
  async function sendDue(limit = 100): Promise<number> {
    const due = await listDueReminders(db, limit);
    let sent = 0;
    for (const reminder of due) {
      try {
        if (await remind(reminder)) sent++;
      } catch (err) {
        log.warn({ err: (err as Error).message, conversationId: reminder.conversation_id }, 'unread reminder failed; it is retried next round');
      }
    }
    return sent;
  }

  /** Sends one reminder, or clears it when nothing is unread any more. True when one went out. */
  async function remind(r: DueReminder): Promise<boolean> {
    const unread = await listUnreadFromOthers(db, r.conversation_id, r.user_id, r.last_read_seq, systemSenderId);
    const lastSeq = unread[0]?.seq ?? r.last_read_seq;
    const window = unread.length && digests ? await digests.chatWindow(r.user_id) : undefined;
    if (window) return collect(r, unread, lastSeq, window);
    const shown = unread.length ? await messages.byIds(r.conversation_id, unread.slice(0, SHOWN).map((m) => m.id), r.user_id) : [];
    const prepared = unread.length ? await notifier.prepare([await summary(r, shown, unread.length, lastSeq)]) : undefined;

    const claimed = await db.transaction().execute(async (trx) => {
      // Read meanwhile, or taken by another worker: this round leaves it.
      if (!(await claimDueReminder(trx, r.conversation_id, r.user_id, r.last_read_seq, lastSeq))) return false;
      await prepared?.write(trx);
      return true;
    });
    if (!claimed || !prepared) return false;
    prepared.committed();
    return true;
  }

  /**
   * For a user who takes chat as a digest: the unread streak becomes one item of their chat
   * digest (how many messages, from whom), recorded in the transaction that marks it reminded.
   */
  async function collect(r: DueReminder, unread: { id: string; seq: number }[], lastSeq: number, window: DigestWindow): Promise<boolean> {
    const [views, parties] = await Promise.all([messages.byIds(r.conversation_id, unread.slice(0, MAX_COUNTED).map((m) => m.id), r.user_id), partiesOf(db, r.conversation_id)]);
    const senders = [...new Set(views.map((m) => m.senderId))];
    const roles = new Set(senders.map((s) => parties.everyone.find((p) => p.userId === s)?.role ?? 'other'));
    const senderRole: 'buyer' | 'seller' | 'other' = roles.size === 1 && (roles.has('buyer') || roles.has('seller')) ? ([...roles][0] as 'buyer' | 'seller') : 'other';
    const known = await contacts.find([r.user_id]);
    const { locale } = resolveLocale(known.get(r.user_id)?.locale);
    const email = known.get(r.user_id)?.email;
    const channel = await reminderChannel(r.user_id, email);
    const replyTo = channel === 'email' && replyAddress ? await replyAddress(r.conversation_id, r.user_id) : undefined;
    const item = {
      itemId: `chat:${r.conversation_id}:${r.user_id}:${lastSeq}`,
      userId: r.user_id,
      channel: channel === 'email' ? ('email' as const) : ('push' as const),
      ...(channel === 'email' && email ? { email } : {}),
      conversationId: r.conversation_id,
      where: where(r, locale),
      messages: unread.length,
      senders,
      senderRole,
      locale,
      ...(replyTo && { replyTo }),
    };
    return db.transaction().execute(async (trx) => {
      if (!(await claimDueReminder(trx, r.conversation_id, r.user_id, r.last_read_seq, lastSeq))) return false;
      await digests!.collectChat(trx, item, window);
      return true;
    });
  }

  function where(r: DueReminder, locale: Locale): string {
    const t = (key: string, values?: Record<string, unknown>) => translate(locale, `notices:unread.${key}`, values);
    return r.order_id ? t('whereOrder', { orderId: r.order_id }) : r.subject ? t('whereSubject', { subject: clip(r.subject, 60) }) : t('whereConversation');
  }

  async function summary(r: DueReminder, shown: MessageView[], total: number, lastSeq: number) {
    const senders = [...new Set(shown.map((m) => m.senderId))];
    const known = await contacts.find([r.user_id, ...senders]);
    const name = (userId: string) => known.get(userId)?.name ?? userId;
    const { locale } = resolveLocale(known.get(r.user_id)?.locale);
    const t = (key: string, values?: Record<string, unknown>) => translate(locale, `notices:unread.${key}`, values);
    const lines = shown.map((m) => `${name(m.senderId)}: ${clip(m.content ?? `(${m.messageType})`, SNIPPET)}`);
    if (total > shown.length) lines.unshift(t('earlier', { count: total - shown.length }));
    const channel = await reminderChannel(r.user_id, known.get(r.user_id)?.email);
    // An emailed reminder can be answered by replying to it: the reply lands in the conversation.
    const replyTo = channel === 'email' && replyAddress ? await replyAddress(r.conversation_id, r.user_id) : undefined;
    return {
      userId: r.user_id,
      key: `unread-reminder:${r.conversation_id}:${r.user_id}:${lastSeq}`,
      title: t('title', { count: total, where: where(r, locale) }),
      body: lines.join('\n'),
      channels: [channel],
      ...(replyTo && { replyTo }),
      action: { type: 'custom' as const },
      about: { conversationId: r.conversation_id },
      // On a push: Reply and Mark as read.
      interactive: 'parley.message' as const,
    };
  }

  /** Email when Parley can reach the user there, push otherwise. */
  async function reminderChannel(userId: string, email: string | undefined): Promise<Channel> {
    if (!email) return 'push';
    const prefs = (await preferences.getMany([userId])).get(userId);
    return prefs?.optOut?.email ? 'push' : 'email';
  }

  return { sendDue };
}
