import { Liquid } from 'liquidjs';
import type { Logger } from 'pino';
import { resolveLocale, translate } from '../../i18n/i18n.ts';
import { CHANNELS, type Channel, type NotificationRequest, type Rendered } from '../model.ts';
import type { Templates } from '../templates/notification-templates.ts';
import type { DigestItemRow } from './sql/listWindowItems.ts';
import type { DigestWindow } from './digest-schedule.ts';

/** What a collected delivery shows in its digest. */
export interface DeliveryItemContent {
  title: string;
  body: string;
  locale?: string;
}

/** What unread chat messages of one conversation show in a chat digest. */
export interface ChatItemContent {
  conversationId: string;
  /** Where, in the recipient's words: "order 1042", "a conversation". */
  where: string;
  messages: number;
  senders: string[];
  /** The senders' role towards the recipient: buyers (to a seller), sellers (to a buyer), or other people. */
  senderRole: 'buyer' | 'seller' | 'other';
  locale?: string;
  /** The email reply address for this conversation, when reply by email is on. */
  replyTo?: string;
}

/** How many items a push or SMS names before "…and N more". */
const NAMED = 3;

// The default digest: its structure in Liquid, its words from the catalogues (locales/*/notices.json).
const liquid = new Liquid({ strictVariables: true, strictFilters: true, ownPropertyOnly: true, parseLimit: 200_000, renderLimit: 500 });
const DEFAULT_TEXT = liquid.parse('{{ heading }}\n{% for item in items %}\n- {{ item.title }}{% if item.body != "" %}\n  {{ item.body }}{% endif %}{% endfor %}\n');
const DEFAULT_SUMMARY = liquid.parse('{% for item in named %}{{ item.title }}{% unless forloop.last %}; {% endunless %}{% endfor %}{% if more != "" %} {{ more }}{% endif %}');

/** One line of the digest, as the template sees it (`items`). */
interface ShownItem {
  title: string;
  body: string;
  at: string;
}

/**
 * Renders a window's items into one notification request: one message from all of them, on the
 * channels the items would have gone out on. An operator template (key `digest.<key>`, per
 * channel and locale, as any notification template) replaces the default texts; its variables
 * are `heading`, `count`, `items` (title, body, at), `summary`, and for chat `messages` and `senders`.
 */
export function createDigestRenderer({ templates, defaultLocale, log }: { templates?: Pick<Templates, 'find' | 'render'>; defaultLocale: string; log: Logger }) {
  async function compose(window: DigestWindow, requestId: string, items: DigestItemRow[]): Promise<NotificationRequest> {
    const requested = [...items].reverse().map((i) => (i.content as { locale?: string }).locale).find(Boolean);
    const { locale } = resolveLocale(requested, defaultLocale);
    const say = (key: string, values?: Record<string, unknown>) => translate(locale, `notices:digest.${key}`, values);
    const data = window.key === 'chat' ? chatData(items, say) : deliveryData(items, say);
    const summary = await liquid.render(DEFAULT_SUMMARY, { named: data.items.slice(0, NAMED), more: data.items.length > NAMED ? say('more', { count: data.items.length - NAMED }) : '' });
    const variables = { ...data, summary };
    const text = (await liquid.render(DEFAULT_TEXT, variables)).trim();
    const channels = CHANNELS.filter((c) => items.some((i) => i.channel === c));
    const message: NotificationRequest['message'] = { subject: data.heading, body: text, smsText: `${data.heading}: ${summary}`.slice(0, 1600), pushNotification: { title: data.heading, body: summary.slice(0, 4000) || data.heading } };
    await applyOverrides(window, channels, requested ?? locale, variables, message);
    if (data.replyTo && channels.includes('email')) message.replyTo = data.replyTo;
    return {
      requestId,
      notificationType: window.key === 'chat' ? 'transactional' : window.key,
      channels,
      recipient: recipientOf(window.userId, items),
      message,
    };
  }

  /** The operator's templates for this digest, per channel, where there are any and they render. */
  async function applyOverrides(window: DigestWindow, channels: Channel[], locale: string, variables: Record<string, unknown>, message: NotificationRequest['message']) {
    if (!templates) return;
    for (const channel of channels.filter((c): c is 'email' | 'sms' | 'push' => c === 'email' || c === 'sms' || c === 'push')) {
      const template = await templates.find(`digest.${window.key}`, channel, locale);
      if (!template) continue;
      let rendered: Rendered;
      try {
        rendered = await templates.render(template, variables);
      } catch (err) {
        log.warn({ err: (err as Error).message, key: template.key, channel }, 'the digest template did not render; the default texts go out instead');
        continue;
      }
      if (channel === 'email') {
        if (rendered.subject) message.subject = rendered.subject;
        if (rendered.text) message.body = rendered.text;
        if (rendered.html) message.htmlBody = rendered.html;
      } else if (channel === 'sms' && rendered.text) message.smsText = rendered.text.slice(0, 1600);
      else if (channel === 'push' && rendered.title && rendered.body) message.pushNotification = { title: rendered.title, body: rendered.body };
    }
  }

  return { compose };
}

type Translate = (key: string, values?: Record<string, unknown>) => string;

/** A request is listed once, whatever channels it had. */
function deliveryData(items: DigestItemRow[], say: Translate) {
  const seen = new Set<string>();
  const shown: ShownItem[] = [];
  for (const item of items) {
    if (seen.has(item.source_id)) continue;
    seen.add(item.source_id);
    const c = item.content as unknown as DeliveryItemContent;
    shown.push({ title: c.title, body: c.body, at: new Date(item.created_at).toISOString() });
  }
  return { heading: say('heading', { count: shown.length }), count: shown.length, items: shown, replyTo: undefined as string | undefined };
}

const FROM = { buyer: 'chat.fromBuyers', seller: 'chat.fromSellers', other: 'chat.fromPeople' } as const;

/** "3 new messages from 2 buyers": every unread streak of the window, by conversation. */
function chatData(items: DigestItemRow[], say: Translate) {
  const byConversation = new Map<string, { where: string; messages: number; at: Date; replyTo?: string }>();
  const senders = new Set<string>();
  const roles = new Set<string>();
  let messages = 0;
  for (const item of items) {
    const c = item.content as unknown as ChatItemContent;
    messages += c.messages;
    for (const s of c.senders) senders.add(s);
    roles.add(c.senderRole);
    const entry = byConversation.get(c.conversationId) ?? { where: c.where, messages: 0, at: new Date(item.created_at), replyTo: c.replyTo };
    entry.messages += c.messages;
    entry.replyTo = c.replyTo ?? entry.replyTo;
    byConversation.set(c.conversationId, entry);
  }
  const role = roles.size === 1 ? ([...roles][0] as ChatItemContent['senderRole']) : 'other';
  const heading = say('chat.heading', { messages: say('chat.messages', { count: messages }), from: say(FROM[role], { count: senders.size }) });
  const shown: ShownItem[] = [...byConversation.values()].map((e) => ({ title: say('chat.line', { where: e.where, count: e.messages }), body: '', at: e.at.toISOString() }));
  // A digest of one conversation can be answered by replying to its email.
  const replyTo = byConversation.size === 1 ? [...byConversation.values()][0]!.replyTo : undefined;
  return { heading, count: shown.length, items: shown, messages, senders: senders.size, replyTo };
}

/** The addresses the items were for, the latest of each. */
function recipientOf(userId: string, items: DigestItemRow[]): NotificationRequest['recipient'] {
  const recipient: NotificationRequest['recipient'] = { userId };
  for (const item of items) {
    const r = item.recipient as { email?: string; phoneNumber?: string };
    if (r.email) recipient.email = r.email;
    if (r.phoneNumber) recipient.phoneNumber = r.phoneNumber;
  }
  return recipient;
}

