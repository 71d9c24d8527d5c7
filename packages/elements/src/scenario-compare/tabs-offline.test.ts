import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ScenarioCompare } from '@vitrine/elements';
import '@vitrine/elements/scenario-compare';

// The tab list's keys cannot be loaded (offline, blocked): a file of its own, since the element
// remembers the failed import for the life of the page.
vi.mock('./tabs.js', () => {
  throw new Error('offline');
});

afterEach(() => {
  document.body.innerHTML = '';
});

describe('<vitrine-scenario-compare> tab keys without their code', () => {
  it('makes every tab a tab stop, so each can still be reached and chosen from the keyboard', async () => {
    const scenarios = [
      { id: 'kitchen', title: 'Small kitchen' },
      { id: 'morning', title: 'Quiet morning' },
    ];
    document.body.innerHTML = `<vitrine-scenario-compare scenarios='${JSON.stringify(scenarios)}'></vitrine-scenario-compare>`;
    const el = document.querySelector<ScenarioCompare>('vitrine-scenario-compare')!;
    await el.updateComplete;
    const tabs = () => Array.from(el.shadowRoot!.querySelectorAll<HTMLElement>('[role="tab"]'));
    expect(tabs().map((t) => t.tabIndex)).toEqual([0, -1]);
    tabs()[0]!.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    await vi.waitFor(() => expect(tabs().map((t) => t.tabIndex)).toEqual([0, 0]));
    expect(el.selected).toBe('');
    tabs()[1]!.click();
    await el.updateComplete;
    expect(el.selected).toBe('morning');
  });
});
