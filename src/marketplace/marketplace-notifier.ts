import type { Db } from '../db/connect.ts';
import type { Acceptor } from '../notifications/accept.ts';
import type { Channel, NotificationRequest, NotificationType } from '../notifications/model.ts';
import type { PushCategory } from '../notifications/push-actions/push-action-links.ts';
import { fromName } from '../uuid.ts';
import type { Contact, Contacts } from './contacts/user-contacts.ts';
import type { NoticeText, NoticeTexts } from './notice-texts.ts';

/** Something to tell one user, through the notification engine. */
export interface Notice {
  userId: string;
  /** Names this notice for good: the same key is the same request, sent once however often it is retried. */
  key: string;
  /** Literal text (a seller's own words), or `text`: catalogue keys written in the recipient's locale. */
  title?: string;
  body?: string;
  text?: NoticeText;
  notificationType?: NotificationType;
  /** Default: the channels configured for order notifications. */
  channels?: Channel[];
  action?: { type: 'viewOrder' | 'openProduct' | 'custom'; url?: string };
  /** What the notice is about: its action then links to it in the web app (unless it has a url). */
  about?: { conversationId: string } | { orderId: string };
  /**
   * Action buttons on its push (interactive push): parley.message (Reply, Mark as read) needs
   * `about` a conversation, parley.order-shipped (Confirm receipt, View order) an order.
   */
  interactive?: PushCategory;
  sendAt?: Date;
  /** The email's Reply-To: the recipient's reply address for the conversation (reply by email). */
  replyTo?: string;
  /** The seller the notice is about (an order's seller): stored as the notification's metadata.vendorId, for the vendor's KPIs. */
  vendorId?: string;
}

/** Notices prepared for writing inside the caller's transaction. */
export interface PreparedNotices {
  requestIds: string[];
  write(trx: Db): Promise<void>;
  /** Call after the transaction committed: wakes the workers. */
  committed(): void;
}

const SMS_LIMIT = 1600;

/**
 * Marketplace notices become notification requests: one per user, on the configured channels
 * that the user can be reached on (email needs an address, SMS a phone number), with an
 * id derived from the notice's key. Each user's preferences apply when the worker sends.
 */
export function createNotifier({ acceptor, contacts, channels, appUrl, texts }: { acceptor: Acceptor; contacts: Contacts; channels: Channel[]; appUrl: string; texts: NoticeTexts }) {
  /** The web app's page for what a notice is about: the conversation, or the order's conversation. */
  const linkTo = (about: NonNullable<Notice['about']>) =>
    'conversationId' in about ? `${appUrl}/c/${encodeURIComponent(about.conversationId)}` : `${appUrl}/orders/${encodeURIComponent(about.orderId)}`;

  /**
   * `known` adds contacts that are not stored yet (they arrive with the same order event);
   * `stored` saves reading the contacts when the caller has them already.
   */
  async function prepare(notices: Notice[], known: Map<string, Contact> = new Map(), stored?: Map<string, Contact>): Promise<PreparedNotices> {
    stored ??= await contacts.find(notices.map((n) => n.userId));
    const requests: NotificationRequest[] = [];
    for (const notice of notices) {
      const contact = { ...stored.get(notice.userId), ...known.get(notice.userId) };
      const usable = (notice.channels ?? channels).filter((c) => (c === 'email' ? contact.email : c === 'sms' ? contact.phoneNumber : true));
      if (usable.length === 0) continue;
      const action = notice.action && !notice.action.url && notice.about ? { ...notice.action, url: linkTo(notice.about) } : notice.action;
      const { title, body } = notice.text ? await texts.write(notice.text, contact.locale) : { title: notice.title ?? '', body: notice.body ?? '' };
      requests.push({
        requestId: requestId(notice.key),
        notificationType: notice.notificationType ?? 'transactional',
        channels: usable,
        recipient: {
          userId: notice.userId,
          ...(usable.includes('email') ? { email: contact.email } : {}),
          ...(usable.includes('sms') ? { phoneNumber: contact.phoneNumber } : {}),
        },
        message: {
          subject: title,
          body,
          ...(notice.replyTo && usable.includes('email') ? { replyTo: notice.replyTo } : {}),
          ...(usable.includes('sms') ? { smsText: `${title}: ${body}`.slice(0, SMS_LIMIT) } : {}),
          pushNotification: { title, body, ...(action ? { action } : {}), ...interactiveOf(notice, contact.locale) },
          inAppMessage: { title, body, ...(action ? { action } : {}) },
        },
        ...(notice.sendAt ? { schedule: { sendAt: notice.sendAt.toISOString() } } : {}),
        ...(notice.vendorId ? { metadata: { vendorId: notice.vendorId } } : {}),
      });
    }
    const prepared = await acceptor.prepare(requests);
    return {
      requestIds: requests.map((r) => r.requestId),
      write: async (trx) => void (await prepared.write(trx)),
      committed: prepared.committed,
    };
  }

  return {
    prepare,
    requestId,
    /** Withdraws a notice's notification if it has not gone out yet (a review request after a refund). */
    cancelScheduled: acceptor.cancelScheduled,
    /** Which of these notification requests were made already. */
    existingRequestIds: acceptor.existingRequestIds,
  };
}

/** The push's buttons, when the notice asks for them and says what they act on. */
function interactiveOf(notice: Notice, locale: string | undefined): { interactive?: { category: PushCategory; conversationId?: string; orderId?: string; locale?: string } } {
  if (!notice.interactive || !notice.about) return {};
  return { interactive: { category: notice.interactive, ...notice.about, ...(locale ? { locale } : {}) } };
}

/** The notification request id of a notice key. */
function requestId(key: string): string {
  return fromName(`parley:${key}`);
}

export type Notifier = ReturnType<typeof createNotifier>;
