/**
 * The Electron main process: one window over the shared services. `--data-dir <dir>` keeps the database and
 * datasets there (else Electron's userData folder). Quitting waits for running jobs to be cancelled and cleaned up
 * and for the database to close.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { app, BrowserWindow, shell } from 'electron';
import { createServices, type Services } from '../services/create-services.ts';
import { registerAppScheme, serveAppProtocol } from './app-protocol.ts';
import { createAppWindow, lockDownWebContents, RENDERER_DIR } from './app-window.ts';
import { wireIpc } from './ipc-wiring.ts';

function dataDirArgument(argv: string[]): string | undefined {
  const { values } = parseArgs({ args: argv, options: { 'data-dir': { type: 'string' } }, strict: false, allowPositionals: true });
  return typeof values['data-dir'] === 'string' ? resolve(values['data-dir']) : undefined;
}

if (!app.requestSingleInstanceLock()) app.quit();
registerAppScheme();
lockDownWebContents();

let services: Services | null = null;
let win: BrowserWindow | null = null;

app.whenReady().then(() => {
  serveAppProtocol(RENDERER_DIR);
  services = createServices({
    dataDir: dataDirArgument(process.argv.slice(1)) ?? app.getPath('userData'), mode: 'electron',
    revealFolder: (path) => shell.openPath(path),
  });
  const current = services;
  const ipc = wireIpc(current, () => win);
  win = createAppWindow({ busy: () => current.busy() });
  ipc.attach(win);
  win.on('closed', () => { win = null; });
}).catch((e) => {
  console.error('Spikegen Studio could not start:', e);
  app.exit(1);
});

app.on('second-instance', () => {
  if (win) { if (win.isMinimized()) win.restore(); win.focus(); }
});

app.on('window-all-closed', () => app.quit());

let closed = false;
app.on('before-quit', (event) => {
  if (closed || !services) return;
  event.preventDefault();
  void services.close().finally(() => {
    closed = true;
    app.quit();
  });
});
