import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CouponInputError } from './errors.js';
import { currencyExponent, largestRemainder, percentOf, toDecimal } from './money.js';

describe('money', () => {
  it('knows ISO 4217 exponents and rejects unknown codes', () => {
    expect(['JPY', 'KRW', 'CNY', 'USD', 'EUR', 'KWD', 'BHD', 'CLF'].map((c) => currencyExponent(c))).toEqual([
      0, 0, 2, 2, 2, 3, 3, 4,
    ]);
    expect(() => currencyExponent('XYZ')).toThrow(CouponInputError);
    expect(() => currencyExponent('cny')).toThrow(/unknown ISO 4217 currency "cny"/);
    // found by the elements' random bad-input test: these read Object.prototype's members
    for (const code of ['__proto__', 'constructor', 'toString', 'hasOwnProperty'])
      expect(() => currencyExponent(code), code).toThrow(CouponInputError);
  });

  it('formats minor units as decimals', () => {
    expect(toDecimal(1000, 'CNY')).toBe('10.00');
    expect(toDecimal(5, 'CNY')).toBe('0.05');
    expect(toDecimal(1500, 'JPY')).toBe('1500');
    expect(toDecimal(1234, 'KWD')).toBe('1.234');
    expect(toDecimal(-250, 'USD')).toBe('-2.50');
  });

  it('rounds percentages down, exactly, even beyond 2^53 / 10 000', () => {
    expect(percentOf(33700, 1000)).toBe(3370);
    expect(percentOf(999, 1000)).toBe(99); // 99.9 → 99
    expect(percentOf(1, 9999)).toBe(0);
    const big = Number.MAX_SAFE_INTEGER; // 9007199254740991
    expect(percentOf(big, 5000)).toBe(Number(BigInt(big) / 2n));
  });

  it('splits by largest remainder: shares add up, never exceed their weight, ties to the earlier index', () => {
    expect(largestRemainder(2000, [19900, 9000])).toEqual([1377, 623]);
    expect(largestRemainder(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(largestRemainder(0, [5, 5])).toEqual([0, 0]);
    expect(largestRemainder(0, [0, 0])).toEqual([0, 0]);
    expect(largestRemainder(3, [0, 0, 0])).toEqual([1, 1, 1]);
    fc.assert(
      fc.property(
        fc.array(fc.nat({ max: 1e9 }), { minLength: 1, maxLength: 12 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (w, f) => {
          const total = w.reduce((a, b) => a + b, 0);
          const amount = Math.floor(total * f);
          const s = largestRemainder(amount, w);
          expect(s.reduce((a, b) => a + b, 0)).toBe(amount);
          s.forEach((x, i) => {
            expect(Number.isInteger(x)).toBe(true);
            expect(x).toBeGreaterThanOrEqual(0);
            expect(x).toBeLessThanOrEqual(w[i]!);
            // within one unit of the exact quota (all-zero weights: the amount is 0, so is every share)
            if (total > 0) expect(Math.abs(x - (amount * w[i]!) / total)).toBeLessThan(1 + 1e-6);
            else expect(x).toBe(0);
          });
        },
      ),
    );
  });
});
