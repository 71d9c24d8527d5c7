// Reads the custom-elements manifest into the few facts the generators need, per element:
// tag, class, where to import it from, settable properties, attributes and events.
// Shared by this package's JSX typings generator and @vitrine/react's wrapper generator.
import { readFileSync } from 'node:fs';

/**
 * @typedef {object} ManifestElement
 * @property {string} tag              e.g. `vitrine-coupon-cart`
 * @property {string} name             the entry name, e.g. `coupon-cart` (`@vitrine/elements/coupon-cart`)
 * @property {string} className        e.g. `CouponCart`
 * @property {string} classModule      the module declaring the class, e.g. `src/coupon-cart/coupon-cart.ts`
 * @property {boolean} definesExport   whether the define module (`./<name>`) also exports the class
 * @property {boolean} indexExport     whether the side-effect-free index (`.`) exports the class
 * @property {string} summary          the first sentence of the class description
 * @property {string[]} properties     public, writable instance fields (settable from frameworks)
 * @property {{ name: string, fieldName?: string }[]} attributes
 * @property {{ name: string, description: string, typed: boolean }[]} events
 */

/** @returns {ManifestElement[]} sorted by tag */
export function manifestElements(manifestPath) {
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const modules = new Map(manifest.modules.map((m) => [m.path, m]));
  const index = modules.get('src/index.ts');
  const result = [];
  for (const mod of manifest.modules) {
    for (const exp of mod.exports ?? []) {
      if (exp.kind !== 'custom-element-definition') continue;
      const classModule = exp.declaration.module ?? mod.path;
      const decl = modules.get(classModule)?.declarations?.find((d) => d.name === exp.declaration.name);
      if (!decl) throw new Error(`custom-elements.json: no declaration of ${exp.declaration.name} for <${exp.name}>`);
      const name = /^src\/([^/]+)\/vitrine-\1\.ts$/.exec(mod.path)?.[1];
      if (!name)
        throw new Error(
          `custom-elements.json: <${exp.name}> is defined in ${mod.path}, not src/<name>/vitrine-<name>.ts`,
        );
      const properties = (decl.members ?? [])
        .filter((m) => m.kind === 'field' && !m.static && !m.readonly && (m.privacy ?? 'public') === 'public')
        .map((m) => m.name);
      result.push({
        tag: exp.name,
        name,
        className: decl.name,
        classModule,
        definesExport: (mod.exports ?? []).some((e) => e.kind === 'js' && e.name === decl.name),
        indexExport: (index?.exports ?? []).some((e) => e.kind === 'js' && e.name === decl.name),
        summary: (decl.description ?? decl.summary ?? '')
          .split(/(?<=\.)\s/)[0]
          .replace(/\s+/g, ' ')
          .trim(),
        properties: [...new Set(properties)],
        attributes: (decl.attributes ?? []).map((a) => ({ name: a.name, fieldName: a.fieldName })),
        events: (decl.events ?? [])
          .filter((e) => e.name)
          .map((e) => ({ name: e.name, description: e.description ?? '', typed: Boolean(e.type?.text) })),
      });
    }
  }
  return result.sort((a, b) => (a.tag < b.tag ? -1 : 1));
}

/** `vitrine-scenario-change` → `VitrineScenarioChange`; `coupon-cart` → `CouponCart`. */
export function pascal(kebab) {
  return kebab.replace(/(^|-)([a-z0-9])/g, (_, __, c) => c.toUpperCase());
}
