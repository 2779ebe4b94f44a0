import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createLocaleResolver, fromAcceptLanguage, LOCALES, resolveLocale, translate } from './i18n.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const NAMESPACES = ['notices', 'system', 'pages', 'app'];
const PLURAL = /_(zero|one|two|few|many|other)$/;

function keysOf(value: unknown, prefix = ''): string[] {
  if (typeof value === 'string') return [prefix];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => keysOf(v, prefix ? `${prefix}.${k}` : k));
}

const catalogue = (lng: string, ns: string) => JSON.parse(readFileSync(join(root, 'locales', lng, `${ns}.json`), 'utf8'));

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.tsx?$/.test(f) && !/\.test\.ts$/.test(f))
    .map((f) => readFileSync(join(root, dir, f), 'utf8'));
}

/**
 * The key shapes the code names: every string and template literal, with `${…}` as one key segment.
 * A literal names a key when it is the key, or its end (the code adds a literal prefix: `notices:unread.${key}`).
 */
function usedPatterns(code: string[]): { literals: Set<string>; patterns: RegExp[] } {
  const literals = new Set<string>();
  const patterns: RegExp[] = [];
  for (const text of code) {
    for (const m of text.matchAll(/'([^'\n]{0,200})'|"([^"\n]{0,200})"/g)) literals.add((m[1] ?? m[2])!.replace(/^[a-z]+:/, ''));
    for (const m of text.matchAll(/`([^`\n]{1,200})`/g)) {
      const body = m[1]!.replace(/^[a-z]+:/, '');
      if (!body.includes('${')) {
        literals.add(body);
        continue;
      }
      const parts = body.split(/\$\{[^}]*\}/);
      // A key built wholly from values (`${a}`) names nothing in particular.
      if (parts.every((p) => p === '' || p === '.')) continue;
      patterns.push(new RegExp(`^${parts.map((p) => p.replace(/[.*+?^$()|[\]\\]/g, '\\$&')).join('[A-Za-z0-9_-]+')}$`));
    }
  }
  return { literals, patterns };
}

describe('message catalogues', () => {
  it.each(NAMESPACES)('%s: every language has exactly the keys English has (plural forms aside)', (ns) => {
    const english = new Set(keysOf(catalogue('en', ns)).map((k) => k.replace(PLURAL, '')));
    for (const lng of LOCALES.filter((l) => l !== 'en')) {
      const other = new Set(keysOf(catalogue(lng, ns)).map((k) => k.replace(PLURAL, '')));
      expect([...english].filter((k) => !other.has(k)), `${lng}/${ns}.json lacks`).toEqual([]);
      expect([...other].filter((k) => !english.has(k)), `${lng}/${ns}.json has keys English lacks`).toEqual([]);
    }
  });

  it.each(NAMESPACES)('%s: the code uses every key, and every text is filled in', (ns) => {
    const code = ns === 'app' ? sources('client/app/src') : sources('src');
    const { literals, patterns } = usedPatterns(code);
    const used = (key: string) => {
      const segments = key.split('.');
      for (let i = 0; i < segments.length; i++) {
        const tail = segments.slice(i).join('.');
        if (literals.has(tail) || patterns.some((p) => p.test(tail))) return true;
        if (patterns.some((p) => p.test(key))) return true;
      }
      return false;
    };
    const keys = [...new Set(keysOf(catalogue('en', ns)).map((k) => k.replace(PLURAL, '')))];
    // A key is used when the code names it whole, or names its end under a prefix it names too.
    const unused = keys.filter((k) => !used(k) || !prefixNamed(k, literals, patterns, code));
    expect(unused).toEqual([]);
    for (const lng of LOCALES) {
      const empty = keysOf(catalogue(lng, ns)).filter((k) => !String(k.split('.').reduce((o: any, s) => o[s], catalogue(lng, ns))).trim());
      expect(empty, `${lng}/${ns}.json`).toEqual([]);
    }
  });

  it('the keys the code names exist in English (a typo would show the key itself)', () => {
    const english = new Set(NAMESPACES.flatMap((ns) => keysOf(catalogue('en', ns)).map((k) => k.replace(PLURAL, ''))));
    const named = [...sources('client/app/src'), ...sources('src')].flatMap((text) => [...text.matchAll(/\bt\('([a-zA-Z]+\.[A-Za-z0-9_.]+)'/g)].map((m) => m[1]!));
    expect(named.length).toBeGreaterThan(50);
    expect(named.filter((k) => !english.has(k))).toEqual([]);
  });
});

/** The first segment of a key must appear in the code as a literal key start (`'inbox.title'`, `notices:unread.`), so a stray word does not count as use. */
function prefixNamed(key: string, literals: Set<string>, patterns: RegExp[], code: string[]): boolean {
  const first = key.split('.')[0]!;
  if (literals.has(key) || patterns.some((p) => p.test(key))) return true;
  return code.some((text) => text.includes(`${first}.`) || text.includes(`:${first}`));
}

describe('choosing a locale', () => {
  it('serves a supported locale, else its base language, else the default, else English, and says when it fell back', () => {
    expect(resolveLocale('de')).toEqual({ locale: 'de', requested: 'de', fellBack: false });
    expect(resolveLocale('DE')).toMatchObject({ locale: 'de', fellBack: false });
    expect(resolveLocale('de-AT')).toEqual({ locale: 'de', requested: 'de-AT', fellBack: true });
    expect(resolveLocale('fr-CA')).toEqual({ locale: 'en', requested: 'fr-CA', fellBack: true });
    expect(resolveLocale('fr', 'de')).toEqual({ locale: 'de', requested: 'fr', fellBack: true });
    expect(resolveLocale('fr', 'pt-BR')).toEqual({ locale: 'en', requested: 'fr', fellBack: true });
    expect(resolveLocale('not a locale!')).toMatchObject({ locale: 'en', fellBack: true });
    expect(resolveLocale(undefined, 'de')).toEqual({ locale: 'de', fellBack: false });
    expect(resolveLocale('  ')).toEqual({ locale: 'en', fellBack: false });
  });

  it('logs a fallback once per requested locale', () => {
    const lines: object[] = [];
    const resolve = createLocaleResolver('en', { warn: (obj) => lines.push(obj) });
    resolve('fr');
    resolve('fr');
    resolve('de');
    resolve(undefined);
    expect(lines).toEqual([{ requestedLocale: 'fr', locale: 'en' }]);
  });

  it('reads Accept-Language by weight', () => {
    expect(fromAcceptLanguage('fr-CH, de;q=0.8, en;q=0.5')).toBe('de');
    expect(fromAcceptLanguage('fr')).toBeUndefined();
    expect(fromAcceptLanguage(undefined)).toBeUndefined();
  });

  it('writes plurals by the language’s rules', () => {
    expect(translate('en', 'notices:unread.title', { count: 1, where: 'order 7' })).toBe('Unread message about order 7');
    expect(translate('en', 'notices:unread.title', { count: 3, where: 'order 7' })).toBe('3 unread messages about order 7');
    expect(translate('de', 'notices:unread.title', { count: 3, where: 'Bestellung 7' })).toBe('3 ungelesene Nachrichten zu Bestellung 7');
  });
});
