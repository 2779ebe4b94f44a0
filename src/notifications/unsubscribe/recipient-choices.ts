import type { ConsentLog } from '../../consents/consent-log.ts';
import { CONSENT_CHANNELS, type ConsentChange, type ConsentChannel } from '../../consents/consent-shapes.ts';
import { invalid } from '../../errors.ts';
import { NOTIFICATION_TYPES, type NotificationType } from '../model.ts';
import type { Preferences } from '../preferences/preference-schemas.ts';
import type { PreferencesService } from '../preferences/user-preferences.ts';
import type { PreferencesClaim, UnsubscribeClaim } from './recipient-links.ts';

/** The channels a person chooses on the preference page, as preferences name them. */
export const PAGE_CHANNELS = ['email', 'sms', 'push', 'in-app', 'whatsapp'] as const;
export type PageChannel = (typeof PAGE_CHANNELS)[number];
const OPT_OUT_KEY = { email: 'email', sms: 'sms', push: 'push', 'in-app': 'inApp', whatsapp: 'whatsapp' } as const;
/** The channels vendor consent is asked for on the page. */
export const VENDOR_CHANNELS = ['email', 'sms', 'push'] as const satisfies readonly ConsentChannel[];

/** Where a person acted from, for the consent log. */
export interface Origin {
  ipAddress?: string;
  userAgent?: string;
}

/** What the preference page shows and edits. */
export interface PageState {
  userId: string;
  /** The channels each type may use (all four when the user never chose). */
  channels: Record<NotificationType, PageChannel[]>;
  /** Channels turned off for everything. */
  optOut: Record<PageChannel, boolean>;
  /** The vendors the user has a consent record for (and the one the link came from), with the channels they consent to. */
  vendors: { vendorId: string; granted: ConsentChannel[] }[];
}

/** What the page posts back. */
export interface PageChoices {
  channels: Record<NotificationType, PageChannel[]>;
  optOut: PageChannel[];
  /** The vendors the form showed, each with the channels ticked. */
  vendors: Map<string, ConsentChannel[]>;
}

export const UNSUBSCRIBE_TEXT = 'One-click unsubscribe: stop these messages.';
export const PREFERENCES_TEXT = 'Preference page: which vendors may send promotions, on which channel.';

/**
 * What a recipient chooses without signing in, through a signed link: one-click unsubscribe and
 * the hosted preference page. It writes through the owners: preferences (user_preferences) and
 * the consent log (promotional_consents), and trusts the claim its caller verified.
 */
export function createRecipientChoices({ preferences, consents }: { preferences: PreferencesService; consents: ConsentLog }) {
  /** The channel as the consent log names it (webhooks have no consent: none). */
  const consentChannel = (channel: string): ConsentChannel | undefined => (CONSENT_CHANNELS as readonly string[]).includes(channel) ? (channel as ConsentChannel) : undefined;

  return {
    /**
     * One-click unsubscribe (RFC 8058): withdraws consent to promotions in the consent log (for the
     * vendor the link names, else the marketplace's own), and, for a link naming no vendor, takes the channel
     * out of the type's channels in the user's preferences. Repeating it records nothing new.
     */
    async unsubscribe(claim: UnsubscribeClaim, origin: Origin): Promise<{ changed: boolean }> {
      const channel = consentChannel(claim.channel);
      let changed = false;
      if (!claim.vendorId && (PAGE_CHANNELS as readonly string[]).includes(claim.channel)) {
        const before = (await preferences.stored(claim.userId)).channels?.[claim.type];
        if (!before || before.includes(claim.channel as PageChannel)) {
          await preferences.optOutOfType(claim.userId, claim.type, claim.channel);
          changed = true;
        }
      }
      // The consent log is about promotions: unsubscribing from receipts (PARLEY_UNSUBSCRIBE_TRANSACTIONAL) changes preferences only.
      if (channel && claim.type === 'promotional') {
        const current = await consents.current([claim.userId], claim.vendorId ?? null);
        const row = current.find((c) => c.channel === channel);
        if (!row || row.granted) {
          await consents.record([
            { userId: claim.userId, vendorId: claim.vendorId ?? null, channel, granted: false, source: 'unsubscribe', textShown: UNSUBSCRIBE_TEXT, ...originFields(origin) },
          ]);
          changed = true;
        }
      }
      return { changed };
    },

    /** What the preference page shows for a user. */
    async state(claim: PreferencesClaim): Promise<PageState> {
      const [stored, current] = await Promise.all([preferences.stored(claim.userId), consents.current([claim.userId])]);
      return toState(claim, stored, current);
    },

    /** Saves the page's choices: preferences in one write, consent changes (only those that differ) in one append. */
    async save(claim: PreferencesClaim, choices: PageChoices, origin: Origin): Promise<PageState> {
      const [stored, current] = await Promise.all([preferences.stored(claim.userId), consents.current([claim.userId])]);
      const shown = new Set(toState(claim, stored, current).vendors.map((v) => v.vendorId));
      for (const vendorId of choices.vendors.keys()) {
        if (!shown.has(vendorId)) throw invalid('unknown_vendor', `The page did not offer vendor ${vendorId}; reload the page and choose again.`, { field: 'vendors' });
      }
      const optOut = Object.fromEntries(PAGE_CHANNELS.map((c) => [OPT_OUT_KEY[c], choices.optOut.includes(c)])) as Preferences['optOut'];
      const next: Preferences = { ...stored, channels: { ...choices.channels }, optOut };
      const changes: ConsentChange[] = [];
      for (const [vendorId, ticked] of choices.vendors) {
        for (const channel of VENDOR_CHANNELS) {
          const row = current.find((c) => c.vendorId === vendorId && c.channel === channel);
          const granted = ticked.includes(channel);
          if ((row?.granted ?? false) !== granted) {
            changes.push({ userId: claim.userId, vendorId, channel, granted, source: 'preferences', textShown: PREFERENCES_TEXT, ...originFields(origin) });
          }
        }
      }
      await preferences.write(claim.userId, next);
      await consents.record(changes);
      return this.state(claim);
    },
  };
}

export type RecipientChoices = ReturnType<typeof createRecipientChoices>;

function originFields(origin: Origin): { ipAddress: string | null; userAgent: string | null } {
  return { ipAddress: origin.ipAddress?.slice(0, 64) ?? null, userAgent: origin.userAgent?.slice(0, 512) ?? null };
}

function toState(claim: PreferencesClaim, stored: Preferences, current: Awaited<ReturnType<ConsentLog['current']>>): PageState {
  const channels = Object.fromEntries(NOTIFICATION_TYPES.map((t) => [t, [...(stored.channels?.[t] ?? PAGE_CHANNELS)] as PageChannel[]])) as PageState['channels'];
  const optOut = Object.fromEntries(PAGE_CHANNELS.map((c) => [c, Boolean(stored.optOut?.[OPT_OUT_KEY[c]])])) as PageState['optOut'];
  const vendorIds = new Set(current.filter((c) => c.vendorId !== null).map((c) => c.vendorId as string));
  if (claim.vendorId) vendorIds.add(claim.vendorId);
  const vendors = [...vendorIds].sort().map((vendorId) => ({
    vendorId,
    granted: VENDOR_CHANNELS.filter((ch) => current.some((c) => c.vendorId === vendorId && c.channel === ch && c.granted)),
  }));
  return { userId: claim.userId, channels, optOut, vendors };
}
