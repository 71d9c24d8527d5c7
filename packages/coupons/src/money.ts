/**
 * Money arithmetic on integer minor units.
 *
 * Rounding rule (the only one): a computed discount is rounded DOWN to a whole minor unit
 * (`floor`), so a percentage never gives away more than it says; splitting an amount over lines
 * uses the largest-remainder method, so the shares always add up to the amount exactly.
 */
import { CouponInputError } from './errors.js';

const ZERO = 'BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF';
const THREE = 'BHD IQD JOD KWD LYD OMR TND';
const FOUR = 'CLF UYW';
const TWO =
  'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BOV BRL BSD BTN BWP BYN BZD CAD CDF ' +
  'CHE CHF CHW CNY COP COU CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GTQ GYD ' +
  'HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP LKR LRD LSL MAD MDL MGA MKD MMK MNT ' +
  'MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD PAB PEN PGK PHP PKR PLN QAR RON RSD RUB ' +
  'SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD USN ' +
  'UZS VED VES WST XCD XCG YER ZAR ZMW ZWG';

/** ISO 4217 minor-unit exponents of the active currencies. */
export const EXPONENTS: Readonly<Record<string, number>> = (() => {
  // No prototype: "__proto__" or "constructor" is no currency.
  const table: Record<string, number> = Object.create(null);
  for (const [codes, exp] of [
    [TWO, 2],
    [ZERO, 0],
    [THREE, 3],
    [FOUR, 4],
  ] as const)
    for (const code of codes.split(' ')) table[code] = exp;
  return table;
})();

/** The ISO 4217 exponent of `currency` (JPY 0, CNY 2, KWD 3); throws for an unknown code. */
export function currencyExponent(currency: string, field = 'currency'): number {
  const exp = typeof currency === 'string' ? EXPONENTS[currency] : undefined;
  if (exp === undefined)
    throw new CouponInputError(field, `unknown ISO 4217 currency ${JSON.stringify(currency)}`, currency);
  return exp;
}

/** `minor` as a plain decimal string in major units: (1000, 'CNY') → '10.00', (5, 'JPY') → '5'. */
export function toDecimal(minor: number, currency: string): string {
  const exp = currencyExponent(currency);
  const sign = minor < 0 ? '-' : '';
  const digits = String(Math.abs(minor)).padStart(exp + 1, '0');
  return exp === 0 ? sign + digits : `${sign}${digits.slice(0, -exp)}.${digits.slice(-exp)}`;
}

/** floor(amount × bp / 10 000), exact for any safe integer amount. */
export function percentOf(amount: number, bp: number): number {
  const product = amount * bp;
  if (product <= Number.MAX_SAFE_INTEGER) return Math.floor(product / 10_000);
  return Number((BigInt(amount) * BigInt(bp)) / 10_000n);
}

/**
 * Splits `amount` over `weights` in proportion, by largest remainder: each share is the floor of
 * its exact quota, and the minor units left go one each to the largest remainders (ties: the
 * earlier index). Shares sum to `amount`; when amount ≤ Σ weights no share exceeds its weight.
 */
export function largestRemainder(amount: number, weights: readonly number[]): number[] {
  const n = weights.length;
  const shares: number[] = [];
  let total = 0;
  for (const w of weights) {
    total += w;
    shares.push(0);
  }
  if (amount === 0 || n === 0) return shares;
  if (total === 0) {
    // Nothing to weigh by: equal split (only reachable for zero-value lines and a zero amount).
    const ones: number[] = [];
    for (let i = 0; i < n; i++) ones.push(1);
    return largestRemainder(amount, ones);
  }
  const rems = new Array<number>(n);
  let given = 0;
  const big = amount * total > Number.MAX_SAFE_INTEGER;
  for (let i = 0; i < n; i++) {
    let q: number;
    let r: number;
    if (big) {
      const p = BigInt(amount) * BigInt(weights[i]!);
      const t = BigInt(total);
      q = Number(p / t);
      r = Number(p % t);
    } else {
      const p = amount * weights[i]!;
      q = Math.floor(p / total);
      r = p - q * total;
    }
    shares[i] = q;
    rems[i] = r;
    given += q;
  }
  // The units left (fewer than n) go one each to the largest remainders, ties to the earlier
  // index: picked one by one (a loop, not a sort with a callback: see solve()).
  for (let left = amount - given; left > 0; left--) {
    let best = 0;
    for (let i = 1; i < n; i++) if (rems[i]! > rems[best]!) best = i;
    shares[best]!++;
    rems[best] = -1;
  }
  return shares;
}
