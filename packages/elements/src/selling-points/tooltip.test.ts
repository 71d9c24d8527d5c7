import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SellingPoints } from '@vitrine/elements';
import '@vitrine/elements/selling-points';

// A file of its own: the tooltip's code (tooltip.ts) must not have been loaded by another test.
const ITEMS = [
  { icon: 'return', title: 'Free returns', details: '30 days, collected from your door.' },
  { icon: 'shield', title: '2-year warranty', details: 'Parts and labour, at home.' },
];

afterEach(() => {
  document.body.innerHTML = '';
});

describe('<vitrine-selling-points> tooltip, first interaction', () => {
  it('handles the triggers that come before the tooltip code, in order, once it arrives', async () => {
    document.body.innerHTML = `<vitrine-selling-points items='${JSON.stringify(ITEMS)}'></vitrine-selling-points>`;
    const el = document.querySelector<SellingPoints>('vitrine-selling-points')!;
    await el.updateComplete;
    const [a, b] = Array.from(el.shadowRoot!.querySelectorAll('button'));
    const tip = (button: HTMLButtonElement) => el.shadowRoot!.getElementById(button.getAttribute('aria-describedby')!)!;
    a!.click();
    b!.click();
    expect([tip(a!).hidden, tip(b!).hidden], 'nothing opens before the code arrives').toEqual([true, true]);
    await vi.waitFor(() => expect(tip(b!).hidden).toBe(false));
    expect(tip(a!).hidden).toBe(true);
  });
});
