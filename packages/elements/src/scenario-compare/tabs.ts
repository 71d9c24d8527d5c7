/**
 * The tab list's keys of <vitrine-scenario-compare> (WAI-ARIA tabs, automatic activation): the
 * arrows (mirrored in RTL), Home and End select a tab, move the focus to it and scroll the tab
 * row (only it) until the tab is wholly in view. Loaded with
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
  const tab = host.renderRoot.querySelector<HTMLElement>(`#tab${next}`);
  if (!tab) return;
  // The focus does not scroll (browsers leave a partly shown tab as it is, and would scroll the
  // page for a row out of view): the row alone scrolls, as little as shows the whole tab (a tab
  // is at most 80% of the row). scrollLeft grows to the right in LTR and RTL alike.
  tab.focus({ preventScroll: true });
  const row = tab.parentElement!;
  const edge = row.getBoundingClientRect();
  const box = tab.getBoundingClientRect();
  row.scrollLeft += Math.min(Math.max(0, box.right - edge.right), box.left - edge.left);
}
