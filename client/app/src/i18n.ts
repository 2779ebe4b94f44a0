import i18next from 'i18next';
import { useEffect, useState } from 'preact/hooks';
import en from '../../../locales/en/app.json';

/**
 * The web app's texts, from the `app` namespace of the message catalogues
 * (`locales/<language>/app.json`, shared folders with the server's texts).
 *
 * In a view: `t('inbox.title')`, with values `t('inbox.unread', { count: 3 })` (plurals by
 * Intl.PluralRules: `unread_one`, `unread_other` in the catalogue). Add a key to
 * locales/en/app.json and locales/de/app.json together; `src/i18n/catalogues.test.ts` fails
 * when a language lacks a key, or a catalogue has one no code uses.
 *
 * English is in the main bundle; other languages are fetched (a chunk each) when chosen.
 */
export const LOCALES = ['en', 'de'] as const;
export type Locale = (typeof LOCALES)[number];
/** Each language named in itself, for the picker. */
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', de: 'Deutsch' };

const loaders: Record<Exclude<Locale, 'en'>, () => Promise<{ default: Record<string, unknown> }>> = {
  de: () => import('../../../locales/de/app.json'),
};

void i18next.init({
  resources: { en: { app: en } },
  lng: 'en',
  fallbackLng: 'en',
  ns: ['app'],
  defaultNS: 'app',
  initAsync: false,
  // Preact escapes what it renders.
  interpolation: { escapeValue: false },
});

/** A text of the current language. */
export function t(key: string, values?: Record<string, unknown>): string {
  return i18next.t(key, values);
}

export function currentLocale(): Locale {
  return i18next.language as Locale;
}

export interface LocaleChoice {
  locale: Locale;
  /** What was asked for (the picker, the token, the contact, the browser), when anything was. */
  requested?: string;
  /** True when the requested language has no catalogue: its base language or English stands in. */
  fellBack: boolean;
}

/** The language to show for a requested one: itself, its base language ("de-AT" → de), else English. Never an error. */
export function chooseLocale(requested: string | undefined | null): LocaleChoice {
  const tag = requested?.trim() || undefined;
  if (!tag) return { locale: 'en', fellBack: false };
  const exact = LOCALES.find((l) => l === tag.toLowerCase());
  if (exact) return { locale: exact, requested: tag, fellBack: false };
  const base = LOCALES.find((l) => l === tag.split(/[-_]/)[0]!.toLowerCase());
  return { locale: base ?? 'en', requested: tag, fellBack: !base };
}

const listeners = new Set<(locale: Locale) => void>();

/** Switches the app's language (loading its catalogue first) and sets `<html lang>`. */
export async function setLocale(locale: Locale): Promise<void> {
  if (locale !== 'en' && !i18next.hasResourceBundle(locale, 'app')) {
    i18next.addResourceBundle(locale, 'app', (await loaders[locale]()).default);
  }
  await i18next.changeLanguage(locale);
  document.documentElement.lang = locale;
  for (const listener of listeners) listener(locale);
}

/** The current language; the component renders again when it changes. */
export function useLocale(): Locale {
  const [locale, set] = useState(currentLocale);
  useEffect(() => {
    listeners.add(set);
    return () => void listeners.delete(set);
  }, []);
  return locale;
}

const pickedKey = 'parley.locale';

/** The language picked in the app, kept in this browser. */
export function pickedLocale(): string | null {
  try {
    return localStorage.getItem(pickedKey);
  } catch {
    return null;
  }
}

export function pickLocale(locale: Locale): Promise<void> {
  try {
    localStorage.setItem(pickedKey, locale);
  } catch {
    // Private mode: the choice lasts this page only.
  }
  return setLocale(locale);
}
