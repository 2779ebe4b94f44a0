import type { LinkSigner } from '../../crypto/signed-links.ts';
import { resolveLocale, translate } from '../../i18n/i18n.ts';

/**
 * Interactive push: the action buttons a push notification carries, grouped in categories the
 * apps register once (iOS `UNNotificationCategory`, Android notification actions, the web app's
 * service worker). A category's id and its actions' ids are what devices see; they never change.
 * The buttons' titles come from the catalogues (`notices:push.action.<id>`), in the recipient's language.
 */
export const PUSH_CATEGORIES = {
  /** A new message in a conversation: reply from the notification, or mark the conversation read. */
  'parley.message': {
    about: 'conversation',
    actions: [
      { id: 'reply', input: true },
      { id: 'mark-read' },
    ],
  },
  /** The buyer's "your order has shipped": confirm it arrived, or open the order. */
  'parley.order-shipped': {
    about: 'order',
    actions: [
      { id: 'confirm-receipt' },
      { id: 'view-order', opensApp: true },
    ],
  },
} as const satisfies Record<string, { about: 'conversation' | 'order'; actions: readonly Omit<PushActionButton, 'title'>[] }>;

export type PushCategory = keyof typeof PUSH_CATEGORIES;
export const PUSH_CATEGORY_IDS = Object.keys(PUSH_CATEGORIES) as PushCategory[];

/** One button. `input`: it asks for text (a reply); `opensApp`: the device opens the app, Parley is not called. */
export interface PushActionButton {
  id: string;
  title: string;
  input?: boolean;
  opensApp?: boolean;
}

/** The actions that act through `POST /push-actions/{token}` (the others only open the app). */
export const SERVER_ACTIONS = ['reply', 'mark-read', 'confirm-receipt'] as const;
export type ServerAction = (typeof SERVER_ACTIONS)[number];

/** What a notification request asks for: a category, and what its actions act on. */
export interface InteractiveRequest {
  category: PushCategory;
  conversationId?: string;
  orderId?: string;
  /** The language of the buttons' titles (the recipient's locale); absent: the default locale. */
  locale?: string;
}

/** What a push carries for its buttons: the category, its buttons, and the URL their actions post to. */
export interface PushInteraction {
  category: PushCategory;
  actions: PushActionButton[];
  /** `{publicUrl}/push-actions/{token}`: the token says who, on what, and which actions it allows. */
  actionUrl: string;
}

/** What an action token stands for. `id` is the delivery's id: one notification, one action. */
export interface PushActionClaim {
  id: string;
  userId: string;
  category: PushCategory;
  actions: ServerAction[];
  conversationId?: string;
  orderId?: string;
}

export const PUSH_ACTION_PATH = '/push-actions';
/** A notification's buttons work for a week; after that the app is the way. */
export const PUSH_ACTION_TTL_SECONDS = 7 * 24 * 3600;

/** Why an interactive request cannot work, or undefined when it can. */
export function interactiveProblem(interactive: InteractiveRequest): string | undefined {
  const about = PUSH_CATEGORIES[interactive.category].about;
  if (about === 'conversation' && !interactive.conversationId) return `pushNotification.interactive with category "${interactive.category}" needs conversationId`;
  if (about === 'order' && !interactive.orderId) return `pushNotification.interactive with category "${interactive.category}" needs orderId`;
  return undefined;
}

/**
 * Signs and reads push-action tokens (purpose `push-action`): minted when a push is sent, for
 * its delivery and user; read by the endpoint the buttons post to. The token is the authority,
 * as a device answering a notification has no session; the endpoint still checks that the user
 * may do what it asks, and spends the token once.
 */
export function createPushActionLinks(links: LinkSigner, defaultLocale = 'en') {
  return {
    /** The buttons of one delivery to one user. */
    interaction(deliveryId: string, userId: string, interactive: InteractiveRequest): PushInteraction {
      const category = PUSH_CATEGORIES[interactive.category];
      const { locale } = resolveLocale(interactive.locale, defaultLocale);
      const actions: PushActionButton[] = category.actions.map((a) => ({ ...a, title: translate(locale, `notices:push.action.${a.id}`) }));
      const payload = {
        id: deliveryId,
        u: userId,
        cat: interactive.category,
        a: actions.filter((a) => (SERVER_ACTIONS as readonly string[]).includes(a.id)).map((a) => a.id),
        ...(category.about === 'conversation' ? { c: interactive.conversationId } : { o: interactive.orderId }),
      };
      const token = links.sign('push-action', payload, PUSH_ACTION_TTL_SECONDS);
      return { category: interactive.category, actions, actionUrl: links.url(PUSH_ACTION_PATH, token) };
    },

    /** The claim of a token; undefined when it is forged, altered, expired, or signed for another purpose. */
    read(token: string): PushActionClaim | undefined {
      const p = links.verify<{ id?: unknown; u?: unknown; cat?: unknown; a?: unknown; c?: unknown; o?: unknown }>('push-action', token);
      if (!p || typeof p.id !== 'string' || typeof p.u !== 'string' || typeof p.cat !== 'string' || !(p.cat in PUSH_CATEGORIES)) return undefined;
      if (!Array.isArray(p.a) || !p.a.every((a) => (SERVER_ACTIONS as readonly unknown[]).includes(a))) return undefined;
      return {
        id: p.id,
        userId: p.u,
        category: p.cat as PushCategory,
        actions: p.a as ServerAction[],
        ...(typeof p.c === 'string' ? { conversationId: p.c } : {}),
        ...(typeof p.o === 'string' ? { orderId: p.o } : {}),
      };
    },
  };
}

export type PushActionLinks = ReturnType<typeof createPushActionLinks>;
