import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

// A plain Vue 3 app: the published packages (dist), and one line of compiler config so Vue
// leaves <vitrine-*> tags to the browser instead of looking for Vue components of that name.
export default defineConfig({
  base: './',
  logLevel: 'warn',
  plugins: [vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('vitrine-') } } })],
  build: { target: 'es2022', sourcemap: true },
});
