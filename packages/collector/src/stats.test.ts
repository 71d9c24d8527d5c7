import { describe, expect, it } from 'vitest';
import {
  chiSquareGoodnessOfFit,
  chiSquareStratified,
  chiSquareSf,
  erfc,
  logGamma,
  normalCdf,
  normalQuantile,
  probabilityBBeatsA,
  relativeUplift,
} from './stats.js';

// Reference values printed by SciPy 1.17.1 (scipy.stats.norm.cdf / norm.ppf, scipy.stats.chi2.sf,
// scipy.special.gammaln) and, for P(B > A), scipy.integrate.quad of beta.pdf(x, aB, bB) ·
// beta.cdf(x, aA, bA) with epsrel 1e-12. The chi-square critical values (3.841…, 5.991…, 7.814…)
// are the 5 % points of the standard tables (e.g. NIST/SEMATECH e-Handbook, table 1.3.6.7.4).

describe('normal distribution', () => {
  const cdf: [number, number][] = [
    [-8, 6.22096057427174e-16],
    [-5, 2.866515718791933e-7],
    [-3, 0.0013498980316300933],
    [-1.96, 0.024997895148220435],
    [-1, 0.15865525393145707],
    [0, 0.5],
    [0.5, 0.6914624612740131],
    [1, 0.8413447460685429],
    [1.96, 0.9750021048517795],
    [3, 0.9986501019683699],
    [5, 0.9999997133484281],
  ];
  it.each(cdf)('Φ(%d) matches SciPy', (z, expected) => {
    expect(normalCdf(z)).toBeCloseTo(expected, 14);
    expect(Math.abs(normalCdf(z) - expected) / expected).toBeLessThan(1e-12);
  });

  const ppf: [number, number][] = [
    [1e-10, -6.361340902404056],
    [0.001, -3.090232306167813],
    [0.025, -1.9599639845400545],
    [0.05, -1.6448536269514729],
    [0.3, -0.5244005127080409],
    [0.5, 0],
    [0.8, 0.8416212335729143],
    [0.975, 1.959963984540054],
    [0.999, 3.090232306167813],
    [1 - 1e-10, 6.361340889697422],
  ];
  it.each(ppf)('Φ⁻¹(%d) matches SciPy', (p, expected) => {
    expect(normalQuantile(p)).toBeCloseTo(expected, 9);
  });

  it('erfc is symmetric and bounded', () => {
    expect(erfc(0)).toBe(1);
    expect(erfc(-2) + erfc(2)).toBeCloseTo(2, 15);
    expect(erfc(30)).toBe(0);
  });
});

describe('chi-square', () => {
  const sf: [number, number, number][] = [
    [3.841458820694124, 1, 0.05],
    [0.5, 1, 0.47950012218695337],
    [10, 1, 0.001565402258002549],
    [5.991464547107979, 2, 0.05],
    [1, 2, 0.6065306597126334],
    [7.814727903251178, 3, 0.05],
    [20, 5, 0.0012497305630313773],
    [2, 10, 0.9963401531726563],
    [100, 50, 3.454931382984871e-5],
    [0.01, 1, 0.920344325445942],
  ];
  it.each(sf)('P(χ² ≥ %d; df %d) matches SciPy', (x, k, expected) => {
    expect(Math.abs(chiSquareSf(x, k) - expected) / expected).toBeLessThan(1e-10);
  });

  it('ln Γ matches SciPy', () => {
    const cases: [number, number][] = [
      [0.5, 0.5723649429247],
      [1, 0],
      [2.5, 0.2846828704729192],
      [10, 12.801827480081469],
      [100.5, 361.43554046777757],
      [1e5, 1051287.7089736569],
    ];
    for (const [x, expected] of cases) expect(logGamma(x)).toBeCloseTo(expected, 10);
  });

  it('goodness of fit: a textbook example and the sample-ratio cases', () => {
    // 50/50 split observed 5000 vs 5200: χ² = 200²/5100·… = 3.9215…, df 1
    const p = chiSquareGoodnessOfFit([5000, 5200], [0.5, 0.5])!;
    expect(p).toBeCloseTo(chiSquareSf(((5000 - 5100) ** 2 + (5200 - 5100) ** 2) / 5100, 1), 14);
    expect(p).toBeCloseTo(0.0476703806561615, 12); // SciPy: scipy.stats.chisquare([5000, 5200]).pvalue
    expect(chiSquareGoodnessOfFit([1000, 1000], [0.5, 0.5])).toBe(1);
    // weights 1:3, observed exactly in ratio
    expect(chiSquareGoodnessOfFit([250, 750], [0.25, 0.75])).toBe(1);
    expect(chiSquareGoodnessOfFit([0, 0], [0.5, 0.5])).toBeNull();
    expect(chiSquareGoodnessOfFit([10, 5], [1, 0])).toBe(0);
  });

  it('stratified chi-square: every cell against its own stratum, degrees of freedom summed', () => {
    // 20/80 while the split was 50/50 (χ² 36), then 50/50 while it was 20/80 (χ² 45 + 11.25): df 2,
    // whose survival function is exp(−x/2)
    const p = chiSquareStratified([
      { observed: [20, 80], weights: [0.5, 0.5] },
      { observed: [50, 50], weights: [0.2, 0.8] },
    ])!;
    expect(p).toBeCloseTo(Math.exp(-92.25 / 2), 30);
    expect(p / Math.exp(-92.25 / 2)).toBeCloseTo(1, 12);
    // each period as its weights said: no mismatch, though pooled (70/130 against 20/80) there is one
    const fine = [
      { observed: [50, 50], weights: [0.5, 0.5] },
      { observed: [20, 80], weights: [0.2, 0.8] },
    ];
    expect(chiSquareStratified(fine)).toBe(1);
    expect(chiSquareGoodnessOfFit([70, 130], [0.2, 0.8])).toBeLessThan(1e-6); // χ² 28.125
    // two strata of three variations: df 4; χ² = (100/9 + 400/9 + 100/9) / (100/3) = 2 from the
    // first, 0 from the second; with 4 df the survival function is exp(−x/2)(1 + x/2): 2/e
    const three = chiSquareStratified([
      { observed: [30, 40, 30], weights: [1, 1, 1] },
      { observed: [10, 10, 10], weights: [1, 1, 1] },
    ]);
    expect(three).toBeCloseTo(2 / Math.E, 14);
    // empty strata add nothing; one stratum is the plain test
    expect(chiSquareStratified([{ observed: [0, 0], weights: [0.5, 0.5] }, ...fine.slice(1)])).toBe(1);
    expect(chiSquareStratified([{ observed: [5000, 5200], weights: [0.5, 0.5] }])).toBe(
      chiSquareGoodnessOfFit([5000, 5200], [0.5, 0.5]),
    );
    expect(chiSquareStratified([])).toBeNull();
    expect(
      chiSquareStratified([
        { observed: [3, 4], weights: [0.5, 0.5] },
        { observed: [1, 2], weights: [1, 0] },
      ]),
    ).toBe(0);
  });
});

describe('Beta posterior: P(rate B > rate A)', () => {
  const cases: [number, number, number, number, number][] = [
    // aA, bA, aB, bB, SciPy quad
    [1, 1, 1, 1, 0.5],
    [2, 1, 1, 1, 1 / 3], // textbook: X ~ Beta(2,1) (density 2x), Y ~ U(0,1): P(Y > X) = ∫ 2x (1 − x) dx = 1/3
    [11, 91, 16, 86, 0.8532837899329665],
    [101, 901, 121, 881, 0.9231834389725596],
    [201, 4801, 231, 4771, 0.9302340584178925],
    [1001, 99001, 1101, 98901, 0.9858655507142856],
    [5, 995, 2, 998, 0.1090227330251001],
  ];
  it.each(cases)('Beta(%d,%d) vs Beta(%d,%d)', (aA, bA, aB, bB, expected) => {
    expect(probabilityBBeatsA(aA, bA, aB, bB)).toBeCloseTo(expected, 9);
  });

  it('is exact against numerical integration and consistent under swapping', () => {
    // midpoint rule on P(B > A) = ∫ f_B(x) F_A(x) dx with the CDF accumulated on the same grid
    const integrate = (aA: number, bA: number, aB: number, bB: number) => {
      const n = 200_000;
      const logPdf = (x: number, a: number, b: number) =>
        (a - 1) * Math.log(x) + (b - 1) * Math.log(1 - x) - (logGamma(a) + logGamma(b) - logGamma(a + b));
      let cdfA = 0;
      let total = 0;
      for (let i = 0; i < n; i++) {
        const x = (i + 0.5) / n;
        const fa = Math.exp(logPdf(x, aA, bA)) / n;
        total += (Math.exp(logPdf(x, aB, bB)) / n) * (cdfA + fa / 2);
        cdfA += fa;
      }
      return total;
    };
    for (const [aA, bA, aB, bB] of [
      [3, 40, 6, 37],
      [30, 70, 25, 75],
      [8, 3, 8, 4],
    ] as const) {
      const exact = probabilityBBeatsA(aA, bA, aB, bB);
      expect(exact).toBeCloseTo(integrate(aA, bA, aB, bB), 6);
      expect(exact + probabilityBBeatsA(aB, bB, aA, bA)).toBeCloseTo(1, 12);
    }
  });

  it('stays fast and finite with large counts', () => {
    const start = performance.now();
    const p = probabilityBBeatsA(20_001, 480_001, 20_501, 479_501);
    expect(performance.now() - start).toBeLessThan(200);
    expect(p).toBeGreaterThan(0.99);
    expect(p).toBeLessThanOrEqual(1);
  });
});

describe('relative uplift by the delta method', () => {
  it('matches a worked example', () => {
    // pA = 0.10 (100/1000), pB = 0.12 (120/1000): Var(pB/pA) = 1.056e-4/0.01 + 0.0144·9e-5/1e-4 = 0.02352
    const result = relativeUplift({ conversions: 100, units: 1000 }, { conversions: 120, units: 1000 })!;
    expect(result.uplift.estimate).toBeCloseTo(0.2, 12);
    expect(result.se).toBeCloseTo(Math.sqrt(0.02352), 12);
    expect(result.uplift.ci_low).toBeCloseTo(0.2 - 1.959963984540054 * Math.sqrt(0.02352), 10);
    expect(result.uplift.ci_high).toBeCloseTo(0.2 + 1.959963984540054 * Math.sqrt(0.02352), 10);
    // z = 0.2 / √0.02352; SciPy: 2 * norm.sf(0.2 / 0.02352 ** 0.5) = 0.19219903638649327
    expect(result.p_value).toBeCloseTo(0.19219903638649327, 12);
  });

  it('the interval excludes 0 exactly when p < 0.05', () => {
    for (let b = 100; b <= 160; b++) {
      const r = relativeUplift({ conversions: 100, units: 1000 }, { conversions: b, units: 1000 })!;
      const excludesZero = r.uplift.ci_low > 0 || r.uplift.ci_high < 0;
      expect(excludesZero).toBe(r.p_value < 0.05);
    }
  });

  it('is null without a control rate', () => {
    expect(relativeUplift({ conversions: 0, units: 100 }, { conversions: 3, units: 100 })).toBeNull();
    expect(relativeUplift({ conversions: 1, units: 0 }, { conversions: 3, units: 100 })).toBeNull();
    // 1 of 6 against 0 of 4: no honest interval exists yet (it would have zero width and p = 0).
    expect(relativeUplift({ conversions: 1, units: 6 }, { conversions: 0, units: 4 })).toBeNull();
  });
});
