/**
 * `assign()`: which variation of an experiment a unit sees. Pure (no globals, no I/O), so the
 * same function runs in the browser and on a server, and gives GrowthBook's answer.
 *
 * A raw experiment object (Vitrine's config shape or GrowthBook's) is validated once and the
 * result cached in a WeakMap; treat experiment objects as immutable (pass a new object to change
 * an experiment).
 */
import {
  type Experiment,
  type GrowthBookExperiment,
  type ParsedExperiment,
  type Warn,
  parseExperiment,
  parsedExperiments,
} from './config.js';
import { type AssignOptions, type Assignment, INVALID, run } from './core.js';
import { readExperiment } from './parse-config.js';

export type { Assignment, AssignmentReason, AssignOptions, StickyStore } from './core.js';
export type AnyExperiment = Experiment | GrowthBookExperiment | ParsedExperiment;

const parsedFrom = new WeakMap<object, ParsedExperiment | null>();

/** Validates (warnings go to `warn`, default `console.warn`) and returns what `assign()` runs. */
export function prepareExperiment(experiment: unknown, warn?: Warn): ParsedExperiment | null {
  if (typeof experiment !== 'object' || experiment === null) return parseExperiment(experiment, warn);
  if (parsedExperiments.has(experiment as ParsedExperiment)) return experiment as ParsedExperiment;
  let exp = parsedFrom.get(experiment);
  if (exp === undefined) parsedFrom.set(experiment, (exp = readExperiment(experiment, warn)));
  return exp;
}

/**
 * Assigns `unitId` (the value of the experiment's `hashAttribute`) to a variation of `experiment`
 * (Vitrine's config shape, a parsed experiment, or a GrowthBook experiment object). Never throws.
 */
export function assign(experiment: AnyExperiment, unitId: string, options?: AssignOptions): Assignment {
  const exp =
    typeof experiment === 'object' && experiment !== null && parsedExperiments.has(experiment as ParsedExperiment)
      ? (experiment as ParsedExperiment)
      : (parsedFrom.get(experiment) ?? prepareExperiment(experiment, options?.warn));
  return exp ? run(exp, unitId, options) : INVALID;
}
