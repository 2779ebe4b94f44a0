import { describe, expect, it } from 'vitest';
import { type ArmComparison, compareVariants, normalCdf, rankVariants, type VariantComparison } from './variant-statistics.ts';

/** Φ by Simpson's rule over the normal density: an independent reference. */
function referenceCdf(x: number): number {
  const steps = 20_000;
  const lo = -12;
  const h = (x - lo) / steps;
  const f = (t: number) => Math.exp((-t * t) / 2) / Math.sqrt(2 * Math.PI);
  let sum = f(lo) + f(x);
  for (let i = 1; i < steps; i++) sum += (i % 2 ? 4 : 2) * f(lo + i * h);
  return (sum * h) / 3;
}

/** Pearson's chi-square of the 2×2 table (no continuity correction): equals z² of the pooled test. */
function chiSquare(a: { sent: number; successes: number }, b: { sent: number; successes: number }): number {
  const table = [
    [a.successes, a.sent - a.successes],
    [b.successes, b.sent - b.successes],
  ];
  const n = a.sent + b.sent;
  const cols = [a.successes + b.successes, n - a.successes - b.successes];
  let chi = 0;
  for (const [r, row] of table.entries()) {
    const rowTotal = r ? b.sent : a.sent;
    for (const [c, observed] of row.entries()) {
      const expected = (rowTotal * cols[c]!) / n;
      chi += (observed - expected) ** 2 / expected;
    }
  }
  return chi;
}

describe('the normal CDF', () => {
  it('matches published values', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 14);
    expect(normalCdf(1)).toBeCloseTo(0.8413447460685429, 12);
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 12);
    expect(normalCdf(-2.5758293035489)).toBeCloseTo(0.005, 12);
    expect(normalCdf(-8)).toBeCloseTo(6.220960574271785e-16, 20);
    expect(normalCdf(40)).toBe(1);
  });

  it('agrees with numerical integration of the density', () => {
    for (const x of [-3.3, -1.7, -0.4, 0.25, 1.1, 2.6]) expect(normalCdf(x)).toBeCloseTo(referenceCdf(x), 9);
  });
});

describe('the two-proportion z-test', () => {
  it('answers the worked example: 10% of 1,000 against 12% of 1,000 is not significant', () => {
    const a = { sent: 1000, successes: 100 };
    const b = { sent: 1000, successes: 120 };
    const result = compareVariants(a, b);
    // pooled p = 0.11, SE = sqrt(0.11 · 0.89 · 0.002) = 0.0139929, z = 0.02 / SE
    expect(result.z).toBeCloseTo(0.02 / Math.sqrt(0.11 * 0.89 * 0.002), 10);
    expect(result.z).toBeCloseTo(1.42929, 4);
    expect(result.pValue).toBeCloseTo(2 * (1 - referenceCdf(result.z)), 8);
    expect(result.pValue).toBeCloseTo(0.15291, 4);
    expect(result).toMatchObject({ method: 'two-proportion z-test', significant: false, rateA: 0.1, rateB: 0.12, enoughData: true, note: null });
    expect(result.lift).toBeCloseTo(0.2, 12);
  });

  it('finds 10% against 13% of 2,000 each significant, and z² equals the chi-square of the table', () => {
    const a = { sent: 2000, successes: 200 };
    const b = { sent: 2000, successes: 260 };
    const result = compareVariants(a, b);
    expect(result.z ** 2).toBeCloseTo(chiSquare(a, b), 9);
    expect(result.pValue).toBeCloseTo(2 * (1 - referenceCdf(Math.abs(result.z))), 8);
    expect(result.pValue).toBeLessThan(0.05);
    expect(result.significant).toBe(true);
    // The same data is not significant at alpha 0.001.
    expect(result.pValue).toBeCloseTo(0.00294, 4);
    expect(compareVariants(a, b, { alpha: 0.001 }).significant).toBe(false);
  });

  it('is symmetric: swapping the arms flips z and keeps p', () => {
    const a = { sent: 812, successes: 97 };
    const b = { sent: 640, successes: 51 };
    const ab = compareVariants(a, b);
    const ba = compareVariants(b, a);
    expect(ba.z).toBeCloseTo(-ab.z, 12);
    expect(ba.pValue).toBeCloseTo(ab.pValue, 12);
    expect(ab.z).toBeLessThan(0);
    expect(ab.z ** 2).toBeCloseTo(chiSquare(a, b), 9);
  });

  it('does not call a small sample significant, and says so', () => {
    const result = compareVariants({ sent: 10, successes: 0 }, { sent: 10, successes: 9 });
    expect(result.pValue).toBeLessThan(0.001);
    expect(result.significant).toBe(false);
    expect(result.enoughData).toBe(false);
    expect(result.note).toMatch(/at least 5 successes and 5 failures/);
    expect(result.note).toMatch(/A has 0 and 10; B has 9 and 1/);
  });

  it('handles nothing sent, 0% and 100% on both sides without dividing by zero', () => {
    expect(compareVariants({ sent: 0, successes: 0 }, { sent: 50, successes: 10 })).toMatchObject({ z: 0, pValue: 1, significant: false, rateA: 0, rateB: 0.2, lift: null, enoughData: false });
    expect(compareVariants({ sent: 0, successes: 0 }, { sent: 0, successes: 0 }).note).toMatch(/Nothing was sent/);
    expect(compareVariants({ sent: 500, successes: 0 }, { sent: 400, successes: 0 })).toMatchObject({ z: 0, pValue: 1, significant: false, rateA: 0, rateB: 0, lift: null });
    expect(compareVariants({ sent: 500, successes: 500 }, { sent: 400, successes: 400 })).toMatchObject({ z: 0, pValue: 1, significant: false, rateA: 1, rateB: 1, lift: 0 });
    const oneSided = compareVariants({ sent: 500, successes: 0 }, { sent: 500, successes: 30 });
    expect(oneSided).toMatchObject({ enoughData: false, significant: false, lift: null });
    expect(Number.isFinite(oneSided.z)).toBe(true);
  });

  it('refuses impossible counts and alphas with a code', () => {
    expect(() => compareVariants({ sent: 5, successes: 6 }, { sent: 5, successes: 1 })).toThrow(expect.objectContaining({ code: 'invalid_counts', status: 400 }));
    expect(() => compareVariants({ sent: -1, successes: 0 }, { sent: 5, successes: 1 })).toThrow(expect.objectContaining({ code: 'invalid_counts' }));
    expect(() => compareVariants({ sent: 5.5, successes: 0 }, { sent: 5, successes: 1 })).toThrow(expect.objectContaining({ code: 'invalid_counts' }));
    expect(() => compareVariants({ sent: 5, successes: 0 }, { sent: 5, successes: 1 }, { alpha: 1 })).toThrow(expect.objectContaining({ code: 'invalid_alpha' }));
  });
});

describe('ranking more than two variants', () => {
  const variants = [
    { name: 'control', sent: 3000, successes: 300 },
    { name: 'red', sent: 3000, successes: 330 },
    { name: 'bold', sent: 3000, successes: 390 },
  ];

  it('compares each with the control at a Bonferroni-corrected alpha and ranks by rate', () => {
    const ranking = rankVariants(variants);
    expect(ranking).toMatchObject({ method: 'two-proportion z-test', control: 'control', alpha: 0.05, comparisonAlpha: 0.025, winner: 'bold' });
    expect(ranking.variants.map((v) => [v.name, v.rank])).toEqual([['bold', 1], ['red', 2], ['control', 3]]);
    const bold = ranking.variants[0]!.versusControl!;
    expect(bold).toEqual(compareVariants(variants[0]!, variants[2]!, { alpha: 0.025 }));
    expect(ranking.variants[1]!.versusControl!.significant).toBe(false);
    expect(ranking.variants[2]!.versusControl).toBeNull();
  });

  it('names no winner when nothing beats the control, and takes another control when asked', () => {
    expect(rankVariants(variants.slice(0, 2)).winner).toBeNull();
    const against = rankVariants(variants, { control: 'bold' });
    expect(against.winner).toBeNull();
    expect(against.variants.find((v) => v.name === 'control')!.versusControl!.z).toBeLessThan(0);
    expect(() => rankVariants(variants, { control: 'blue' })).toThrow(expect.objectContaining({ code: 'invalid_variants' }));
    expect(() => rankVariants(variants.slice(0, 1))).toThrow(expect.objectContaining({ code: 'invalid_variants' }));
  });

  it('takes another comparison method in place of the z-test', () => {
    const byRateOnly: VariantComparison<ArmComparison> = {
      method: 'rate difference over 1 point',
      compare: (a, b) => {
        const [rateA, rateB] = [a.successes / a.sent, b.successes / b.sent];
        return { method: 'rate difference over 1 point', rateA, rateB, lift: (rateB - rateA) / rateA, significant: rateB - rateA > 0.01, enoughData: true, note: null };
      },
    };
    const ranking = rankVariants(variants, { method: byRateOnly });
    expect(ranking.method).toBe('rate difference over 1 point');
    expect(ranking.winner).toBe('bold');
    expect(ranking.variants[1]!.versusControl!.significant).toBe(false);
  });
});
