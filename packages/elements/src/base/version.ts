/** The version of @vitrine/elements, stamped in by the build (see vite.config.ts). */
declare const __VITRINE_VERSION__: string | undefined;
export const VERSION: string = typeof __VITRINE_VERSION__ === 'string' ? __VITRINE_VERSION__ : '0.0.0-dev';
