// Issue "Hybrid recordings" part 4: hybrid generation throughput on a 384-channel int16 SpikeGLX file of 60 s, against
// synthetic generation of the same size, and peak memory (target: at least as fast, under 1 GB). The SpikeGLX file is
// the drifting recording of a synthetic W2 run of 60 s (Neuropixels1-384, 250 units) written with the SpikeGLX export
// (app/formats/spikeglx-export.ts); that same synthetic run is the comparison. Each measurement runs in a fresh child
// process (this file with --hybrid-child), so its peak RSS (threads included) is its own.
// "x real time" = seconds of recording written per wall-clock second. A synthetic run writes TWO recordings (static
// and drifting) per second of recording, a hybrid run one, so MB/s written is reported beside it.
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exportSpikeGlx } from '../app/formats/spikeglx-export.ts';
import type { HybridPresetV1 } from '../app/presets/hybrid-types.ts';
import type { PresetV1 } from '../app/presets/types.ts';
import { generateDataset } from '../main/services/generation/generate-dataset.ts';
import { generateHybridDataset } from '../main/services/generation/generate-hybrid.ts';
import { record, runChild } from './lib.ts';

interface Row { wall_s: number; render_s: number; ground_truth_s: number; duration_s: number; data_bytes: number; peak_rss_mb: number; [k: string]: number }

const DURATION = 60;
const WORKERS = 2;

async function synthChild(dir: string): Promise<Row> {
  const preset = JSON.parse(readFileSync(fileURLToPath(new URL('./presets/W2.json', import.meta.url)), 'utf8')) as PresetV1;
  preset.params.duration = DURATION;
  preset.params.generate_displacement_vector_kwargs = { motion_list: [{ drift_mode: 'zigzag', t_start_drift: 5, period_s: 20 }] };
  const out = join(dir, 'synthetic');
  rmSync(out, { recursive: true, force: true });
  const t0 = performance.now();
  const r = await generateDataset({ preset, out, workers: WORKERS, dtype: 'int16', overwrite: true });
  const wall = (performance.now() - t0) / 1000;
  const s = r.summary;
  const rss = process.resourceUsage().maxRSS / 1024;
  rmSync(join(dir, 'spikeglx'), { recursive: true, force: true });
  exportSpikeGlx(join(out, 'drifting'), join(dir, 'spikeglx'), { name: 'bench' }); // the file the hybrid runs read
  const data = s.files['static/traces_cached_seg0.raw'].bytes + s.files['drifting/traces_cached_seg0.raw'].bytes;
  rmSync(out, { recursive: true, force: true });
  return { wall_s: wall, render_s: s.timings.render_s, ground_truth_s: s.timings.ground_truth_s, duration_s: s.duration_s, data_bytes: data, peak_rss_mb: rss };
}

async function hybridChild(dir: string, numUnits: number, motion: string): Promise<Row> {
  const preset: HybridPresetV1 = {
    format: 'spikegen-preset', version: 1, name: 'hybrid bench', kind: 'hybrid',
    params: {
      recording: { format: 'spikeglx', path: join(dir, 'spikeglx', 'bench_g0_t0.imec0.ap.bin') }, seed: 2205,
      generate_sorting_kwargs: { num_units: numUnits, firing_rates: 15, refractory_period_ms: 4 },
      motion: motion === 'none' ? null : { source: 'generated', generate_displacement_vector_kwargs: { motion_list: [{ drift_mode: 'zigzag', t_start_drift: 5, period_s: 20 }] } },
    },
  };
  const out = join(dir, 'hybrid');
  rmSync(out, { recursive: true, force: true });
  const t0 = performance.now();
  const r = await generateHybridDataset({ preset, out, workers: WORKERS, dtype: 'int16', overwrite: true });
  const wall = (performance.now() - t0) / 1000;
  const s = r.summary;
  const rss = process.resourceUsage().maxRSS / 1024;
  rmSync(out, { recursive: true, force: true });
  return { wall_s: wall, render_s: s.timings.render_s, ground_truth_s: s.timings.ground_truth_s, duration_s: s.duration_s, data_bytes: s.files['hybrid/traces_cached_seg0.raw'].bytes, peak_rss_mb: rss };
}

if (process.argv[2] === '--hybrid-child') {
  const [, , , kind, dir, units, motion] = process.argv;
  const row = kind === 'synthetic' ? await synthChild(dir) : await hybridChild(dir, Number(units), motion);
  console.log(JSON.stringify(row));
}

export function benchHybrid() {
  const dir = process.env.SPIKEGEN_BENCH_DIR ?? join(tmpdir(), 'spikegen-bench-hybrid');
  mkdirSync(dir, { recursive: true });
  const describe = (label: string, r: Row, recordings: number) => {
    const row = {
      case: label, workers: WORKERS, duration_s: r.duration_s, x_realtime: +(r.duration_s / r.wall_s).toFixed(2),
      x_realtime_rendering: +(r.duration_s / r.render_s).toFixed(2), recordings_written: recordings,
      mb_per_s: +(r.data_bytes / 1e6 / r.wall_s).toFixed(0), peak_rss_mb: +r.peak_rss_mb.toFixed(0), wall_s: +r.wall_s.toFixed(1),
      ground_truth_s: +r.ground_truth_s.toFixed(2), render_s: +r.render_s.toFixed(2),
    };
    console.log(`${label}: ${row.x_realtime}x real time (${row.x_realtime_rendering}x rendering), ${row.mb_per_s} MB/s, peak ${row.peak_rss_mb} MB`);
    return row;
  };
  const synthetic = describe('synthetic W2 60 s int16 (static + drifting)', runChild<Row>('./hybrid.bench.ts', ['--hybrid-child', 'synthetic', dir]), 2);
  const cases: [number, string][] = [[10, 'none'], [10, 'generated'], [250, 'generated']];
  const hybrid = cases.map(([u, m]) => describe(`hybrid into SpikeGLX 384 ch 60 s int16, ${u} units, motion ${m}`,
    runChild<Row>('./hybrid.bench.ts', ['--hybrid-child', 'hybrid', dir, String(u), m]), 1));
  rmSync(dir, { recursive: true, force: true });
  const slowest = Math.min(...hybrid.map((h) => h.x_realtime));
  const peak = Math.max(...hybrid.map((h) => h.peak_rss_mb));
  const targets = {
    'hybrid x real time >= synthetic x real time (same recording length)': { value: slowest, synthetic: synthetic.x_realtime, met: slowest >= synthetic.x_realtime },
    'hybrid peak memory < 1 GB': { value: peak, met: peak < 1000 },
  };
  for (const [k, v] of Object.entries(targets)) console.log(`${v.met ? 'met    ' : 'NOT MET'} ${k}: ${v.value}`);
  const path = record('hybrid', { targets, synthetic, hybrid });
  console.log(`recorded ${path}`);
}
