/**
 * Reading GrowthBook experiment objects: their defaults (hash v1, hash attribute `id`), variation
 * keys from `meta`, `active`/`draft`, explicit `ranges` and `force`. Features Vitrine does not
 * evaluate (targeting conditions, prerequisites, URL targeting, groups, include callbacks) make
 * the experiment invalid rather than run it for people it was not meant for.
 */
import { type ParsedExperiment, type Warn, isRange, parseExperiment } from './config.js';

const GROWTHBOOK_ONLY = ['active', 'meta', 'ranges', 'force', 'condition', 'fallbackAttribute'];
const UNSUPPORTED = ['condition', 'parentConditions', 'include', 'url', 'urlPatterns', 'groups'];

/** Whether an object is a GrowthBook experiment (non-string variations or GrowthBook-only fields). */
export function isGrowthBookExperiment(raw: Record<string, unknown>): boolean {
  const v = raw['variations'];
  return GROWTHBOOK_ONLY.some((f) => f in raw) || (Array.isArray(v) && v.some((x) => typeof x !== 'string'));
}

export function fromGrowthBook(
  raw: Record<string, unknown>,
  warn: Warn = (m) => console.warn(m),
): ParsedExperiment | null {
  const v = raw['variations'];
  const meta = raw['meta'];
  const variations = Array.isArray(v)
    ? v.map((_, i) => {
        const m: unknown = Array.isArray(meta) ? meta[i] : undefined;
        const key = m && typeof m === 'object' ? (m as { key?: unknown }).key : undefined;
        return typeof key === 'string' && key ? key : String(i);
      })
    : v;
  const status = raw['active'] === false || raw['status'] === 'draft' ? 'stopped' : raw['status'];
  const exp = parseExperiment(
    { hashVersion: 1, hashAttribute: 'id', ...raw, variations, ...(status === undefined ? {} : { status }) },
    warn,
  );
  if (!exp) return null;
  const w = (field: string, message: string) => warn(`[vitrine] experiment "${exp.key}": "${field}" ${message}`);
  const n = exp.variations.length;
  const ranges = raw['ranges'];
  if (Array.isArray(ranges) && ranges.length === n && ranges.every(isRange)) exp.ranges = ranges;
  else if (ranges !== undefined) w('ranges', 'must be one [start, end] per variation; using weights and coverage');
  if (raw['force'] !== undefined) {
    const f = raw['force'];
    // As in GrowthBook, an out-of-range force takes everyone (in coverage) out of the experiment.
    exp.force = Number.isInteger(f) ? (f as number) : -1;
    if (!(exp.force >= 0 && exp.force < n)) w('force', `must be a variation index from 0 to ${n - 1}`);
  }
  for (const field of UNSUPPORTED) {
    if (raw[field] != null) {
      w(field, 'is a GrowthBook feature Vitrine does not evaluate; not run (variation 0)');
      exp.invalid ??= field;
    }
  }
  return exp;
}
