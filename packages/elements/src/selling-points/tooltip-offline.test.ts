import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SellingPoints } from '@vitrine/elements';
import '@vitrine/elements/selling-points';

// The tooltip's code cannot be loaded (offline, blocked): a file of its own, since the element
// remembers the failed import for the life of the page.
vi.mock('./tooltip.js', () => {
  throw new Error('offline');
});

afterEach(() => {
  document.body.innerHTML = '';
});

describe('<vitrine-selling-points> tooltip without its code', () => {
  it('shows the details in place while hovered, focused or tapped', async () => {
    const items = [
      { icon: 'return', title: 'Free returns', details: '30 days, collected from your door.' },
      { icon: 'quiet', title: 'Quiet: 38 dB' },
    ];
    document.body.innerHTML = `<vitrine-selling-points items='${JSON.stringify(items)}'></vitrine-selling-points>`;
    const el = document.querySelector<SellingPoints>('vitrine-selling-points')!;
    await el.updateComplete;
    const trigger = el.shadowRoot!.querySelector('button')!;
    const tip = el.shadowRoot!.getElementById(trigger.getAttribute('aria-describedby')!)!;
    trigger.click();
    await vi.waitFor(() => expect(tip.hidden).toBe(false));
    expect(tip.hasAttribute('style')).toBe(false);
    trigger.dispatchEvent(new Event('blur'));
    await vi.waitFor(() => expect(tip.hidden).toBe(true));
    trigger.dispatchEvent(new Event('focus'));
    await vi.waitFor(() => expect(tip.hidden).toBe(false));
    trigger.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    await vi.waitFor(() => expect(tip.hidden).toBe(true));
  });
});
