/**
 * Differential test against GrowthBook's own JavaScript SDK (dev dependency only): the same
 * random inputs, unicode included, must give the same hashes, ranges, choices and assignments.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { GrowthBookClient, type Experiment as GbExperiment } from '@growthbook/growthbook';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { assign } from './assign.js';
import type { Experiment } from './config.js';
import { chooseVariation, getBucketRanges, getQueryStringOverride, hash, inNamespace } from './hash.js';

// hash/getBucketRanges/chooseVariation/inNamespace are not in the package's export map: load the
// published module file directly.
const pkg = createRequire(import.meta.url).resolve('@growthbook/growthbook/package.json');
type Util = {
  hash: typeof hash;
  getBucketRanges: (n: number, coverage: number | undefined, weights?: number[]) => [number, number][];
  chooseVariation: typeof chooseVariation;
  inNamespace: typeof inNamespace;
  getQueryStringOverride: typeof getQueryStringOverride;
};
const gb = (await import(pathToFileURL(join(dirname(pkg), 'dist/esm/util.mjs')).href)) as Util;

const RUNS = 100_000;
const params = { numRuns: RUNS, seed: 20261125 };
vi.setConfig({ testTimeout: 120_000 });

// Strings over every UTF-16 code unit (lone surrogates too), over full code points, and ASCII.
const codeUnits = fc.string({
  unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
  maxLength: 24,
});
const anyString = fc.oneof(codeUnits, fc.string({ unit: 'binary', maxLength: 24 }), fc.string({ maxLength: 24 }));
const unit01 = fc.double({ min: 0, max: 1, noNaN: true });

beforeAll(() => {
  // GrowthBook logs (console.error) every weight/coverage it corrects; 100 000 times is noise.
  vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterAll(() => vi.restoreAllMocks());

describe(`differential against @growthbook/growthbook on ${RUNS} random inputs`, () => {
  it('hash', () => {
    fc.assert(
      fc.property(anyString, anyString, fc.constantFrom(1, 2, 3, 0), (seed, value, version) => {
        expect(hash(seed, value, version)).toBe(gb.hash(seed, value, version));
      }),
      params,
    );
  });

  it('getBucketRanges', () => {
    const weights = fc.oneof(
      fc.constant(undefined),
      fc.array(unit01, { minLength: 0, maxLength: 7 }),
      // Weights that sum to 1 (the common case), with float error.
      fc.array(fc.double({ min: 0.001, max: 1, noNaN: true }), { minLength: 1, maxLength: 7 }).map((w) => {
        const t = w.reduce((a, b) => a + b, 0);
        return w.map((x) => x / t);
      }),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 7 }),
        fc.option(fc.double({ min: -1, max: 2, noNaN: true }), { nil: undefined }),
        weights,
        (n, coverage, w) => {
          expect(getBucketRanges(n, coverage, w)).toEqual(gb.getBucketRanges(n, coverage, w));
        },
      ),
      params,
    );
  });

  it('chooseVariation', () => {
    const range = fc.tuple(unit01, unit01).map(([a, b]) => (a <= b ? [a, b] : [b, a]) as [number, number]);
    fc.assert(
      fc.property(unit01, fc.array(range, { maxLength: 6 }), (n, ranges) => {
        expect(chooseVariation(n, ranges)).toBe(gb.chooseVariation(n, ranges));
      }),
      params,
    );
  });

  it('inNamespace', () => {
    fc.assert(
      fc.property(anyString, anyString, unit01, unit01, (id, ns, a, b) => {
        const namespace: [string, number, number] = [ns, Math.min(a, b), Math.max(a, b)];
        expect(inNamespace(id, namespace)).toBe(gb.inNamespace(id, namespace));
      }),
      params,
    );
  });

  it('getQueryStringOverride', () => {
    // URLs built from fragments that matter to the parser: ?, &, =, #, the key, numbers, junk.
    const piece = fc.oneof(
      fc.constantFrom('?', '&', '=', '#', '-', '0', '1', '2', '07', '1.5', '-1', '0x1', ' 1', 'foo'),
      fc.string({ maxLength: 4 }),
    );
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 6 }),
        fc.array(fc.oneof(piece, fc.constant('KEY')), { maxLength: 10 }),
        fc.integer({ min: 0, max: 4 }),
        (key, parts, n) => {
          const url = 'https://shop.test/p' + parts.map((p) => (p === 'KEY' ? key : p)).join('');
          expect(getQueryStringOverride(key, url, n)).toBe(gb.getQueryStringOverride(key, url, n));
        },
      ),
      params,
    );
  });

  it('assign vs GrowthBookClient.runInlineExperiment', () => {
    const client = new GrowthBookClient({});
    const experimentCase = fc
      .record({
        // GrowthBook reads forced variations with `key in {}`, so keys such as "constructor" hit
        // Object.prototype there (a GrowthBook quirk Vitrine does not copy): leave those out.
        key: fc
          .oneof(
            fc.string({ minLength: 1, maxLength: 12 }),
            codeUnits.filter((s) => s.length > 0),
          )
          .filter((k) => !(k in Object.prototype)),
        n: fc.integer({ min: 2, max: 5 }),
        weights: fc.option(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 5 }), {
          nil: undefined,
        }),
        normalise: fc.boolean(),
        coverage: fc.option(fc.double({ min: -0.2, max: 1.2, noNaN: true }), { nil: undefined }),
        hashVersion: fc.constantFrom(1, 2),
        seed: fc.option(
          anyString.filter((s) => s.length > 0),
          { nil: undefined },
        ),
        active: fc.integer({ min: 0, max: 9 }).map((x) => x > 0),
        namespace: fc.option(fc.tuple(fc.string({ maxLength: 6 }), unit01, unit01), { nil: undefined }),
        filters: fc.option(
          fc.array(
            fc.record({
              seed: anyString,
              ranges: fc.array(
                fc.tuple(unit01, unit01).map(([a, b]) => (a <= b ? [a, b] : [b, a]) as [number, number]),
                { minLength: 1, maxLength: 3 },
              ),
              hashVersion: fc.constantFrom(1, 2),
              other: fc.boolean(),
            }),
            { maxLength: 2 },
          ),
          { nil: undefined },
        ),
        unit: anyString,
        other: anyString,
        urlForce: fc.option(fc.integer({ min: -1, max: 6 }), { nil: undefined }),
        forced: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }),
        qaMode: fc.integer({ min: 0, max: 19 }).map((x) => x === 0),
      })
      .map((c) => {
        const variations = Array.from({ length: c.n }, (_, i) => `v${i}`);
        const t = c.weights?.reduce((a, b) => a + b, 0) ?? 1;
        const weights = c.weights && c.normalise && t > 0 ? c.weights.map((x) => x / t) : c.weights;
        return { ...c, variations, weights };
      });

    let inExperiment = 0;
    fc.assert(
      fc.property(experimentCase, (c) => {
        const filters = c.filters?.map((f) => ({
          seed: f.seed,
          ranges: f.ranges,
          hashVersion: f.hashVersion,
          ...(f.other ? { attribute: 'other' } : {}),
        }));
        const namespace =
          c.namespace &&
          ([c.namespace[0], Math.min(c.namespace[1], c.namespace[2]), Math.max(c.namespace[1], c.namespace[2])] as [
            string,
            number,
            number,
          ]);
        const common = {
          key: c.key,
          variations: c.variations,
          hashVersion: c.hashVersion,
          hashAttribute: 'id',
          ...(c.weights ? { weights: c.weights } : {}),
          ...(c.coverage !== undefined ? { coverage: c.coverage } : {}),
          ...(c.seed !== undefined ? { seed: c.seed } : {}),
          ...(namespace ? { namespace } : {}),
          ...(filters ? { filters } : {}),
        };
        const ours: Experiment = { ...common, ...(c.active ? {} : { status: 'stopped' as const }) };
        const theirs = { ...common, ...(c.active ? {} : { active: false }) };
        const url = c.urlForce === undefined ? '' : `https://shop.test/p?a=1&${c.key}=${c.urlForce}#x`;
        const forcedVariations = c.forced === undefined ? undefined : { [c.key]: c.forced };

        const a = assign(ours, c.unit, {
          warn: () => {},
          attributes: { other: c.other },
          url,
          ...(forcedVariations ? { forcedVariations } : {}),
          qaMode: c.qaMode,
        });
        const b = client.runInlineExperiment(theirs as GbExperiment<string>, {
          attributes: { id: c.unit, other: c.other },
          url,
          ...(forcedVariations ? { forcedVariations } : {}),
          qaMode: c.qaMode,
        });
        expect([a.variation, a.key, a.inExperiment]).toEqual([b.variationId, b.value, b.inExperiment]);
        if (a.inExperiment) inExperiment++;
      }),
      params,
    );
    // The generator must exercise real assignments, not only exclusions.
    expect(inExperiment).toBeGreaterThan(RUNS / 4);
  }, 120_000);
});
