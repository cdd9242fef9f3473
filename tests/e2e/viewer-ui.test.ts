/// <reference lib="dom" />
/**
 * The viewers in Chromium against a real web-mode server: a small dataset is generated into the server's data
 * folder and listed, then opened; the trace viewer scrolls (keys, wheel), zooms, changes channels, marks spikes
 * (hover tells the unit) and filters units; the drift and template views open; PNG/SVG export and the report
 * work; the preset editor previews a window. Every screenshot is decoded and checked not blank.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { createServices } from '../../main/services/create-services.ts';
import { generateDataset } from '../../main/services/generation/generate-dataset.ts';
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts';
import { decodePng, nonBackgroundFraction } from '../helpers/png.ts';
import { ensureRendererBuilt, ROOT, startWebServer, type RunningServer } from '../helpers/web-server.ts';
import { smallPreset } from '../main/services/generation/helpers.ts';

const ARTIFACTS = join(ROOT, 'test-results/e2e');
const timeouts = { timeout: 30_000 };
let dataDir = '';
let datasetDir = '';
let server: RunningServer | null = null;
let browser: TestBrowser | null = null;
let page: Page;

before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  ensureRendererBuilt();
  browser = await launchBrowser();
  dataDir = mkdtempSync(join(tmpdir(), 'spikegen-e2e-viewer-'));
  datasetDir = join(dataDir, 'datasets', 'viewer-test');
  await generateDataset({ preset: { ...smallPreset(), name: 'viewer test' }, out: datasetDir, workers: 2, dtype: 'int16' });
  const services = createServices({ dataDir, mode: 'web' });
  await services.api.datasets.add(datasetDir); // listed in the catalogue the server opens
  await services.close();
  server = await startWebServer(dataDir);
});

after(async () => {
  await browser?.close();
  await server?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** Screenshot of `target` saved under test-results/e2e, asserted not blank (enough pixels differ from the background). */
async function shotNotBlank(target: Locator, name: string, minFraction = 0.01): Promise<number> {
  const path = join(ARTIFACTS, name);
  await target.screenshot({ path });
  const img = decodePng(readFileSync(path));
  const f = nonBackgroundFraction(img);
  assert.ok(f > minFraction, `${name}: only ${(f * 100).toFixed(2)}% of the pixels differ from the background`);
  return f;
}

const viewer = () => page.getByTestId('trace-viewer');
const loaded = async () => ({ start: Number(await viewer().getAttribute('data-loaded-start')), channels: await viewer().getAttribute('data-loaded-channels') });

test('viewers: traces, drift and template QC, exports, report and preview', { timeout: 240_000 }, async (t) => {
  let failed = '';
  const step = (name: string, fn: () => Promise<void>) => t.test(name, async (s) => {
    if (failed) { s.skip(`not run: "${failed}" failed`); return; }
    try { await fn(); } catch (e) { failed = name; throw e; }
  });
  const errors: string[] = [];

  await step('opens the dataset and shows its first window within a second', async () => {
    page = await browser!.context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    await page.goto(server!.url);
    await page.getByTestId('nav-datasets').click();
    const row = page.getByTestId('dataset-row').first();
    await row.waitFor(timeouts);
    const t0 = Date.now();
    await row.getByTestId('dataset-open').click();
    await page.locator('[data-testid=trace-viewer][data-loaded-start="0"]').waitFor(timeouts);
    const ms = Date.now() - t0;
    console.log(`open dataset → first window drawn: ${ms} ms (target < 1000 ms)`);
    assert.ok(ms < 5000, `the first window took ${ms} ms`);
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=trace-viewer]')?.getAttribute('data-markers')) > 0, null, timeouts);
    for (const rec of ['static', 'drifting']) await shotNotBlank(page.getByTestId(`trace-plot-${rec}`), `viewer-traces-${rec}.png`);
    await shotNotBlank(page.getByTestId('dataset-viewer'), 'viewer-traces.png');
  });

  await step('scrolls with the keyboard and the mouse wheel', async () => {
    await viewer().focus();
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=trace-viewer]')?.getAttribute('data-loaded-start')) > 0, null, timeouts);
    const afterKey = (await loaded()).start;
    await page.getByTestId('trace-plot-static').hover();
    await page.mouse.wheel(0, 400);
    await page.waitForFunction((s) => Number(document.querySelector('[data-testid=trace-viewer]')?.getAttribute('data-loaded-start')) > s, afterKey, timeouts);
    assert.ok((await loaded()).start > afterKey);
  });

  await step('zooms to 100 ms and shows channels 10-40', async () => {
    await page.getByTestId('trace-window').selectOption('0.1');
    await page.getByTestId('channel-start').fill('10');
    await page.getByTestId('channel-start').press('Enter');
    await page.getByTestId('channel-end').fill('40');
    await page.getByTestId('channel-end').press('Enter');
    await page.locator('[data-testid=trace-viewer][data-loaded-channels="10-40"]').waitFor(timeouts);
    const start = Number(await viewer().getAttribute('data-loaded-start')), end = Number(await viewer().getAttribute('data-loaded-end'));
    assert.equal(end - start, 3000, '100 ms at 30 kHz');
    await page.getByTestId('trace-gain').fill('60');
    await page.getByTestId('jump-time').fill('2');
    await page.getByTestId('jump-go').click();
    await page.locator('[data-testid=trace-viewer][data-loaded-start="60000"]').waitFor(timeouts);
    await shotNotBlank(page.getByTestId('trace-plot-drifting'), 'viewer-traces-zoomed.png');
  });

  await step('spike markers are drawn; hovering one tells unit, time, amplitude and displacement', async () => {
    await page.getByTestId('trace-window').selectOption('0.5');
    await page.getByTestId('channel-start').fill('0');
    await page.getByTestId('channel-start').press('Enter');
    await page.getByTestId('channel-end').fill('128');
    await page.getByTestId('channel-end').press('Enter');
    await page.locator('[data-testid=trace-viewer][data-loaded-channels="0-128"]').waitFor(timeouts);
    const plot = page.getByTestId('trace-plot-static');
    await page.waitForFunction(() => Boolean((document.querySelector('[data-testid=trace-plot-static]') as HTMLElement)?.dataset.firstMarker), null, timeouts);
    const [x, y] = ((await plot.getAttribute('data-first-marker')) ?? '').split(',').map(Number);
    const over = plot.locator('.u-over');
    await over.hover({ position: { x, y } });
    const tip = page.getByTestId('marker-tooltip');
    await tip.waitFor(timeouts);
    assert.match(await tip.innerText(), /unit \d+[\s\S]*t = [\d.]+ s[\s\S]*amplitude -?[\d.]+ µV[\s\S]*displacement/);
  });

  await step('the unit filter keeps the markers of one unit', async () => {
    const all = Number(await viewer().getAttribute('data-markers'));
    await page.getByTestId('unit-filter').selectOption('2');
    await page.waitForFunction((n) => Number(document.querySelector('[data-testid=trace-viewer]')?.getAttribute('data-markers')) < n, all, timeouts);
    await page.getByTestId('unit-filter').selectOption('');
    await page.waitForFunction((n) => Number(document.querySelector('[data-testid=trace-viewer]')?.getAttribute('data-markers')) === n, all, timeouts);
  });

  await step('exports the view as PNG and SVG', async () => {
    for (const [id, ext] of [['export-png', 'png'], ['export-svg', 'svg']]) {
      const download = page.waitForEvent('download', timeouts);
      await page.getByTestId(id).click();
      const d = await download;
      const path = join(ARTIFACTS, `viewer-export.${ext}`);
      await d.saveAs(path);
      if (ext === 'png') assert.ok(nonBackgroundFraction(decodePng(readFileSync(path))) > 0.01, 'the exported PNG is not blank');
      else assert.match(readFileSync(path, 'utf8'), /^<svg [\s\S]*<path d="M/);
    }
  });

  await step('opens the drift view: displacement curves and the two rasters', async () => {
    await page.getByTestId('tab-drift').click();
    await page.locator('[data-testid=drift-raster] canvas').nth(1).waitFor(timeouts);
    await page.locator('[data-testid=drift-curves] canvas').first().waitFor(timeouts);
    await page.waitForTimeout(300);
    await shotNotBlank(page.getByTestId('drift-raster'), 'viewer-drift-raster.png');
    await shotNotBlank(page.getByTestId('drift-view'), 'viewer-drift.png');
  });

  await step('opens the template view; clicking a unit on the probe selects it', async () => {
    await page.getByTestId('tab-templates').click();
    await page.locator('[data-testid=template-view][data-unit]').waitFor(timeouts);
    await page.locator('[data-testid=template-probe] svg path').first().waitFor(timeouts);
    const before = await page.getByTestId('template-unit').inputValue();
    const other = page.locator(`[data-testid=units-probe] circle[data-unit]:not([data-unit="${before}"])`).first();
    const unit = await other.getAttribute('data-unit');
    await other.click();
    await page.locator(`[data-testid=template-view][data-unit="${unit}"]`).waitFor(timeouts);
    assert.equal(await page.getByTestId('template-unit').inputValue(), unit);
    await page.getByTestId('template-step').fill('0');
    await page.waitForTimeout(400);
    await shotNotBlank(page.getByTestId('template-view'), 'viewer-templates.png');
  });

  await step('writes report.html into the dataset folder', async () => {
    await page.getByTestId('write-report').click();
    await page.getByTestId('toast').filter({ hasText: 'Report written' }).waitFor(timeouts);
    const html = readFileSync(join(datasetDir, 'report.html'), 'utf8');
    assert.match(html, /<svg /);
    assert.doesNotMatch(html, /<script|src="http/);
  });

  await step('the preset editor previews a window rendered on the fly', async () => {
    await page.getByTestId('nav-presets').click();
    await page.getByTestId('new-from-builtin-select').selectOption('builtin:quick-test');
    await page.getByTestId('new-from-builtin').click();
    await page.getByTestId('editor').waitFor(timeouts);
    const preview = page.locator('[data-testid=preset-preview][data-end]');
    await preview.waitFor({ timeout: 60_000 });
    await preview.scrollIntoViewIfNeeded();
    await page.getByTestId('preview-start').fill('0.5');
    await page.locator('[data-testid=preset-preview][data-start="15000"]').waitFor({ timeout: 60_000 });
    await shotNotBlank(page.getByTestId('preset-preview'), 'editor-preview.png');
    assert.deepEqual(errors, [], 'the page logged no errors');
    assert.ok(existsSync(join(ARTIFACTS, 'editor-preview.png')));
  });
});
