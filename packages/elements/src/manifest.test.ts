// The custom-elements manifest is what editors, Storybook and @vitrine/react read: it must list
// every tag with what the code really does. Two checks: the committed custom-elements.json is
// what the analyzer produces from today's source, and what the JSDoc declares (attributes,
// events, parts, custom properties, slots) matches the templates, styles and emit calls.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- the analyzer ships no types for its programmatic entry
import { cli } from '@custom-elements-manifest/analyzer/cli.js';

const pkg = join(import.meta.dirname, '..');
const src = join(pkg, 'src');

interface Named {
  name: string;
  fieldName?: string;
  type?: { text: string };
}
interface Declaration {
  kind: string;
  name: string;
  tagName?: string;
  customElement?: boolean;
  attributes?: Named[];
  events?: Named[];
  cssParts?: Named[];
  cssProperties?: Named[];
  slots?: Named[];
  superclass?: { name: string };
}
interface Manifest {
  modules: {
    path: string;
    declarations?: Declaration[];
    exports?: { kind: string; name: string; declaration: { name: string; module?: string } }[];
  }[];
}

const TAGS = [
  'vitrine-ar-try-on',
  'vitrine-coupon-cart',
  'vitrine-experiment',
  'vitrine-scenario-compare',
  'vitrine-selling-points',
  'vitrine-testimonial-video',
];

const committed = JSON.parse(readFileSync(join(pkg, 'custom-elements.json'), 'utf8')) as Manifest;

/** The element declarations of a manifest, by tag. */
function byTag(manifest: Manifest): Map<string, Declaration> {
  const map = new Map<string, Declaration>();
  for (const mod of manifest.modules) {
    for (const d of mod.declarations ?? []) if (d.tagName) map.set(d.tagName, d);
  }
  return map;
}

/** Every non-test source file of an element's folder, concatenated. */
function folderSource(name: string): string {
  const dir = join(src, name);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((f) => readFileSync(join(dir, f), 'utf8'))
    .join('\n');
}

/** Attribute names of Lit reactive properties (decorators and `static properties`). */
function litAttributes(source: string): string[] {
  const found: string[] = [];
  const add = (prop: string, options: string) => {
    if (/state:\s*true/.test(options) || /attribute:\s*false/.test(options)) return;
    const named = /attribute:\s*'([^']+)'/.exec(options);
    found.push(named ? named[1]! : prop.toLowerCase());
  };
  for (const m of source.matchAll(/@property\(([^)]*)\)\s*(?:override\s+|declare\s+|accessor\s+)*(\w+)/g)) {
    add(m[2]!, m[1]!);
  }
  const block = /static\s+(?:override\s+)?properties[^=]*=\s*\{([\s\S]*?)\n\s*\};/.exec(source);
  if (block) for (const m of block[1]!.matchAll(/(\w+):\s*\{([^}]*)\}/g)) add(m[1]!, m[2]!);
  return found;
}

/** Static part names used in templates: `part="a b"`. */
function templateParts(source: string): string[] {
  return [...source.matchAll(/\bpart="([^"$]+)"/g)].flatMap((m) => m[1]!.trim().split(/\s+/));
}

describe('custom-elements.json', () => {
  it('is what the analyzer generates from the current source (run `pnpm --filter @vitrine/elements manifest`)', async () => {
    const fresh = (await cli({
      argv: ['analyze', '--config', 'custom-elements-manifest.config.mjs', '--quiet'],
      cwd: pkg,
      noWrite: true,
    })) as Manifest;
    expect(fresh).toEqual(committed);
  }, 60_000);

  it('lists the six tags, each defined by its entry module', () => {
    expect([...byTag(committed).keys()].sort()).toEqual(TAGS);
    const defined = committed.modules.flatMap((m) =>
      (m.exports ?? []).filter((e) => e.kind === 'custom-element-definition').map((e) => `${e.name} ${m.path}`),
    );
    expect(defined.sort()).toEqual(TAGS.map((t) => `${t} src/${t.slice(8)}/${t}.ts`));
  });

  it('is shipped: package.json names it and packs it', () => {
    const json = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')) as {
      customElements: string;
      files: string[];
    };
    expect(json.customElements).toBe('custom-elements.json');
    expect(json.files).toContain('custom-elements.json');
  });

  describe.each(TAGS)('<%s>', (tag) => {
    const name = tag.slice('vitrine-'.length);
    const decl = () => byTag(committed).get(tag)!;
    const source = () => folderSource(name);
    const styles = () => source() + readFileSync(join(src, 'styles', 'reserve.css'), 'utf8');

    it('documents every attribute it reads', () => {
      const documented = (decl().attributes ?? []).map((a) => a.name);
      for (const attribute of litAttributes(source()))
        expect(documented, `attribute ${attribute}`).toContain(attribute);
      // Attributes read by hand (elements that are not Lit, like <vitrine-experiment>).
      for (const m of source().matchAll(/\bthis\.(?:get|has)Attribute\('([a-z-]+)'\)/g)) {
        expect(documented, `attribute ${m[1]}`).toContain(m[1]);
      }
    });

    it('documents every event it dispatches, and dispatches every event it documents, with a typed detail', () => {
      const documented = (decl().events ?? []).map((e) => e.name).sort();
      const code = source();
      // Typed in the event map (`'vitrine-x': CustomEvent<…>`): the element's public event API.
      const typed = new Set([...code.matchAll(/'(vitrine-[a-z-]+)':\s*CustomEvent</g)].map((m) => m[1]!));
      // Dispatched: `emit('…')`, `new CustomEvent('…')`, or a typed name handed to a helper (`report(type, '…')`).
      const direct = [...code.matchAll(/(?:\bemit\(\s*|new CustomEvent\(\s*)'(vitrine-[a-z-]+)'/g)].map((m) => m[1]!);
      const passed = [...code.matchAll(/[(,]\s*'(vitrine-[a-z-]+)'/g)].map((m) => m[1]!).filter((n) => typed.has(n));
      expect(documented).toEqual([...new Set([...direct, ...passed])].sort());
      for (const name of typed) expect(documented, `${name} is in the event map`).toContain(name);
      for (const event of decl().events ?? []) {
        expect(event.type?.text, `${event.name} detail type`).toMatch(/^CustomEvent</);
        expect(event.name).toMatch(/^vitrine-[a-z]+(-[a-z]+)*$/);
      }
    });

    it('documents the parts its templates expose, and only those', () => {
      const documented = (decl().cssParts ?? []).map((p) => p.name).sort();
      expect(documented).toEqual([...new Set(templateParts(source()))].sort());
    });

    it('documents custom properties that its styles read', () => {
      const read = new Set([...styles().matchAll(/var\(\s*(--vitrine-[a-z0-9-]+)/g)].map((m) => m[1]!));
      const own = [...read].filter((p) => p.startsWith(`--vitrine-${name}-`)).sort();
      const documented = (decl().cssProperties ?? []).map((p) => p.name);
      for (const property of documented) {
        expect(property.startsWith(`--vitrine-${name}-`), `${property} is named after the element`).toBe(true);
        expect(read.has(property), `${property} is read by the element's styles or reserve.css`).toBe(true);
      }
      for (const property of own) expect(documented, `${property} is documented`).toContain(property);
    });

    it('is typed for document.querySelector and createElement (HTMLElementTagNameMap)', () => {
      const define = readFileSync(join(src, name, `${tag}.ts`), 'utf8');
      expect(define).toMatch(new RegExp(`interface HTMLElementTagNameMap \\{[^}]*'${tag}': ${decl().name};`));
    });

    it('documents its named slots', () => {
      const documented = (decl().slots ?? []).map((s) => s.name);
      for (const m of source().matchAll(/<slot\s+name="([^"]+)"/g)) expect(documented).toContain(m[1]);
    });
  });
});
