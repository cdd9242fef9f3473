/// <reference lib="dom" />
/**
 * Issue "Hybrid recordings" in Chromium against a real web-mode server: the fixture template database is served on
 * 127.0.0.1 and the SpikeGLX NP1 fixture recording is copied into a temporary folder; in the UI a hybrid preset is
 * created, the recording picked and checked, templates browsed (filtered, thumbnails drawn) and selected, the
 * dataset generated and watched to completion, then opened in the viewer with the original and the hybrid
 * recordings side by side. Every screenshot is decoded and checked not blank.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts';
import { decodePng, nonBackgroundFraction } from '../helpers/png.ts';
import { ensureRendererBuilt, ROOT, startWebServer, type RunningServer } from '../helpers/web-server.ts';
import { NP1_BIN } from '../app/hybrid/hybrid-fixtures.ts';
import { startDbServer, type DbServer } from '../app/hybrid/template-db-server.ts';

const ARTIFACTS = join(ROOT, 'test-results/e2e');
const timeouts = { timeout: 60_000 };
let dataDir = '';
let recording = '';
let server: RunningServer | null = null;
let db: DbServer | null = null;
let browser: TestBrowser | null = null;

before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  ensureRendererBuilt();
  browser = await launchBrowser();
  db = await startDbServer();
  dataDir = mkdtempSync(join(tmpdir(), 'spikegen-e2e-hybrid-'));
  const runDir = join(dataDir, 'recordings', 'fixture_np1_g0', 'fixture_np1_g0_imec0');
  mkdirSync(runDir, { recursive: true });
  recording = join(runDir, 'fixture_np1_g0_t0.imec0.ap.bin');
  copyFileSync(NP1_BIN, recording);
  copyFileSync(NP1_BIN.replace(/\.bin$/, '.meta'), recording.replace(/\.bin$/, '.meta'));
  server = await startWebServer(dataDir);
});

after(async () => {
  await browser?.close();
  await server?.stop();
  await db?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function shotNotBlank(target: Locator, name: string, minFraction = 0.01): Promise<void> {
  const path = join(ARTIFACTS, name);
  await target.screenshot({ path });
  const f = nonBackgroundFraction(decodePng(readFileSync(path)));
  assert.ok(f > minFraction, `${name}: only ${(f * 100).toFixed(2)}% of the pixels differ from the background`);
}

test('hybrid: preset, recording, template browser, generation and the original/hybrid viewer', { timeout: 240_000 }, async () => {
  const page: Page = await browser!.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(server!.url);
  await page.locator('[data-testid=presets-view][data-ready=true]').waitFor(timeouts);

  await page.getByTestId('new-hybrid-preset').click();
  await page.getByTestId('editor').waitFor(timeouts);
  await page.getByTestId('params.recording.path').fill(recording);
  await page.getByTestId('hybrid-inspect').click();
  await page.getByTestId('hybrid-inspection').filter({ hasText: '384 channels at 30000 Hz' }).waitFor(timeouts);

  await page.getByTestId('hybrid-templates-source').selectOption('database');
  await page.getByTestId('params.templates.base_url').fill(db!.url);
  await page.getByTestId('tb-search').click();
  await page.getByTestId('tb-row').first().waitFor(timeouts);
  const all = await page.getByTestId('tb-row').count();
  await page.getByTestId('tb-area').selectOption('CA1');
  await page.getByTestId('tb-min-amp').fill('30');
  await page.getByTestId('tb-search').click();
  await page.waitForFunction((n) => {
    const rows = document.querySelectorAll('[data-testid=tb-row]');
    return rows.length > 0 && rows.length < n && document.querySelectorAll('[data-testid=tb-thumb] polyline').length > 0;
  }, all, timeouts);
  const areas = await page.getByTestId('tb-row').locator('td:nth-child(3)').allTextContents();
  assert.ok(areas.every((a) => a === 'CA1'), areas.join(','));
  const picks = page.getByTestId('tb-pick');
  for (let i = 0; i < Math.min(3, await picks.count()); i++) await picks.nth(i).check();
  await page.getByTestId('tb-selected').filter({ hasText: /^[23] templates selected/ }).waitFor(timeouts);
  await shotNotBlank(page.getByTestId('template-browser'), 'hybrid-template-browser.png');

  const generate = page.getByTestId('generate');
  await page.waitForFunction(() => !(document.querySelector('[data-testid=generate]') as HTMLButtonElement | null)?.disabled, null, timeouts);
  await generate.click();
  const job = page.getByTestId('job-row').first();
  await job.waitFor(timeouts);
  await page.locator('[data-testid=job-row][data-state=completed]').first().waitFor({ timeout: 120_000 });

  await page.getByTestId('nav-datasets').click();
  await page.getByTestId('dataset-row').first().getByTestId('dataset-open').click();
  await page.locator('[data-testid=trace-viewer][data-loaded-start="0"]').waitFor(timeouts);
  const text = await page.getByTestId('dataset-viewer').innerText();
  assert.match(text, /original/);
  assert.match(text, /hybrid/);
  await shotNotBlank(page.getByTestId('dataset-viewer'), 'hybrid-viewer.png');
  assert.deepEqual(errors, []);
});
