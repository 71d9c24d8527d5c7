// The framework hosts under test/hosts, BUILT (`pnpm -r --filter "./test/hosts/**" run build`),
// loaded in a same-origin iframe in real Chromium and Firefox: each app sets objects as element
// properties, listens to vitrine-* events through its framework and passes slotted content.
// What the framework saw is read back from the app's own state (`<output id="state">`).
import { expect } from '@open-wc/testing';

const HOSTS = [
  { name: 'react18', how: 'React 18 with the @vitrine/react wrappers' },
  { name: 'react19', how: 'React 19 with the elements directly' },
  { name: 'vue', how: 'Vue 3 with the elements directly' },
];

interface HostState {
  scenario: string;
  quantities: string;
  checkouts: number;
}

async function until<T>(what: string, probe: () => T | null | undefined | false, timeout = 5000): Promise<T> {
  const started = performance.now();
  for (;;) {
    const value = probe();
    if (value) return value;
    if (performance.now() - started > timeout) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

for (const host of HOSTS) {
  describe(`${host.how} (test/hosts/${host.name})`, () => {
    let frame: HTMLIFrameElement;
    let doc: Document;
    const state = () => JSON.parse(doc.getElementById('state')!.textContent!) as HostState;
    const cart = () => doc.querySelector('vitrine-coupon-cart')!;
    const cartPart = (part: string) => [...cart().shadowRoot!.querySelectorAll<HTMLElement>(`[part~="${part}"]`)];

    before(async function () {
      this.timeout(30_000); // loading a whole app, on a busy machine
      const url = `/test/hosts/${host.name}/dist/index.html`;
      const probe = await fetch(url);
      if (!probe.ok || !(await probe.text()).includes('<script')) {
        throw new Error(`${url} is missing: build the hosts first (pnpm -r --filter "./test/hosts/**" run build)`);
      }
      frame = document.createElement('iframe');
      frame.style.cssText = 'inline-size: 1000px; block-size: 1800px; border: 0';
      const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
      frame.src = url;
      document.body.append(frame);
      await loaded;
      doc = frame.contentDocument!;
      await until(
        'the app to render the cart lines',
        () => cart()?.shadowRoot?.querySelector('[part~="line"]'),
        20_000,
      );
    });

    after(() => frame?.remove());

    it('upgrades the elements and sets objects as properties, not attributes', async () => {
      const win = frame.contentWindow as Window & typeof globalThis;
      const el = cart();
      expect(el).to.be.instanceOf(win.customElements.get('vitrine-coupon-cart')!);
      expect(el.lines).to.be.an('array');
      expect((el.lines as { name: string }[])[0]!.name).to.equal('Aoki Quiet Cooker Mini');
      expect(el.hasAttribute('lines')).to.equal(false);
      expect(el.coupons).to.be.an('array').with.length(2);
      expect(el.shipping).to.equal(1500);
      expect(cartPart('line')).to.have.length(2);
      const compare = doc.querySelector('vitrine-scenario-compare')!;
      expect(compare.scenarios).to.be.an('array').with.length(3);
      await compare.updateComplete;
      const tabs = [...compare.shadowRoot!.querySelectorAll('[role="tab"]')].map((t) => t.textContent!.trim());
      expect(tabs).to.deep.equal(['Dorm room', 'Office lunch', 'Family dinner']);
    });

    it('hands vitrine-* events to the framework, typed detail and preventDefault included', async () => {
      const compare = doc.querySelector('vitrine-scenario-compare')!;
      compare.shadowRoot!.querySelectorAll<HTMLElement>('[role="tab"]')[1]!.click();
      await until('the app state to follow vitrine-scenario-change', () => state().scenario === 'office');
      await compare.updateComplete;
      expect(compare.shadowRoot!.querySelectorAll('[role="tab"]')[1]!.getAttribute('aria-selected')).to.equal('true');

      const plus = cartPart('stepper')[0]!.querySelectorAll('button')[1]!;
      plus.click();
      await until('the app state to follow vitrine-cart-change', () => state().quantities === '2,1');

      let vetoed = false;
      const seen = (event: Event) => (vetoed = event.defaultPrevented);
      doc.addEventListener('vitrine-checkout', seen);
      cartPart('checkout')[0]!.click();
      doc.removeEventListener('vitrine-checkout', seen);
      await until('the app to count the checkout', () => state().checkouts === 1);
      expect(vetoed, 'the app called preventDefault() on the cancelable checkout').to.equal(true);
    });

    it('passes slotted content through', async () => {
      const message = doc.getElementById('empty-message')!;
      expect(message.parentElement, 'the slotted child stays in the light DOM').to.equal(cart());
      expect(message.slot).to.equal('empty');

      doc.getElementById('empty-cart')!.click();
      await until('the cart to be emptied by the app', () => (cart().lines as unknown[]).length === 0);
      await cart().updateComplete;
      const slot = cart().shadowRoot!.querySelector<HTMLSlotElement>('slot[name="empty"]')!;
      expect(slot, 'the cart renders its empty slot').to.exist;
      expect(slot.assignedElements()).to.deep.equal([doc.getElementById('empty-message')]);
    });
  });
}
