#!/usr/bin/env node
// Builds the renderer (vite) only when dist/renderer/index.html is missing or older than a source it is made from
// (renderer/, app/api/, app/presets/), so `npm run serve` and `npm start` stay fast after the first build.
// Vite's output goes to stderr: stdout of the server is one line that scripts and tests read.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const built = join(root, 'dist/renderer/index.html');
const config = join(root, 'renderer/vite.config.ts');
const SOURCES = ['renderer', 'app/api', 'app/presets', 'app/figures'];

function newestMtime(dir) {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

if (!existsSync(config)) {
  console.error('ensure-renderer: renderer/vite.config.ts does not exist yet; the server will show a "not built" page');
  process.exit(0);
}
const builtAt = existsSync(built) ? statSync(built).mtimeMs : -1;
const sourcesAt = Math.max(...SOURCES.map((s) => newestMtime(join(root, s))));
if (builtAt >= sourcesAt) process.exit(0);

console.error(builtAt < 0 ? 'ensure-renderer: building the renderer (first run)...' : 'ensure-renderer: renderer sources changed, rebuilding...');
const vite = join(root, 'node_modules/vite/bin/vite.js');
const r = spawnSync(process.execPath, [vite, 'build', '--config', config], { cwd: root, stdio: ['ignore', 2, 2] });
if (r.status !== 0) {
  console.error('ensure-renderer: the renderer build failed (see above); fix it or run `npm run build:renderer` to see the error again');
  process.exit(r.status ?? 1);
}
