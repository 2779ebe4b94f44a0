import { createHash } from 'node:crypto';
import { invalid, type ParleyError } from '../errors.ts';

/** A variant of a campaign's (or a notification type's) template and the share of the audience it gets. */
export interface VariantSplit {
  name: string;
  percent: number;
}

/** The name of the share that is sent nothing (a hold-back group), listed like any variant. */
export const HOLDBACK = 'holdback';
export const MAX_VARIANTS = 26;
const NAME = /^[A-Za-z0-9][A-Za-z0-9 _.-]{0,63}$/;

/** A refused split: the ParleyError code and a sentence a person can act on. */
export interface SplitProblem {
  code: 'invalid_split';
  message: string;
  details: { field: string };
}

/**
 * Checks a split: 2 to 26 entries with unique names (letters, digits, space, `_`, `.`, `-`; up to
 * 64), each percent above 0 with at most two decimals, adding up to exactly 100. A hold-back share
 * is an entry named `holdback`; at least one entry must be a real variant. Answers null when fine.
 */
export function validateSplits(variants: readonly VariantSplit[]): SplitProblem | null {
  const problem = (message: string, field = 'variants'): SplitProblem => ({ code: 'invalid_split', message, details: { field } });
  if (!Array.isArray(variants) || variants.length < 2) return problem('Give at least two entries: two variants, or one variant and a holdback share.');
  if (variants.length > MAX_VARIANTS) return problem(`Give at most ${MAX_VARIANTS} entries; this split has ${variants.length}.`);
  const seen = new Set<string>();
  let hundredths = 0;
  for (const [i, v] of variants.entries()) {
    const field = `variants/${i}`;
    if (typeof v?.name !== 'string' || !NAME.test(v.name)) {
      return problem(`Entry ${i + 1} needs a name of letters, digits, spaces, "_", "." or "-" (up to 64 characters).`, `${field}/name`);
    }
    if (seen.has(v.name.toLowerCase())) return problem(`The name "${v.name}" is used twice; give each variant its own name.`, `${field}/name`);
    seen.add(v.name.toLowerCase());
    const scaled = Math.round(v.percent * 100);
    if (typeof v.percent !== 'number' || !Number.isFinite(v.percent) || v.percent <= 0 || v.percent > 100 || Math.abs(scaled - v.percent * 100) > 1e-6) {
      return problem(`The share of "${v.name}" must be a percentage above 0 and at most 100, with at most two decimals.`, `${field}/percent`);
    }
    hundredths += scaled;
  }
  if (!variants.some((v) => v.name.toLowerCase() !== HOLDBACK)) return problem('A split needs at least one variant besides the holdback share.');
  if (hundredths !== 10_000) {
    const total = hundredths / 100;
    return problem(`The shares add up to ${total}%, not 100%: ${total < 100 ? 'add' : 'remove'} ${Math.abs(100 - total)} points (a holdback share counts too).`);
  }
  return null;
}

/** validateSplits as a 400 ParleyError, for services that refuse a request. */
export function requireValidSplits(variants: readonly VariantSplit[]): void {
  const problem = validateSplits(variants);
  if (problem) throw invalid(problem.code, problem.message, problem.details) satisfies ParleyError;
}

/** Where a user falls in [0, 100): the first 52 bits of SHA-256(experimentKey, NUL, userId), scaled. */
export function bucketOf(experimentKey: string, userId: string): number {
  const digest = createHash('sha256').update(experimentKey).update('\0').update(userId).digest();
  const high = digest.readUIntBE(0, 6) * 16 + (digest[6]! >> 4); // 52 bits: exact in a double
  return (high / 2 ** 52) * 100;
}

/**
 * The variant a user gets in an experiment: their bucket (bucketOf) against the cumulative shares
 * in the order given. The same key, user and split always answer the same; a user keeps their
 * variant while the audience grows, and when shares are appended at the end. Throws invalid_split
 * for a split validateSplits refuses.
 */
export function assignVariant(experimentKey: string, userId: string, variants: Array<{ name: string; percent: number }>): string {
  requireValidSplits(variants);
  const bucket = bucketOf(experimentKey, userId);
  let upTo = 0;
  for (const v of variants) {
    upTo += Math.round(v.percent * 100);
    if (bucket * 100 < upTo) return v.name;
  }
  return variants[variants.length - 1]!.name;
}
