import type { LinkSigner } from '../../crypto/signed-links.ts';
import type { Channel, NotificationType } from '../model.ts';

/** What an unsubscribe link stands for: this user, no more of this type on this channel (from this vendor). */
export interface UnsubscribeClaim {
  userId: string;
  type: NotificationType;
  channel: Channel;
  /** The vendor named by the notification's metadata.vendorId: the link withdraws consent to that vendor only. */
  vendorId?: string;
}

/** What a preference-page link stands for: this user's page, in their language, naming the vendor they came from. */
export interface PreferencesClaim {
  userId: string;
  locale?: string;
  vendorId?: string;
}

/** The part of a delivery the links are made from. */
export interface LinkedDelivery {
  user_id: string;
  notification_type: NotificationType;
  channel: Channel;
  metadata: Record<string, unknown> | null;
  content: { kind: string; locale?: string };
}

export const UNSUBSCRIBE_PATH = '/u';
export const PREFERENCES_PAGE_PATH = '/preferences/page';

/** PARLEY_UNSUBSCRIBE_MAILTO and PARLEY_UNSUBSCRIBE_TRANSACTIONAL (read in settings.ts). */
export interface UnsubscribeSettings {
  /** An address for the mailto: form of List-Unsubscribe, beside the one-click https link; none: https only. */
  mailto?: string;
  /** Transactional mail (and system alerts) carry List-Unsubscribe too; off: promotional mail only. */
  transactional: boolean;
}

function vendorOf(metadata: Record<string, unknown> | null): string | undefined {
  const vendor = metadata?.vendorId;
  return typeof vendor === 'string' && vendor.length > 0 && vendor.length <= 255 ? vendor : undefined;
}

/**
 * The links a recipient follows without signing in to leave a list or change what they get:
 * `/u/{token}` (one-click unsubscribe, RFC 8058) and `/preferences/page/{token}`, signed by the
 * LinkSigner. They never expire: mail is read months later, and RFC 8058 wants the link to work.
 */
export function createRecipientLinks({ links, settings }: { links: LinkSigner; settings: UnsubscribeSettings }) {
  function claims(row: LinkedDelivery): { unsubscribe: UnsubscribeClaim; preferences: PreferencesClaim } {
    const vendorId = vendorOf(row.metadata);
    const locale = row.content.kind === 'template' ? row.content.locale : undefined;
    return {
      unsubscribe: { userId: row.user_id, type: row.notification_type, channel: row.channel, ...(vendorId && { vendorId }) },
      preferences: { userId: row.user_id, ...(locale && { locale }), ...(vendorId && { vendorId }) },
    };
  }

  function urls(row: LinkedDelivery): { unsubscribeUrl: string; preferencesUrl: string } {
    const c = claims(row);
    return {
      unsubscribeUrl: links.url(UNSUBSCRIBE_PATH, links.sign('unsubscribe', { ...c.unsubscribe })),
      preferencesUrl: links.url(PREFERENCES_PAGE_PATH, links.sign('preferences', { ...c.preferences })),
    };
  }

  return {
    /** The template variables `unsubscribe_url` and `preferences_url` for a delivery. */
    variables(row: LinkedDelivery): { unsubscribe_url: string; preferences_url: string } {
      const u = urls(row);
      return { unsubscribe_url: u.unsubscribeUrl, preferences_url: u.preferencesUrl };
    },

    /**
     * List-Unsubscribe (the https link, and a mailto: when PARLEY_UNSUBSCRIBE_MAILTO is set) and
     * List-Unsubscribe-Post for an email delivery: on promotional mail always, on transactional
     * mail and system alerts only with PARLEY_UNSUBSCRIBE_TRANSACTIONAL=1.
     */
    emailHeaders(row: LinkedDelivery): Record<string, string> | undefined {
      if (row.channel !== 'email') return undefined;
      if (row.notification_type !== 'promotional' && !settings.transactional) return undefined;
      const { unsubscribeUrl } = urls(row);
      const targets = [`<${unsubscribeUrl}>`];
      if (settings.mailto) targets.push(`<mailto:${settings.mailto}?subject=unsubscribe>`);
      return { 'List-Unsubscribe': targets.join(', '), 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
    },

    /** The claim of an unsubscribe token; undefined when it is forged, altered or not one. */
    readUnsubscribe(token: string): UnsubscribeClaim | undefined {
      const p = links.verify('unsubscribe', token);
      if (!p || typeof p.userId !== 'string' || typeof p.type !== 'string' || typeof p.channel !== 'string') return undefined;
      if (p.vendorId !== undefined && typeof p.vendorId !== 'string') return undefined;
      return { userId: p.userId, type: p.type as NotificationType, channel: p.channel as Channel, ...(typeof p.vendorId === 'string' && { vendorId: p.vendorId }) };
    },

    /** The claim of a preference-page token; undefined when it is forged, altered or not one. */
    readPreferences(token: string): PreferencesClaim | undefined {
      const p = links.verify('preferences', token);
      if (!p || typeof p.userId !== 'string' || p.form !== undefined) return undefined;
      return {
        userId: p.userId,
        ...(typeof p.locale === 'string' && { locale: p.locale }),
        ...(typeof p.vendorId === 'string' && { vendorId: p.vendorId }),
      };
    },

    /** A nonce for one preference form (two hours), bound to the page's user. */
    formNonce(userId: string): string {
      return links.sign('preferences', { userId, form: true }, 2 * 3600);
    },

    /** Whether a form nonce is one this Parley gave out for this user's page, and still fresh. */
    checkNonce(nonce: string, userId: string): boolean {
      const p = links.verify('preferences', nonce);
      return p?.form === true && p.userId === userId;
    },

    /** Links for a user outside any delivery (the demo, the README walk-through). */
    forUser(userId: string, type: NotificationType = 'promotional', vendorId?: string) {
      return urls({ user_id: userId, notification_type: type, channel: 'email', metadata: vendorId ? { vendorId } : null, content: { kind: 'literal' } });
    },
  };
}

export type RecipientLinks = ReturnType<typeof createRecipientLinks>;
