import type { InboxConversation, Message } from './api.ts';
import { currentLocale, t } from '../i18n.ts';

/** What a conversation's title and names need: a listed conversation and an opened one both have it. */
type ConversationSummary = Omit<InboxConversation, 'lastMessage'>;

/** How people and things are named in the chat views. */

type Named = Pick<ConversationSummary, 'participants' | 'contextMetadata'>;

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value.trim() : undefined);

/** A participant's name: "You", "System", the name the marketplace gave Parley, the one on the order, or their id. */
export function nameOf(userId: string, conversation: Named | undefined, me: string): string {
  if (userId === me) return t('chat.you');
  if (userId === 'system') return t('chat.system');
  const participant = conversation?.participants.find((p) => p.userId === userId);
  if (participant?.name) return participant.name;
  const role = participant?.role;
  const meta = conversation?.contextMetadata ?? {};
  if (role === 'buyer') return text(meta.buyerName) ?? userId;
  if (role === 'seller') return text(meta.sellerName) ?? userId;
  return userId;
}

/** The people a user talks to in a conversation (not themselves, not the platform). */
export function others(conversation: Named, me: string): string[] {
  return conversation.participants.filter((p) => p.userId !== me && p.role !== 'system').map((p) => nameOf(p.userId, conversation, me));
}

export function conversationTitle(c: ConversationSummary, me: string): string {
  const meta = c.contextMetadata;
  if (c.conversationType === 'order' && c.orderId) return t('chat.orderTitle', { orderId: c.orderId });
  if (c.conversationType === 'product_inquiry') return text(meta.productTitle) ?? c.subject ?? t('chat.productTitle', { productId: c.productId ?? '' }).trim();
  if (c.subject) return c.subject;
  if (c.conversationType === 'dispute') return t('chat.kind.dispute');
  return others(c, me).join(', ') || t('chat.conversation');
}

/** What kind of conversation it is: Order, Inquiry, Dispute, Chat. */
export const kindLabel = (type: string) => t(`chat.kind.${type}`, { defaultValue: t('chat.kind.general') });

export const orderStatusLabel = (status: string) => t(`orderStatus.${status}`, { defaultValue: capitalised(status.replace(/_/g, ' ')) });

export const disputeStatusLabel = (status: string) => t(`disputeStatus.${status}`, { defaultValue: capitalised(status.replace(/_/g, ' ')) });
export const disputeUnresolved = (status: string) => !status.startsWith('resolved') && status !== 'closed';

/** The pill colour that fits an order status. */
export function statusTone(status: string): '' | 'ok' | 'warn' | 'danger' {
  if (status === 'delivered' || status === 'paid') return 'ok';
  if (status === 'cancelled' || status === 'refunded' || status === 'disputed') return 'danger';
  if (status === 'placed') return 'warn';
  return '';
}

/** One currency format per currency code (null: a code Intl does not know); making one is costly. */
const currencyFormats = new Map<string, Intl.NumberFormat | null>();
let currencyLocale = '';

function currencyFormat(code: string): Intl.NumberFormat | null {
  if (currencyLocale !== currentLocale()) {
    currencyLocale = currentLocale();
    currencyFormats.clear();
  }
  let format = currencyFormats.get(code);
  if (format === undefined) {
    try {
      format = new Intl.NumberFormat(currencyLocale, { style: 'currency', currency: code });
    } catch {
      format = null;
    }
    currencyFormats.set(code, format);
  }
  return format;
}

export function money(amount: unknown, currency: unknown): string | null {
  const n = typeof amount === 'number' ? amount : typeof amount === 'string' ? Number(amount) : Number.NaN;
  if (!Number.isFinite(n)) return null;
  const code = typeof currency === 'string' && /^[A-Z]{3}$/.test(currency) ? currency : null;
  if (!code) return n.toFixed(2);
  const format = currencyFormat(code);
  return format ? format.format(n) : `${n.toFixed(2)} ${code}`;
}

/** A playing time as m:ss (or h:mm:ss). */
export function playingTime(ms: number): string {
  const total = Math.round(ms / 1000);
  const [h, m, s] = [Math.floor(total / 3600), Math.floor((total % 3600) / 60), total % 60];
  const ss = String(s).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** One line that stands for a message in a list. */
export function previewOf(message: Message, conversation: Named | undefined, me: string): string {
  if (message.status === 'deleted') return t('chat.messageDeleted');
  const body = message.content?.trim() || (message.attachments.length ? message.attachments.map(attachmentLabel).join(', ') : typeLabel(message.messageType));
  if (message.senderId === me) return t('chat.youSaid', { body });
  if (message.isSystem) return body;
  return `${nameOf(message.senderId, conversation, me)}: ${body}`;
}

/** A video or voice message by its kind and playing time; any other file by its name. */
function attachmentLabel(a: Message['attachments'][number]): string {
  if (a.type !== 'video' && a.type !== 'voice') return a.fileName;
  const kind = t(`chat.media.${a.type}`);
  return a.durationMs === undefined ? kind : t('chat.media.withTime', { kind, time: playingTime(a.durationMs) });
}

function typeLabel(type: string): string {
  return t(`chat.type.${type}`, { defaultValue: t('chat.type.text') });
}

export function capitalised(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** A random id for a message being sent: the server stores a retried send once. */
export function newClientMessageId(): string {
  // randomUUID exists only on secure origins; a plain-http deployment still gets random ids.
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}
