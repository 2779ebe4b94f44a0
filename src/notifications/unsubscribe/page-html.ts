import type { NotificationType } from '../model.ts';
import { PAGE_CHANNELS, type PageState, VENDOR_CHANNELS } from './recipient-choices.ts';

/** The languages the recipient pages speak; English is the fallback. */
export const PAGE_LANGUAGES = ['en', 'de'] as const;
export type PageLanguage = (typeof PAGE_LANGUAGES)[number];

const TEXT = {
  en: {
    unsubscribeTitle: 'Unsubscribe',
    unsubscribeAsk: (what: string) => `Stop receiving ${what}?`,
    unsubscribeButton: 'Unsubscribe',
    unsubscribed: 'You are unsubscribed. No more of these messages will be sent to you.',
    preferencesLink: 'Choose what you receive',
    pageTitle: 'Your notification preferences',
    intro: 'Choose which messages you receive, and on which channel. Changes apply at once.',
    types: { transactional: 'Orders and account', promotional: 'Offers and news', systemAlert: 'Security and service alerts' },
    channels: { email: 'Email', sms: 'Text message (SMS)', push: 'Push notification', 'in-app': 'In the app', whatsapp: 'WhatsApp' },
    stopAll: 'Turn a channel off for everything',
    stopChannel: (channel: string) => `No ${channel} at all`,
    vendors: 'Sellers who may send you offers',
    vendor: (id: string) => `Seller ${id}`,
    save: 'Save preferences',
    saved: 'Your preferences are saved.',
    what: { transactional: 'order and account messages', promotional: 'offers and news', systemAlert: 'security and service alerts' },
    fromVendor: (what: string, vendor: string) => `${what} from seller ${vendor}`,
  },
  de: {
    unsubscribeTitle: 'Abmelden',
    unsubscribeAsk: (what: string) => `Keine ${what} mehr erhalten?`,
    unsubscribeButton: 'Abmelden',
    unsubscribed: 'Sie sind abgemeldet. Sie erhalten diese Nachrichten nicht mehr.',
    preferencesLink: 'Auswählen, was Sie erhalten',
    pageTitle: 'Ihre Benachrichtigungseinstellungen',
    intro: 'Wählen Sie, welche Nachrichten Sie erhalten und auf welchem Weg. Änderungen gelten sofort.',
    types: { transactional: 'Bestellungen und Konto', promotional: 'Angebote und Neuigkeiten', systemAlert: 'Sicherheits- und Diensthinweise' },
    channels: { email: 'E-Mail', sms: 'SMS', push: 'Push-Benachrichtigung', 'in-app': 'In der App', whatsapp: 'WhatsApp' },
    stopAll: 'Einen Kanal für alles abschalten',
    stopChannel: (channel: string) => `Überhaupt keine ${channel}`,
    vendors: 'Verkäufer, die Ihnen Angebote senden dürfen',
    vendor: (id: string) => `Verkäufer ${id}`,
    save: 'Einstellungen speichern',
    saved: 'Ihre Einstellungen sind gespeichert.',
    what: { transactional: 'Bestell- und Kontonachrichten', promotional: 'Angebote und Neuigkeiten', systemAlert: 'Sicherheits- und Diensthinweise' },
    fromVendor: (what: string, vendor: string) => `${what} von Verkäufer ${vendor}`,
  },
} satisfies Record<PageLanguage, unknown>;

/**
 * The page's language: the user's locale from the link (the message's template locale), else
 * the best of Accept-Language, else English.
 */
export function pageLanguage(locale: string | undefined, acceptLanguage: string | undefined): PageLanguage {
  const pick = (tag: string) => PAGE_LANGUAGES.find((l) => tag.toLowerCase().split('-')[0] === l);
  if (locale) {
    const found = pick(locale);
    if (found) return found;
  }
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => /^q=([0-9.]+)$/.exec(p.trim())?.[1]).find(Boolean);
      return { tag: tag ?? '', q: q === undefined ? 1 : Number(q) };
    })
    .filter((e) => e.tag && e.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    const found = pick(tag);
    if (found) return found;
  }
  return 'en';
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The security headers of every recipient page: nothing but its own form and its inline style. */
export const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
};

const STYLE = `body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a;background:#fff;line-height:1.5}
fieldset{border:1px solid #767676;border-radius:.25rem;margin:1rem 0;padding:.5rem 1rem}legend{font-weight:600}
label{display:block;padding:.25rem 0}button{font:inherit;padding:.5rem 1rem;background:#0b57d0;color:#fff;border:0;border-radius:.25rem;cursor:pointer}
button:focus,input:focus,a:focus{outline:3px solid #8a4b00;outline-offset:2px}.status{background:#e6f4ea;border:1px solid #137333;padding:.5rem 1rem}a{color:#0b57d0}`;

function page(lang: PageLanguage, title: string, body: string): string {
  return `<!doctype html>
<html lang="${lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><main><h1>${escapeHtml(title)}</h1>
${body}
</main></body></html>`;
}

/** GET /u/{token}: asks before it unsubscribes (link scanners follow GETs; only the POST acts). */
export function unsubscribePage(
  lang: PageLanguage,
  claim: { type: NotificationType; vendorId?: string },
  links: { action: string; preferences: string },
  done: boolean,
): string {
  const t = TEXT[lang];
  const what = claim.vendorId ? t.fromVendor(t.what[claim.type], claim.vendorId) : t.what[claim.type];
  const body = done
    ? `<p class="status" role="status">${escapeHtml(t.unsubscribed)}</p>`
    : `<form method="post" action="${escapeHtml(links.action)}">
<p>${escapeHtml(t.unsubscribeAsk(what))}</p>
<input type="hidden" name="List-Unsubscribe" value="One-Click">
<button type="submit">${escapeHtml(t.unsubscribeButton)}</button>
</form>`;
  return page(lang, t.unsubscribeTitle, `${body}\n<p><a href="${escapeHtml(links.preferences)}">${escapeHtml(t.preferencesLink)}</a></p>`);
}

/** GET /preferences/page/{token}: a plain form, every input labelled, grouped by fieldsets. */
export function preferencesPage(lang: PageLanguage, state: PageState, form: { action: string; nonce: string }, saved: boolean): string {
  const t = TEXT[lang];
  const checked = (on: boolean) => (on ? ' checked' : '');
  const types = (Object.keys(state.channels) as NotificationType[])
    .map((type) => {
      const boxes = PAGE_CHANNELS.map(
        (c) => `<label><input type="checkbox" name="${type}" value="${c}"${checked(state.channels[type].includes(c))}> ${escapeHtml(t.channels[c])}</label>`,
      ).join('\n');
      return `<fieldset><legend>${escapeHtml(t.types[type])}</legend>\n${boxes}\n</fieldset>`;
    })
    .join('\n');
  const stop = PAGE_CHANNELS.map((c) => `<label><input type="checkbox" name="optOut" value="${c}"${checked(state.optOut[c])}> ${escapeHtml(t.stopChannel(t.channels[c]))}</label>`).join('\n');
  const vendors = state.vendors.length
    ? `<h2>${escapeHtml(t.vendors)}</h2>\n` +
      state.vendors
        .map((v) => {
          const boxes = VENDOR_CHANNELS.map(
            (c) => `<label><input type="checkbox" name="vendor:${escapeHtml(v.vendorId)}" value="${c}"${checked(v.granted.includes(c))}> ${escapeHtml(t.channels[c])}</label>`,
          ).join('\n');
          return `<fieldset><legend>${escapeHtml(t.vendor(v.vendorId))}</legend>\n<input type="hidden" name="vendors" value="${escapeHtml(v.vendorId)}">\n${boxes}\n</fieldset>`;
        })
        .join('\n')
    : '';
  const body = `${saved ? `<p class="status" role="status">${escapeHtml(t.saved)}</p>\n` : ''}<p>${escapeHtml(t.intro)}</p>
<form method="post" action="${escapeHtml(form.action)}">
<input type="hidden" name="nonce" value="${escapeHtml(form.nonce)}">
${types}
<fieldset><legend>${escapeHtml(t.stopAll)}</legend>
${stop}
</fieldset>
${vendors}
<p><button type="submit">${escapeHtml(t.save)}</button></p>
</form>`;
  return page(lang, t.pageTitle, body);
}
