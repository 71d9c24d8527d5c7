// Statistics for experiment results: pure functions, no dependencies, checked in stats.test.ts
// against reference values (SciPy 1.17, textbook tables). Algorithms: erf by its Maclaurin series
// and erfc by its Laplace continued fraction (modified Lentz); the normal quantile by Acklam's
// rational approximation polished with Halley steps; ln Γ by Lanczos (g = 7, n = 9); the regularised
// incomplete gamma by series / continued fraction; P(B > A) for Beta posteriors by Evan Miller's
// closed-form sum (exact for integer parameters).

const SQRT_PI = Math.sqrt(Math.PI);

/** Complementary error function, relative error ≈ 1e-15. */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < 0) return 2 - erfc(-x);
  if (x < 2.5) return 1 - erfSeries(x);
  if (x > 27) return 0;
  // erfc(x) = exp(-x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + …))))), modified Lentz
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let n = 1; n < 500; n++) {
    const a = n / 2;
    d = x + a * d;
    d = Math.abs(d) < tiny ? tiny : d;
    c = x + a / c;
    c = Math.abs(c) < tiny ? tiny : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x * x) / SQRT_PI / f;
}

function erfSeries(x: number): number {
  // erf(x) = 2/√π Σ (-1)^n x^(2n+1) / (n! (2n+1))
  let term = x;
  let sum = x;
  const x2 = x * x;
  for (let n = 1; n < 200; n++) {
    term *= -x2 / n;
    const add = term / (2 * n + 1);
    sum += add;
    if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
  }
  return (2 / SQRT_PI) * sum;
}

/** Standard normal cumulative distribution Φ(z). */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

/** Standard normal quantile Φ⁻¹(p), 0 < p < 1. */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) {
    if (p === 0) return -Infinity;
    if (p === 1) return Infinity;
    return NaN;
  }
  // Acklam's rational approximation (relative error 1.15e-9) …
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239,
  ];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  let x: number;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    x =
      (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) /
      ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  } else if (p <= 1 - low) {
    const q = p - 0.5;
    const r = q * q;
    x =
      ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) /
      (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
  } else {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    x =
      -(((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) /
      ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  }
  // … polished by Halley's method on Φ(x) − p (upper tail through erfc to keep precision)
  for (let i = 0; i < 2; i++) {
    const e = x > 0 ? 0.5 * erfc(x / Math.SQRT2) - (1 - p) : normalCdf(x) - p;
    const signed = x > 0 ? -e : e;
    const u = signed * Math.sqrt(2 * Math.PI) * Math.exp((x * x) / 2);
    x = x - u / (1 + (x * u) / 2);
  }
  return x;
}

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0. */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const z = x - 1;
  let sum = LANCZOS[0]!;
  for (let i = 1; i < 9; i++) sum += LANCZOS[i]! / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

export function logBeta(a: number, b: number): number {
  return logGamma(a) + logGamma(b) - logGamma(a + b);
}

/** Regularised upper incomplete gamma Q(a, x) = Γ(a, x) / Γ(a). */
export function gammaQ(a: number, x: number): number {
  if (x <= 0) return 1;
  const prefix = a * Math.log(x) - x - logGamma(a);
  if (x < a + 1) {
    // P(a, x) by its series, Q = 1 − P
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < 10_000; n++) {
      term *= x / (a + n);
      sum += term;
      if (term < sum * 1e-16) break;
    }
    return 1 - sum * Math.exp(prefix);
  }
  // Q(a, x) by its continued fraction (modified Lentz)
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let n = 1; n < 10_000; n++) {
    const an = -n * (n - a);
    b += 2;
    d = an * d + b;
    d = Math.abs(d) < tiny ? tiny : d;
    c = b + an / c;
    c = Math.abs(c) < tiny ? tiny : c;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(prefix) * h;
}

/** Survival function of the chi-square distribution with k degrees of freedom: P(X ≥ x). */
export function chiSquareSf(x: number, k: number): number {
  return gammaQ(k / 2, x / 2);
}

/** Pearson's chi-square goodness-of-fit p-value of observed counts against expected proportions. */
export function chiSquareGoodnessOfFit(observed: number[], weights: number[]): number | null {
  return chiSquareStratified([{ observed, weights }]);
}

/**
 * Pearson's chi-square test of counts split into strata (e.g. periods with different expected
 * splits), each stratum against its own proportions: the statistic sums over every cell, the
 * degrees of freedom over every stratum (its cells with an expected count, less one). A stratum
 * without counts (or without a positive weight) adds nothing; one cell with counts where none are
 * expected makes the p-value 0. One stratum is `chiSquareGoodnessOfFit`.
 */
export function chiSquareStratified(strata: { observed: number[]; weights: number[] }[]): number | null {
  let stat = 0;
  let df = 0;
  for (const { observed, weights } of strata) {
    const total = observed.reduce((s, o) => s + o, 0);
    const weightSum = weights.reduce((s, w) => s + w, 0);
    if (total === 0 || observed.length < 2 || weightSum <= 0) continue;
    let cells = 0;
    for (let i = 0; i < observed.length; i++) {
      const expected = (total * (weights[i] ?? 0)) / weightSum;
      if (expected === 0) {
        if (observed[i]! > 0) return 0; // units in a variation that should have none
        continue;
      }
      stat += (observed[i]! - expected) ** 2 / expected;
      cells++;
    }
    df += cells - 1;
  }
  return df < 1 ? null : chiSquareSf(stat, df);
}

/**
 * P(X_B > X_A) for independent X_A ~ Beta(aA, bA), X_B ~ Beta(aB, bB) with integer parameters,
 * by Evan Miller's closed form
 *   Σ_{i=0}^{aB−1} B(aA+i, bA+bB) / ((bB+i) B(1+i, bB) B(aA, bA)),
 * summed in log space with the term ratio (aA+i)(bB+i) / ((aA+bA+bB+i)(1+i)). The symmetries
 * P(B > A) = 1 − P(A > B) and P(X_B > X_A) = P(1−X_A > 1−X_B) let the sum run over the smallest
 * parameter, so it costs O(min parameter) steps.
 */
export function probabilityBBeatsA(aA: number, bA: number, aB: number, bB: number): number {
  const options: [number, () => number][] = [
    [aB, () => millerSum(aA, bA, aB, bB)],
    [aA, () => 1 - millerSum(aB, bB, aA, bA)],
    [bA, () => millerSum(bB, aB, bA, aA)], // X_B > X_A ⇔ 1−X_A > 1−X_B, 1−X ~ Beta(b, a)
    [bB, () => 1 - millerSum(bA, aA, bB, aB)],
  ];
  options.sort((x, y) => x[0] - y[0]);
  return Math.min(1, Math.max(0, options[0]![1]()));
}

function millerSum(aA: number, bA: number, aB: number, bB: number): number {
  let logTerm = logBeta(aA, bA + bB) - logBeta(aA, bA); // i = 0 (bB·B(1, bB) = 1)
  let logSum = logTerm;
  for (let i = 0; i < aB - 1; i++) {
    logTerm += Math.log(aA + i) + Math.log(bB + i) - Math.log(aA + bA + bB + i) - Math.log(1 + i);
    const hi = Math.max(logSum, logTerm);
    logSum = hi + Math.log(Math.exp(logSum - hi) + Math.exp(logTerm - hi));
  }
  return Math.exp(logSum);
}

export interface Uplift {
  estimate: number;
  ci_low: number;
  ci_high: number;
}

/**
 * Relative uplift (pB / pA − 1) of conversion rates with its delta-method standard error
 *   Var(pB/pA) ≈ Var(pB)/pA² + pB²·Var(pA)/pA⁴,  Var(p) = p(1 − p)/n,
 * the (1 − alpha) interval estimate ± z·SE and the two-sided p-value of z = estimate / SE, so the
 * interval excludes 0 exactly when p < alpha. Null when the control rate is 0 or a group is empty.
 */
export function relativeUplift(
  control: { conversions: number; units: number },
  treatment: { conversions: number; units: number },
  alpha = 0.05,
): { uplift: Uplift; p_value: number; se: number } | null {
  if (control.units === 0 || treatment.units === 0) return null;
  const pA = control.conversions / control.units;
  const pB = treatment.conversions / treatment.units;
  if (pA === 0) return null;
  const varA = (pA * (1 - pA)) / control.units;
  const varB = (pB * (1 - pB)) / treatment.units;
  const estimate = pB / pA - 1;
  const se = Math.sqrt(varB / pA ** 2 + (pB ** 2 * varA) / pA ** 4);
  const z = normalQuantile(1 - alpha / 2);
  // A treatment with no conversions yet, or both rates at 100 % (tiny samples): the delta method
  // gives a zero-width interval and p = 0 — false certainty. Report nothing until there is
  // variation to measure.
  if (se === 0) return null;
  const p_value = 2 * normalCdf(-Math.abs(estimate / se));
  return { uplift: { estimate, ci_low: estimate - z * se, ci_high: estimate + z * se }, p_value, se };
}
