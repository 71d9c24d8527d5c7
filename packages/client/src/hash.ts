/**
 * GrowthBook-compatible hashing and bucketing (SDK spec 0.8.0), written from the published
 * algorithm so that a server running any GrowthBook SDK puts a unit in the same variation.
 *
 * FNV-1a 32-bit runs over UTF-16 code units (what `charCodeAt` returns), never over UTF-8 bytes.
 * The helpers below continue a running FNV state instead of concatenating strings, so hashing
 * allocates nothing; the results are identical to hashing the concatenation.
 */

/** `[start, end)` of one variation on the unit interval. */
export type VariationRange = [number, number];

/** FNV-1a 32-bit offset basis. */
export const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** Feeds the UTF-16 code units of `s` into a running FNV-1a state (an int32 or uint32). */
export function fnvContinue(state: number, s: string): number {
  let h = state;
  for (let i = 0, l = s.length; i < l; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h;
}

// Powers of ten for the decimal digits of a uint32 (at most 10 digits).
const POW10 = [1e9, 1e8, 1e7, 1e6, 1e5, 1e4, 1e3, 100, 10];

/** FNV-1a of `String(n)` for a uint32 `n`, digit by digit, without building the string. */
export function fnvOfUint(n: number): number {
  let h = FNV_OFFSET;
  let i = 0;
  while (i < 9 && n < POW10[i]!) i++;
  for (; i < 9; i++) {
    const p = POW10[i]!;
    const d = (n / p) >>> 0;
    h = Math.imul(h ^ (48 + d), FNV_PRIME);
    n -= d * p;
  }
  return Math.imul(h ^ (48 + n), FNV_PRIME) >>> 0;
}

/** Hash v2 from the FNV state already fed with the seed: `(fnv(String(fnv(seed + value))) % 1e4) / 1e4`. */
export function hashV2FromSeedState(seedState: number, value: string): number {
  return (fnvOfUint(fnvContinue(seedState, value) >>> 0) % 10000) / 10000;
}

/** Hash v1: `(fnv(value + seed) % 1000) / 1000` (biased; kept for compatibility). */
export function hashV1(seed: string, value: string): number {
  return ((fnvContinue(fnvContinue(FNV_OFFSET, value), seed) >>> 0) % 1000) / 1000;
}

/**
 * GrowthBook's `hash(seed, value, version)`: a number in [0, 1) that places `value` on the unit
 * interval for an experiment seeded by `seed`. Versions other than 1 and 2 give `null`.
 */
export function hash(seed: string, value: string, version: number): number | null {
  if (version === 2) return hashV2FromSeedState(fnvContinue(FNV_OFFSET, seed), value);
  if (version === 1) return hashV1(seed, value);
  return null;
}

/** `n` equal weights (none for `n <= 0`). */
export function getEqualWeights(n: number): number[] {
  return n > 0 ? new Array<number>(n).fill(1 / n) : [];
}

/** Whether a unit falls inside a namespace `[id, start, end)` (hash v1 seeded by `__<id>`). */
export function inNamespace(hashValue: string, namespace: [string, number, number]): boolean {
  const n = hashV1('__' + namespace[0], hashValue);
  return n >= namespace[1] && n < namespace[2];
}

/**
 * Bucket ranges from weights and coverage. Weights that are missing, of the wrong length, not
 * finite or not summing to 1 (±0.01) become equal weights; coverage is clamped to [0, 1] (missing
 * or not a number: 1). Each range starts where the full-coverage range would, so lowering
 * coverage shrinks ranges from their end and never moves a unit to another variation.
 */
export function getBucketRanges(
  numVariations: number,
  coverage?: number | null,
  weights?: readonly number[] | null,
): VariationRange[] {
  let c = typeof coverage === 'number' && !Number.isNaN(coverage) ? coverage : 1;
  c = c < 0 ? 0 : c > 1 ? 1 : c;
  let w: readonly number[] = getEqualWeights(numVariations);
  if (weights && weights.length === numVariations) {
    let total = 0;
    for (const x of weights) total += x;
    // A NaN or infinite weight makes the total fail this test too.
    if (total >= 0.99 && total <= 1.01) w = weights;
  }
  const ranges: VariationRange[] = [];
  let start = 0;
  for (const x of w) {
    ranges.push([start, start + c * x]);
    start += x;
  }
  return ranges;
}

/** Index of the range holding `n` (`[start, end)`), or -1 when none does. */
export function chooseVariation(n: number, ranges: readonly (readonly [number, number])[]): number {
  for (let i = 0; i < ranges.length; i++) {
    const r = ranges[i]!;
    if (n >= r[0] && n < r[1]) return i;
  }
  return -1;
}

/**
 * The variation forced by `?<id>=<index>` in `url` (GrowthBook semantics: the first matching
 * key wins, the value is read like `parseInt`, and must be a valid index), else `null`.
 */
export function getQueryStringOverride(id: string, url: string, numVariations: number): number | null {
  if (!url) return null;
  const search = url.split('?')[1];
  if (!search) return null;
  const hashAt = search.indexOf('#');
  for (const pair of (hashAt < 0 ? search : search.slice(0, hashAt)).split('&')) {
    const eq = pair.indexOf('=');
    if ((eq < 0 ? pair : pair.slice(0, eq)) !== id) continue;
    if (eq < 0) return null;
    const rest = pair.slice(eq + 1);
    const next = rest.indexOf('=');
    const v = parseInt(next < 0 ? rest : rest.slice(0, next));
    return v >= 0 && v < numVariations ? v : null;
  }
  return null;
}
