#!/usr/bin/env node
// `pnpm size`: the size of every entry point, minified, gzip and brotli, against DESIGN.md's
// budgets. Each entry is bundled the way a user gets it (dependencies named in `external` are
// counted apart, e.g. Lit). Exits non-zero when any entry is over its budget.
import { build } from 'vite';
import { minifyCssTemplates } from './css-templates.mjs';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';
import { existsSync, readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const KB = 1024;
const lit = [/^lit($|\/)/, /^@lit\//];
const VERSION = JSON.parse(readFileSync(join(root, 'packages/elements/package.json'), 'utf8')).version;

/** What is measured. `source` is an import list; `file` a built file. Budgets are brotli bytes. */
export const ENTRIES = [
  {
    name: '@vitrine/client createClient (entry chunk)',
    code: "export { createClient } from '@vitrine/client';",
    budget: 2.5 * KB,
    lazy: true,
    needs: join(root, 'packages/client/src/client.ts'),
  },
  {
    name: '@vitrine/client assign (server/pure)',
    code: "export { assign } from '@vitrine/client';",
    needs: join(root, 'packages/client/src/assign.ts'),
  },
  {
    name: '@vitrine/client/datalayer (GA4/GTM adapter)',
    code: "export { mirrorToDataLayer } from '@vitrine/client/datalayer';",
    needs: join(root, 'packages/client/src/datalayer.ts'),
  },
  {
    name: '@vitrine/coupons solve + allocate',
    code: "export { solve, allocate } from '@vitrine/coupons';",
    needs: join(root, 'packages/coupons/src/solve.ts'),
  },
  {
    name: 'elements base: the class and defineElement (beyond Lit)',
    code: "export { VitrineElement, defineElement } from '@vitrine/elements';",
    external: lit,
  },
  {
    name: 'elements base: all of it, styles and helpers included (beyond Lit)',
    code: "export { VitrineElement, defineElement, baseStyles, oneOf, numberIn, arrayOf, safeUrl, formatMoney, formatDate } from '@vitrine/elements';",
    external: lit,
  },
  ...[
    ['selling-points', 4],
    ['scenario-compare', 4],
    ['testimonial-video', 3],
    ['coupon-cart', 4],
    ['ar-try-on', 2],
    ['experiment', 4],
  ].map(([name, kb]) => ({
    name: `<vitrine-${name}> (beyond Lit and pure logic)`,
    code: `import '@vitrine/elements/${name}';`,
    budget: kb * KB,
    external: [...lit, /^@vitrine\/coupons/, /^@vitrine\/client/],
    // Also reported: the element's own code, beyond the base every element shares.
    own: [...lit, /^@vitrine\/coupons/, /^@vitrine\/client/, /[\\/]src[\\/]base[\\/]/],
    needs: join(root, `packages/elements/src/${name}/vitrine-${name}.ts`),
    lazy: true,
  })),
  { name: 'lit (shared, counted once)', code: "export * from 'lit';" },
  {
    name: '@vitrine/embed loader vitrine.js (before any element)',
    file: join(root, 'packages/embed/dist/vitrine.js'),
    budget: 4 * KB,
    lazy: true,
  },
];

const sizes = (buf) => ({
  raw: buf.length,
  gzip: gzipSync(buf, { level: 9 }).length,
  brotli: brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
});

async function bundle(entry) {
  const virtualId = '\0size-entry';
  const output = await build({
    configFile: false,
    logLevel: 'silent',
    root,
    resolve: { conditions: ['source', 'module', 'browser', 'production'] },
    // As the package and script-tag builds do (scripts/vite-lib.ts, packages/embed/vite.config.ts).
    define: { 'process.env.NODE_ENV': '"production"', __VITRINE_VERSION__: JSON.stringify(VERSION) },
    plugins: [
      // The elements' stylesheets are minified as in the package and script-tag builds.
      minifyCssTemplates(),
      {
        name: 'size-entry',
        resolveId: (id) => (id.endsWith('size-entry') ? virtualId : null),
        load: (id) => (id === virtualId ? entry.code : null),
      },
    ],
    build: {
      write: false,
      minify: true,
      target: 'es2022',
      // Library mode, as the embed build: no preload helper is added to dynamic imports.
      lib: { entry: 'size-entry', formats: ['es'], fileName: 'entry' },
      rollupOptions: {
        preserveEntrySignatures: 'strict',
        external: entry.external ?? [],
        // Library mode keeps whitespace in ES output; measure what a minified build ships.
        output: { format: 'es', minify: true },
      },
    },
  });
  const chunks = (Array.isArray(output) ? output : [output]).flatMap((o) => o.output).filter((c) => c.type === 'chunk');
  // What loads before anything lazy: the entry and, transitively, the chunks it imports statically.
  const byName = new Map(chunks.map((c) => [c.fileName, c]));
  const eager = new Set();
  const visit = (chunk) => {
    if (eager.has(chunk)) return;
    eager.add(chunk);
    for (const name of chunk.imports) if (byName.has(name)) visit(byName.get(name));
  };
  visit(chunks.find((c) => c.isEntry));
  const main = Buffer.concat([...eager].map((c) => Buffer.from(c.code)));
  const lazy = chunks.filter((c) => !eager.has(c)).map((c) => ({ name: c.fileName, ...sizes(Buffer.from(c.code)) }));
  return { main, lazy };
}

function builtFile(path) {
  const dir = dirname(path);
  const main = readFileSync(path);
  const lazy = readdirSync(dir, { recursive: true })
    .filter((f) => f.endsWith('.js') && join(dir, f) !== path)
    .map((f) => ({ name: f, ...sizes(readFileSync(join(dir, f))) }));
  return { main, lazy };
}

const fmt = (n) => (n >= KB ? `${(n / KB).toFixed(2)} KB` : `${n} B`);
const rows = [];
let over = 0;
for (const entry of ENTRIES) {
  if ((entry.needs && !existsSync(entry.needs)) || (entry.file && !existsSync(entry.file))) {
    rows.push({ name: entry.name, missing: true, budget: entry.budget });
    continue;
  }
  const { main, lazy } = entry.file ? builtFile(entry.file) : await bundle(entry);
  const s = sizes(main);
  if (entry.own) s.own = sizes((await bundle({ ...entry, external: entry.own })).main).brotli;
  const ok = entry.budget === undefined || s.brotli <= entry.budget;
  if (!ok) over++;
  rows.push({ name: entry.name, ...s, budget: entry.budget, ok, lazy: entry.lazy ? lazy : [] });
}

const lines = ['| entry | min | gzip | brotli | own code¹ | budget (brotli) | |', '|---|---:|---:|---:|---:|---:|---|'];
for (const r of rows) {
  if (r.missing) {
    lines.push(`| ${r.name} | – | – | – | – | ${r.budget ? fmt(r.budget) : '–'} | not built yet |`);
    continue;
  }
  lines.push(
    `| ${r.name} | ${fmt(r.raw)} | ${fmt(r.gzip)} | ${fmt(r.brotli)} | ${r.own ? fmt(r.own) : '–'} | ${r.budget ? fmt(r.budget) : '–'} | ${r.budget ? (r.ok ? 'ok' : '**over**') : ''} |`,
  );
  for (const l of r.lazy)
    lines.push(`| ↳ lazy \`${l.name}\` | ${fmt(l.raw)} | ${fmt(l.gzip)} | ${fmt(l.brotli)} | | apart | |`);
}
lines.push(
  '',
  '¹ brotli of the element without the shared element base (`src/base/`), which a page loads once for all elements; the budget column applies to the full figure.',
);
const table = lines.join('\n');
console.log(table);
writeFileSync(join(root, 'reports', 'size.md'), table + '\n');
// The same figures in bytes, for tools and for notes that quote exact margins.
writeFileSync(join(root, 'reports', 'size.json'), JSON.stringify(rows, null, 2) + '\n');
console.log(
  over ? `\n${over} entr${over === 1 ? 'y is' : 'ies are'} over budget.` : '\nAll measured entries are within budget.',
);
process.exit(over ? 1 : 0);
