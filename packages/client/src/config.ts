/**
 * Experiment config: the shape of CONTRACTS.md (inline `#vitrine-config`, a static file or
 * `GET /v1/config/:site`), plus GrowthBook's experiment objects. Parsing never throws, whatever
 * the input: every problem becomes one warning naming the experiment and the field, and the
 * experiment either gets a safe default for that field or is marked invalid (variation 0).
 */

export type ExperimentStatus = 'running' | 'paused' | 'stopped';

/** A hash filter: the unit takes part only when its hash falls in one of `ranges`. */
export interface Filter {
  seed: string;
  ranges: [number, number][];
  /** Attribute hashed; defaults to the experiment's `hashAttribute`. */
  attribute?: string;
  /** 1 or 2; defaults to 2. */
  hashVersion?: number;
}

/** Simple targeting: each listed attribute must take one of the listed values. */
export interface Targeting {
  device?: string[];
  country?: string[];
  visitor?: string[];
  [attribute: string]: string[] | undefined;
}

/** One experiment as written in a Vitrine config (CONTRACTS.md). */
export interface Experiment {
  key: string;
  /** Variation keys; the variation index is the position. */
  variations: string[];
  weights?: number[];
  coverage?: number;
  status?: ExperimentStatus;
  hashVersion?: number;
  hashAttribute?: string;
  seed?: string;
  bucketVersion?: number;
  namespace?: [string, number, number];
  filters?: Filter[];
  targeting?: Targeting;
}

/** The subset of GrowthBook's `Experiment` object that Vitrine understands. */
export interface GrowthBookExperiment {
  key: string;
  variations: readonly unknown[];
  weights?: number[];
  coverage?: number;
  active?: boolean;
  status?: string;
  force?: number;
  hashVersion?: number;
  hashAttribute?: string;
  seed?: string;
  bucketVersion?: number;
  namespace?: [string, number, number];
  filters?: Filter[];
  ranges?: [number, number][];
  meta?: { key?: string; name?: string }[];
}

/** The whole config document. */
export interface ExperimentConfig {
  v: 1;
  site: string;
  experiments: Experiment[];
}

/** An experiment after validation, with every default filled in. */
export interface ParsedExperiment {
  key: string;
  variations: string[];
  weights: number[];
  coverage: number;
  status: ExperimentStatus;
  hashVersion: 1 | 2;
  hashAttribute: string;
  seed: string;
  bucketVersion: number;
  namespace?: [string, number, number];
  filters?: { seed: string; ranges: [number, number][]; attribute?: string; hashVersion: 1 | 2 }[];
  targeting?: Record<string, string[]>;
  /** Explicit ranges (GrowthBook `ranges`), used instead of weights and coverage. */
  ranges?: [number, number][];
  /** A variation forced for everyone (GrowthBook `force`). */
  force?: number;
  /** Set when the experiment cannot run: everyone sees variation 0 with reason `invalid`. */
  invalid?: string;
}

export interface ParsedConfig {
  v: 1;
  site: string;
  experiments: ParsedExperiment[];
}

export type Warn = (message: string) => void;

/** Experiments this module produced: `assign()` runs them as they are, without parsing again. */
export const parsedExperiments = new WeakSet<ParsedExperiment>();

const defaultWarn: Warn = (message) => console.warn(message);

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
export const isRange = (r: unknown): r is [number, number] =>
  Array.isArray(r) && r.length === 2 && isNum(r[0]) && isNum(r[1]) && r[0] <= r[1];
const isStrings = (x: unknown): x is string[] => Array.isArray(x) && x.every((v) => typeof v === 'string');

/**
 * Validates one experiment of the CONTRACTS.md shape (GrowthBook objects go through
 * `fromGrowthBook` first). Returns `null` only when there is not even a key to report under; any
 * other problem yields a usable experiment, possibly marked `invalid`.
 */
export function parseExperiment(raw: unknown, warn: Warn = defaultWarn, where = 'experiment'): ParsedExperiment | null {
  try {
    return parseUnsafe(raw, warn, where);
  } catch (error) {
    // Getters or proxies in hand-built objects can throw; the page must not.
    warn(`[vitrine] ${where}: unreadable (${String(error)}); skipped`);
    return null;
  }
}

function parseUnsafe(raw: unknown, warn: Warn, where: string): ParsedExperiment | null {
  const key = isObject(raw) ? raw['key'] : undefined;
  if (typeof key !== 'string' || !key) {
    warn(`[vitrine] ${where}: needs a "key"; skipped`);
    return null;
  }
  const r = raw as Record<string, unknown>;
  const w = (field: string, message: string) => warn(`[vitrine] experiment "${key}": "${field}" ${message}`);
  const bad = (field: string, expected: string) => {
    w(field, `must be ${expected}; not run (variation 0)`);
    exp.invalid ??= field;
  };
  const v = r['variations'];
  const variations = isStrings(v)
    ? v
    : Array.isArray(v)
      ? v.map((x, i) => (typeof x === 'string' ? x : `${i}`))
      : ['0'];
  const n = variations.length;
  const exp: ParsedExperiment = {
    key,
    variations,
    weights: new Array<number>(n).fill(1 / n),
    coverage: 1,
    status: 'running',
    hashVersion: 2,
    hashAttribute: 'anonymous_id',
    seed: key,
    bucketVersion: 0,
  };
  if (!isStrings(v) || n < 2) bad('variations', '2+ variation keys');

  // Like GrowthBook, fall back to equal weights; unlike it, say so.
  const weights = r['weights'];
  if (weights !== undefined) {
    const total =
      Array.isArray(weights) && weights.length === n && weights.every((x) => isNum(x) && x >= 0)
        ? weights.reduce((a, b) => a + b, 0)
        : NaN;
    if (!(total >= 0.99 && total <= 1.01))
      w('weights', `must be ${n} non-negative numbers adding up to 1; using equal weights`);
    else exp.weights = weights as number[];
  }
  const coverage = r['coverage'];
  if (coverage !== undefined) {
    exp.coverage = isNum(coverage) ? Math.min(1, Math.max(0, coverage)) : 1;
    if (exp.coverage !== coverage) w('coverage', `must be from 0 to 1; using ${exp.coverage}`);
  }
  const status = r['status'];
  if (status !== undefined) {
    if (status === 'running' || status === 'paused' || status === 'stopped') exp.status = status;
    else {
      w('status', 'must be running, paused or stopped; using paused');
      exp.status = 'paused';
    }
  }
  const hv = r['hashVersion'];
  if (hv !== undefined) {
    if (hv === 1 || hv === 2) exp.hashVersion = hv;
    else bad('hashVersion', '1 or 2');
  }
  for (const field of ['hashAttribute', 'seed'] as const) {
    const x = r[field];
    if (typeof x === 'string' && x) exp[field] = x;
    else if (x !== undefined) w(field, `must be a non-empty string; using "${exp[field]}"`);
  }
  const bv = r['bucketVersion'];
  if (Number.isInteger(bv) && (bv as number) >= 0) exp.bucketVersion = bv as number;
  else if (bv !== undefined) w('bucketVersion', 'must be an integer ≥ 0; using 0');

  const ns = r['namespace'];
  if (Array.isArray(ns) && ns.length === 3 && typeof ns[0] === 'string' && isNum(ns[1]) && isNum(ns[2]))
    exp.namespace = ns as [string, number, number];
  else if (ns != null) bad('namespace', '[id, start, end]');

  const filters = r['filters'];
  if (filters != null) {
    exp.filters = [];
    (Array.isArray(filters) ? filters : [filters]).forEach((f, i) => {
      const fv = isObject(f) ? (f['hashVersion'] ?? 2) : 0;
      if (
        isObject(f) &&
        typeof f['seed'] === 'string' &&
        Array.isArray(f['ranges']) &&
        f['ranges'].every(isRange) &&
        (f['attribute'] === undefined || typeof f['attribute'] === 'string') &&
        (fv === 1 || fv === 2)
      )
        exp.filters!.push({
          seed: f['seed'],
          ranges: f['ranges'],
          attribute: f['attribute'] as string | undefined,
          hashVersion: fv,
        });
      else bad(`filters[${i}]`, '{seed, ranges: [[start, end]…], attribute?, hashVersion?}');
    });
  }

  const targeting = r['targeting'];
  if (isObject(targeting)) {
    exp.targeting = {};
    for (const attr in targeting) {
      if (isStrings(targeting[attr])) exp.targeting[attr] = targeting[attr];
      else bad(`targeting.${attr}`, 'a list of strings');
    }
  } else if (targeting != null) bad('targeting', '{attribute: [values]}');

  parsedExperiments.add(exp);
  return exp;
}
