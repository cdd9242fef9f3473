// Chunk rendering stages on W2 (Neuropixels1-384, 250 units, drifting), one core, one 1 s chunk = one noise block
// of 30000 samples x 384 channels. Run: node --import tsx bench/render.bench.ts [--seconds 60] [--reps 5]
// Each stage is timed on blocks 1..reps (after a warm-up on block 0); the median is reported in ms per chunk.
//   noise:     the noise of one block into a chunk-sized buffer (white = SpikeInterface's exact numpy stream)
//   inject:    one recording's spikes into a chunk-sized buffer holding the noise (the pre-tiling layout)
//   int16:     float32ToInt16 of one chunk-sized recording
//   tiled:     renderWindowTiles (noise, copy, both injections) with tiles in ordinary arrays
//              + int16 conversion of both recordings, tile by tile
//   tiled_in_kernel_memory: the same with the tiles in the thread's WebAssembly memory, as a worker renders int16:
//              noise drawn, spikes added and int16 converted there by the kernels (app/wasm/thread-memory.ts)
//   window:    renderWindow of the whole chunk (noise, copy, both injections) + both int16 conversions
import { buildGroundTruth } from '../app/generation/ground-truth.ts';
import type { PresetV1 } from '../app/presets/types.ts';
import { float32ToInt16 } from '../app/formats/int16-gain.ts';
import { int16InputViews } from '../app/formats/int16-simd.ts';
import { injectSpikes } from '../app/render/inject.ts';
import { createNoiseWindowCache, fromShared, renderPreparedWindow } from '../app/render/noise.ts';
import { renderModelFromGroundTruth, toSharedRenderModel, type RenderModel } from '../app/render/render-model.ts';
import { renderWindow, renderWindowTiles } from '../app/render/render-window.ts';
import { median, record } from './lib.ts';
import W2 from './presets/W2.json' with { type: 'json' };

const arg = (name: string, dflt: number) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? Number(process.argv[i + 1]) : dflt; };
const SECONDS = arg('seconds', 60), REPS = arg('reps', 5);

function preset(spatialDecay: number | null, generator?: string): PresetV1 {
  const p = structuredClone(W2) as unknown as PresetV1;
  p.params.duration = SECONDS;
  // drift from 10 s on (W2 starts it at 60 s), so that a short run has every kind of chunk
  p.params.generate_displacement_vector_kwargs = { motion_list: [{ drift_mode: 'zigzag', t_start_drift: 10, period_s: 20 }], drift_start_um: [0, 20], drift_stop_um: [0, -20] } as never;
  p.params.generate_noise_kwargs = { ...(p.params.generate_noise_kwargs ?? {}), spatial_decay: spatialDecay, ...(generator ? { noise_generator: generator } : {}) } as never;
  return p;
}

/** median ms of fn over blocks 1..REPS after a warm-up on block 0; fn may return its own measured ms */
function time(fn: (b: number) => number | void): number {
  fn(0);
  const ts: number[] = [];
  for (let b = 1; b <= REPS; b++) { const t = performance.now(); const own = fn(b); ts.push(typeof own === 'number' ? own : performance.now() - t); }
  return +median(ts).toFixed(1);
}

const B = 30000;
function stages(m: RenderModel) {
  const C = m.numChannels, n = B * C;
  const p = fromShared(m.preparedNoise!);
  const cache = createNoiseWindowCache(p);
  const a = new Float32Array(n), d = new Float32Array(n), i16 = new Int16Array(n);
  const noise = time((b) => renderPreparedWindow(p, cache, b * B, (b + 1) * B, a));
  const inject = time((b) => {
    renderPreparedWindow(p, cache, b * B, (b + 1) * B, a);
    const t = performance.now();
    injectSpikes(a, b * B, (b + 1) * B, m.spikes, m.templates, { steps: m.displacementIndices, amplitudeFactor: m.amplitudeFactor, nbefore: m.nbefore });
    return performance.now() - t;
  });
  const int16 = time(() => { float32ToInt16(a, 0.03, i16); });
  const tiled = time((b) => {
    let off = 0;
    renderWindowTiles(m, b * B, (b + 1) * B, (_s, _e, st, dr) => {
      float32ToInt16(st, 0.03, i16.subarray(off, off + st.length));
      float32ToInt16(dr, 0.03, i16.subarray(off, off + dr.length));
      off += st.length;
    });
  });
  // as a worker does it: the tiles in the thread's kernel memory (noise drawn, spikes added and int16 converted there)
  const views = int16InputViews(2, 512 * C);
  const tiledKernels = views ? time((b) => {
    let off = 0;
    renderWindowTiles(m, b * B, (b + 1) * B, (_s, _e, st, dr) => {
      float32ToInt16(st, 0.03, i16.subarray(off, off + st.length));
      float32ToInt16(dr, 0.03, i16.subarray(off, off + dr.length));
      off += st.length;
    }, { tileSamples: 512, buffers: { static: views[0], drifting: views[1] } });
  }) : null;
  const bufs = { static: a, drifting: d };
  const window = time((b) => {
    const w = renderWindow(m, b * B, (b + 1) * B, { withNoise: false, buffers: bufs });
    float32ToInt16(w.static, 0.03, i16);
    float32ToInt16(w.drifting, 0.03, i16);
  });
  return { noise_ms: noise, inject_one_recording_ms: inject, int16_one_recording_ms: int16, tiled_chunk_ms: tiled, tiled_in_kernel_memory_chunk_ms: tiledKernels, window_chunk_ms: window };
}

const results: Record<string, unknown> = {};
const cases: [string, number | null, string | undefined][] = [
  ['white', null, undefined], ['correlated (decay 25)', 25, undefined],
];
if (process.argv.includes('--fast')) cases.push(['white, noise_generator fast', null, 'fast'], ['correlated, noise_generator fast', 25, 'fast']);
for (const [name, decay, gen] of cases) {
  const gt = buildGroundTruth(preset(decay, gen));
  const m = toSharedRenderModel(renderModelFromGroundTruth(gt));
  const r = stages(m);
  results[name] = r;
  console.log(name.padEnd(36), JSON.stringify(r));
}
console.log(`(ms per 1 s chunk of 384 channels, one core, median of ${REPS}; the worker also writes 2 x 23 MB of int16 per chunk)`);
if (process.argv.includes('--record')) console.log('recorded', record('render', { seconds: SECONDS, reps: REPS, results }));
