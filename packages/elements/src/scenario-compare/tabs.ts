/**
 * The tab list's keys of <vitrine-scenario-compare> (WAI-ARIA tabs, automatic activation): the
 * arrows (mirrored in RTL), Home and End select a tab and move the focus to it. Loaded with
 * `import()` on the first of them; the element stops their default action (scrolling) at once,
 * and keys pressed before this chunk arrives are handled in order once it does.
 */
import type { ScenarioCompare } from './scenario-compare.js';

/** What the keys read and call on the element. */
interface TabsHost {
  isRtl: boolean;
  renderRoot: ShadowRoot;
  updateComplete: Promise<boolean>;
  list(): unknown[];
  active(list: unknown[]): number;
  select(list: unknown[], i: number): void;
}

export async function onKey(element: ScenarioCompare, key: string): Promise<void> {
  const host = element as unknown as TabsHost;
  const list = host.list();
  const n = list.length;
  const a = host.active(list);
  const d = host.isRtl ? -1 : 1;
  const next = (({ Home: 0, End: -1, ArrowRight: a + d, ArrowLeft: a - d } as Record<string, number>)[key]! + n) % n;
  host.select(list, next);
  await host.updateComplete;
  host.renderRoot.querySelector<HTMLElement>(`#tab${next}`)?.focus();
}
