/// <reference lib="dom" />
// Issue "Viewers and visual QC": the trace viewer in Chromium (web mode) on W2 (Neuropixels1-384, 250 units,
// int16). Generates W2 once into $SPIKEGEN_BENCH_DIR (600 s = 27.6 GB and many minutes; `--duration S` makes a
// shorter one, reported in the results) and reuses it. Measures, in the browser:
//  - open → first window drawn (target < 1 s),
//  - 1 s × 384-channel window, request → drawn (target < 100 ms), at random positions after a jump,
//  - frame times while scrolling continuously with the wheel (target p95 < 33 ms, i.e. >= 30 fps),
//  - renderer memory after `--scroll-seconds` of scrolling (default 300; target < 300 MB): JS heap from CDP
//    Performance.getMetrics and the renderer processes' RSS from /proc.
import { existsSync, readdirSync, readFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { PresetV1 } from '../app/presets/types.ts';
import { createServices } from '../main/services/create-services.ts';
import { generateDataset } from '../main/services/generation/generate-dataset.ts';
import { launchBrowser } from '../tests/helpers/browser.ts';
import { ensureRendererBuilt, startWebServer } from '../tests/helpers/web-server.ts';
import { record, runChild } from './lib.ts';
// the renderer's window.__spikegenViewerStats (declared there), read in page.evaluate
import type {} from '../renderer/viewers/traces/viewer-stats.ts';

/** One wheel event per animation frame on the static plot for `s` seconds, turning at both ends; frame times. */
const SCROLL_IN_PAGE = `async function (s, duration) {
  const over = document.querySelector('[data-testid=trace-plot-static] .u-over');
  const frames = [];
  let last = performance.now(), dir = 1;
  const end = last + s * 1000;
  const before = window.__spikegenViewerStats.drawn.length;
  await new Promise(function (res) {
    function tick(now) {
      frames.push(now - last);
      last = now;
      const m = /^\\s*([\\d.]+)–([\\d.]+) s/.exec(document.querySelector('[data-testid=trace-status]').textContent || '');
      if (m && Number(m[1]) <= 0) dir = 1;
      if (m && Number(m[2]) >= duration - 1e-3) dir = -1;
      over.dispatchEvent(new WheelEvent('wheel', { deltaY: 40 * dir, bubbles: true, cancelable: true }));
      if (now < end) requestAnimationFrame(tick); else res();
    }
    requestAnimationFrame(tick);
  });
  return { frames: frames.slice(1), windows: window.__spikegenViewerStats.drawn.length - before };
}`;

const pct = (xs: number[], p: number) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN; };
const r1 = (v: number) => Math.round(v * 10) / 10;

function rendererRssMb(): number {
  let best = 0;
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmd.includes('--type=renderer') || !cmd.includes('chrom')) continue;
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (m) best = Math.max(best, Number(m[1]) / 1024);
    } catch { /* the process ended */ }
  }
  return best;
}

export async function benchViewer(argv: string[] = process.argv.slice(2)) {
  const { values } = parseArgs({ args: argv, allowPositionals: true, strict: false, options: { duration: { type: 'string' }, 'scroll-seconds': { type: 'string' } } });
  const duration = Number(values.duration ?? 600), scrollSeconds = Number(values['scroll-seconds'] ?? 300);
  const dir = process.env.SPIKEGEN_BENCH_DIR ?? join(tmpdir(), 'spikegen-bench');
  const datasetDir = join(dir, `viewer-W2-${duration}s`);
  mkdirSync(dir, { recursive: true });
  console.log(`W2 at ${duration} s${duration !== 600 ? ' (--duration override; the issue asks for 600 s)' : ''}, scrolling ${scrollSeconds} s`);
  if (!existsSync(join(datasetDir, 'dataset.json'))) {
    const preset = JSON.parse(readFileSync(fileURLToPath(new URL('./presets/W2.json', import.meta.url)), 'utf8')) as PresetV1;
    preset.params.duration = duration;
    if (duration < 600) {
      // W2's drift starts at 60 s with a 200 s period: a shorter recording keeps the same zigzag shape, scaled
      preset.params.generate_displacement_vector_kwargs = {
        displacement_sampling_frequency: 5, drift_start_um: [0, 20], drift_stop_um: [0, -20], drift_step_um: 1,
        motion_list: [{ drift_mode: 'zigzag', non_rigid_gradient: null, t_start_drift: duration / 10, t_end_drift: null, period_s: duration / 3 }],
      };
    }
    console.log(`generating W2 (${duration} s) into ${datasetDir} once...`);
    const t = Date.now();
    await generateDataset({ preset, out: datasetDir, dtype: 'int16', overwrite: true });
    console.log(`  generated in ${((Date.now() - t) / 1000).toFixed(0)} s`);
  }
  const dataDir = join(dir, 'viewer-data');
  const services = createServices({ dataDir, mode: 'web' });
  await services.api.datasets.add(datasetDir);
  await services.close();
  ensureRendererBuilt();
  const server = await startWebServer(dataDir);
  const browser = await launchBrowser();
  try {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1600, height: 1000 });
    page.on('crash', () => console.error('the page crashed'));
    page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(server.url);
    await page.waitForTimeout(2500); // as a user would: the app has started (its viewer threads too) before a dataset is opened
    await page.getByTestId('nav-datasets').click();
    const row = page.locator(`[data-testid=dataset-row][data-path="${datasetDir}"]`);
    await row.waitFor({ timeout: 30_000 });
    const clickedAt = await page.evaluate(() => performance.now());
    await row.getByTestId('dataset-open').click();
    await page.waitForFunction(() => (window.__spikegenViewerStats?.drawn.length ?? 0) > 0, null, { timeout: 30_000 });
    const openMs = await page.evaluate((t) => window.__spikegenViewerStats!.drawn[0].drawnAt - t, clickedAt);
    console.log(`open → first window (1 s × 384 channels) drawn: ${openMs.toFixed(0)} ms (target < 1000)`);

    // 1 s windows at random places: jump, wait for the draw, read request → drawn
    const windowMs: number[] = [], serverMs: number[] = [], receivedMs: number[] = [];
    const arrived: { traces: number; spikes: number }[] = [];
    for (let i = 1; i <= 20; i++) {
      const t = 0.5 + Math.floor(((i * 7919) % 97) / 97 * (duration - 2) * 1000) / 1000;
      const n = await page.evaluate(() => window.__spikegenViewerStats!.drawn.length);
      await page.getByTestId('jump-time').fill(String(t));
      await page.getByTestId('jump-go').click();
      await page.waitForFunction((k) => window.__spikegenViewerStats!.drawn.length > k, n, { timeout: 30_000 });
      const d = await page.evaluate(() => window.__spikegenViewerStats!.drawn.at(-1)!);
      windowMs.push(d.ms);
      serverMs.push(d.serverMs);
      receivedMs.push(d.receivedMs);
      arrived.push(d.arrivedMs ?? { traces: NaN, spikes: NaN });
    }
    console.log(`1 s window request → drawn: p50 ${pct(windowMs, 50).toFixed(0)} ms, p95 ${pct(windowMs, 95).toFixed(0)} ms, max ${Math.max(...windowMs).toFixed(0)} ms (server read+decimate p50 ${pct(serverMs, 50).toFixed(0)} ms, bytes in the renderer p50 ${pct(receivedMs, 50).toFixed(0)} ms); target < 100 ms`);
    // the disk's own speed right after the windows, for context: a 1 s window pair read cold (page cache dropped;
    // root only), no viewer involved (bench/window-read.ts). This VM's disk varies from run to run, and its reads
    // slow down after a burst (the last windows of a run measured 2x slower), so this runs after the windows
    let diskWindowPair: { median_ms: number; p95_ms: number } | null = null;
    try {
      const r = runChild<{ cold: boolean; results: Record<string, { median_ms: number; p95_ms: number }> }>('./window-read.ts', ['--dir', datasetDir, '--windows', '12', '--schemes', 'sync-2M']);
      if (r.cold) diskWindowPair = r.results['sync-2M'];
    } catch (e) {
      console.log(`(the disk read check did not run: ${(e as Error).message.split('\n')[0]})`);
    }
    if (diskWindowPair) console.log(`disk alone: a cold 1 s window pair (2 × 23 MB) reads in ${diskWindowPair.median_ms} ms (median of 12), p95 ${diskWindowPair.p95_ms} ms`);

    // continuous wheel scrolling: one wheel event per animation frame, turning at the ends
    // the in-page loop is a string: tsx's keepNames would wrap its inner functions in a __name() the page lacks
    const scroll = (seconds: number) => page.evaluate(`(${SCROLL_IN_PAGE})(${seconds}, ${duration})`) as Promise<{ frames: number[]; windows: number }>;
    await page.evaluate(() => { window.__spikegenViewerStats!.paints.length = 0; });
    const fpsRun = await scroll(10);
    const paints = await page.evaluate(() => [...window.__spikegenViewerStats!.paints]);
    const p95 = pct(fpsRun.frames, 95);
    console.log(`scrolling (10 s): ${fpsRun.frames.length} frames, frame time p50 ${pct(fpsRun.frames, 50).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms (${(1000 / pct(fpsRun.frames, 50)).toFixed(0)} fps median), ${fpsRun.windows} windows drawn; target p95 < 33 ms; plot paints (JS) p50 ${pct(paints, 50).toFixed(1)} ms, p95 ${pct(paints, 95).toFixed(1)} ms`);
    let long = { frames: [] as number[], windows: 0 };
    // memory every 30 s of scrolling: a leak shows as a climb, a steady state as a plateau
    const memoryTrace: { at_s: number; js_heap_used_mb: number; renderer_rss_mb: number }[] = [];
    for (let done = 0; done < scrollSeconds; done += 30) {
      const part = await scroll(Math.min(30, scrollSeconds - done));
      long = { frames: long.frames.concat(part.frames), windows: long.windows + part.windows };
      const m = (await cdp.send('Performance.getMetrics')).metrics;
      memoryTrace.push({ at_s: Math.min(scrollSeconds, done + 30), js_heap_used_mb: r1((m.find((x) => x.name === 'JSHeapUsedSize')?.value ?? NaN) / 2 ** 20), renderer_rss_mb: r1(rendererRssMb()) });
      console.log(`  scrolled ${memoryTrace.at(-1)!.at_s} s: frame p95 ${pct(part.frames, 95).toFixed(1)} ms, JS heap ${memoryTrace.at(-1)!.js_heap_used_mb} MB, renderer RSS ${memoryTrace.at(-1)!.renderer_rss_mb} MB`);
    }
    const metrics = (await cdp.send('Performance.getMetrics')).metrics;
    const heapMb = (metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN) / 2 ** 20;
    const totalHeapMb = (metrics.find((m) => m.name === 'JSHeapTotalSize')?.value ?? NaN) / 2 ** 20;
    const rss = rendererRssMb();
    console.log(`after ${scrollSeconds} s of scrolling: JS heap used ${heapMb.toFixed(0)} MB (total ${totalHeapMb.toFixed(0)} MB), renderer process RSS ${rss.toFixed(0)} MB; frame p95 over the run ${pct(long.frames, 95).toFixed(1)} ms; target < 300 MB`);
    const results = {
      workload: `W2 (Neuropixels1-384, 250 units, ${duration} s, int16)`, duration_s: duration, duration_note: duration === 600 ? 'as the issue asks' : `--duration ${duration} (the issue asks for 600 s; the viewer reads byte ranges, so the file length changes only the page-cache hit rate)`,
      scroll_seconds: scrollSeconds,
      disk_cold_window_pair_read_ms: diskWindowPair,
      targets: { open_first_window_ms: 1000, window_1s_384ch_ms: 100, scroll_frame_p95_ms: 33, renderer_memory_mb: 300 },
      open_first_window_ms: r1(openMs),
      window_1s_384ch_ms: { p50: r1(pct(windowMs, 50)), p95: r1(pct(windowMs, 95)), max: r1(Math.max(...windowMs)), server_p50: r1(pct(serverMs, 50)), received_p50: r1(pct(receivedMs, 50)), runs: windowMs.map(r1),
        server_runs: serverMs.map(r1), received_runs: receivedMs.map(r1),
        traces_arrived_runs: arrived.map((a) => r1(a.traces)), spikes_arrived_runs: arrived.map((a) => r1(a.spikes)) },
      scroll_10s: { frames: fpsRun.frames.length, frame_ms_p50: r1(pct(fpsRun.frames, 50)), frame_ms_p95: r1(p95), frame_ms_max: r1(Math.max(...fpsRun.frames)), windows_drawn: fpsRun.windows,
        plot_paint_ms_p50: r1(pct(paints, 50)), plot_paint_ms_p95: r1(pct(paints, 95)) },
      scroll_long: { frames: long.frames.length, frame_ms_p95: r1(pct(long.frames, 95)), windows_drawn: long.windows },
      memory_after_scrolling: { js_heap_used_mb: r1(heapMb), js_heap_total_mb: r1(totalHeapMb), renderer_rss_mb: r1(rss) },
      memory_trace: memoryTrace,
      met: {
        open_first_window: openMs < 1000, window_1s: pct(windowMs, 95) < 100, scroll_30fps: p95 < 33 && pct(long.frames, 95) < 33,
        memory: heapMb < 300 && (rss === 0 || rss < 300),
      },
    };
    console.log(`recorded ${record('viewer', results)}`);
    return results;
  } finally {
    await browser.close();
    await server.stop();
  }
}
