/**
 * Adds spikes' templates into an interleaved (samples x channels) float32 window, as
 * `InjectDriftingTemplatesRecordingSegment.get_traces` (spikeinterface/generation/drift_tools.py) does: each spike
 * puts the template of its (displacement step, unit) at `sample - nbefore`, times its amplitude factor, clipped to
 * the window — so a spike straddling a window edge is split exactly and two windows side by side equal one.
 * Arithmetic follows SpikeInterface's: `wf * amplitude` in float64, cast to float32, then a float32 add
 * (a Float32Array store of a double sum of two floats is the correctly rounded float32 sum).
 */
import type { SparseTemplates } from '../generation/sparse-templates.ts';

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
  const { channelOffsets, channels, waveforms } = templates;
  const U = templates.numUnits;
  const stepArray = typeof o.steps === 'number' ? null : o.steps;
  const fixedStep = typeof o.steps === 'number' ? o.steps : 0;
  const amps = o.amplitudeFactor;
  for (let i = first; i < last; i++) {
    const b = (stepArray === null ? fixedStep : stepArray[i]) * U + unitIndex[i];
    const lo = channelOffsets[b];
    const nnz = channelOffsets[b + 1] - lo;
    if (nnz === 0) continue;
    const t0 = sampleIndex[i] - nbefore - startSample; // window row of template sample 0
    const sFrom = t0 < 0 ? -t0 : 0;
    const sTo = t0 + W > rows ? rows - t0 : W;
    if (amps === null) addRows(out, waveforms, channels, lo, nnz, lo * W, t0, sFrom, sTo, C);
    else addRowsScaled(out, waveforms, channels, lo, nnz, lo * W, t0, sFrom, sTo, C, amps[i]);
  }
  return last - first;
}

/** out[(t0 + s) * C + channels[lo + k]] += waveforms[wBase + s * nnz + k] for s in [sFrom, sTo), k < nnz. */
function addRows(out: Float32Array, waveforms: Float32Array, channels: Int32Array, lo: number, nnz: number, wBase: number,
  t0: number, sFrom: number, sTo: number, C: number): void {
  for (let s = sFrom; s < sTo; s++) {
    const row = (t0 + s) * C;
    const w = wBase + s * nnz;
    for (let k = 0; k < nnz; k++) out[row + channels[lo + k]] += waveforms[w + k];
  }
}

/** The same with `fround(w * amp)`: SpikeInterface casts `wf * amplitude` to float32 before the add. */
function addRowsScaled(out: Float32Array, waveforms: Float32Array, channels: Int32Array, lo: number, nnz: number, wBase: number,
  t0: number, sFrom: number, sTo: number, C: number, amp: number): void {
  const fr = Math.fround;
  for (let s = sFrom; s < sTo; s++) {
    const row = (t0 + s) * C;
    const w = wBase + s * nnz;
    for (let k = 0; k < nnz; k++) out[row + channels[lo + k]] += fr(waveforms[w + k] * amp);
  }
}
