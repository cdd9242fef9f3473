/**
 * The same UI in the Electron shell, driven by Playwright's `_electron`. Electron's runtime cannot be downloaded on
 * these machines, so the test checks for it and reports a SKIP (never a pass) when it is absent.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron } from 'playwright-core';
import { ensureRendererBuilt, ROOT } from '../helpers/web-server.ts';

/** The Electron binary the electron package would run, without importing it (importing tries to download it). */
function electronBinary(): string | null {
  const pkg = join(ROOT, 'node_modules/electron');
  const pathFile = join(pkg, 'path.txt');
  if (process.env.ELECTRON_PATH && existsSync(process.env.ELECTRON_PATH)) return process.env.ELECTRON_PATH;
  if (!existsSync(pathFile)) return null;
  const bin = join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(bin) ? bin : null;
}

test('Electron: opens the window and creates a preset from a built-in', { timeout: 120_000 }, async (t) => {
  const executablePath = electronBinary();
  if (!executablePath) {
    t.skip('Electron runtime not installed: Electron e2e not run');
    return;
  }
  ensureRendererBuilt();
  const dataDir = mkdtempSync(join(tmpdir(), 'spikegen-e2e-electron-'));
  const app = await _electron.launch({
    executablePath, args: [join(ROOT, 'main/electron/main.cjs'), `--user-data-dir=${dataDir}`], cwd: ROOT,
    env: { ...process.env, SPIKEGEN_DATA_DIR: dataDir },
  });
  try {
    const page = await app.firstWindow();
    await page.getByTestId('new-from-builtin').and(page.locator(':enabled')).waitFor({ timeout: 30_000 });
    await page.getByTestId('new-from-builtin-select').selectOption('builtin:quick-test');
    await page.getByTestId('new-from-builtin').click();
    await page.getByTestId('editor').waitFor({ timeout: 30_000 });
    await page.getByTestId('params.num_units').fill('11');
    await page.locator('[data-testid=save-state][data-state=saved]').waitFor({ timeout: 30_000 });
    assert.equal(await page.getByTestId('params.num_units').inputValue(), '11');
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
