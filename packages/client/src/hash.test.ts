import { describe, expect, it } from 'vitest';
import cases from '../test/fixtures/growthbook-cases.json';
import {
  chooseVariation,
  getBucketRanges,
  getEqualWeights,
  getQueryStringOverride,
  hash,
  inNamespace,
  type VariationRange,
} from './hash.js';

// GrowthBook's cross-SDK cases (spec 0.8.0); see test/fixtures/README.md.
const round = (ranges: VariationRange[]) =>
  ranges.map(([a, b]) => [Math.floor(a * 1e8) / 1e8, Math.floor(b * 1e8) / 1e8]);

describe('GrowthBook cross-SDK cases', () => {
  it('uses spec version 0.8.0', () => expect(cases.specVersion).toBe('0.8.0'));

  describe('hash', () => {
    for (const [seed, value, version, expected] of cases.hash as [string, string, number, number | null][]) {
      it(`hash(${JSON.stringify(seed)}, ${JSON.stringify(value)}, ${version}) = ${expected}`, () => {
        expect(hash(seed, value, version)).toBe(expected);
      });
    }
  });

  describe('getBucketRange', () => {
    for (const [name, [n, coverage, weights], expected] of cases.getBucketRange as [
      string,
      [number, number, number[] | null],
      VariationRange[],
    ][]) {
      it(name, () => expect(round(getBucketRanges(n, coverage, weights))).toEqual(round(expected)));
    }
  });

  describe('chooseVariation', () => {
    for (const [name, n, ranges, expected] of cases.chooseVariation as [string, number, VariationRange[], number][]) {
      it(name, () => expect(chooseVariation(n, ranges)).toBe(expected));
    }
  });

  describe('inNamespace', () => {
    for (const [name, id, ns, expected] of cases.inNamespace as [string, string, [string, number, number], boolean][]) {
      it(name, () => expect(inNamespace(id, ns)).toBe(expected));
    }
  });

  describe('getQueryStringOverride', () => {
    for (const [name, key, url, n, expected] of cases.getQueryStringOverride as [
      string,
      string,
      string,
      number,
      number | null,
    ][]) {
      it(name, () => expect(getQueryStringOverride(key, url, n)).toBe(expected));
    }
  });

  describe('getEqualWeights', () => {
    for (const [n, expected] of cases.getEqualWeights as [number, number[]][]) {
      it(`${n}`, () => expect(getEqualWeights(n).map((x) => Math.floor(x * 1e8) / 1e8)).toEqual(expected));
    }
  });
});

describe('hash over UTF-16 code units', () => {
  it('hashes astral characters as two code units, not as UTF-8 bytes', () => {
    // Reference FNV-1a written the slow, obvious way over code units.
    const fnv = (s: string) => {
      let h = 0x811c9dc5n;
      for (let i = 0; i < s.length; i++) h = ((h ^ BigInt(s.charCodeAt(i))) * 0x01000193n) & 0xffffffffn;
      return Number(h);
    };
    for (const value of ['😀', '用户-42', 'مرحبا', '\u0000', 'a\ud800b']) {
      expect(hash('seed', value, 1)).toBe((fnv(value + 'seed') % 1000) / 1000);
      expect(hash('seed', value, 2)).toBe((fnv(String(fnv('seed' + value))) % 10000) / 10000);
    }
  });
});

describe('getBucketRanges', () => {
  it('keeps range starts when coverage changes', () => {
    const full = getBucketRanges(3, 1, [0.2, 0.3, 0.5]);
    const part = getBucketRanges(3, 0.3, [0.2, 0.3, 0.5]);
    expect(part.map((r) => r[0])).toEqual(full.map((r) => r[0]));
    part.forEach((r, i) => expect(r[1]).toBeLessThan(full[i]![1]));
  });

  it('treats a missing or NaN coverage as full and NaN weights as equal weights', () => {
    expect(getBucketRanges(2, undefined)).toEqual([
      [0, 0.5],
      [0.5, 1],
    ]);
    expect(getBucketRanges(2, Number.NaN, [Number.NaN, 1])).toEqual([
      [0, 0.5],
      [0.5, 1],
    ]);
  });
});

describe('fnvOfUint', () => {
  it('equals FNV-1a of String(n) at the digit-count edges', async () => {
    const { fnvOfUint, fnvContinue, FNV_OFFSET } = await import('./hash.js');
    for (const n of [0, 1, 9, 10, 99, 100, 999_999_999, 1_000_000_000, 4_294_967_295, 2_147_483_648]) {
      expect(fnvOfUint(n)).toBe(fnvContinue(FNV_OFFSET, String(n)) >>> 0);
    }
  });
});
