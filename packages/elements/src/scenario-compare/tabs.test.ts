import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ScenarioCompare } from '@vitrine/elements';
import '@vitrine/elements/scenario-compare';

// A file of its own: the tab list's keys (tabs.ts) must not have been loaded by another test.
const SCENARIOS = [
  { id: 'kitchen', title: 'Small kitchen' },
  { id: 'morning', title: 'Quiet morning' },
  { id: 'trip', title: 'Business trip' },
];

afterEach(() => {
  document.body.innerHTML = '';
});

describe('<vitrine-scenario-compare> tab keys, first use', () => {
  it('handles the keys pressed before their code arrives, in order, once it does', async () => {
    document.body.innerHTML = `<vitrine-scenario-compare scenarios='${JSON.stringify(SCENARIOS)}'></vitrine-scenario-compare>`;
    const el = document.querySelector<ScenarioCompare>('vitrine-scenario-compare')!;
    await el.updateComplete;
    const tabs = Array.from(el.shadowRoot!.querySelectorAll<HTMLElement>('[role="tab"]'));
    const press = (key: string) => tabs[0]!.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
    press('ArrowRight');
    press('ArrowRight');
    expect(el.selected, 'nothing moves before the code arrives').toBe('');
    await vi.waitFor(() => expect(el.selected).toBe('trip'));
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement).toBe(tabs[2]);
  });
});
