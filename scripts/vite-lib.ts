import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { UserConfig } from 'vite';

/**
 * Library-mode build shared by the packages: ES modules, one output file per source module
 * (so consumers tree-shake), every dependency external (so an app never gets a second Lit).
 */
export function libraryConfig(dir: string, entry: Record<string, string>, extra: UserConfig = {}): UserConfig {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
    version: string;
    dependencies?: Record<string, string>;
    peerDependencies?: Record<string, string>;
  };
  const deps = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {})];
  const external = (id: string) => id.startsWith('node:') || deps.some((d) => id === d || id.startsWith(`${d}/`));
  return {
    root: dir,
    logLevel: 'warn',
    define: { __VITRINE_VERSION__: JSON.stringify(pkg.version) },
    resolve: { conditions: ['source', 'module', 'browser', 'production'] },
    ...extra,
    build: {
      outDir: join(dir, 'dist'),
      emptyOutDir: true,
      target: 'es2022',
      minify: false,
      sourcemap: true,
      lib: { entry, formats: ['es'] },
      rollupOptions: {
        external,
        output: { preserveModules: true, preserveModulesRoot: join(dir, 'src'), entryFileNames: '[name].js' },
      },
      ...extra.build,
    },
  };
}
