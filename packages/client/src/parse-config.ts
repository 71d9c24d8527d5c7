import { type ParsedConfig, type ParsedExperiment, type Warn, parseExperiment } from './config.js';
import { fromGrowthBook, isGrowthBookExperiment } from './growthbook.js';

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** One experiment of either shape (CONTRACTS.md or GrowthBook's); never throws. */
export function readExperiment(raw: unknown, warn?: Warn, where?: string): ParsedExperiment | null {
  try {
    if (isObject(raw) && isGrowthBookExperiment(raw)) return fromGrowthBook(raw, warn);
  } catch {
    /* unreadable: parseExperiment reports it */
  }
  return parseExperiment(raw, warn, where);
}

/**
 * Validates a whole config document (an object or its JSON text). Never throws; experiments
 * without a key are dropped with a warning, the rest are kept (invalid ones marked so). A later
 * duplicate key is dropped.
 */
export function parseConfig(raw: unknown, warn: Warn = (m) => console.warn(m)): ParsedConfig {
  const config: ParsedConfig = { v: 1, site: '', experiments: [] };
  const fail = (message: string) => warn(`[vitrine] config: ${message}; no experiments run`);
  try {
    if (typeof raw === 'string') raw = JSON.parse(raw);
    if (!isObject(raw) || !Array.isArray(raw['experiments'])) {
      fail('must be {v: 1, site, experiments: [...]}');
      return config;
    }
    if (raw['v'] !== 1) warn('[vitrine] config: "v" must be 1');
    if (typeof raw['site'] === 'string') config.site = raw['site'];
    const seen = new Set<string>();
    raw['experiments'].forEach((item, i) => {
      const exp = readExperiment(item, warn, `config.experiments[${i}]`);
      if (exp && seen.has(exp.key)) warn(`[vitrine] experiment "${exp.key}": defined twice; the later one is ignored`);
      else if (exp) {
        seen.add(exp.key);
        config.experiments.push(exp);
      }
    });
  } catch (error) {
    fail(`unreadable (${String(error)})`);
  }
  return config;
}
