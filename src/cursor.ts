import { isUuid } from './uuid.ts';
import { invalid } from './errors.ts';

/**
 * Keyset-pagination cursors: the sort key of the last row of a page, as base64url JSON.
 * Opaque to clients; checked part by part when read back.
 */
export function encodeCursor(parts: (string | Date)[]): string {
  return Buffer.from(JSON.stringify(parts.map((p) => (p instanceof Date ? p.toISOString() : p)))).toString('base64url');
}

type Part = 'date' | 'uuid' | 'string';
type Decoded<S extends readonly Part[]> = { [K in keyof S]: S[K] extends 'date' ? Date : string };

/** The parts of a cursor this API handed out, in `shape`; anything else is a 400 `invalid_cursor`. */
export function decodeCursor<const S extends readonly Part[]>(cursor: string, shape: S): Decoded<S> {
  const refuse = () => invalid('invalid_cursor', 'The cursor is not one this API returned; start again without it.');
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw refuse();
  }
  if (!Array.isArray(parts) || parts.length !== shape.length) throw refuse();
  return parts.map((p, i) => {
    if (typeof p !== 'string' || p.length > 200) throw refuse();
    if (shape[i] === 'uuid' && !isUuid(p)) throw refuse();
    if (shape[i] !== 'date') return p;
    const at = new Date(p);
    if (Number.isNaN(at.getTime())) throw refuse();
    return at;
  }) as Decoded<S>;
}
