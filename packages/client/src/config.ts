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
const isRange = (r: unknown): r is [number, number] =>
  Array.isArray(r) && r.length === 2 && isNum(r[0]) && isNum(r[1]) && r[0] <= r[1];

// Fields only GrowthBook's experiment objects have: their presence (or non-string variations)
// selects GrowthBook's defaults (hashVersion 1, hashAttribute `id`, variation keys from `meta`).
const GROWTHBOOK_FIELDS = ['active', 'meta', 'ranges', 'force', 'condition', 'fallbackAttribute'];
// GrowthBook features Vitrine does not evaluate: an experiment using one is not run at all,
// rather than run for people it was not meant for.
const UNSUPPORTED = ['condition', 'parentConditions', 'include', 'url', 'urlPatterns', 'groups'];

/**
 * Validates one experiment (Vitrine's shape or GrowthBook's). Returns `null` only when there is
 * not even a key to report under; any other problem yields a usable experiment, possibly marked
 * `invalid`.
 */
export function parseExperiment(raw: unknown, warn: Warn = defaultWarn, where = 'experiment'): ParsedExperiment | null {
  try {
    return parseExperimentUnsafe(raw, warn, where);
  } catch (error) {
    // Defensive: getters or proxies in hand-built objects can throw; the page must not.
    warn(`[vitrine] ${where}: could not be read (${String(error)}); skipped`);
    return null;
  }
}

function parseExperimentUnsafe(raw: unknown, warn: Warn, where: string): ParsedExperiment | null {
  if (!isObject(raw)) {
    warn(`[vitrine] ${where}: must be an object; skipped`);
    return null;
  }
  const key = raw['key'];
  if (typeof key !== 'string' || key === '') {
    warn(`[vitrine] ${where}: "key" must be a non-empty string; skipped`);
    return null;
  }
  const name = `experiment "${key}"`;
  const w = (field: string, message: string) => warn(`[vitrine] ${name}: "${field}" ${message}`);
  const rawVariations = raw['variations'];
  const gb =
    GROWTHBOOK_FIELDS.some((f) => f in raw) ||
    (Array.isArray(rawVariations) && rawVariations.some((v) => typeof v !== 'string'));

  const exp: ParsedExperiment = {
    key,
    variations: [],
    weights: [],
    coverage: 1,
    status: 'running',
    hashVersion: gb ? 1 : 2,
    hashAttribute: gb ? 'id' : 'anonymous_id',
    seed: key,
    bucketVersion: 0,
  };
  const invalid = (field: string, message: string) => {
    w(field, `${message}; the experiment is not run (everyone sees variation 0)`);
    exp.invalid ??= `${field} ${message}`;
  };

  // Variations and their keys.
  if (!Array.isArray(rawVariations) || rawVariations.length < 2) {
    invalid('variations', 'must be an array of at least 2 variations');
    exp.variations = Array.isArray(rawVariations)
      ? rawVariations.map((v, i) => (typeof v === 'string' ? v : String(i)))
      : ['0'];
  } else if (gb) {
    const meta = Array.isArray(raw['meta']) ? (raw['meta'] as unknown[]) : [];
    exp.variations = rawVariations.map((_, i) => {
      const m = meta[i];
      return isObject(m) && typeof m['key'] === 'string' && m['key'] ? m['key'] : String(i);
    });
  } else {
    exp.variations = rawVariations as string[];
    if (new Set(exp.variations).size !== exp.variations.length) w('variations', 'has duplicate keys');
  }
  const n = exp.variations.length;

  // Weights: GrowthBook falls back to equal weights silently; Vitrine does the same and says so.
  const weights = raw['weights'];
  exp.weights = n > 0 ? new Array<number>(n).fill(1 / n) : [];
  if (weights !== undefined) {
    if (!Array.isArray(weights) || !weights.every(isNum) || weights.some((x) => x < 0)) {
      w('weights', 'must be an array of non-negative numbers; using equal weights');
    } else if (weights.length !== n) {
      w('weights', `has ${weights.length} entries for ${n} variations; using equal weights`);
    } else {
      const total = weights.reduce((a, b) => a + b, 0);
      if (total < 0.99 || total > 1.01) w('weights', `add up to ${total}, not 1; using equal weights`);
      else exp.weights = weights;
    }
  }

  const coverage = raw['coverage'];
  if (coverage !== undefined) {
    if (!isNum(coverage)) w('coverage', 'must be a number from 0 to 1; using 1');
    else if (coverage < 0 || coverage > 1) {
      exp.coverage = coverage < 0 ? 0 : 1;
      w('coverage', `must be from 0 to 1; using ${exp.coverage}`);
    } else exp.coverage = coverage;
  }

  const status = raw['status'];
  if (status !== undefined) {
    if (status === 'running' || status === 'paused' || status === 'stopped') exp.status = status;
    else if (gb && status === 'draft') exp.status = 'stopped';
    else {
      w('status', 'must be "running", "paused" or "stopped"; treated as "paused"');
      exp.status = 'paused';
    }
  }
  if (raw['active'] === false) exp.status = 'stopped';

  const hv = raw['hashVersion'];
  if (hv !== undefined) {
    if (hv === 1 || hv === 2) exp.hashVersion = hv;
    else invalid('hashVersion', 'must be 1 or 2');
  }

  for (const field of ['hashAttribute', 'seed'] as const) {
    const v = raw[field];
    if (v === undefined) continue;
    if (typeof v === 'string' && v !== '') exp[field] = v;
    else w(field, `must be a non-empty string; using "${exp[field]}"`);
  }

  const bv = raw['bucketVersion'];
  if (bv !== undefined) {
    if (Number.isInteger(bv) && (bv as number) >= 0) exp.bucketVersion = bv as number;
    else w('bucketVersion', 'must be a non-negative integer; using 0');
  }

  const ns = raw['namespace'];
  if (ns !== undefined && ns !== null) {
    if (Array.isArray(ns) && ns.length === 3 && typeof ns[0] === 'string' && isNum(ns[1]) && isNum(ns[2]))
      exp.namespace = [ns[0], ns[1], ns[2]];
    else invalid('namespace', 'must be [id, start, end]');
  }

  const filters = raw['filters'];
  if (filters !== undefined && filters !== null) {
    if (!Array.isArray(filters)) invalid('filters', 'must be an array');
    else {
      exp.filters = [];
      filters.forEach((f, i) => {
        const fv = isObject(f) ? (f['hashVersion'] ?? 2) : 2;
        if (
          !isObject(f) ||
          typeof f['seed'] !== 'string' ||
          !Array.isArray(f['ranges']) ||
          !f['ranges'].every(isRange) ||
          (f['attribute'] !== undefined && typeof f['attribute'] !== 'string') ||
          (fv !== 1 && fv !== 2)
        ) {
          invalid(`filters[${i}]`, 'must be {seed, ranges: [[start, end], …], attribute?, hashVersion?: 1|2}');
          return;
        }
        exp.filters!.push({
          seed: f['seed'],
          ranges: f['ranges'] as [number, number][],
          ...(f['attribute'] ? { attribute: f['attribute'] as string } : {}),
          hashVersion: fv,
        });
      });
    }
  }

  const targeting = raw['targeting'];
  if (targeting !== undefined && targeting !== null) {
    if (!isObject(targeting)) invalid('targeting', 'must be an object of attribute → allowed values');
    else {
      exp.targeting = {};
      for (const [attr, values] of Object.entries(targeting)) {
        if (Array.isArray(values) && values.every((v) => typeof v === 'string')) exp.targeting[attr] = values;
        else invalid(`targeting.${attr}`, 'must be an array of strings');
      }
    }
  }

  const ranges = raw['ranges'];
  if (ranges !== undefined) {
    if (Array.isArray(ranges) && ranges.length === n && ranges.every(isRange)) exp.ranges = ranges;
    else w('ranges', 'must be one [start, end] per variation; using weights and coverage');
  }

  if ('force' in raw && raw['force'] !== undefined) {
    const f = raw['force'];
    // As in GrowthBook, an out-of-range force takes everyone (in coverage) out of the experiment.
    exp.force = Number.isInteger(f) ? (f as number) : -1;
    if (!(exp.force >= 0 && exp.force < n)) w('force', `must be a variation index from 0 to ${n - 1}`);
  }

  for (const field of UNSUPPORTED) {
    if (raw[field] !== undefined && raw[field] !== null)
      invalid(field, 'is a GrowthBook feature Vitrine does not evaluate');
  }

  parsedExperiments.add(exp);
  return exp;
}

/**
 * Validates a whole config document. Never throws; experiments without a key are dropped, the
 * rest are kept (invalid ones marked so). A later duplicate key is dropped.
 */
export function parseConfig(raw: unknown, warn: Warn = defaultWarn): ParsedConfig {
  const config: ParsedConfig = { v: 1, site: '', experiments: [] };
  try {
    if (typeof raw === 'string') {
      try {
        raw = JSON.parse(raw);
      } catch {
        warn('[vitrine] config: not valid JSON; no experiments run');
        return config;
      }
    }
    if (!isObject(raw)) {
      warn('[vitrine] config: must be an object {v: 1, site, experiments}; no experiments run');
      return config;
    }
    if (raw['v'] !== 1) warn(`[vitrine] config: "v" must be 1; reading it as version 1`);
    if (typeof raw['site'] === 'string') config.site = raw['site'];
    else if (raw['site'] !== undefined) warn('[vitrine] config: "site" must be a string');
    const list = raw['experiments'];
    if (!Array.isArray(list)) {
      warn('[vitrine] config: "experiments" must be an array; no experiments run');
      return config;
    }
    const seen = new Set<string>();
    list.forEach((item, i) => {
      const exp = parseExperiment(item, warn, `config.experiments[${i}]`);
      if (!exp) return;
      if (seen.has(exp.key)) {
        warn(`[vitrine] experiment "${exp.key}": defined twice; the later one is ignored`);
        return;
      }
      seen.add(exp.key);
      config.experiments.push(exp);
    });
  } catch (error) {
    warn(`[vitrine] config: could not be read (${String(error)})`);
  }
  return config;
}
