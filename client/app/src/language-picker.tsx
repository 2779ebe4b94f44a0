import { LOCALE_NAMES, LOCALES, type Locale, pickLocale, t, useLocale } from './i18n.ts';

/** Chooses the app's language; the choice is kept in this browser and wins over the token's and the contact's locale. */
export function LanguagePicker() {
  const locale = useLocale();
  return (
    <label class="language-picker">
      <span class="visually-hidden">{t('language.label')}</span>
      <select value={locale} onChange={(e) => void pickLocale(e.currentTarget.value as Locale)}>
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LOCALE_NAMES[l]}
          </option>
        ))}
      </select>
    </label>
  );
}
