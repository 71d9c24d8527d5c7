import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';

vi.setConfig({ testTimeout: 60_000 });
import { hash } from './hash.js';

// Chi-square critical values at p = 0.001 (the tests are deterministic: fixed fast-check seed).
const CRITICAL_19 = 43.82; // 20 buckets
const CRITICAL_81 = 126.0; // 10 × 10 contingency table: (10 - 1)²

// Distinct random ids (uuids, unicode strings, numbered users): duplicates would inflate chi-square.
function ids(count: number, seed: number): string[] {
  const arb = fc.oneof(
    fc.uuid(),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 16 }),
    fc.nat().map((n) => `user-${n}`),
  );
  const out = new Set<string>();
  for (let round = 0; out.size < count; round++) {
    for (const id of fc.sample(arb, { numRuns: count, seed: seed + round })) if (out.size < count) out.add(id);
  }
  return [...out];
}

function independence(a: string, b: string, sample: string[], version: number): number {
  const table = Array.from({ length: 10 }, () => new Array<number>(10).fill(0));
  for (const id of sample) table[Math.floor(hash(a, id, version)! * 10)]![Math.floor(hash(b, id, version)! * 10)]!++;
  const rows = table.map((r) => r.reduce((s, x) => s + x, 0));
  const cols = table[0]!.map((_, j) => table.reduce((s, r) => s + r[j]!, 0));
  let chi2 = 0;
  for (let i = 0; i < 10; i++)
    for (let j = 0; j < 10; j++) {
      const e = (rows[i]! * cols[j]!) / sample.length;
      chi2 += (table[i]![j]! - e) ** 2 / e;
    }
  return chi2;
}

describe('hash v2 properties', () => {
  it('is uniform over [0, 1) (chi-square, 20 buckets, 100 000 random ids)', () => {
    const counts = new Array<number>(20).fill(0);
    const sample = ids(100_000, 7);
    for (const id of sample) counts[Math.floor(hash('spec-vs-guide', id, 2)! * 20)]!++;
    const expected = sample.length / 20;
    const chi2 = counts.reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
    expect(chi2).toBeLessThan(CRITICAL_19);
  });

  it('is independent across experiments (chi-square on the joint buckets of two seeds)', () => {
    const sample = ids(50_000, 11);
    for (const [a, b] of [
      ['spec-vs-guide', 'video-first'],
      ['exp-1', 'exp-2'],
      ['a', 'b'],
    ] as const) {
      expect(independence(a, b, sample, 2), `${a} × ${b}`).toBeLessThan(CRITICAL_81);
    }
  });

  it('the independence check can fail: hash v1 on seeds that differ in one character is caught', () => {
    // Guards the test above against being vacuous: this is the known flaw hash v2 was made to fix.
    expect(independence('exp-1', 'exp-2', ids(50_000, 11), 1)).toBeGreaterThan(CRITICAL_81);
  });

  it('always lies in [0, 1)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), fc.constantFrom(1, 2), (s, v, ver) => {
        const h = hash(s, v, ver)!;
        return h >= 0 && h < 1;
      }),
      { numRuns: 20_000, seed: 3 },
    );
  });
});
