/**
 * `select_templates` and `scale_template_to_range` (generation/hybrid_tools.py, SI 0.105), with the main channel
 * of `Templates.get_main_channels` (core/template_tools.py `_get_main_channel_from_template_array`). Amplitudes are
 * float32 reductions as numpy computes them on the float32 `templates_array` (np.ptp of float32 rounds max − min
 * to float32) and are then compared / combined in float64.
 */
import { channelLocationsOf, requireDense, selectUnits, withTemplatesArray, type Templates } from './templates-object.ts';

export type AmplitudeFunction = 'ptp' | 'min' | 'max';
export type PeakSign = 'neg' | 'pos' | 'both';
export type PeakMode = 'extremum' | 'at_index' | 'peak_to_peak';

/** `get_main_channels(peak_sign, peak_mode, outputs="index")`: argmax over channels (first maximum on ties). */
export function mainChannelIndices(t: Templates, peakSign: PeakSign = 'both', peakMode: PeakMode = 'extremum'): Int32Array {
  requireDense(t, 'get_main_channels');
  const { numUnits: U, numSamples: S, numChannels: C, templatesArray: a } = t;
  const out = new Int32Array(U);
  for (let u = 0; u < U; u++) {
    let best = -Infinity, bestC = 0;
    for (let c = 0; c < C; c++) {
      let v: number;
      if (peakMode === 'at_index') {
        const x = a[(u * S + t.nbefore) * C + c];
        v = peakSign === 'both' ? Math.abs(x) : x; // SI keeps the signed value for 'neg' too (argmax of it)
      } else {
        let mn = Infinity, mx = -Infinity;
        for (let s = 0; s < S; s++) {
          const x = a[(u * S + s) * C + c];
          if (x < mn) mn = x;
          if (x > mx) mx = x;
        }
        if (peakMode === 'peak_to_peak') v = Math.fround(mx - mn);
        else v = peakSign === 'both' ? Math.max(Math.abs(mn), Math.abs(mx)) : peakSign === 'neg' ? -mn : mx;
      }
      if (v > best || Number.isNaN(v)) { best = v; bestC = c; if (Number.isNaN(v)) break; }
    }
    out[u] = bestC;
  }
  return out;
}

/** Amplitude of each unit on its main channel: np.ptp / np.min / np.max of `templates_array[i, :, main]`. */
export function templateAmplitudes(t: Templates, fn: AmplitudeFunction = 'ptp', main = mainChannelIndices(t)): Float64Array {
  const { numUnits: U, numSamples: S, numChannels: C, templatesArray: a } = t;
  const out = new Float64Array(U);
  for (let u = 0; u < U; u++) {
    let mn = Infinity, mx = -Infinity;
    for (let s = 0; s < S; s++) {
      const x = a[(u * S + s) * C + main[u]];
      if (x < mn) mn = x;
      if (x > mx) mx = x;
    }
    out[u] = fn === 'ptp' ? Math.fround(mx - mn) : fn === 'min' ? mn : mx;
  }
  return out;
}

export interface SelectTemplatesOptions {
  minAmplitude?: number | null; maxAmplitude?: number | null;
  minDepth?: number | null; maxDepth?: number | null;
  amplitudeFunction?: AmplitudeFunction;
  depthDirection?: 'x' | 'y';
}

/** `select_templates`: null when nothing is left (SI warns "No templates left after filtering" and returns None). */
export function selectTemplates(t: Templates, o: SelectTemplatesOptions): Templates | null {
  const given = (v: number | null | undefined): v is number => v !== null && v !== undefined;
  if (![o.minAmplitude, o.maxAmplitude, o.minDepth, o.maxDepth].some(given)) {
    throw new Error('At least one of min_amplitude, max_amplitude, min_depth, max_depth should be provided');
  }
  const main = mainChannelIndices(t);
  const keep = new Array<boolean>(t.numUnits).fill(true);
  if (given(o.minAmplitude) || given(o.maxAmplitude)) {
    const amps = templateAmplitudes(t, o.amplitudeFunction ?? 'ptp', main);
    amps.forEach((a, u) => {
      if (given(o.minAmplitude) && !(a >= o.minAmplitude)) keep[u] = false;
      if (given(o.maxAmplitude) && !(a <= o.maxAmplitude)) keep[u] = false;
    });
  }
  if (given(o.minDepth) || given(o.maxDepth)) {
    if (!t.probe) throw new Error('Templates should have a probe to filter based on depth');
    const loc = channelLocationsOf(t);
    const dim = (o.depthDirection ?? 'y') === 'x' ? 0 : 1;
    main.forEach((c, u) => {
      const d = loc[2 * c + dim];
      if (given(o.minDepth) && !(d >= o.minDepth)) keep[u] = false;
      if (given(o.maxDepth) && !(d <= o.maxDepth)) keep[u] = false;
    });
  }
  const ids = t.unitIds.filter((_, u) => keep[u]);
  return ids.length === 0 ? null : selectUnits(t, ids);
}

export interface ScaleToRangeOptions { minAmplitude: number; maxAmplitude: number; amplitudeFunction?: AmplitudeFunction }

/**
 * `scale_template_to_range`: each unit is divided by a scale linear in its amplitude so that the smallest amplitude
 * maps to minAmplitude and the largest to maxAmplitude. SI's result is float64 (float32 / float64 scales); it is
 * rounded once to float32 here, the dtype of every template downstream.
 */
export function scaleTemplateToRange(t: Templates, o: ScaleToRangeOptions): Templates {
  const amps = templateAmplitudes(t, o.amplitudeFunction ?? 'ptp');
  let lo = Infinity, hi = -Infinity;
  for (const a of amps) { if (a < lo) lo = a; if (a > hi) hi = a; }
  if (!(hi > lo)) throw new Error(`scale_template_to_range needs templates of different amplitudes (all are ${lo}); SI would divide 0 by 0 here.`);
  const minScale = lo / o.minAmplitude;
  const maxScale = hi / o.maxAmplitude;
  const m = (maxScale - minScale) / (hi - lo);
  const block = t.numSamples * t.numChannels;
  const out = new Float32Array(t.templatesArray.length);
  for (let u = 0; u < t.numUnits; u++) {
    const scale = m * (amps[u] - lo) + minScale;
    for (let k = u * block; k < (u + 1) * block; k++) out[k] = t.templatesArray[k] / scale;
  }
  return withTemplatesArray(t, out);
}
