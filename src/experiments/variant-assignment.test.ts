import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { assignVariant, bucketOf, requireValidSplits, validateSplits } from './variant-assignment.ts';

const split = [
  { name: 'A', percent: 45 },
  { name: 'B', percent: 45 },
  { name: 'holdback', percent: 10 },
];

describe('assigning variants', () => {
  it('gives a user the same variant every time', () => {
    const first = assignVariant('spring-sale', 'user-17', split);
    for (let i = 0; i < 5; i++) expect(assignVariant('spring-sale', 'user-17', split)).toBe(first);
  });

  it('hashes key and user with SHA-256 into [0, 100)', () => {
    const digest = createHash('sha256').update('spring-sale\0user-17').digest();
    const expected = ((digest.readUIntBE(0, 6) * 16 + (digest[6]! >> 4)) / 2 ** 52) * 100;
    expect(bucketOf('spring-sale', 'user-17')).toBe(expected);
    expect(bucketOf('spring-sale', 'user-17')).not.toBe(bucketOf('autumn-sale', 'user-17'));
  });

  it('splits a large audience close to the shares, the holdback included', () => {
    const counts: Record<string, number> = { A: 0, B: 0, holdback: 0 };
    for (let i = 0; i < 20_000; i++) counts[assignVariant('spring-sale', `user-${i}`, split)]!++;
    expect(counts.A! / 20_000).toBeCloseTo(0.45, 1);
    expect(counts.B! / 20_000).toBeCloseTo(0.45, 1);
    expect(Math.abs(counts.holdback! / 20_000 - 0.1)).toBeLessThan(0.01);
  });

  it('keeps every user their variant when the audience grows', () => {
    const before = new Map(Array.from({ length: 500 }, (_, i) => [`u${i}`, assignVariant('k', `u${i}`, split)]));
    for (let i = 500; i < 1500; i++) assignVariant('k', `u${i}`, split);
    for (const [user, variant] of before) expect(assignVariant('k', user, split)).toBe(variant);
  });

  it('gives a tiny share to few users and the rest to the other', () => {
    const tiny = [{ name: 'A', percent: 99.99 }, { name: 'holdback', percent: 0.01 }];
    const held = Array.from({ length: 2000 }, (_, i) => assignVariant('k', `u${i}`, tiny)).filter((v) => v === 'holdback');
    expect(held.length).toBeLessThan(5);
  });
});

describe('validating splits', () => {
  it('accepts shares adding up to 100, decimals and a holdback included', () => {
    expect(validateSplits(split)).toBeNull();
    expect(validateSplits([{ name: 'A', percent: 33.33 }, { name: 'B', percent: 33.33 }, { name: 'C', percent: 33.34 }])).toBeNull();
    expect(validateSplits([{ name: 'new subject', percent: 90 }, { name: 'holdback', percent: 10 }])).toBeNull();
  });

  it('refuses a split that does not add up to 100 with the code and a sentence saying by how much', () => {
    expect(validateSplits([{ name: 'A', percent: 50 }, { name: 'B', percent: 40 }])).toEqual({
      code: 'invalid_split',
      message: 'The shares add up to 90%, not 100%: add 10 points (a holdback share counts too).',
      details: { field: 'variants' },
    });
    expect(validateSplits([{ name: 'A', percent: 60 }, { name: 'B', percent: 60 }])!.message).toMatch(/120%.*remove 20/);
  });

  it('refuses too few entries, a holdback alone, repeated names, and shares out of range', () => {
    const code = (v: any) => validateSplits(v)?.code;
    const message = (v: any) => validateSplits(v)?.message;
    expect(message([{ name: 'A', percent: 100 }])).toMatch(/at least two/);
    expect(message([{ name: 'holdback', percent: 50 }, { name: 'Holdback', percent: 50 }])).toMatch(/used twice/);
    expect(message([{ name: 'A', percent: 50 }, { name: 'a', percent: 50 }])).toMatch(/used twice/);
    expect(code([{ name: 'A', percent: 0 }, { name: 'B', percent: 100 }])).toBe('invalid_split');
    expect(validateSplits([{ name: 'A', percent: -10 }, { name: 'B', percent: 110 }])!.details.field).toBe('variants/0/percent');
    expect(message([{ name: 'A', percent: 50.005 }, { name: 'B', percent: 49.995 }])).toMatch(/two decimals/);
    expect(message([{ name: '', percent: 50 }, { name: 'B', percent: 50 }])).toMatch(/needs a name/);
    expect(message(Array.from({ length: 27 }, (_, i) => ({ name: `v${i}`, percent: 100 / 27 })))).toMatch(/at most 26/);
  });

  it('throws the same as a ParleyError, and assignVariant refuses a bad split', () => {
    expect(() => requireValidSplits([{ name: 'A', percent: 50 }, { name: 'B', percent: 49 }])).toThrow(expect.objectContaining({ code: 'invalid_split', status: 400 }));
    expect(() => assignVariant('k', 'u', [{ name: 'A', percent: 50 }, { name: 'B', percent: 49 }])).toThrow(expect.objectContaining({ code: 'invalid_split' }));
  });
});
