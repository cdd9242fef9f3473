// One dataset generation in this fresh process: prints timings, sizes and peak RSS (maxRSS of the process, which
// includes the worker threads) as JSON, then deletes the dataset. Args: preset.json out-dir workers dtype duration noise
import { readFileSync, rmSync } from 'node:fs';
import type { PresetV1 } from '../app/presets/types.ts';
import { generateDataset } from '../main/services/generation/generate-dataset.ts';

const [presetPath, out, workers, dtype, duration, noise, chunkSeconds] = process.argv.slice(2);
const preset = JSON.parse(readFileSync(presetPath, 'utf8')) as PresetV1;
preset.params.duration = Number(duration);
// a shortened run keeps a drift: start it at 1/6 of the recording with a period of 1/3 (W2's 600 s run: 60 s and 200 s)
const motion = preset.params.generate_displacement_vector_kwargs?.motion_list?.[0];
if (!motion || (motion.t_start_drift ?? 0) >= preset.params.duration) {
  preset.params.generate_displacement_vector_kwargs = { displacement_sampling_frequency: 5, drift_start_um: [0, 20], drift_stop_um: [0, -20],
    drift_step_um: 1, motion_list: [{ drift_mode: 'zigzag', t_start_drift: preset.params.duration / 6, period_s: preset.params.duration / 3 }] };
}
// "white" / "correlated" (SpikeInterface's default, spatial_decay 25) with the default generator ("auto": numpy's
// stream, since 0.2 for correlated noise too); a "numpy-" or "fast-" prefix forces one
const white = noise.endsWith('white');
const generator = noise.startsWith('fast-') ? 'fast' as const : noise.startsWith('numpy-') ? 'numpy' as const : 'auto' as const;
preset.params.generate_noise_kwargs = { noise_levels: { range: [6, 8] }, spatial_decay: white ? null : 25, noise_generator: generator };
rmSync(out, { recursive: true, force: true });
const t0 = performance.now();
const r = await generateDataset({ preset, out, workers: Number(workers), dtype: dtype as 'int16' | 'float32', overwrite: true, ...(chunkSeconds ? { chunkSeconds: Number(chunkSeconds) } : {}) });
const wall = (performance.now() - t0) / 1000;
const s = r.summary;
const dataBytes = s.files['static/traces_cached_seg0.raw'].bytes + s.files['drifting/traces_cached_seg0.raw'].bytes;
rmSync(out, { recursive: true, force: true });
console.log(JSON.stringify({
  wall_s: wall, ...s.timings, duration_s: s.duration_s, data_bytes: dataBytes, peak_rss_mb: process.resourceUsage().maxRSS / 1024,
  realtime_pair_end_to_end: s.duration_s / wall, realtime_pair_rendering: s.duration_s / s.timings.render_s,
  mb_per_s_end_to_end: dataBytes / 1e6 / wall, mb_per_s_rendering: dataBytes / 1e6 / s.timings.render_s,
}));
