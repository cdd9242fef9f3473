/**
 * Vite build of the renderer: root `renderer/`, output `dist/renderer` (served by the web-mode server and loaded
 * by the Electron window). Relative base so that `file://` and `http://host/` both work. No inline scripts or
 * styles-with-scripts: the CSP is `script-src 'self'`, so Vite's module preload polyfill (an inline snippet in
 * some setups) is turned off and everything ships as files.
 */
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
// build-time config, not renderer code: it runs in Node
// eslint-disable-next-line no-restricted-imports
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: './',
  plugins: [svelte()],
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
  },
  server: { fs: { allow: [fileURLToPath(new URL('..', import.meta.url))] } },
});
