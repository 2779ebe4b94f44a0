import { readFileSync } from 'node:fs';
import { createInstance, type i18n as I18n, type Resource } from 'i18next';

/**
 * The texts Parley writes itself, from the message catalogues in `locales/<language>/<namespace>.json`
 * through i18next (plurals by Intl.PluralRules: `key_one`, `key_other`). The web app reads the
 * `app` namespace of the same folders; the server the others.
 */
export const LOCALES = ['en', 'de'] as const;
export type Locale = (typeof LOCALES)[number];
export const SERVER_NAMESPACES = ['notices', 'system', 'pages'] as const;

/** Where the catalogues are: the repository's `locales/` (from src/i18n or dist/server/i18n alike). */
const folder = new URL('../../locales/', import.meta.url);

function load(): Resource {
  const resources: Resource = {};
  for (const lng of LOCALES) {
    resources[lng] = {};
    for (const ns of SERVER_NAMESPACES) resources[lng]![ns] = JSON.parse(readFileSync(new URL(`${lng}/${ns}.json`, folder), 'utf8'));
  }
  return resources;
}

let instance: I18n | undefined;

function i18n(): I18n {
  if (instance) return instance;
  const created = createInstance();
  void created.init({
    resources: load(),
    lng: 'en',
    fallbackLng: 'en',
    supportedLngs: [...LOCALES],
    ns: [...SERVER_NAMESPACES],
    initAsync: false,
    // Texts go into mail, push and plain messages; HTML pages escape what they put in.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  instance = created;
  return created;
}

/** A text from the catalogues, in a supported locale (see resolveLocale). `count` picks the plural form. */
export function translate(locale: Locale, key: string, values: Record<string, unknown> = {}): string {
  return i18n().t(key, { ...values, lng: locale });
}

export interface ResolvedLocale {
  /** The catalogue language used. */
  locale: Locale;
  /** What was asked for, when anything was. */
  requested?: string;
  /** True when the requested locale is not served as asked: its base language, the default or English stands in. */
  fellBack: boolean;
}

const supported = (tag: string | undefined): Locale | undefined => LOCALES.find((l) => l === tag?.toLowerCase());

/**
 * The locale to write in for a requested one: the locale itself, then its base language
 * ("de-AT" → de), then the default locale, then English. Never an error: an unknown or
 * malformed locale falls back, and `fellBack` says so.
 */
export function resolveLocale(requested: string | undefined, defaultLocale = 'en'): ResolvedLocale {
  const tag = requested?.trim() || undefined;
  const exact = supported(tag);
  if (exact) return { locale: exact, requested: tag, fellBack: false };
  const base = supported(tag?.split(/[-_]/)[0]);
  const locale = base ?? supported(defaultLocale) ?? supported(defaultLocale.split('-')[0]) ?? 'en';
  return { locale, ...(tag ? { requested: tag } : {}), fellBack: tag !== undefined };
}

/** A minimal logger shape, so callers can pass pino or a test double. */
interface WarnLog {
  warn(obj: object, msg: string): void;
}

/**
 * resolveLocale that logs a fallback once per requested locale (a user with an unsupported
 * locale would otherwise log on every notice).
 */
export function createLocaleResolver(defaultLocale: string, log?: WarnLog) {
  const told = new Set<string>();
  return (requested: string | undefined): ResolvedLocale => {
    const resolved = resolveLocale(requested, defaultLocale);
    if (resolved.fellBack && resolved.requested && !told.has(resolved.requested)) {
      if (told.size < 1000) told.add(resolved.requested);
      log?.warn({ requestedLocale: resolved.requested, locale: resolved.locale }, `locale "${resolved.requested}" has no catalogue; texts fall back to ${resolved.locale}`);
    }
    return resolved;
  };
}

export type LocaleResolver = ReturnType<typeof createLocaleResolver>;

/**
 * The best supported language of an Accept-Language header, or undefined when none is
 * supported (then the caller's default applies).
 */
export function fromAcceptLanguage(header: string | undefined): Locale | undefined {
  const ranked = (header ?? '')
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => /^q=([0-9.]+)$/.exec(p.trim())?.[1]).find(Boolean);
      return { tag: tag ?? '', q: q === undefined ? 1 : Number(q) };
    })
    .filter((e) => e.tag && e.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    const found = supported(tag) ?? supported(tag.split('-')[0]);
    if (found) return found;
  }
  return undefined;
}
