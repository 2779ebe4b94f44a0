import type { Logger } from 'pino';
import { type LocaleResolver, translate, type Locale } from '../i18n/i18n.ts';
import type { Templates } from '../notifications/templates/notification-templates.ts';

/** A value that is itself a text of the catalogue (a count of items, "the buyer"), written in the recipient's language. */
export class LocalValue {
  constructor(
    readonly key: string,
    readonly values: Record<string, unknown> = {},
    readonly capitalise = false,
  ) {}
}

/**
 * A notice written in its recipient's language: `title` and `body` are keys of the `notices`
 * catalogue; `template` names the notification template an operator may create (channel
 * in-app, with title and body) to word it otherwise, per locale, with `values` as its data.
 */
export interface NoticeText {
  template: string;
  title: string;
  body: string;
  values?: Record<string, string | number | null | LocalValue>;
}

/** Notification template keys of marketplace notices start with this: `parley.order.placed.buyer`. */
export const NOTICE_TEMPLATE_PREFIX = 'parley.';

const language = (tag: string) => tag.split(/[-_]/)[0]!.toLowerCase();

/**
 * Writes notices in each recipient's locale: an operator's notification template for it when
 * there is one in that language, else the catalogues (the locale, its base language, the
 * default, English).
 */
export function createNoticeTexts({ templates, resolveLocale, log }: { templates?: Pick<Templates, 'find' | 'render'>; resolveLocale: LocaleResolver; log?: Logger }) {
  function valuesIn(locale: Locale, text: NoticeText): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(text.values ?? {})) {
      if (value instanceof LocalValue) {
        const written = translate(locale, `notices:${value.key}`, value.values);
        out[name] = value.capitalise ? written.charAt(0).toUpperCase() + written.slice(1) : written;
      } else out[name] = value;
    }
    return out;
  }

  async function write(text: NoticeText, requested: string | undefined): Promise<{ title: string; body: string; locale: Locale }> {
    const { locale } = resolveLocale(requested);
    const values = valuesIn(locale, text);
    const own = templates ? await templates.find(`${NOTICE_TEMPLATE_PREFIX}${text.template}`, 'in-app', requested) : null;
    // The operator's template in the recipient's language (or in the language the catalogues lack).
    if (own && templates && (language(own.locale) === locale || (requested && language(own.locale) === language(requested)))) {
      try {
        const rendered = await templates.render(own, values);
        if (rendered.title && rendered.body) return { title: rendered.title, body: rendered.body, locale };
      } catch (err) {
        log?.warn({ err: (err as Error).message, template: own.key, locale: own.locale }, 'notice template does not render; the catalogue text is used');
      }
    }
    return { title: translate(locale, `notices:${text.title}`, values), body: translate(locale, `notices:${text.body}`, values), locale };
  }

  return { write };
}

export type NoticeTexts = ReturnType<typeof createNoticeTexts>;
