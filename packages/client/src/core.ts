/**
 * The assignment engine over validated experiments (`ParsedExperiment`), without the config
 * parser, so the browser client's entry chunk stays small (it gets parsed experiments from its
 * lazily loaded config chunk). `assign()` in assign.ts adds the parsing of raw objects.
 *
 * Speed: an experiment is compiled once (ranges, the FNV state of its seed, one frozen result per
 * variation and reason) and cached in a WeakMap, so a call hashes the unit and returns a shared
 * result object without allocating.
 */
import type { ParsedExperiment, Warn } from './config.js';
import {
  FNV_OFFSET,
  fnvContinue,
  getBucketRanges,
  getQueryStringOverride,
  hashV1,
  hashV2FromSeedState,
} from './hash.js';

export type AssignmentReason = 'hash' | 'forced' | 'sticky' | 'paused' | 'not-eligible' | 'invalid';

/** The outcome of `assign()`. Out of the experiment: variation 0, `inExperiment` false. */
export interface Assignment {
  readonly variation: number;
  /** The variation's key (`variations[variation]`; for GrowthBook objects `meta[i].key` or the index). */
  readonly key: string;
  readonly inExperiment: boolean;
  readonly reason: AssignmentReason;
}

/**
 * Where sticky assignments live (the client keeps them in localStorage once consent allows; a
 * server can use its session store). `experimentKey` is `<key>__<bucketVersion>`, so a new
 * bucketVersion re-buckets everyone; the value is the variation key.
 */
export interface StickyStore {
  get(unitId: string, experimentKey: string): string | undefined;
  set(unitId: string, experimentKey: string, variationKey: string): void;
}

export interface AssignOptions {
  /** Other attributes: for targeting (`device`, `country`, `visitor`) and filters on another attribute. */
  attributes?: Record<string, unknown>;
  /** Page URL: `?<experiment-key>=<index>` forces a variation (QA, GrowthBook-compatible). */
  url?: string;
  /** Forced variations by experiment key (preview panel, tests). */
  forcedVariations?: Record<string, number>;
  /** QA mode: nobody is assigned by hash (forcing still works). */
  qaMode?: boolean;
  sticky?: StickyStore;
  /** Receives validation warnings the first time a raw experiment object is parsed. */
  warn?: Warn;
}

interface Compiled {
  exp: ParsedExperiment;
  /** FNV state after the seed, for hash v2. */
  seedState: number;
  /** Flattened ranges: start0, end0, start1, end1, … */
  ranges: Float64Array;
  stickyKey: string;
  hash: Assignment[];
  forced: Assignment[];
  sticky: Assignment[];
  out: Assignment;
  paused: Assignment;
  invalid: Assignment;
}

const result = (variation: number, key: string, inExperiment: boolean, reason: AssignmentReason): Assignment =>
  Object.freeze({ variation, key, inExperiment, reason });

export const INVALID = result(0, '', false, 'invalid');
const cache = new WeakMap<ParsedExperiment, Compiled>();

function compile(exp: ParsedExperiment): Compiled {
  const n = exp.variations.length;
  const list = exp.ranges ?? getBucketRanges(n, exp.coverage, exp.weights);
  const ranges = new Float64Array(n * 2);
  list.forEach((r, i) => ranges.set(r, i * 2));
  const each = (inExperiment: boolean, reason: AssignmentReason) =>
    exp.variations.map((key, i) => result(i, key, inExperiment, reason));
  const zero = exp.variations[0] ?? '0';
  const c: Compiled = {
    exp,
    seedState: fnvContinue(FNV_OFFSET, exp.seed),
    ranges,
    stickyKey: `${exp.key}__${exp.bucketVersion}`,
    hash: each(true, 'hash'),
    forced: each(true, 'forced'),
    sticky: each(true, 'sticky'),
    out: result(0, zero, false, 'not-eligible'),
    paused: result(0, zero, false, 'paused'),
    invalid: result(0, zero, false, 'invalid'),
  };
  cache.set(exp, c);
  return c;
}

function attributeValue(c: Compiled, unitId: string, attribute: string | undefined, options?: AssignOptions): string {
  if (attribute === undefined || attribute === c.exp.hashAttribute) return unitId;
  const v = options?.attributes?.[attribute];
  return v === undefined || v === null || v === false ? '' : String(v);
}

function eligible(c: Compiled, unitId: string, options?: AssignOptions): boolean {
  const { filters, namespace, targeting } = c.exp;
  // As in GrowthBook: filters, when present, replace the older namespace.
  if (filters) {
    for (const f of filters) {
      const value = attributeValue(c, unitId, f.attribute, options);
      if (!value) return false;
      const n =
        f.hashVersion === 2 ? hashV2FromSeedState(fnvContinue(FNV_OFFSET, f.seed), value) : hashV1(f.seed, value);
      if (!f.ranges.some((r) => n >= r[0] && n < r[1])) return false;
    }
  } else if (namespace) {
    const n = hashV1('__' + namespace[0], unitId);
    if (!(n >= namespace[1] && n < namespace[2])) return false;
  }
  if (targeting) {
    for (const attr in targeting) {
      const v = options?.attributes?.[attr];
      if (typeof v !== 'string' || !targeting[attr]!.includes(v)) return false;
    }
  }
  return true;
}

/**
 * Assigns `unitId` to a variation of a validated experiment. Order (GrowthBook's): invalid → URL
 * forcing → forced variations → paused/stopped → missing unit → sticky → filters/namespace/
 * targeting → hash and ranges → `force` → QA mode.
 */
export function run(exp: ParsedExperiment, unitId: string, options?: AssignOptions): Assignment {
  const c = cache.get(exp) ?? compile(exp);
  if (exp.invalid) return c.invalid;
  const n = exp.variations.length;

  if (options) {
    if (options.url) {
      const q = getQueryStringOverride(exp.key, options.url, n);
      if (q !== null) return c.forced[q]!;
    }
    const forced = options.forcedVariations;
    // Own keys only: an experiment named "constructor" must not read Object.prototype.
    const fv = forced && Object.hasOwn(forced, exp.key) ? forced[exp.key] : undefined;
    if (fv !== undefined) return c.forced[fv] ?? c.out;
  }
  if (exp.status !== 'running') return c.paused;
  if (typeof unitId !== 'string' || unitId === '') return c.out;

  let variation = -1;
  let stuck = false;
  const sticky = options?.sticky;
  if (sticky) {
    const stored = safe(() => sticky.get(unitId, c.stickyKey));
    variation = typeof stored === 'string' ? exp.variations.indexOf(stored) : -1;
    stuck = variation >= 0;
  }
  if (!stuck) {
    if ((exp.filters || exp.namespace || exp.targeting) && !eligible(c, unitId, options)) return c.out;
    const h = exp.hashVersion === 2 ? hashV2FromSeedState(c.seedState, unitId) : hashV1(exp.seed, unitId);
    const r = c.ranges;
    for (let i = 0; i < n; i++) {
      if (h >= r[2 * i]! && h < r[2 * i + 1]!) {
        variation = i;
        break;
      }
    }
    if (variation < 0) return c.out;
  }
  if (exp.force !== undefined) return c.forced[exp.force] ?? c.out;
  if (options?.qaMode) return c.out;
  if (sticky && !stuck) safe(() => sticky.set(unitId, c.stickyKey, exp.variations[variation]!));
  return stuck ? c.sticky[variation]! : c.hash[variation]!;
}

// A sticky store is host code (storage can be full or blocked): its failures must not break assignment.
function safe<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch {
    return undefined;
  }
}
