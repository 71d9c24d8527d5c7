/**
 * The texts of <vitrine-scenario-compare>'s config warnings, loaded with `import()` only when a
 * configuration has a problem: each is said a moment later, once, naming the element and the field.
 */
import type { ScenarioCompare } from './scenario-compare.js';

const texts = {
  title: (i: number) => [`scenarios[${i}].title`, 'is missing; that scenario is left out.'],
  row: (i: number) => [`specs[${i}]`, 'needs a "label" and a "value"; that row is left out.'],
  selected: (id: string) => ['selected', `"${id}" is not a scenario id; showing the first.`],
} as const;

export type Warning = keyof typeof texts;

/** Says warning `key` about `value` (once, naming the element and the field, as every warning). */
export function warn(host: ScenarioCompare, key: Warning, value: string | number): void {
  const [field, message] = texts[key](value as never);
  (host as unknown as { warn(field: string, message: string): void }).warn(field, message);
}
