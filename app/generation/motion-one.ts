/**
 * One motion shape in [-0.5, 0.5] (times `amplitude_factor`):
 * `spikeinterface.generation.drifting_generator.make_one_displacement_vector`.
 *
 * Dtypes, because they decide the bits: SI fills a float32 vector for "zigzag" (so each value is rounded to
 * float32, then multiplied by the amplitude in float32), while "bump" and "random_walk" build float64 vectors.
 * The result is always a Float64Array here; for zigzag its values are float32 numbers.
 * Lengths differ too: zigzag and random_walk have `ceil(fs_d * duration)` samples, bump has the length of
 * `np.arange(0, duration, 1 / fs_d)`, i.e. `ceil(duration / (1 / fs_d))`.
 */
import { defaultRng } from '../rng/index.ts';
import type { Seed } from './sorting-seed.ts';

export type DriftMode = 'zigzag' | 'bump' | 'random_walk';

export interface OneDisplacementOptions {
  /** 'bumps' (what SI's own docs write, and SI rejects) is taken as 'bump'. */
  drift_mode?: DriftMode | 'bumps';
  duration?: number;
  amplitude_factor?: number;
  displacement_sampling_frequency?: number;
  t_start_drift?: number | null;
  t_end_drift?: number | null;
  period_s?: number;
  bump_interval_s?: readonly [number, number];
  seed?: Seed | null;
}

export function normalizeDriftMode(mode: string): DriftMode {
  if (mode === 'bumps') return 'bump';
  if (mode === 'zigzag' || mode === 'bump' || mode === 'random_walk') return mode;
  throw new Error(`drift_mode must be 'zigzag', 'bump' (or 'bumps') or 'random_walk', not '${mode}'.`);
}

export function makeOneDisplacementVector(opts: OneDisplacementOptions): Float64Array {
  const duration = opts.duration ?? 600.0;
  const fsd = opts.displacement_sampling_frequency ?? 5.0;
  const amplitude = opts.amplitude_factor ?? 1.0;
  const tStart = opts.t_start_drift ?? 0.0;
  const tEnd = opts.t_end_drift ?? duration;
  if (!(fsd > 0) || !Number.isFinite(fsd)) throw new Error(`displacement_sampling_frequency must be a positive number of Hz, not ${fsd}.`);
  if (!(tStart >= 0)) throw new Error(`t_start_drift (${tStart} s) must be >= 0.`);
  if (!(tStart < duration)) throw new Error(`t_start_drift (${tStart} s) must come before the end of the recording (duration ${duration} s): use a smaller t_start_drift or a longer duration.`);
  if (!(tEnd <= duration)) throw new Error(`t_end_drift (${tEnd} s) must not pass the end of the recording (duration ${duration} s): use a smaller t_end_drift or leave it null.`);
  const startIndex = Math.trunc(tStart * fsd);
  const endIndex = Math.trunc(tEnd * fsd);
  const numSamples = Math.ceil(fsd * duration);
  const mode = normalizeDriftMode(opts.drift_mode ?? 'zigzag');
  if (mode !== 'bump' && endIndex <= startIndex) {
    throw new Error(`The ${mode} drift has no time to happen: t_end_drift (${tEnd} s) must be later than t_start_drift (${tStart} s) by at least one displacement sample (${1 / fsd} s).`);
  }
  if (mode === 'zigzag') return zigzag(numSamples, startIndex, endIndex, fsd, opts.period_s ?? 200, amplitude);
  if (mode === 'bump') return bump(duration, fsd, tStart, tEnd, opts.bump_interval_s ?? [30, 90.0], opts.seed ?? null, amplitude);
  return randomWalk(numSamples, startIndex, endIndex, opts.seed ?? null, amplitude);
}

/** |scipy.signal.sawtooth(2*pi*t/period + pi/2)| - 0.5 (width 1: tmod/pi - 1), stored in float32. */
function zigzag(numSamples: number, start: number, end: number, fsd: number, period: number, amplitude: number): Float64Array {
  if (!(period > 0) || !Number.isFinite(period)) throw new Error(`period_s must be a positive number of seconds, not ${period}.`);
  const out = new Float64Array(numSamples);
  const omega = 2 * Math.PI * (1.0 / period);
  const twoPi = 2 * Math.PI;
  let last = 0;
  for (let i = 0; i < end - start; i++) {
    const tmod = (omega * (i / fsd) + Math.PI / 2) % twoPi; // np.mod of a positive number is fmod
    const saw = tmod < twoPi ? tmod / Math.PI - 1 : NaN;
    last = Math.fround(Math.abs(saw) - 0.5);
    out[start + i] = last;
  }
  out.fill(last, end);
  // float32 vector times a Python float stays float32 (numpy value-based casting)
  const amp = Math.fround(amplitude);
  for (let i = 0; i < numSamples; i++) out[i] = Math.fround(out[i] * amp);
  return out;
}

/** Alternating +0.5 / -0.5 plateaus between bump times drawn as cumsum(uniform(lo, hi)) + t_start. */
function bump(duration: number, fsd: number, tStart: number, tEnd: number, interval: readonly [number, number], seed: Seed | null, amplitude: number): Float64Array {
  const [lo, hi] = interval;
  if (!(lo > 0) || !(hi >= lo) || !Number.isFinite(hi)) {
    throw new Error(`bump_interval_s (${lo}, ${hi}) is not valid: give (min, max) seconds with 0 < min <= max.`);
  }
  const length = Math.max(0, Math.ceil(duration / (1 / fsd))); // len(np.arange(0, duration, 1/fs_d))
  const out = new Float64Array(length);
  const diff = defaultRng(seed).uniformArray(lo, hi, Math.trunc(duration / lo));
  const times: number[] = [];
  let acc = 0;
  for (let i = 0; i < diff.length; i++) {
    acc += diff[i];
    const t = acc + tStart;
    if (t < tEnd) times.push(t);
  }
  for (let i = 0; i + 1 < times.length; i++) {
    const i0 = Math.trunc(times[i] * fsd);
    const i1 = Math.min(Math.trunc(times[i + 1] * fsd), length);
    if (i0 < i1) out.fill(i % 2 === 0 ? 0.5 : -0.5, i0, i1);
  }
  if (amplitude !== 1) for (let i = 0; i < length; i++) out[i] *= amplitude;
  return out;
}

/** Cumulated ±1 steps inside the drift window, scaled so that the largest excursion is 0.5. */
function randomWalk(numSamples: number, start: number, end: number, seed: Seed | null, amplitude: number): Float64Array {
  const steps = defaultRng(seed).integersArray(0, 1, numSamples, true);
  const out = new Float64Array(numSamples);
  let acc = 0;
  let maxAbs = 0;
  for (let i = 0; i < numSamples; i++) {
    acc += i >= start && i < end ? steps[i] * 2 - 1 : 0;
    out[i] = acc;
    maxAbs = Math.max(maxAbs, Math.abs(acc));
  }
  const scale = maxAbs * 2;
  for (let i = 0; i < numSamples; i++) out[i] = (out[i] / scale) * amplitude;
  return out;
}
