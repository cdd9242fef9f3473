#!/usr/bin/env node
// `npm start`: the Electron app when its runtime is installed, otherwise web mode (same services, printed address).
// Electron's own `require('electron')` downloads the runtime when it is missing (and throws offline), so the
// runtime is found here the way that module does without calling it: node_modules/electron/path.txt names the
// binary under node_modules/electron/dist/ (or ELECTRON_OVERRIDE_DIST_PATH points at a dist folder).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);

export function electronBinary() {
  const pkg = join(root, 'node_modules/electron');
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const relative = readFileSync(pathFile, 'utf8').trim();
  const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH || join(pkg, 'dist');
  const binary = join(dist, relative);
  return existsSync(binary) ? binary : null;
}

function run(cmd, argv) {
  const child = spawn(cmd, argv, { cwd: root, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

const binary = electronBinary();
if (binary) {
  run(binary, [root, ...args]);
} else {
  console.error("Electron's runtime is not installed on this machine: starting web mode instead (open the address below in a browser).");
  run(process.execPath, ['--import', 'tsx', join(root, 'main/server/serve.ts'), ...args]);
}
