// Bad input never breaks the merchant's page: every element, given random values for its
// attributes, its properties and its JSON config (junk JSON, wrong types, hostile URLs, markup,
// bidi controls), throws nothing into the page (no error, no unhandled rejection), finishes its
// render and shows something rather than a blank box. Random, seeded per run by fast-check; a
// failure prints the input that broke the element.
import { expect, fixture, html, nextFrame } from '@open-wc/testing';
import fc from 'fast-check';
import './all.js';
import { DEMO } from './coupon-cart/demo-cart.js';

const hostile = fc.constantFrom(
  '',
  '  ',
  '{',
  '[1,',
  'null',
  'NaN',
  '-1',
  '1e309',
  'javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '\u202eevil',
  '__proto__',
  '../../etc/passwd',
  'https://',
  '//',
);
/** Any value a page might set: JSON values, JSON text of them, hostile strings. */
const junk = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
  hostile,
);

interface Setting {
  name: string;
  value: unknown;
  as: 'property' | 'attribute';
}

type Declared = Map<string, { attribute?: string | boolean; state?: boolean }>;

/** What an element takes: a Lit element's declared properties, else its observed attributes. */
function declaredOf(tag: string): Declared {
  const ctor = customElements.get(tag) as unknown as { elementProperties?: Declared; observedAttributes?: string[] };
  return ctor.elementProperties ?? new Map((ctor.observedAttributes ?? []).map((name) => [name, { attribute: name }]));
}

/** A working setting of each element (its JSON config), which the test damages at random. */
const VALID: Record<string, Record<string, unknown>> = {
  'vitrine-selling-points': {
    items: [
      { icon: 'truck', title: '24h dispatch', text: 'Order today', countdown: true, details: 'Before 16:00.' },
      { icon: 'return', title: 'Free returns', text: '30 days' },
      { svg: '<svg viewBox="0 0 1 1"></svg>', title: 'Quiet', text: '38 dB' },
    ],
    cutoff: '16:00',
    timezone: 'Asia/Shanghai',
    workingDays: '1-5',
    holidays: '2026-12-25',
    layout: 'horizontal',
  },
  'vitrine-scenario-compare': {
    scenarios: [
      { id: 'a', title: 'Small kitchen', image: '/a.svg', alt: 'a', points: ['Fits 40 cm', 'One plug'] },
      { id: 'b', title: 'Quiet morning', before: '/b.svg', after: '/c.svg', beforeAlt: 'b', afterAlt: 'c', points: [] },
    ],
    specs: [
      { label: 'Noise', value: '38 dB', scenarios: ['b'] },
      { label: 'Weight', value: '1.2 kg' },
    ],
    mode: 'guide',
    selected: 'b',
    position: 40,
  },
  'vitrine-testimonial-video': {
    src: 'https://www.youtube.com/watch?v=aqz-KE-bpKQ',
    poster: '/poster.svg',
    headline: 'Quiet enough',
    customer: 'Mei',
    rating: 4.5,
    verified: true,
    captions: '/c.vtt',
    transcript: 'Hello.',
    items: [
      { src: '/a.mp4', poster: '/p.svg', headline: 'One', rating: 5, tracks: [{ src: '/a.vtt', srclang: 'en' }] },
      { src: 'https://vimeo.com/76979871', headline: 'Two', verified: true },
    ],
  },
  'vitrine-coupon-cart': { ...DEMO, context: { ...DEMO.context, now: Date.UTC(2026, 10, 26, 7) } },
  'vitrine-ar-try-on': {
    src: '/m.glb',
    iosSrc: '/m.usdz',
    poster: '/p.svg',
    alt: 'Cooker',
    cta: 'Buy',
    price: '¥699',
    productUrl: '/p',
    notify: true,
  },
  'vitrine-experiment': {},
};

/** Whether `value` holds an object with its own `toString` or `valueOf`. */
const hooked = (value: unknown) => /"(toString|valueOf)":/.test(JSON.stringify(value) ?? '');

/** Every element, by its tag. */
const TAGS = Object.keys(VALID);

/** Every path into a JSON value (objects and arrays), the root included. */
function paths(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  const out = [at];
  if (value && typeof value === 'object')
    for (const [key, child] of Object.entries(value))
      out.push(...paths(child, [...at, Array.isArray(value) ? +key : key]));
  return out;
}

/** `value` with the value at `path` replaced by `junk` (or deleted when `junk` is undefined). */
function damage(value: unknown, path: (string | number)[], junk: unknown): unknown {
  if (!path.length) return junk;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<string | number, unknown>;
  const [key, ...rest] = path;
  if (!rest.length && junk === undefined) delete copy[key!];
  else copy[key!] = damage(copy[key!], rest, junk);
  return copy;
}

function settingsFor(tag: string) {
  const declared = declaredOf(tag);
  const names = [...declared].filter(([, o]) => !o.state).map(([name]) => name);
  const all = paths(VALID[tag]);
  const damaged = fc
    .array(fc.tuple(fc.constantFrom(...all), fc.option(junk, { nil: undefined })), { minLength: 1, maxLength: 3 })
    .map((changes) => changes.reduce<unknown>((v, [path, j]) => damage(v, path, j), VALID[tag]));
  return fc
    .record({
      // the damaged setting, as the JSON config child or as properties and attributes
      damaged,
      how: fc.constantFrom('config', 'properties', 'attributes'),
      // and a few more values straight from the junk
      extra: fc.array(
        fc.record({ name: fc.constantFrom(...names), value: junk, as: fc.constantFrom('property', 'attribute') }),
        { maxLength: 2 },
      ) as fc.Arbitrary<Setting[]>,
      // <vitrine-experiment>'s variants: templates named at random
      templates: fc.array(fc.oneof(fc.string({ maxLength: 12 }), hostile), { maxLength: 3 }),
    })
    .map(({ damaged, how, extra, templates }) => {
      const settings: Setting[] = [];
      let config: string | undefined;
      if (how === 'config') config = JSON.stringify(damaged);
      else if (damaged && typeof damaged === 'object' && !Array.isArray(damaged))
        for (const [name, value] of Object.entries(damaged))
          if (declared.has(name)) settings.push({ name, value, as: how === 'attributes' ? 'attribute' : 'property' });
      // Set from code, an object with its own toString or valueOf that is no function cannot be
      // turned into text by anyone; the page's JSON settings (config, attributes) lose such keys.
      const possible = (s: Setting) => s.as === 'attribute' || !hooked(s.value);
      return { settings: [...settings, ...extra].filter(possible), config, templates, declared };
    });
}

/** Mounts `tag` with `input`; resolves with what escaped into the page and whether it rendered. */
async function mount(
  tag: string,
  input: { settings: Setting[]; config?: string; templates: string[]; declared: Declared },
  host: HTMLElement,
): Promise<{ escaped: string[]; rendered: boolean }> {
  const escaped: string[] = [];
  const onError = (e: ErrorEvent) => escaped.push(`error: ${e.message}`);
  const onRejection = (e: PromiseRejectionEvent) => escaped.push(`unhandled rejection: ${String(e.reason)}`);
  addEventListener('error', onError);
  addEventListener('unhandledrejection', onRejection);
  try {
    const el = document.createElement(tag) as HTMLElement & { updateComplete?: Promise<unknown> };
    if (tag === 'vitrine-experiment')
      for (const variant of input.templates) {
        const template = document.createElement('template');
        template.setAttribute('variant', variant);
        template.innerHTML = `<p>${variant.length}</p>`;
        el.append(template);
      }
    if (input.config !== undefined) {
      const script = document.createElement('script');
      script.type = 'application/json';
      script.textContent = input.config;
      el.append(script);
    }
    for (const { name, value, as } of input.settings) {
      const attribute = input.declared.get(name)!.attribute;
      if (as === 'attribute' && attribute !== false)
        el.setAttribute(
          typeof attribute == 'string' ? attribute : name.toLowerCase(),
          typeof value == 'string' ? value : JSON.stringify(value),
        );
      else (el as unknown as Record<string, unknown>)[name] = value;
    }
    host.replaceChildren(el);
    const settled = await Promise.race([
      (el.updateComplete ?? Promise.resolve()).then(() => true),
      new Promise((resolve) => setTimeout(() => resolve(false), 5000)),
    ]);
    if (!settled) escaped.push('the first render did not finish within 5 s');
    // lazily loaded parts (list, table, countdown, repair code) render in the next turns
    for (let i = 0; i < 3; i++) await nextFrame();
    await el.updateComplete;
    // A Vitrine element always draws something: the content, a notice or what to configure.
    const rendered = tag === 'vitrine-experiment' || !!el.shadowRoot?.querySelector('*');
    return { escaped, rendered };
  } finally {
    removeEventListener('error', onError);
    removeEventListener('unhandledrejection', onRejection);
  }
}

describe('bad input, at random', () => {
  // Relative URLs among the junk (a poster named "null") resolve against a closed port, not the
  // test server: no request reaches it. Modules load relative to their own URL, unaffected.
  before(() => {
    const base = document.createElement('base');
    base.href = 'http://127.0.0.1:9/';
    document.head.append(base);
  });
  let host: HTMLElement;
  let warn: typeof console.warn;
  beforeEach(async () => {
    host = await fixture(html`<div style="width: 600px"></div>`);
    // the elements say what is wrong with each input, once: not needed here
    warn = console.warn;
    console.warn = () => {};
  });
  afterEach(() => {
    console.warn = warn;
  });

  for (const tag of TAGS)
    it(`never breaks the page or leaves <${tag}> blank`, async function () {
      this.timeout(60_000);
      await fc.assert(
        fc.asyncProperty(settingsFor(tag), async (input) => {
          expect(await mount(tag, input, host)).to.deep.equal({ escaped: [], rendered: true });
        }),
        { numRuns: 40 },
      );
    });
});
