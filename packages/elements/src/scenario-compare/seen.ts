/**
 * What <vitrine-scenario-compare> reports once it is first half in view: the `impression`, and in
 * guide mode the `scenario_view` of the scenario shown. Loaded with `import()` then, so the
 * element's first load does not carry it (it reports nothing a shopper waits for).
 */
import type { ScenarioCompare } from './scenario-compare.js';

/** What it reads and calls on the element. */
interface SeenHost {
  shownMode(): 'guide' | 'table';
  list(): { id: string }[];
  active(list: unknown[]): number;
  track(type: string, fields: object): void;
}

export function seen(element: ScenarioCompare): void {
  const host = element as unknown as SeenHost;
  const mode = host.shownMode();
  const props = { element: 'scenario-compare', mode };
  host.track('impression', { props });
  const list = host.list();
  if (mode === 'guide')
    host.track('scenario_view', { props: { ...props, scenario: list[host.active(list)]!.id, trigger: 'visible' } });
}
