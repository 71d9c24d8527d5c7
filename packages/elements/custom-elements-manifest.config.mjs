// Configuration of `cem analyze` (@custom-elements-manifest/analyzer 0.11) for @vitrine/elements.
// `pnpm --filter @vitrine/elements manifest` writes custom-elements.json beside package.json; the
// manifest test regenerates it in memory and compares.
//
// The analyzer reads the JSDoc of each class (@tag, @slot, @csspart, @cssprop, @fires, @attr) and,
// with `litelement`, Lit's reactive properties. The `vitrine` plugin below teaches it three things
// it cannot know about this code base.

/** Property names of an object literal (`static properties = {…}`) whose declaration has `state: true`. */
function stateProperties(ts, node) {
  const names = [];
  for (const prop of node.properties ?? []) {
    if (!ts.isPropertyAssignment(prop) || !ts.isObjectLiteralExpression(prop.initializer)) continue;
    const state = prop.initializer.properties.some(
      (p) =>
        ts.isPropertyAssignment(p) && p.name.getText() === 'state' && p.initializer.kind === ts.SyntaxKind.TrueKeyword,
    );
    if (state) names.push(prop.name.getText().replace(/^['"]|['"]$/g, ''));
  }
  return names;
}

function vitrinePlugin() {
  /** Event name → its type text, from `VitrineEventMap` / `HTMLElementEventMap` augmentations. */
  const eventTypes = new Map();
  /** Class name → internal reactive state declared through `static properties`. */
  const internalState = new Map();
  /** Module path → [{ tag, className }] from `defineElement('vitrine-x', X)` calls. */
  const definitions = new Map();

  return {
    name: 'vitrine',
    initialize() {
      eventTypes.clear();
      internalState.clear();
      definitions.clear();
    },
    analyzePhase({ ts, node, moduleDoc }) {
      // 1. Events are dispatched through `this.emit(name, detail)`, which the analyzer cannot see
      //    into; their detail types live in the typed event map. Record them.
      if (
        ts.isInterfaceDeclaration(node) &&
        (node.name.text === 'VitrineEventMap' || node.name.text === 'HTMLElementEventMap')
      ) {
        for (const member of node.members) {
          if (ts.isPropertySignature(member) && member.type) {
            const name = member.name.getText().replace(/^['"]|['"]$/g, '');
            if (name.startsWith('vitrine-')) eventTypes.set(name, member.type.getText());
          }
        }
      }
      // 2. Lit's `static properties` with `state: true` are internal state, not attributes.
      if (
        ts.isPropertyDeclaration(node) &&
        node.name.getText() === 'properties' &&
        node.initializer &&
        ts.isObjectLiteralExpression(node.initializer) &&
        ts.isClassDeclaration(node.parent) &&
        node.parent.name
      ) {
        internalState.set(node.parent.name.text, stateProperties(ts, node.initializer));
      }
      // 3. Tags are registered with `defineElement(tag, Class)` (a guarded customElements.define).
      if (
        ts.isCallExpression(node) &&
        node.expression.getText() === 'defineElement' &&
        node.arguments.length === 2 &&
        ts.isStringLiteral(node.arguments[0]) &&
        ts.isIdentifier(node.arguments[1])
      ) {
        const list = definitions.get(moduleDoc.path) ?? [];
        list.push({ tag: node.arguments[0].text, className: node.arguments[1].text });
        definitions.set(moduleDoc.path, list);
      }
    },
    packageLinkPhase({ customElementsManifest }) {
      // Globbing order depends on the file system; sort so the committed file is reproducible.
      const modules = customElementsManifest.modules.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
      const classModule = new Map();
      for (const mod of modules) {
        for (const decl of mod.declarations ?? []) if (decl.kind === 'class') classModule.set(decl.name, mod.path);
        // The generic `customElements.define(tag, ctor)` inside defineElement itself is no definition.
        if (mod.path.endsWith('base/define.ts')) {
          mod.exports = (mod.exports ?? []).filter((e) => e.kind !== 'custom-element-definition');
        }
      }
      for (const mod of modules) {
        for (const { tag, className } of definitions.get(mod.path) ?? []) {
          mod.exports ??= [];
          if (mod.exports.some((e) => e.kind === 'custom-element-definition' && e.name === tag)) continue;
          mod.exports.push({
            kind: 'custom-element-definition',
            name: tag,
            declaration: { name: className, module: classModule.get(className) ?? mod.path },
          });
        }
        for (const decl of mod.declarations ?? []) {
          if (decl.kind !== 'class') continue;
          const internal = new Set(internalState.get(decl.name) ?? []);
          for (const m of decl.members ?? []) if (/@internal\b/.test(m.description ?? '')) internal.add(m.name);
          if (internal.size) {
            decl.attributes = decl.attributes?.filter((a) => !internal.has(a.fieldName ?? a.name));
            decl.members = decl.members?.filter((m) => !internal.has(m.name));
          }
          for (const event of decl.events ?? []) {
            const type = eventTypes.get(event.name);
            if (type && (!event.type || event.type.text === 'CustomEvent')) event.type = { text: type };
          }
        }
      }
    },
  };
}

export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/**/test-utils/**', 'src/base/test-element.ts', 'src/jsx.ts', 'src/jsx-react.ts'],
  outdir: '.',
  litelement: true,
  // The analyzer would rewrite package.json; its `customElements` field is already set.
  packagejson: false,
  plugins: [vitrinePlugin()],
};
