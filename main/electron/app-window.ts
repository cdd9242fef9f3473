/**
 * The main window and the rules every web contents follows: context isolation, sandbox, no Node in the page, the
 * generic preload; navigation away from our page and pop-ups refused; <webview> refused. Closing the window while
 * a job runs asks first, because quitting cancels the job.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog } from 'electron';
import { APP_URL, mayNavigate, preloadArguments } from './ipc-policy.ts';

const PRELOAD = fileURLToPath(new URL('./preload.cjs', import.meta.url));

/** Applies to every web contents the app ever makes (call once, before the first window). */
export function lockDownWebContents(): void {
  app.on('web-contents-created', (_e, contents) => {
    contents.on('will-navigate', (event, url) => { if (!mayNavigate(url)) event.preventDefault(); });
    contents.on('will-redirect', (event, url) => { if (!mayNavigate(url)) event.preventDefault(); });
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
}

export function createAppWindow(o: { busy: () => boolean }): BrowserWindow {
  const win = new BrowserWindow({
    width: 1400, height: 900, show: false, title: 'Spikegen Studio',
    webPreferences: {
      preload: PRELOAD, contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true,
      additionalArguments: preloadArguments(), spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  let confirmed = false;
  win.on('close', (event) => {
    if (confirmed || !o.busy()) return;
    event.preventDefault();
    void dialog.showMessageBox(win, {
      type: 'question', buttons: ['Cancel the jobs and quit', 'Keep working'], defaultId: 1, cancelId: 1,
      message: 'A generation job is still running or queued.',
      detail: 'Quitting cancels it and removes its unfinished dataset; finished datasets are kept.',
    }).then(({ response }) => {
      if (response === 0) {
        confirmed = true;
        win.close();
      }
    });
  });
  void win.loadURL(APP_URL);
  return win;
}

export const RENDERER_DIR = join(fileURLToPath(new URL('../../', import.meta.url)), 'dist', 'renderer');
