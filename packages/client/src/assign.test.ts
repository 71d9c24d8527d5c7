import { describe, expect, it, vi } from 'vitest';
import cases from '../test/fixtures/growthbook-cases.json';
import { assign, type StickyStore } from './assign.js';
import type { Experiment, GrowthBookExperiment } from './config.js';

const quiet = { warn: () => {} };

type RunCase = [
  string,
  {
    attributes?: Record<string, unknown>;
    url?: string;
    forcedVariations?: Record<string, number>;
    qaMode?: boolean;
    enabled?: boolean;
    features?: unknown;
    savedGroups?: unknown;
  },
  GrowthBookExperiment & Record<string, unknown>,
  unknown,
  boolean,
  boolean,
];

// Experiments that need GrowthBook features Vitrine deliberately does not evaluate (condition
// language, prerequisite features): Vitrine runs no such experiment. The one case about a context
// option Vitrine has no equivalent of (`enabled: false`, a global kill switch) is left out.
const unsupported = (c: RunCase) => 'condition' in c[2] || 'parentConditions' in c[2];

describe('GrowthBook cross-SDK "run" cases (experiment objects)', () => {
  for (const c of (cases.run as RunCase[]).filter((c) => c[1].enabled !== false)) {
    const [name, ctx, exp, value, inExperiment] = c;
    if (unsupported(c)) {
      it(`${name}: not run, variation 0, reason invalid`, () => {
        const r = assign(exp, String(ctx.attributes?.['id'] ?? ''), quiet);
        expect(r).toMatchObject({ variation: 0, inExperiment: false, reason: 'invalid' });
      });
      continue;
    }
    it(name, () => {
      const attr = exp.hashAttribute ?? 'id';
      const id = ctx.attributes?.[attr];
      const r = assign(exp, id === null || id === undefined ? '' : String(id), {
        ...quiet,
        attributes: ctx.attributes ?? {},
        ...(ctx.url !== undefined ? { url: ctx.url } : {}),
        ...(ctx.forcedVariations ? { forcedVariations: ctx.forcedVariations } : {}),
        ...(ctx.qaMode ? { qaMode: true } : {}),
      });
      expect(exp.variations[r.variation]).toEqual(value);
      expect(r.inExperiment).toBe(inExperiment);
    });
  }
});

const exp: Experiment = { key: 'spec-vs-guide', variations: ['table', 'guide'] };

describe('assign', () => {
  it('returns the contract shape with the variation key', () => {
    const r = assign(exp, 'unit-1');
    expect(Object.keys(r).sort()).toEqual(['inExperiment', 'key', 'reason', 'variation']);
    expect(r.reason).toBe('hash');
    expect(r.key).toBe(exp.variations[r.variation]);
    expect(r.inExperiment).toBe(true);
  });

  it('defaults to hash v2 seeded by the key (Vitrine shape)', () => {
    // Same as GrowthBook's "Uses seed with default weights/coverage" case, but with key = seed.
    const withSeed: Experiment = { key: 'x', seed: 'foo', variations: ['a', 'b'] };
    const gb: GrowthBookExperiment = { key: 'x', seed: 'foo', hashVersion: 2, variations: ['a', 'b'] };
    for (let i = 0; i < 200; i++) expect(assign(withSeed, `u${i}`).variation).toBe(assign(gb, `u${i}`).variation);
    const v1: Experiment = { ...withSeed, hashVersion: 1 };
    const differs = Array.from(
      { length: 200 },
      (_, i) => assign(v1, `u${i}`).variation !== assign(withSeed, `u${i}`).variation,
    );
    expect(differs.some(Boolean)).toBe(true);
  });

  it('paused and stopped experiments give variation 0, not in experiment', () => {
    for (const status of ['paused', 'stopped'] as const) {
      const e: Experiment = { ...exp, status, weights: [0, 1] };
      expect(assign(e, 'u1')).toEqual({ variation: 0, key: 'table', inExperiment: false, reason: 'paused' });
    }
    expect(assign({ key: 'k', variations: [0, 1], active: false }, 'u1').reason).toBe('paused');
  });

  it('forces from the URL query and from options, before status', () => {
    const paused: Experiment = { ...exp, status: 'paused' };
    expect(assign(paused, 'u', { url: 'https://shop.test/p?spec-vs-guide=1' })).toEqual({
      variation: 1,
      key: 'guide',
      inExperiment: true,
      reason: 'forced',
    });
    expect(assign(exp, 'u', { forcedVariations: { 'spec-vs-guide': 0 } }).reason).toBe('forced');
    expect(assign(exp, 'u', { url: 'https://shop.test/p?spec-vs-guide=7' }).reason).toBe('hash');
  });

  it('QA mode assigns nobody by hash', () => {
    expect(assign(exp, 'u', { qaMode: true })).toMatchObject({
      variation: 0,
      inExperiment: false,
      reason: 'not-eligible',
    });
  });

  it('an empty unit id is not eligible', () => {
    expect(assign(exp, '')).toMatchObject({ variation: 0, inExperiment: false, reason: 'not-eligible' });
  });

  it('coverage 0 takes everyone out; lowering coverage never moves a unit', () => {
    const none: Experiment = { ...exp, coverage: 0 };
    expect(assign(none, 'u1').reason).toBe('not-eligible');
    const full: Experiment = { key: 'c', variations: ['a', 'b', 'c'], weights: [0.2, 0.3, 0.5] };
    const part: Experiment = { ...full, coverage: 0.4 };
    let inPart = 0;
    for (let i = 0; i < 2000; i++) {
      const p = assign(part, `id-${i}`);
      if (!p.inExperiment) continue;
      inPart++;
      expect(p.variation).toBe(assign(full, `id-${i}`).variation);
    }
    expect(inPart).toBeGreaterThan(600);
    expect(inPart).toBeLessThan(1000);
  });

  it('targets simple attributes; missing attributes are not eligible', () => {
    const t: Experiment = { ...exp, targeting: { device: ['mobile'], visitor: ['new'] } };
    expect(assign(t, 'u', { attributes: { device: 'mobile', visitor: 'new' } }).reason).toBe('hash');
    expect(assign(t, 'u', { attributes: { device: 'desktop', visitor: 'new' } }).reason).toBe('not-eligible');
    expect(assign(t, 'u', { attributes: { device: 'mobile' } }).reason).toBe('not-eligible');
    expect(assign(t, 'u').reason).toBe('not-eligible');
  });

  it('filters on another attribute read it from options.attributes', () => {
    const f: Experiment = { ...exp, filters: [{ seed: 's', ranges: [[0, 1]], attribute: 'user_id' }] };
    expect(assign(f, 'u').reason).toBe('not-eligible');
    expect(assign(f, 'u', { attributes: { user_id: 'x' } }).reason).toBe('hash');
  });

  it('sticky assignments keep a unit in its variation when weights change; bucketVersion re-buckets', () => {
    const data = new Map<string, string>();
    const sticky: StickyStore = {
      get: (u, k) => data.get(`${u}|${k}`),
      set: (u, k, v) => void data.set(`${u}|${k}`, v),
    };
    const before: Experiment = { key: 's', variations: ['a', 'b'], weights: [1, 0] };
    const after: Experiment = { key: 's', variations: ['a', 'b'], weights: [0, 1] };
    expect(assign(before, 'u1', { sticky })).toMatchObject({ key: 'a', reason: 'hash' });
    expect(data.get('u1|s__0')).toBe('a');
    expect(assign(after, 'u1', { sticky })).toMatchObject({ key: 'a', reason: 'sticky', inExperiment: true });
    expect(assign(after, 'u2', { sticky })).toMatchObject({ key: 'b', reason: 'hash' });
    expect(assign({ ...after, bucketVersion: 1 }, 'u1', { sticky })).toMatchObject({ key: 'b', reason: 'hash' });
  });

  it('a throwing sticky store does not break assignment', () => {
    const broken: StickyStore = {
      get: () => {
        throw new Error('blocked');
      },
      set: () => {
        throw new Error('full');
      },
    };
    expect(assign(exp, 'u1', { sticky: broken }).reason).toBe('hash');
  });

  it('invalid experiments give variation 0 with reason invalid, and warn once naming the field', () => {
    const warn = vi.fn();
    const bad = { key: 'bad', variations: ['only'] } as Experiment;
    expect(assign(bad, 'u', { warn })).toEqual({ variation: 0, key: 'only', inExperiment: false, reason: 'invalid' });
    assign(bad, 'u', { warn });
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![0]).toMatch(/experiment "bad": "variations"/);
    expect(assign(null as unknown as Experiment, 'u').reason).toBe('invalid');
    expect(assign({ key: 'h', variations: ['a', 'b'], hashVersion: 3 }, 'u', quiet).reason).toBe('invalid');
  });

  it('returns shared frozen results (no allocation per call)', () => {
    const a = assign(exp, 'same');
    expect(assign(exp, 'same')).toBe(a);
    expect(Object.isFrozen(a)).toBe(true);
  });
});
