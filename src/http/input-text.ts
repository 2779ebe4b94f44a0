import { invalid, type ParleyError } from '../errors.ts';

/**
 * Text PostgreSQL cannot store, found anywhere in a request: U+0000 (text and jsonb refuse it)
 * and unpaired UTF-16 surrogates (not Unicode characters at all; jsonb refuses their escapes and
 * text would silently turn them into U+FFFD). JSON and query strings can carry both, so every
 * string and object key of the body, the query and the path is checked before anything runs.
 */
export function unstorableText(value: unknown, where: string): ParleyError | undefined {
  const path = findUnstorable(value, '', 0);
  if (path === undefined) return undefined;
  const at = `${where}${path}`;
  return invalid('invalid_characters', `${at} holds a NUL character (U+0000) or an unpaired surrogate, which cannot be stored; remove it or send valid UTF-8 text.`, {
    path: `/${where}${path.replace(/\./g, '/')}`,
  });
}

declare global {
  interface String {
    /** ES2024, in Node 20: false when the string holds an unpaired surrogate. */
    isWellFormed(): boolean;
  }
}

const maxDepth = 64;

function bad(text: string): boolean {
  return text.includes('\u0000') || !text.isWellFormed();
}

function findUnstorable(value: unknown, path: string, depth: number): string | undefined {
  if (typeof value === 'string') return bad(value) ? path : undefined;
  if (value === null || typeof value !== 'object' || depth > maxDepth) return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findUnstorable(value[i], `${path}.${i}`, depth + 1);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (Buffer.isBuffer(value)) return undefined;
  for (const key of Object.keys(value)) {
    if (bad(key)) return `${path}.${key.replace(/[\u0000\ud800-\udfff]/g, '?')}`;
    const found = findUnstorable((value as Record<string, unknown>)[key], `${path}.${key}`, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}
