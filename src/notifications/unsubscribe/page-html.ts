import type { NotificationType } from '../model.ts';
import { fromAcceptLanguage, LOCALES, type Locale, resolveLocale, translate } from '../../i18n/i18n.ts';
import { PAGE_CHANNELS, type PageState, VENDOR_CHANNELS } from './recipient-choices.ts';

/** The languages the recipient pages speak (the catalogues' `pages` namespace); English is the fallback. */
export const PAGE_LANGUAGES = LOCALES;
export type PageLanguage = Locale;

const text = (lang: PageLanguage, key: string, values?: Record<string, unknown>) => translate(lang, `pages:${key}`, values);

/**
 * The page's language: the user's locale from the link (the message's template locale), else
 * the best of Accept-Language, else English. `fellBack` when the link named a locale the
 * catalogues lack.
 */
export function pageLocale(locale: string | undefined, acceptLanguage: string | undefined): { lang: PageLanguage; requested?: string; fellBack: boolean } {
  if (locale) {
    const resolved = resolveLocale(locale);
    if (resolved.locale === locale.split(/[-_]/)[0]?.toLowerCase()) return { lang: resolved.locale, requested: locale, fellBack: false };
    return { lang: fromAcceptLanguage(acceptLanguage) ?? 'en', requested: locale, fellBack: true };
  }
  return { lang: fromAcceptLanguage(acceptLanguage) ?? 'en', fellBack: false };
}

export function pageLanguage(locale: string | undefined, acceptLanguage: string | undefined): PageLanguage {
  return pageLocale(locale, acceptLanguage).lang;
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
  const t = (key: string, values?: Record<string, unknown>) => text(lang, key, values);
  const what = claim.vendorId ? t('fromVendor', { what: t(`what.${claim.type}`), vendorId: claim.vendorId }) : t(`what.${claim.type}`);
  const body = done
    ? `<p class="status" role="status">${escapeHtml(t('unsubscribe.done'))}</p>`
    : `<form method="post" action="${escapeHtml(links.action)}">
<p>${escapeHtml(t('unsubscribe.ask', { what }))}</p>
<input type="hidden" name="List-Unsubscribe" value="One-Click">
<button type="submit">${escapeHtml(t('unsubscribe.button'))}</button>
</form>`;
  return page(lang, t('unsubscribe.title'), `${body}\n<p><a href="${escapeHtml(links.preferences)}">${escapeHtml(t('unsubscribe.preferencesLink'))}</a></p>`);
}

/** GET /preferences/page/{token}: a plain form, every input labelled, grouped by fieldsets. */
export function preferencesPage(lang: PageLanguage, state: PageState, form: { action: string; nonce: string }, saved: boolean): string {
  const t = (key: string, values?: Record<string, unknown>) => text(lang, key, values);
  const channel = (c: string) => t(`channels.${c}`);
  const checked = (on: boolean) => (on ? ' checked' : '');
  const types = (Object.keys(state.channels) as NotificationType[])
    .map((type) => {
      const boxes = PAGE_CHANNELS.map(
        (c) => `<label><input type="checkbox" name="${type}" value="${c}"${checked(state.channels[type].includes(c))}> ${escapeHtml(channel(c))}</label>`,
      ).join('\n');
      return `<fieldset><legend>${escapeHtml(t(`types.${type}`))}</legend>\n${boxes}\n</fieldset>`;
    })
    .join('\n');
  const stop = PAGE_CHANNELS.map((c) => `<label><input type="checkbox" name="optOut" value="${c}"${checked(state.optOut[c])}> ${escapeHtml(t('preferences.stopChannel', { channel: channel(c) }))}</label>`).join('\n');
  const vendors = state.vendors.length
    ? `<h2>${escapeHtml(t('preferences.vendors'))}</h2>\n` +
      state.vendors
        .map((v) => {
          const boxes = VENDOR_CHANNELS.map(
            (c) => `<label><input type="checkbox" name="vendor:${escapeHtml(v.vendorId)}" value="${c}"${checked(v.granted.includes(c))}> ${escapeHtml(channel(c))}</label>`,
          ).join('\n');
          return `<fieldset><legend>${escapeHtml(t('preferences.vendor', { vendorId: v.vendorId }))}</legend>\n<input type="hidden" name="vendors" value="${escapeHtml(v.vendorId)}">\n${boxes}\n</fieldset>`;
        })
        .join('\n')
    : '';
  const body = `${saved ? `<p class="status" role="status">${escapeHtml(t('preferences.saved'))}</p>\n` : ''}<p>${escapeHtml(t('preferences.intro'))}</p>
<form method="post" action="${escapeHtml(form.action)}">
<input type="hidden" name="nonce" value="${escapeHtml(form.nonce)}">
${types}
<fieldset><legend>${escapeHtml(t('preferences.stopAll'))}</legend>
${stop}
</fieldset>
${vendors}
<p><button type="submit">${escapeHtml(t('preferences.save'))}</button></p>
</form>`;
  return page(lang, t('preferences.title'), body);
}
