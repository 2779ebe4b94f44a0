import { invalid } from '../errors.ts';

/** One arm of an experiment: how many were sent the variant and how many of them succeeded (opened, clicked, converted). */
export interface Arm {
  sent: number;
  successes: number;
}

/** What any comparison of two arms answers; a method adds its own figures (z and p, or a posterior probability). */
export interface ArmComparison {
  method: string;
  significant: boolean;
  rateA: number;
  rateB: number;
  /** (rateB - rateA) / rateA; null when rateA is 0. */
  lift: number | null;
  /** Whether both arms have the minimum sample the method needs; when false, significant is false. */
  enoughData: boolean;
  /** Why the result cannot be read as significant, when it cannot; else null. */
  note: string | null;
}

export interface ZTestResult extends ArmComparison {
  method: 'two-proportion z-test';
  /** Positive when B's rate is the higher. */
  z: number;
  /** Two-sided. */
  pValue: number;
}

/** A statistical comparison of two arms: the z-test below, or e.g. a Bayesian one with the same shape. */
export interface VariantComparison<R extends ArmComparison = ArmComparison> {
  readonly method: string;
  compare(a: Arm, b: Arm, options?: { alpha?: number }): R;
}

export const DEFAULT_ALPHA = 0.05;
/** The normal approximation holds once each arm has at least this many successes and as many failures. */
export const MIN_SUCCESSES = 5;
export const MIN_FAILURES = 5;

/**
 * The standard normal CDF Φ(x), by Hart's rational approximation (West, "Better approximations
 * to cumulative normal functions", 2005): double precision, about 1e-14 absolute.
 */
export function normalCdf(x: number): number {
  const ax = Math.abs(x);
  let c: number;
  if (ax > 37) c = 0;
  else {
    const e = Math.exp((-ax * ax) / 2);
    if (ax < 7.07106781186547) {
      let n = 3.52624965998911e-2 * ax + 0.700383064443688;
      n = n * ax + 6.37396220353165;
      n = n * ax + 33.912866078383;
      n = n * ax + 112.079291497871;
      n = n * ax + 221.213596169931;
      n = n * ax + 220.206867912376;
      let d = 8.83883476483184e-2 * ax + 1.75566716318264;
      d = d * ax + 16.064177579207;
      d = d * ax + 86.7807322029461;
      d = d * ax + 296.564248779674;
      d = d * ax + 637.333633378831;
      d = d * ax + 793.826512519948;
      d = d * ax + 440.413735824752;
      c = (e * n) / d;
    } else {
      let b = ax + 0.65;
      b = ax + 4 / b;
      b = ax + 3 / b;
      b = ax + 2 / b;
      b = ax + 1 / b;
      c = e / b / 2.506628274631;
    }
  }
  return x > 0 ? 1 - c : c;
}

function checkArm(arm: Arm, label: 'a' | 'b') {
  const ok = (n: unknown) => typeof n === 'number' && Number.isInteger(n) && n >= 0;
  if (!ok(arm?.sent) || !ok(arm?.successes)) throw invalid('invalid_counts', `Variant ${label.toUpperCase()}: sent and successes must be whole numbers of 0 or more.`, { field: label });
  if (arm.successes > arm.sent) throw invalid('invalid_counts', `Variant ${label.toUpperCase()} has ${arm.successes} successes out of ${arm.sent} sent; successes cannot exceed sent.`, { field: label });
}

function checkAlpha(alpha: number) {
  if (typeof alpha !== 'number' || !(alpha > 0 && alpha < 1)) throw invalid('invalid_alpha', `alpha must be between 0 and 1 (exclusive), such as 0.05; got ${alpha}.`, { field: 'alpha' });
}

/**
 * Two-proportion z-test of B against A with the pooled standard error:
 * p = (xA + xB) / (nA + nB), SE = sqrt(p (1 - p) (1/nA + 1/nB)), z = (pB - pA) / SE,
 * two-sided p-value 2 (1 - Φ(|z|)); significant when p < alpha (0.05 unless given) and each arm
 * has at least 5 successes and 5 failures. An arm with nothing sent, or both rates 0% or both
 * 100%, gives z 0 and p 1.
 */
export function compareVariants(a: Arm, b: Arm, options: { alpha?: number } = {}): ZTestResult {
  checkArm(a, 'a');
  checkArm(b, 'b');
  const alpha = options.alpha ?? DEFAULT_ALPHA;
  checkAlpha(alpha);
  const rateA = a.sent ? a.successes / a.sent : 0;
  const rateB = b.sent ? b.successes / b.sent : 0;
  const lift = rateA > 0 ? (rateB - rateA) / rateA : null;
  const method = 'two-proportion z-test' as const;
  if (!a.sent || !b.sent) {
    return { method, z: 0, pValue: 1, significant: false, rateA, rateB, lift, enoughData: false, note: `Nothing was sent to variant ${a.sent ? 'B' : 'A'} yet, so there is nothing to compare.` };
  }
  const pooled = (a.successes + b.successes) / (a.sent + b.sent);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / a.sent + 1 / b.sent));
  const z = se > 0 ? (rateB - rateA) / se : 0;
  const pValue = se > 0 ? Math.min(1, 2 * normalCdf(-Math.abs(z))) : 1;
  const short = [a, b].map((arm, i) => ({ arm: i ? 'B' : 'A', successes: arm.successes, failures: arm.sent - arm.successes })).filter((x) => x.successes < MIN_SUCCESSES || x.failures < MIN_FAILURES);
  const enoughData = short.length === 0;
  const note = enoughData
    ? null
    : `Too few results to call: each variant needs at least ${MIN_SUCCESSES} successes and ${MIN_FAILURES} failures (${short.map((x) => `${x.arm} has ${x.successes} and ${x.failures}`).join('; ')}).`;
  return { method, z, pValue, significant: enoughData && pValue < alpha, rateA, rateB, lift, enoughData, note };
}

/** The z-test as a pluggable comparison. */
export const twoProportionZTest: VariantComparison<ZTestResult> = { method: 'two-proportion z-test', compare: compareVariants };

export interface RankedVariant<R extends ArmComparison = ArmComparison> {
  name: string;
  sent: number;
  successes: number;
  rate: number;
  /** 1 for the highest rate; equal rates share a rank. */
  rank: number;
  /** This variant (B) against the control (A); null for the control itself. */
  versusControl: R | null;
}

export interface Ranking<R extends ArmComparison = ArmComparison> {
  method: string;
  control: string;
  alpha: number;
  /** alpha divided by the number of comparisons (Bonferroni), which each comparison is held to. */
  comparisonAlpha: number;
  variants: RankedVariant<R>[];
  /** The best variant that beats the control significantly; null when none does (keep the control, or wait). */
  winner: string | null;
}

/**
 * More than two variants: each variant is compared with the control (the one named, else the
 * first listed) by the method (the z-test unless another is given), at alpha divided by the
 * number of comparisons (Bonferroni), so the chance of any false winner stays at alpha. Variants
 * are ranked by rate; the winner is the highest-rated variant significantly better than the control.
 */
export function rankVariants<R extends ArmComparison = ZTestResult>(
  variants: Array<{ name: string } & Arm>,
  options: { control?: string; alpha?: number; method?: VariantComparison<R> } = {},
): Ranking<R> {
  if (!Array.isArray(variants) || variants.length < 2) throw invalid('invalid_variants', 'Give at least two variants to rank.', { field: 'variants' });
  const names = new Set(variants.map((v) => v.name));
  if (names.size !== variants.length) throw invalid('invalid_variants', 'Each variant to rank needs its own name.', { field: 'variants' });
  const control = options.control ?? variants[0]!.name;
  if (!names.has(control)) throw invalid('invalid_variants', `The control "${control}" is not among the variants given.`, { field: 'control' });
  const alpha = options.alpha ?? DEFAULT_ALPHA;
  checkAlpha(alpha);
  const method = (options.method ?? twoProportionZTest) as VariantComparison<R>;
  const comparisonAlpha = alpha / (variants.length - 1);
  const base = variants.find((v) => v.name === control)!;
  const compared = variants.map((v) => ({
    name: v.name,
    sent: v.sent,
    successes: v.successes,
    versusControl: v.name === control ? null : method.compare(base, v, { alpha: comparisonAlpha }),
    rate: 0,
  }));
  for (const c of compared) c.rate = c.versusControl ? c.versusControl.rateB : c.sent ? c.successes / c.sent : 0;
  const ordered = [...compared].sort((x, y) => y.rate - x.rate);
  const ranked: RankedVariant<R>[] = ordered.map((c) => ({ ...c, rank: 1 + ordered.filter((o) => o.rate > c.rate).length }));
  const winner = ranked.find((v) => v.versusControl?.significant && v.versusControl.rateB > v.versusControl.rateA)?.name ?? null;
  return { method: method.method, control, alpha, comparisonAlpha, variants: ranked, winner };
}
