import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { assign } from './assign.js';
import { parseExperiment } from './config.js';
import { fromGrowthBook } from './growthbook.js';
import { parseConfig } from './parse-config.js';

const contractExample = {
  v: 1,
  site: 'demo',
  experiments: [
    {
      key: 'spec-vs-guide',
      variations: ['table', 'guide'],
      weights: [0.5, 0.5],
      coverage: 1,
      status: 'running',
      hashVersion: 2,
      hashAttribute: 'anonymous_id',
      seed: 'spec-vs-guide',
      bucketVersion: 0,
      namespace: ['checkout-tests', 0, 0.5],
      filters: [{ seed: 's', ranges: [[0, 0.5]], attribute: 'anonymous_id', hashVersion: 2 }],
      targeting: { device: ['mobile', 'desktop'], country: ['CN', 'AE'], visitor: ['new', 'returning'] },
    },
  ],
};

describe('parseConfig', () => {
  it('reads the CONTRACTS.md example without a warning', () => {
    const warn = vi.fn();
    const c = parseConfig(contractExample, warn);
    expect(warn).not.toHaveBeenCalled();
    expect(c.site).toBe('demo');
    expect(c.experiments).toHaveLength(1);
    expect(c.experiments[0]).toMatchObject({
      key: 'spec-vs-guide',
      hashVersion: 2,
      namespace: ['checkout-tests', 0, 0.5],
    });
  });

  it('fills the contract defaults', () => {
    const c = parseConfig({ v: 1, site: 's', experiments: [{ key: 'k', variations: ['a', 'b', 'c'] }] }, vi.fn());
    expect(c.experiments[0]).toEqual({
      key: 'k',
      variations: ['a', 'b', 'c'],
      weights: [1 / 3, 1 / 3, 1 / 3],
      coverage: 1,
      status: 'running',
      hashVersion: 2,
      hashAttribute: 'anonymous_id',
      seed: 'k',
      bucketVersion: 0,
    });
  });

  it('accepts a JSON string', () => {
    expect(parseConfig(JSON.stringify(contractExample), vi.fn()).experiments).toHaveLength(1);
  });

  it.each([
    [{ weights: [0.7, 0.7] }, /"weights" must be 2 non-negative numbers adding up to 1; using equal weights/],
    [{ weights: [1] }, /"weights" must be 2 /],
    [{ weights: 'half' }, /"weights" must be 2 /],
    [{ coverage: 2 }, /"coverage" must be from 0 to 1; using 1/],
    [{ coverage: -1 }, /"coverage" must be from 0 to 1; using 0/],
    [{ coverage: 'all' }, /"coverage" must be from 0 to 1; using 1/],
    [{ status: 'on' }, /"status" must be running, paused or stopped; using paused/],
    [{ seed: '' }, /"seed" must be a non-empty string/],
    [{ bucketVersion: -1 }, /"bucketVersion" must be an integer ≥ 0/],
  ])('warns about %j naming the experiment and field, and runs with a safe default', (patch, message) => {
    const warn = vi.fn();
    const c = parseConfig({ v: 1, site: 's', experiments: [{ key: 'k', variations: ['a', 'b'], ...patch }] }, warn);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![0]).toMatch(/^\[vitrine\] experiment "k": /);
    expect(warn.mock.calls[0]![0]).toMatch(message);
    expect(c.experiments[0]!.invalid).toBeUndefined();
  });

  it.each([
    [{ variations: ['only'] }, 'variations'],
    [{ variations: 'a,b' }, 'variations'],
    [{ hashVersion: 3 }, 'hashVersion'],
    [{ namespace: ['x', 0] }, 'namespace'],
    [{ filters: [{ seed: 1, ranges: [] }] }, 'filters[0]'],
    [{ targeting: { device: 'mobile' } }, 'targeting.device'],
    [{ condition: { country: 'CN' } }, 'condition'],
  ])('marks %j invalid: variation 0, reason invalid', (patch, field) => {
    const warn = vi.fn();
    const c = parseConfig({ v: 1, site: 's', experiments: [{ key: 'k', variations: ['a', 'b'], ...patch }] }, warn);
    expect(warn.mock.calls.some(([m]) => m.includes(`experiment "k": "${field}"`))).toBe(true);
    expect(c.experiments[0]!.invalid).toBeTruthy();
    expect(assign(c.experiments[0]!, 'u')).toMatchObject({ variation: 0, inExperiment: false, reason: 'invalid' });
  });

  it('skips experiments without a key and later duplicates, saying where', () => {
    const warn = vi.fn();
    const c = parseConfig(
      {
        v: 1,
        site: 's',
        experiments: [
          { variations: ['a', 'b'] },
          5,
          { key: 'k', variations: ['a', 'b'] },
          { key: 'k', variations: ['c', 'd'] },
        ],
      },
      warn,
    );
    expect(c.experiments.map((e) => e.variations)).toEqual([['a', 'b']]);
    expect(warn.mock.calls.map(([m]) => m)).toEqual([
      '[vitrine] config.experiments[0]: needs a "key"; skipped',
      '[vitrine] config.experiments[1]: needs a "key"; skipped',
      '[vitrine] experiment "k": defined twice; the later one is ignored',
    ]);
  });

  it('reads GrowthBook experiment objects with their defaults (hash v1, id, meta keys, active)', () => {
    const e = fromGrowthBook(
      { key: 'gb', variations: [{ c: 1 }, { c: 2 }], meta: [{ key: 'control' }, { key: 'treatment' }], active: false },
      vi.fn(),
    )!;
    expect(parseExperiment({ key: 'v', variations: ['a', 'b'] }, vi.fn())).toMatchObject({ hashVersion: 2 });
    expect(e).toMatchObject({
      variations: ['control', 'treatment'],
      hashVersion: 1,
      hashAttribute: 'id',
      status: 'stopped',
    });
  });

  it('survives hostile objects (throwing getters) with a warning', () => {
    const warn = vi.fn();
    const evil = {
      key: 'evil',
      get variations(): string[] {
        throw new Error('boom');
      },
    };
    expect(parseConfig({ v: 1, site: 's', experiments: [evil] }, warn).experiments).toEqual([]);
    expect(warn.mock.calls[0]![0]).toMatch(/config.experiments\[0\]: unreadable/);
  });
});

describe('parsing never throws', () => {
  const experimentLike = fc.record(
    {
      key: fc.oneof(fc.string(), fc.anything()),
      variations: fc.oneof(fc.array(fc.string()), fc.anything()),
      weights: fc.oneof(fc.array(fc.double()), fc.anything()),
      coverage: fc.oneof(fc.double(), fc.anything()),
      status: fc.oneof(fc.constantFrom('running', 'paused', 'stopped', 'draft'), fc.anything()),
      hashVersion: fc.anything(),
      namespace: fc.anything(),
      filters: fc.oneof(fc.array(fc.record({ seed: fc.anything(), ranges: fc.anything() })), fc.anything()),
      targeting: fc.anything(),
      force: fc.anything(),
      ranges: fc.anything(),
      meta: fc.anything(),
    },
    { requiredKeys: [] },
  );

  it('on arbitrary JSON, and assign() on whatever it returns', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.jsonValue(), fc.record({ v: fc.jsonValue(), experiments: fc.array(fc.jsonValue()) })),
        (raw) => {
          const c = parseConfig(raw, () => {});
          for (const e of c.experiments) assign(e, 'u', { warn: () => {} });
        },
      ),
      { numRuns: 5_000, seed: 1 },
    );
  }, 60_000);

  it('on experiment-shaped objects with arbitrary field values', () => {
    fc.assert(
      fc.property(fc.array(experimentLike, { maxLength: 4 }), fc.string(), (experiments, unit) => {
        const c = parseConfig({ v: 1, site: 's', experiments }, () => {});
        for (const e of c.experiments) {
          const r = assign(e, unit, {
            warn: () => {},
            url: `https://x.test/?${e.key}=1`,
            attributes: { device: 'mobile' },
          });
          expect(r.variation).toBeGreaterThanOrEqual(0);
          expect(r.variation).toBeLessThan(Math.max(1, e.variations.length));
        }
        for (const e of experiments) assign(e as never, unit, { warn: () => {} });
      }),
      { numRuns: 5_000, seed: 2 },
    );
  }, 60_000);

  it('on a JSON string of any content', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        parseConfig(s, () => {});
      }),
      { numRuns: 2_000, seed: 3 },
    );
  });
});
