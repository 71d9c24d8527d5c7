// The generated wrappers under happy-dom with React 19's client renderer: properties (objects,
// not strings) reach the element, `onVitrine…` props receive the element's events, children are
// slotted. The hosts under test/hosts repeat this in real browsers with React 18.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createElement } from 'react';
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ScenarioCompare } from '@vitrine/elements';
import { VitrineScenarioCompare } from './scenario-compare.js';
import { VitrineSellingPoints } from './selling-points.js';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const scenarios = [
  { id: 'commute', title: 'Commute', points: ['Fits a backpack'] },
  { id: 'office', title: 'Office', points: ['Quiet: 38 dB'] },
];

let host: HTMLElement;
afterEach(() => host?.remove());

async function render(node: ReturnType<typeof createElement>) {
  host = document.createElement('div');
  document.body.append(host);
  const root = createRoot(host);
  await act(async () => root.render(node));
  return root;
}

describe('@vitrine/react wrappers', () => {
  it('sets object properties and forwards vitrine-* events to onVitrine… props', async () => {
    const onChange = vi.fn();
    await render(
      createElement(VitrineScenarioCompare, { scenarios, selected: 'commute', onVitrineScenarioChange: onChange }),
    );
    const el = host.querySelector('vitrine-scenario-compare') as ScenarioCompare;
    expect(el).toBeInstanceOf(customElements.get('vitrine-scenario-compare')!);
    expect(el.scenarios).toBe(scenarios); // the same array: a property, not a serialised attribute
    expect(el.hasAttribute('scenarios')).toBe(false);
    await el.updateComplete;
    const tabs = el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[role="tab"]');
    expect(tabs).toHaveLength(2);
    tabs[1]!.click();
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(onChange.mock.calls[0]![0].detail).toEqual({ scenario: 'office', index: 1 });
  });

  it('passes children through as slotted light DOM', async () => {
    await render(
      createElement(
        VitrineSellingPoints,
        { layout: 'vertical' },
        createElement('div', { 'data-icon': 'truck' }, createElement('strong', null, '24h dispatch'), ' from Shanghai'),
        createElement('div', { 'data-icon': 'return' }, createElement('strong', null, 'Free returns'), ' for 30 days'),
      ),
    );
    const el = host.querySelector('vitrine-selling-points')!;
    expect(el.layout).toBe('vertical');
    expect(el.querySelector('strong')?.textContent).toBe('24h dispatch');
  });

  it('has one generated entry per element of the manifest, each in package.json exports', () => {
    const root = join(import.meta.dirname, '..');
    const manifest = JSON.parse(readFileSync(join(root, '..', 'elements', 'custom-elements.json'), 'utf8')) as {
      modules: { exports?: { kind: string; name: string }[] }[];
    };
    const tags = manifest.modules.flatMap((m) =>
      (m.exports ?? [])
        .filter((e) => e.kind === 'custom-element-definition')
        .map((e) => e.name.slice('vitrine-'.length)),
    );
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { exports: Record<string, unknown> };
    const wrappers = readdirSync(join(root, 'src')).filter((f) => f.endsWith('.ts') && !f.includes('.test.'));
    expect(wrappers.map((f) => f.slice(0, -3)).sort()).toEqual(tags.sort());
    for (const name of tags) expect(Object.keys(pkg.exports)).toContain(`./${name}`);
  });
});
