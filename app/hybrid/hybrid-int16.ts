/**
 * How a hybrid recording is stored as int16. When the original is int16 with gains (SpikeGLX, Open Ephys, our own
 * folders), the hybrid keeps the original's per-channel `gain_to_uV` and `offset_to_uV`: every original sample is
 * then stored exactly as it was and only the injected templates are quantised (half a bit). Otherwise (a float
 * original) one gain is chosen from the largest |µV| of the original plus room for overlapping templates
 * (app/formats/int16-gain.ts `chooseInt16Gain`). Conversion: `round((µV − offset) / gain)`, halves up, saturating at
 * the int16 range and counting what saturates, as int16-gain.ts `float32ToInt16` does with one gain.
 */
import { chooseInt16Gain, INT16_MAX, INT16_MIN } from '../formats/int16-gain.ts';
import type { RecordingSource } from '../formats/readers/types.ts';
import type { OriginalRecordingInfo } from './hybrid-ground-truth-types.ts';

export interface Int16Scaling {
  /** µV per bit, per channel */
  gains: Float64Array;
  offsets: Float64Array;
  /** "original": the original's own scaling; "chosen": a gain chosen for this dataset */
  origin: 'original' | 'chosen';
}

/** Largest |µV| of the original recording, read window by window (used only for float originals stored as int16). */
export function maxAbsMicrovolts(source: Pick<RecordingSource, 'readWindow' | 'numSamples' | 'numChannels'>, windowSamples = 32768): number {
  let peak = 0;
  let buf: Float32Array | undefined;
  for (let s = 0; s < source.numSamples; s += windowSamples) {
    const w = source.readWindow(s, Math.min(source.numSamples, s + windowSamples), undefined, buf);
    buf = buf ?? new Float32Array(windowSamples * source.numChannels);
    for (let i = 0; i < w.length; i++) { const a = Math.abs(w[i]); if (a > peak) peak = a; }
  }
  return peak;
}

/** `templatePeakUv` × the largest amplitude factor, twice (two spikes overlapping at their peaks), on top of the original. */
export function chooseHybridInt16Scaling(info: OriginalRecordingInfo, templatePeakUv: number, maxAmplitude: number,
  originalMaxAbsUv: () => number): Int16Scaling {
  const C = info.numChannels;
  if (info.dtype === 'int16' && info.gainToUv.every((g) => g > 0 && Number.isFinite(g))) {
    return { gains: Float64Array.from(info.gainToUv), offsets: Float64Array.from(info.offsetToUv), origin: 'original' };
  }
  const gain = chooseInt16Gain(originalMaxAbsUv() + 2 * templatePeakUv * Math.max(1, maxAmplitude));
  return { gains: new Float64Array(C).fill(gain), offsets: new Float64Array(C), origin: 'chosen' };
}

/** `dst[i] = clamp(round((src[i] − offset[c]) / gain[c]))` for interleaved (samples × C) data; returns the clipped count. */
export function microvoltsToInt16(src: Float32Array, numChannels: number, s: Int16Scaling, dst: Int16Array): number {
  if (dst.length < src.length) throw new Error(`The int16 buffer holds ${dst.length} values; ${src.length} are needed.`);
  const C = numChannels;
  const inv = new Float64Array(C);
  for (let c = 0; c < C; c++) inv[c] = 1 / s.gains[c];
  let clipped = 0;
  for (let i = 0, c = 0; i < src.length; i++) {
    const v = (src[i] - s.offsets[c]) * inv[c];
    if (v < 32766.5 && v > -32767.5) dst[i] = ((v + 32768.5) | 0) - 32768;
    else if (v >= 32766.5) { dst[i] = INT16_MAX; if (v >= 32767.5) clipped++; }
    else if (v <= -32767.5) { dst[i] = INT16_MIN; if (v <= -32768.5) clipped++; }
    else { dst[i] = 0; clipped++; } // NaN
    if (++c === C) c = 0;
  }
  return clipped;
}
