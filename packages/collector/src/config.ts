import type { ExperimentDefinition, SiteConfig } from './types.js';
import { SITE, isObject } from './validate.js';

export interface ConfigProblem {
  path: string;
  reason: string;
}

const KEY = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
const STATUSES = ['running', 'paused', 'stopped'];

/**
 * Server-side validation of a site's experiment config (CONTRACTS.md "Experiment config"). Returns
 * every problem with the path of the field, so the dashboard and API callers can show all of them.
 */
export function validateConfig(input: unknown, site: string): { config: SiteConfig } | { problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  const problem = (path: string, reason: string) => problems.push({ path, reason });
  if (!isObject(input)) return { problems: [{ path: '', reason: 'config must be a JSON object' }] };
  if (input.v !== 1) problem('v', 'must be 1');
  if (input.site !== undefined && input.site !== site) problem('site', `must be "${site}" (the site in the URL)`);
  if (!SITE.test(site)) problem('site', 'must be 1 to 64 letters, digits, ".", "_" or "-"');
  if (!Array.isArray(input.experiments)) {
    problem('experiments', 'must be an array');
    return { problems };
  }
  const keys = new Set<string>();
  input.experiments.forEach((raw: unknown, i: number) => {
    const at = `experiments[${i}]`;
    if (!isObject(raw)) return problem(at, 'must be an object');
    const e = raw;
    if (typeof e.key !== 'string' || !KEY.test(e.key))
      problem(`${at}.key`, 'must be 1 to 128 letters, digits, ".", "_" or "-"');
    else if (keys.has(e.key)) problem(`${at}.key`, `"${e.key}" is used twice`);
    else keys.add(e.key);
    const variations = e.variations;
    if (!Array.isArray(variations) || variations.length < 2 || variations.length > 20)
      problem(`${at}.variations`, 'must list 2 to 20 variation keys');
    else if (!variations.every((v) => typeof v === 'string' && v.length > 0 && v.length <= 64))
      problem(`${at}.variations`, 'must be non-empty strings of at most 64 characters');
    else if (new Set(variations).size !== variations.length) problem(`${at}.variations`, 'must be unique');
    const n = Array.isArray(variations) ? variations.length : 0;
    if (e.weights !== undefined) {
      if (!Array.isArray(e.weights) || e.weights.length !== n)
        problem(`${at}.weights`, `must hold one weight per variation (${n})`);
      else if (!e.weights.every((w) => typeof w === 'number' && Number.isFinite(w) && w >= 0 && w <= 1))
        problem(`${at}.weights`, 'must be numbers from 0 to 1');
      else if (Math.abs((e.weights as number[]).reduce((s, w) => s + w, 0) - 1) > 0.001)
        problem(`${at}.weights`, 'must add up to 1');
    }
    if (e.coverage !== undefined && !(typeof e.coverage === 'number' && e.coverage >= 0 && e.coverage <= 1))
      problem(`${at}.coverage`, 'must be a number from 0 to 1');
    if (e.status !== undefined && !STATUSES.includes(e.status as string))
      problem(`${at}.status`, 'must be "running", "paused" or "stopped"');
    if (e.hashVersion !== undefined && e.hashVersion !== 1 && e.hashVersion !== 2)
      problem(`${at}.hashVersion`, 'must be 1 or 2');
    for (const field of ['hashAttribute', 'seed'] as const)
      if (e[field] !== undefined && (typeof e[field] !== 'string' || (e[field] as string).length === 0))
        problem(`${at}.${field}`, 'must be a non-empty string');
    if (e.bucketVersion !== undefined && !(Number.isSafeInteger(e.bucketVersion) && (e.bucketVersion as number) >= 0))
      problem(`${at}.bucketVersion`, 'must be an integer ≥ 0');
    if (e.namespace !== undefined) {
      const ns = e.namespace;
      if (
        !Array.isArray(ns) ||
        ns.length !== 3 ||
        typeof ns[0] !== 'string' ||
        typeof ns[1] !== 'number' ||
        typeof ns[2] !== 'number' ||
        !(ns[1] >= 0 && ns[1] < ns[2] && ns[2] <= 1)
      )
        problem(`${at}.namespace`, 'must be [id, start, end] with 0 ≤ start < end ≤ 1');
    }
    if (e.filters !== undefined) {
      if (!Array.isArray(e.filters)) problem(`${at}.filters`, 'must be an array');
      else
        e.filters.forEach((f: unknown, j: number) => {
          const fat = `${at}.filters[${j}]`;
          if (!isObject(f) || typeof f.seed !== 'string' || !Array.isArray(f.ranges))
            return problem(fat, 'must be {seed, ranges, attribute?, hashVersion?}');
          if (
            !f.ranges.every(
              (r: unknown) =>
                Array.isArray(r) &&
                r.length === 2 &&
                typeof r[0] === 'number' &&
                typeof r[1] === 'number' &&
                r[0] >= 0 &&
                r[0] <= r[1] &&
                r[1] <= 1,
            )
          )
            problem(`${fat}.ranges`, 'must be [start, end] pairs with 0 ≤ start ≤ end ≤ 1');
        });
    }
    if (e.targeting !== undefined) {
      if (!isObject(e.targeting)) problem(`${at}.targeting`, 'must be an object of string lists');
      else
        for (const [name, values] of Object.entries(e.targeting))
          if (!Array.isArray(values) || !values.every((v) => typeof v === 'string'))
            problem(`${at}.targeting.${name}`, 'must be a list of strings');
    }
  });
  if (problems.length > 0) return { problems };
  return { config: { ...(input as unknown as SiteConfig), v: 1, site } };
}

/** Equal weights unless configured. */
export function weightsOf(experiment: ExperimentDefinition): number[] {
  return experiment.weights ?? experiment.variations.map(() => 1 / experiment.variations.length);
}

/** One line per change, e.g. `spec-vs-guide: status running → paused; coverage 0.5 → 1`. */
export function describeChange(before: SiteConfig | null, after: SiteConfig): string {
  const old = new Map((before?.experiments ?? []).map((e) => [e.key, e]));
  const now = new Map(after.experiments.map((e) => [e.key, e]));
  const lines: string[] = [];
  for (const [key, e] of now) {
    const prior = old.get(key);
    if (!prior) {
      lines.push(`${key}: added (${e.status ?? 'running'})`);
      continue;
    }
    const changes: string[] = [];
    const defaults = (x: ExperimentDefinition): Record<string, unknown> => ({
      ...x,
      status: x.status ?? 'running',
      coverage: x.coverage ?? 1,
      weights: weightsOf(x).map((w) => Math.round(w * 1000) / 1000),
    });
    const a = defaults(prior);
    const b = defaults(e);
    for (const field of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const va = JSON.stringify(a[field]);
      const vb = JSON.stringify(b[field]);
      if (va !== vb) changes.push(`${field} ${va ?? '—'} → ${vb ?? '—'}`.replace(/"/g, ''));
    }
    if (changes.length > 0) lines.push(`${key}: ${changes.join('; ')}`);
  }
  for (const key of old.keys()) if (!now.has(key)) lines.push(`${key}: removed`);
  return lines.length > 0 ? lines.join('\n') : 'no change';
}
