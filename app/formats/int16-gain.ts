/**
 * Microvolts ⇄ int16 with a real gain. SpikeInterface itself writes `get_traces().astype("int16")` — microvolts
 * truncated toward zero, no gain stored (see tests/fixtures/reference/formats/README.md) — which throws away
 * everything below 1 µV. We instead store `int16 = round(uV / gain)` and record `gain_to_uV` (µV per bit) so that
 * `get_traces(return_in_uV=True)` = `int16 * gain_to_uV + offset_to_uV` (core/baserecording.py `get_traces`)
 * gives microvolts back within half a bit.
 *
 * Choosing the gain: the caller passes a bound B (µV) that no sample should exceed (templates × the largest
 * amplitude factor + k · noise std). The gain maps B × HEADROOM onto the int16 maximum, so a sample up to
 * 1.25 × B still fits; anything beyond saturates (never wraps) and is counted.
 */

import { convertWithKernel } from './int16-simd.ts';

export const INT16_MAX = 32767;
export const INT16_MIN = -32768;

/** Full scale = bound × headroom: 25 % of margin above the caller's bound. */
export const DEFAULT_HEADROOM = 1.25;

/** Significant digits kept in the gain (rounded UP so the headroom only grows); a short number reads well in JSON/.meta. */
const GAIN_SIGNIFICANT_DIGITS = 4;

export interface GainOptions {
  /** full scale / bound, ≥ 1 (default 1.25) */
  headroom?: number;
  /** the smallest gain returned, in µV per bit (default 1e-4: a silent recording still gets a usable gain) */
  minGain?: number;
}

/** Rounds `x > 0` up to `digits` significant decimal digits. */
function ceilSignificant(x: number, digits: number): number {
  const scale = 10 ** (digits - 1 - Math.floor(Math.log10(x)));
  const up = Math.ceil(x * scale - 1e-9) / scale;
  return Number(up.toPrecision(digits));
}

/**
 * The gain (µV per int16 step) for data bounded by `amplitudeBoundUv`: `bound × headroom / 32767`, rounded up to
 * 4 significant digits. Throws a sentence for a bound that is not a positive finite number.
 */
export function chooseInt16Gain(amplitudeBoundUv: number, options: GainOptions = {}): number {
  const headroom = options.headroom ?? DEFAULT_HEADROOM;
  const minGain = options.minGain ?? 1e-4;
  if (!Number.isFinite(amplitudeBoundUv) || amplitudeBoundUv < 0) {
    throw new Error(`The amplitude bound must be a finite number of microvolts ≥ 0, not ${amplitudeBoundUv}.`);
  }
  if (!(headroom >= 1)) throw new Error(`The int16 headroom must be at least 1, not ${headroom}.`);
  const raw = (amplitudeBoundUv * headroom) / INT16_MAX;
  return ceilSignificant(Math.max(raw, minGain), GAIN_SIGNIFICANT_DIGITS);
}

/** The largest |µV| the gain represents without clipping. */
export function int16FullScaleUv(gain: number): number {
  return gain * INT16_MAX;
}

/**
 * `dst[i] = clamp(round(src[i] / gain))`, to the nearest integer (halves upward); values beyond the int16 range saturate
 * at -32768 / 32767 (a plain Int16Array store would wrap modulo 65536) and NaN becomes 0; both are counted.
 * `dst` must be at least as long as `src`. Returns the number of clipped samples.
 */
export function float32ToInt16(src: Float32Array | Float64Array, gain: number, dst: Int16Array): number {
  if (!(gain > 0) || !Number.isFinite(gain)) throw new Error(`The int16 gain must be a positive number, not ${gain}.`);
  if (dst.length < src.length) throw new Error(`The int16 buffer holds ${dst.length} values; ${src.length} are needed.`);
  if (src instanceof Float32Array && src.length >= KERNEL_MIN_VALUES) {
    const clipped = convertWithKernel(src, gain, dst, convertF32Range);
    if (clipped >= 0) return clipped;
  }
  return src instanceof Float32Array ? convertF32Range(src, 0, src.length, 1 / gain, dst, 0) : convertF64(src, gain, dst);
}

/** Below this many values the JavaScript loop is as fast as a kernel call. */
const KERNEL_MIN_VALUES = 64;

/**
 * The JavaScript loop: dst[dstFrom + j] = clamp(round(src[from + j] · inv)) for j < count; the clipped count.
 * Also the path for what the SIMD kernel (int16-simd.ts) leaves: its in-range arithmetic is this one's.
 */
// two copies of one loop so that each stays monomorphic (one element kind per call site); the rounding is
// branch-free: random-signed samples make a sign branch mispredict half the time (measured 5x slower)
export function convertF32Range(src: Float32Array, from: number, count: number, inv: number, dst: Int16Array, dstFrom: number): number {
  let clipped = 0;
  const d = dstFrom - from;
  for (let i = from; i < from + count; i++) {
    const v = src[i] * inv;
    // in range: shift to positive, truncate = floor(v + 0.5), i.e. round to nearest (halves up)
    if (v < 32766.5 && v > -32767.5) dst[i + d] = ((v + 32768.5) | 0) - 32768;
    else if (v >= 32766.5) { dst[i + d] = INT16_MAX; if (v >= 32767.5) clipped++; }
    else if (v <= -32767.5) { dst[i + d] = INT16_MIN; if (v <= -32768.5) clipped++; }
    else { dst[i + d] = 0; clipped++; } // NaN
  }
  return clipped;
}

function convertF64(src: Float64Array, gain: number, dst: Int16Array): number {
  let clipped = 0;
  const n = src.length;
  const inv = 1 / gain;
  for (let i = 0; i < n; i++) {
    const v = src[i] * inv;
    if (v < 32766.5 && v > -32767.5) dst[i] = ((v + 32768.5) | 0) - 32768;
    else if (v >= 32766.5) { dst[i] = INT16_MAX; if (v >= 32767.5) clipped++; }
    else if (v <= -32767.5) { dst[i] = INT16_MIN; if (v <= -32768.5) clipped++; }
    else { dst[i] = 0; clipped++; }
  }
  return clipped;
}

/** `int16 × gain + offset` as SpikeInterface's `return_in_uV=True` computes it (in float32 there; float64 here). */
export function int16ToMicrovolts(src: Int16Array, gain: number, offset = 0, dst = new Float64Array(src.length)): Float64Array {
  for (let i = 0; i < src.length; i++) dst[i] = src[i] * gain + offset;
  return dst;
}
