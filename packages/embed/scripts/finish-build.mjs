// After `vite build`: the stable alias `dist/vitrine.js` (the versioned loader with its chunk
// imports pointed into `<version>/`), `dist/vitrine.css` (the space reservations) and
// `dist/sri.json` (sha384 of every file, for `integrity` attributes).
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, readdirSync, statSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join, relative } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const pkgDir = join(here, '..');
const dist = join(pkgDir, 'dist');
const { version } = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
const versioned = join(dist, version);

// Remove earlier builds' top-level files (other version folders stay: old pages may pin them).
for (const name of ['vitrine.js', 'vitrine.js.map', 'vitrine.css', 'sri.json'])
  rmSync(join(dist, name), { force: true });

const loader = readFileSync(join(versioned, 'vitrine.js'), 'utf8')
  .replace(/(["'`])\.\/chunks\//g, `$1./${version}/chunks/`)
  .replace(/\/\/# sourceMappingURL=.*$/m, '');
if (/["'`]\.\/chunks\//.test(loader)) throw new Error('an import of the loader was not rewritten');
writeFileSync(join(dist, 'vitrine.js'), loader);

const css = readFileSync(join(pkgDir, '..', 'elements', 'src', 'styles', 'reserve.css'), 'utf8')
  .replace(/\/\*[\s\S]*?\*\//g, '')
  .replace(/\s+/g, ' ')
  .replace(/\s*([{}:;,>])\s*/g, '$1')
  .trim();
writeFileSync(join(dist, 'vitrine.css'), css + '\n');
writeFileSync(join(versioned, 'vitrine.css'), css + '\n');

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}
const sri = {};
for (const file of walk(dist).sort()) {
  if (file.endsWith('.map') || file.endsWith('sri.json')) continue;
  sri[relative(dist, file)] = `sha384-${createHash('sha384').update(readFileSync(file)).digest('base64')}`;
}
writeFileSync(join(dist, 'sri.json'), JSON.stringify({ version, files: sri }, null, 2) + '\n');
console.log(`@vitrine/embed ${version}: ${Object.keys(sri).length} files in dist/ (sri.json written)`);
