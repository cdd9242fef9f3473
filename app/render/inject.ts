/**
 * Adds spikes' templates into an interleaved (samples x channels) float32 window, as
 * `InjectDriftingTemplatesRecordingSegment.get_traces` (spikeinterface/generation/drift_tools.py) does: each spike
 * puts the template of its (displacement step, unit) at `sample - nbefore`, times its amplitude factor, clipped to
 * the window — so a spike straddling a window edge is split exactly and two windows side by side equal one.
 * Arithmetic follows SpikeInterface's: `wf * amplitude` in float64, cast to float32, then a float32 add
 * (a Float32Array store of a double sum of two floats is the correctly rounded float32 sum).
 */
import type { SparseTemplates } from '../generation/sparse-templates.ts';
import { injectable, injectWithKernel } from './inject-simd.ts';

export interface SpikeTable {
  sampleIndex: Float64Array;
  unitIndex: Int32Array;
  length: number;
}

/** First index i with a[i] >= x (a sorted ascending), as np.searchsorted(side="left"). */
export function lowerBound(a: Float64Array, x: number, lo = 0, hi = a.length): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export interface InjectOptions {
  /** step per spike (drifting recording), or one step for all (static recording) */
  steps: Int32Array | number;
  amplitudeFactor: Float64Array | null;
  nbefore: number;
  /**
   * Names the templates for the caches kept between calls (channel runs, the SIMD kernel's copied blocks): the
   * render model's id. A worker receives a fresh clone of the same model (new array objects over the same shared
   * memory) with every task, so without a key those caches would start over each chunk.
   */
  templatesKey?: string;
}

/**
 * Adds into `out` (rows startSample..endSample, numChannels columns) every spike whose template overlaps it.
 * Returns the number of spikes that touched the window.
 *
 * Speed (same sums, same order per output value, so the same bits as the plain loop): the typed arrays are
 * hoisted into locals, the step / amplitude kinds are decided once per call, not per spike, and the inner
 * loops live in small monomorphic helpers V8 inlines. The cost that remains is memory: each spike touches
 * ~135 rows of the window, so render windows that fit in cache (render-window.ts `renderWindowTiles`).
 */
export function injectSpikes(out: Float32Array, startSample: number, endSample: number, spikes: SpikeTable,
  templates: SparseTemplates, o: InjectOptions): number {
  const C = templates.numChannels;
  const W = templates.numSamples;
  if (templates.upsample !== 1) {
    throw new Error('templates with upsample_factor cannot be injected into a drifting recording (SpikeInterface raises NotImplementedError too): set generate_templates_kwargs.upsample_factor to null');
  }
  const rows = endSample - startSample;
  const nbefore = o.nbefore;
  const sampleIndex = spikes.sampleIndex, unitIndex = spikes.unitIndex;
  // spikes whose [t - nbefore, t - nbefore + W) meets [start, end)
  const first = lowerBound(sampleIndex, startSample + nbefore - W + 1);
  const last = lowerBound(sampleIndex, endSample + nbefore, first);
  const { channelOffsets, waveforms } = templates;
  const runs = channelRuns(templates, o.templatesKey);
  const U = templates.numUnits;
  const stepArray = typeof o.steps === 'number' ? null : o.steps;
  const fixedStep = typeof o.steps === 'number' ? o.steps : 0;
  const amps = o.amplitudeFactor;
  // a window in the thread's kernel memory (a worker's tile) takes the SIMD kernel: the same additions
  if (injectable(out) && injectWithKernel(out, startSample, rows, nbefore, templates, runs, o.templatesKey ?? templates.waveforms, {
    first, last, sampleIndex, amplitudeFactor: amps, block: (i) => (stepArray === null ? fixedStep : stepArray[i]) * U + unitIndex[i],
  })) return last - first;
  for (let i = first; i < last; i++) {
    const b = (stepArray === null ? fixedStep : stepArray[i]) * U + unitIndex[i];
    const lo = channelOffsets[b];
    const nnz = channelOffsets[b + 1] - lo;
    if (nnz === 0) continue;
    const t0 = sampleIndex[i] - nbefore - startSample; // window row of template sample 0
    const sFrom = t0 < 0 ? -t0 : 0;
    const sTo = t0 + W > rows ? rows - t0 : W;
    const r0 = runs.offsets[b], r1 = runs.offsets[b + 1];
    if (amps === null) addRows(out, waveforms, runs, r0, r1, nnz, lo * W, t0, sFrom, sTo, C);
    else addRowsScaled(out, waveforms, runs, r0, r1, nnz, lo * W, t0, sFrom, sTo, C, amps[i]);
  }
  return last - first;
}

/**
 * Each block's sparse channels as runs of consecutive channels (about 1.6 per block on a Neuropixels probe):
 * run r covers channels start[r] .. start[r] + length[r], which are the block's nonzeros k[r] .. k[r] + length[r].
 * The inner loop then indexes the window directly instead of through `channels` (measured ~2x faster).
 */
export interface ChannelRuns { offsets: Int32Array; start: Int32Array; k: Int32Array; length: Int32Array }

const runsOf = new WeakMap<Int32Array, ChannelRuns>();
/** by templates key: the last two (a worker renders one model at a time) */
const runsByKey = new Map<string, ChannelRuns>();

export function channelRuns(t: SparseTemplates, key?: string): ChannelRuns {
  let r = key !== undefined ? runsByKey.get(key) : runsOf.get(t.channels);
  if (r) return r;
  r = buildRuns(t);
  if (key !== undefined) {
    runsByKey.set(key, r);
    while (runsByKey.size > 2) runsByKey.delete(runsByKey.keys().next().value as string);
  } else {
    runsOf.set(t.channels, r);
  }
  return r;
}

function buildRuns(t: SparseTemplates): ChannelRuns {
  const { channelOffsets: off, channels: ch } = t;
  const blocks = off.length - 1;
  let count = 0;
  for (let b = 0; b < blocks; b++) for (let k = off[b]; k < off[b + 1]; k++) if (k === off[b] || ch[k] !== ch[k - 1] + 1) count++;
  const r: ChannelRuns = { offsets: new Int32Array(blocks + 1), start: new Int32Array(count), k: new Int32Array(count), length: new Int32Array(count) };
  let n = 0;
  for (let b = 0; b < blocks; b++) {
    r.offsets[b] = n;
    for (let k = off[b]; k < off[b + 1]; k++) {
      if (k === off[b] || ch[k] !== ch[k - 1] + 1) { r.start[n] = ch[k]; r.k[n] = k - off[b]; r.length[n] = 0; n++; }
      r.length[n - 1]++;
    }
  }
  r.offsets[blocks] = n;
  return r;
}

/** out[(t0 + s) * C + channel] += waveforms[wBase + s * nnz + k] over the block's channel runs r0 .. r1, s in [sFrom, sTo). */
function addRows(out: Float32Array, waveforms: Float32Array, runs: ChannelRuns, r0: number, r1: number, nnz: number, wBase: number,
  t0: number, sFrom: number, sTo: number, C: number): void {
  const { start, k, length } = runs;
  for (let s = sFrom; s < sTo; s++) {
    const row = (t0 + s) * C;
    const w = wBase + s * nnz;
    for (let r = r0; r < r1; r++) {
      const o = row + start[r], wr = w + k[r], len = length[r];
      for (let j = 0; j < len; j++) out[o + j] += waveforms[wr + j];
    }
  }
}

/** The same with `fround(w * amp)`: SpikeInterface casts `wf * amplitude` to float32 before the add. */
function addRowsScaled(out: Float32Array, waveforms: Float32Array, runs: ChannelRuns, r0: number, r1: number, nnz: number, wBase: number,
  t0: number, sFrom: number, sTo: number, C: number, amp: number): void {
  const fr = Math.fround;
  const { start, k, length } = runs;
  for (let s = sFrom; s < sTo; s++) {
    const row = (t0 + s) * C;
    const w = wBase + s * nnz;
    for (let r = r0; r < r1; r++) {
      const o = row + start[r], wr = w + k[r], len = length[r];
      for (let j = 0; j < len; j++) out[o + j] += fr(waveforms[wr + j] * amp);
    }
  }
}
