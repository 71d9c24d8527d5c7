/**
 * `assign()`: which variation of an experiment a unit sees. Pure (no globals, no I/O), so the
 * same function runs in the browser and on a server, and gives GrowthBook's answer.
 *
 * Speed: an experiment object is validated and compiled once (ranges, the FNV state of its seed,
 * one frozen result per variation and reason) and cached in a WeakMap, so a call hashes the unit
 * and returns a shared result object without allocating. Treat experiment objects as immutable:
 * pass a new object to change an experiment.
 */
import {
  type ParsedExperiment,
  type Experiment,
  type GrowthBookExperiment,
  type Warn,
  parseExperiment,
  parsedExperiments as parsed,
} from './config.js';
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
  /** Receives validation warnings the first time an experiment object is compiled. */
  warn?: Warn;
}

export type AnyExperiment = Experiment | GrowthBookExperiment | ParsedExperiment;

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

const INVALID = result(0, '', false, 'invalid');
const cache = new WeakMap<object, Compiled | null>();

/** Validates (with warnings) and returns the normalised experiment that `assign()` runs. */
export function prepareExperiment(experiment: unknown, warn?: Warn): ParsedExperiment | null {
  if (typeof experiment !== 'object' || experiment === null) return parseExperiment(experiment, warn);
  if (parsed.has(experiment as ParsedExperiment)) return experiment as ParsedExperiment;
  return compiled(experiment, warn)?.exp ?? null;
}

function compiled(experiment: object, warn?: Warn): Compiled | null {
  let c = cache.get(experiment);
  if (c !== undefined) return c;
  const exp = parsed.has(experiment as ParsedExperiment)
    ? (experiment as ParsedExperiment)
    : parseExperiment(experiment, warn);
  c = exp && compile(exp);
  cache.set(experiment, c);
  if (exp) cache.set(exp, c);
  return c;
}

function compile(exp: ParsedExperiment): Compiled {
  const n = exp.variations.length;
  const list = exp.ranges ?? getBucketRanges(n, exp.coverage, exp.weights);
  const ranges = new Float64Array(n * 2);
  list.forEach((r, i) => ranges.set(r, i * 2));
  const each = (inExperiment: boolean, reason: AssignmentReason) =>
    exp.variations.map((key, i) => result(i, key, inExperiment, reason));
  const zero = exp.variations[0] ?? '0';
  return {
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
 * Assigns `unitId` (the value of the experiment's `hashAttribute`) to a variation of `experiment`
 * (Vitrine's config shape or a GrowthBook experiment object). Never throws.
 *
 * Order (GrowthBook's): invalid → URL forcing → forced variations → paused/stopped → missing unit
 * → sticky → filters/namespace/targeting → hash and ranges → `force` → QA mode.
 */
export function assign(experiment: AnyExperiment, unitId: string, options?: AssignOptions): Assignment {
  if (typeof experiment !== 'object' || experiment === null) return INVALID;
  const c = cache.get(experiment) ?? compiled(experiment, options?.warn);
  if (!c) return INVALID;
  const exp = c.exp;
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
    if (fv !== undefined) return Number.isInteger(fv) && fv >= 0 && fv < n ? c.forced[fv]! : c.out;
  }
  if (exp.status !== 'running') return c.paused;
  if (typeof unitId !== 'string' || unitId === '') return c.out;

  let variation = -1;
  let stuck = false;
  const sticky = options?.sticky;
  if (sticky) {
    const stored = safeGet(sticky, unitId, c.stickyKey);
    variation = stored === undefined ? -1 : exp.variations.indexOf(stored);
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
  if (sticky && !stuck) safeSet(sticky, unitId, c.stickyKey, exp.variations[variation]!);
  return stuck ? c.sticky[variation]! : c.hash[variation]!;
}

// A sticky store is host code (storage can be full or blocked): its failures must not break assignment.
function safeGet(store: StickyStore, unitId: string, key: string): string | undefined {
  try {
    const v = store.get(unitId, key);
    return typeof v === 'string' ? v : undefined;
  } catch {
    return undefined;
  }
}

function safeSet(store: StickyStore, unitId: string, key: string, value: string): void {
  try {
    store.set(unitId, key, value);
  } catch {
    /* storage unavailable: the assignment stays deterministic by hash anyway */
  }
}
