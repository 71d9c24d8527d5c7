import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { TestWidget } from './test-element.js';
import { defineElement } from './define.js';
import { resetWarnings, warned, warnLater } from './warn.js';
import {
  currencyExponent,
  formatMoney,
  loadStrings,
  localeChain,
  normaliseLocale,
  registerStrings,
  translate,
} from './i18n.js';
import { setDefaultClient } from './client-slot.js';
import { arrayOf } from './config.js';

beforeAll(() => defineElement('test-widget', TestWidget));
afterEach(() => {
  document.body.innerHTML = '';
  document.documentElement.removeAttribute('lang');
  resetWarnings();
  setDefaultClient(undefined);
  vi.restoreAllMocks();
});

async function mount(markup: string): Promise<TestWidget> {
  document.body.innerHTML = markup;
  const el = document.body.querySelector('test-widget') as TestWidget;
  await el.updateComplete;
  return el;
}

describe('defineElement', () => {
  it('does not throw when the tag is already defined, and keeps the first class', async () => {
    class Other extends TestWidget {}
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(() => defineElement('test-widget', Other)).not.toThrow();
    expect(customElements.get('test-widget')).toBe(TestWidget);
    await warned();
    // Same version: silent.
    expect(warn).not.toHaveBeenCalled();
  });

  it('warns once when another version already holds the tag', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    class Foreign extends HTMLElement {}
    customElements.define('test-foreign', Foreign);
    (Foreign as unknown as Record<symbol, string>)[Symbol.for('vitrine.version')] = '9.9.9';
    class Mine extends HTMLElement {}
    defineElement('test-foreign', Mine);
    defineElement('test-foreign', Mine);
    await warned();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![0]).toContain('9.9.9');
  });
});

describe('warnings', () => {
  it('print a moment later, in the order they were asked for, once each', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    warnLater('test-widget', 'mode', 'oneOf', 'x', ['a', 'b'], 'a');
    warnLater('test-widget', 'items', 'array');
    warnLater('test-widget', 'mode', 'oneOf', 'x', ['a', 'b'], 'a');
    expect(warn).not.toHaveBeenCalled(); // the wording is still loading
    await warned();
    expect(warn.mock.calls.map((c) => c[0])).toEqual([
      '<test-widget> mode: "x" is not one of "a", "b"; using "a".',
      '<test-widget> items: must be an array; it was ignored.',
    ]);
  });
});

describe('odd values', () => {
  it('still warn, naming the kind, when a value cannot be worded, and the next warning prints too', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    warnLater('test-widget', 'amount', 'numberIn', 10n, 0, 5, 1); // JSON.stringify throws on a BigInt
    warnLater('test-widget', 'items', 'array');
    await warned();
    expect(warn.mock.calls.map((c) => c[0])).toEqual([
      '<test-widget> amount: invalid (numberIn)',
      '<test-widget> items: must be an array; it was ignored.',
    ]);
  });

  it('keep going when the console itself throws', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementationOnce(() => {
      throw new Error('console gone');
    });
    warnLater('test-widget', 'first', 'array');
    warnLater('test-widget', 'second', 'array');
    await expect(warned()).resolves.toBeUndefined();
    expect(warn).toHaveBeenCalledTimes(2);
    expect(warn.mock.calls[1]![0]).toBe('<test-widget> second: must be an array; it was ignored.');
  });
});

describe('config', () => {
  it('reads settings from a JSON child when no attribute is set', async () => {
    const el = await mount(
      `<test-widget name="attr"><script type="application/json">{"name":"json","amount":7}</script></test-widget>`,
    );
    expect(el.name).toBe('attr'); // the attribute wins
    expect(el.amount).toBe(7);
  });

  it('gives one clear warning for bad JSON and renders with defaults', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const el = await mount(`<test-widget><script type="application/json">{nope</script></test-widget>`);
    await warned();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]![0])).toMatch(/<test-widget> config: the JSON block is not valid JSON/);
    expect(el.shadowRoot!.textContent).toContain('Hello, world');
  });

  // Found by the random bad-input test (bad-input.browser.test.ts): <vitrine-ar-try-on> with
  // "alt": [{"toString": 0}] threw as it set the image's alt attribute.
  it('drops the keys every object has from JSON settings, so each value can be shown as text', async () => {
    const el = await mount(
      `<test-widget><script type="application/json">{"name":[{"toString":0,"valueOf":1,"constructor":2,"ok":3}]}</script></test-widget>`,
    );
    expect(el.name).toEqual([{ ok: 3 }]);
    expect(() => String(el.name)).not.toThrow();
    expect(arrayOf('test-widget', 'items', '[{"valueOf":0,"a":1}]')).toEqual([{ a: 1 }]);
  });

  it('names the element and the field for an unknown setting and a bad value', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const el = await mount(
      `<test-widget variant="c"><script type="application/json">{"colour":"red"}</script></test-widget>`,
    );
    await warned();
    const messages = warn.mock.calls.map((c) => String(c[0]));
    expect(messages).toContain('<test-widget> colour: is not a setting of this element; it was ignored.');
    expect(messages.some((m) => m.startsWith('<test-widget> variant: "c" is not one of "a", "b"'))).toBe(true);
    expect(el.shadowRoot!.querySelector('.second')!.getAttribute('data-variant')).toBe('a');
    el.requestUpdate();
    await el.updateComplete;
    await warned();
    expect(warn).toHaveBeenCalledTimes(2); // not again on re-render
  });
});

describe('events and client', () => {
  it('emits bubbling, composed, typed vitrine-* events; cancelable ones report a veto', () => {
    const el = document.createElement('test-widget') as TestWidget;
    document.body.append(el);
    const seen: number[] = [];
    document.addEventListener('vitrine-test-ping', (e) => seen.push(e.detail.n), { once: true });
    expect(el.emit('vitrine-test-ping', { n: 1 })).toBe(true);
    expect(seen).toEqual([1]);
    el.addEventListener('vitrine-test-ping', (e) => e.preventDefault(), { once: true });
    expect(el.emit('vitrine-test-ping', { n: 2 }, { cancelable: true })).toBe(false);
  });

  it('hands events to the page client and survives a throwing one', async () => {
    const track = vi.fn();
    setDefaultClient({ track });
    const el = document.createElement('test-widget') as TestWidget;
    (el as unknown as { track: (t: string, f: object) => void }).track('impression', { props: { element: 'x' } });
    expect(track).toHaveBeenCalledWith('impression', { props: { element: 'x' } });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    setDefaultClient({
      track() {
        throw new Error('boom');
      },
    });
    expect(() => (el as unknown as { track: (t: string) => void }).track('impression')).not.toThrow();
    await warned();
    expect(warn).toHaveBeenCalledOnce();
    expect(String(warn.mock.calls[0]![0])).toBe('<test-widget> client: track("impression") failed: boom');
  });
});

describe('localisation', () => {
  it('follows the nearest lang, then the document, falling back to en', async () => {
    document.documentElement.lang = 'zh-CN';
    const el = await mount(`<test-widget name="小明"></test-widget>`);
    expect(el.shadowRoot!.textContent).toContain('你好，小明');
    document.body.innerHTML = `<div lang="ar"><test-widget name="x"></test-widget></div>`;
    const ar = document.querySelector('test-widget') as TestWidget;
    await ar.updateComplete;
    expect(ar.shadowRoot!.textContent).toContain('مرحبا، x');
    expect(ar.isRtl).toBe(true);
    document.body.innerHTML = `<div lang="fr"><test-widget></test-widget></div>`;
    const fr = document.querySelector('test-widget') as TestWidget;
    await fr.updateComplete;
    expect(fr.shadowRoot!.textContent).toContain('Hello, world');
  });

  it('re-renders when the document language changes', async () => {
    const el = await mount(`<test-widget></test-widget>`);
    document.documentElement.lang = 'ar';
    await new Promise((r) => setTimeout(r, 0));
    await el.updateComplete;
    expect(el.shadowRoot!.textContent).toContain('المجموع');
  });

  it('loads a lazy catalogue once, and forgets it once settled even if the namespace is extended meanwhile', async () => {
    let resolve!: (m: { default: Record<string, string> }) => void;
    const load = vi.fn(() => new Promise<{ default: Record<string, string> }>((r) => (resolve = r)));
    registerStrings('test-lazy', { en: { hi: 'Hi' } }, { fr: load });
    const pending = loadStrings('test-lazy', 'fr');
    expect(pending).toBeInstanceOf(Promise);
    expect(loadStrings('test-lazy', 'fr')).toBe(pending); // the same load, not a second one
    // The import starts in a task of its own, not in the render's or the upgrade's.
    expect(load).not.toHaveBeenCalled();
    // Another part of the element adds its own catalogues while French loads.
    registerStrings('test-lazy', { en: { bye: 'Bye' } }, { de: () => Promise.resolve({ default: {} }) });
    await vi.waitFor(() => expect(load).toHaveBeenCalledOnce());
    resolve({ default: { hi: 'Salut' } });
    await pending;
    // Settled: a render no longer waits for it (before, a replaced table kept a settled promise,
    // and an element waiting on it would have looped for ever).
    expect(loadStrings('test-lazy', 'fr')).toBeUndefined();
    expect(load).toHaveBeenCalledOnce();
    expect(translate('test-lazy', 'fr', 'hi')).toBe('Salut');
    expect(translate('test-lazy', 'fr', 'bye')).toBe('Bye');
  });

  it('walks the locale chain and fills placeholders', () => {
    expect(localeChain('zh-Hant-TW')).toEqual(['zh-Hant-TW', 'zh-Hant', 'zh', 'en']);
    expect(translate('test-widget', 'zh-CN', 'hello', { name: 'A' })).toBe('你好，A');
    expect(translate('test-widget', 'de', 'missing-key')).toBe('missing-key');
    expect(normaliseLocale('zh-cn')).toBe('zh-CN');
    expect(normaliseLocale('not a locale!')).toBe('en');
  });

  it('formats integer minor units with each currency’s exponent', () => {
    expect(currencyExponent('JPY')).toBe(0);
    expect(currencyExponent('KWD')).toBe(3);
    expect(formatMoney(129900, 'CNY', 'en')).toBe('CN¥1,299.00');
    expect(formatMoney(1299, 'JPY', 'en')).toBe('¥1,299');
    expect(formatMoney(1500, 'KWD', 'en')).toMatch(/^KWD\s1\.500$/);
  });
});
