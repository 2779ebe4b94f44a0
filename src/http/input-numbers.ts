import { invalid, type ParleyError } from '../errors.ts';

/**
 * Numbers a request can carry that Parley cannot hold: not finite (JSON's 1e400 parses as
 * Infinity, a query's limit=1e309 is coerced to it, and both would pass a `maximum`), or whole
 * numbers beyond ±(2^53 - 1), which a double no longer holds exactly (1e20, 2^53 + 1). Refused
 * with 400 `number_out_of_range` wherever they are: bodies before validation, query strings and
 * path parameters once coerced (see setValidators).
 */
export function unstorableNumber(value: unknown, where: string): ParleyError | undefined {
  const found = findNumber(value, '', 0);
  if (found === undefined) return undefined;
  return numberOutOfRange(`${where}${found.path}`, found.value);
}

export function numberOutOfRange(at: string, value: number): ParleyError {
  return invalid(
    'number_out_of_range',
    `${at} is ${numberText(value)}, beyond the numbers Parley takes (finite, and at most ${Number.MAX_SAFE_INTEGER} either side of zero); send a smaller number.`,
    { path: `/${at.replace(/\./g, '/')}` },
  );
}

/** A number Parley can hold: finite, and within ±(2^53 - 1), where doubles still hold every whole number. */
export function storableNumber(value: number): boolean {
  return Number.isFinite(value) && Math.abs(value) <= Number.MAX_SAFE_INTEGER;
}

function numberText(value: number): string {
  if (Number.isNaN(value)) return 'not a number';
  if (!Number.isFinite(value)) return value > 0 ? 'infinite' : 'minus infinity';
  return String(value);
}

const maxDepth = 64;

function findNumber(value: unknown, path: string, depth: number): { path: string; value: number } | undefined {
  if (typeof value === 'number') return storableNumber(value) ? undefined : { path, value };
  if (value === null || typeof value !== 'object' || depth > maxDepth || Buffer.isBuffer(value)) return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findNumber(value[i], `${path}.${i}`, depth + 1);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  for (const key of Object.keys(value)) {
    const found = findNumber((value as Record<string, unknown>)[key], `${path}.${key}`, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}
