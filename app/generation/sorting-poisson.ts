/**
 * Poisson spike trains with a refractory period, as `spikeinterface.core.generate.synthesize_poisson_spike_vector`
 * draws them, bit for bit: the geometric matrix size `num_spikes_max` fixes how the random stream is laid out,
 * so it is computed with SI's exact formula even though most of the last columns are thrown away.
 */
import { defaultRng } from '../rng/index.ts';
import type { Seed } from './sorting-seed.ts';

/** SI's `firing_rates`: one rate for all, a range `(lo, hi)` drawn per unit (a tuple in SI), or one per unit. */
export type FiringRatesSpec = number | { range: readonly [number, number] } | ArrayLike<number>;

/**
 * `_ensure_firing_rates`: a range is drawn as `default_rng(seed).uniform(lo, hi, num_units)` from a fresh
 * generator (the same seed as the spike trains' own generator, not a continuation of it).
 */
export function ensureFiringRates(spec: FiringRatesSpec, numUnits: number, seed: Seed | null): Float64Array {
  if (typeof spec === 'number') return new Float64Array(numUnits).fill(spec);
  if ('range' in spec) {
    const [lo, hi] = spec.range;
    if (!Number.isFinite(lo) || !Number.isFinite(hi) || lo > hi) {
      throw new Error(`The firing rate range (${lo}, ${hi}) is not valid: give (low, high) with low <= high, in Hz.`);
    }
    return defaultRng(seed).uniformArray(lo, hi, numUnits);
  }
  if (spec.length !== numUnits) {
    throw new Error(`${spec.length} firing rates were given for ${numUnits} units: give one rate per unit, one rate for all, or a {range: [low, high]}.`);
  }
  return Float64Array.from(spec);
}

export interface PoissonOptions {
  num_units: number;
  sampling_frequency: number;
  duration: number;
  refractory_period_ms?: number;
  firing_rates?: FiringRatesSpec;
  seed: Seed | null;
}

export interface PoissonTrains {
  /** Spike frames, sorted; ties in unit order (numpy's stable argsort of the unit-major flattened matrix). */
  samples: Float64Array;
  labels: Int32Array;
  firingRates: Float64Array;
}

/** `synthesize_poisson_spike_vector`. Throws (as SI does) when the refractory period is too long for a rate. */
export function synthesizePoissonSpikeVector(opts: PoissonOptions): PoissonTrains {
  const { num_units: numUnits, sampling_frequency: fs, duration, seed } = opts;
  const refractoryMs = opts.refractory_period_ms ?? 4.0;
  checkCounts(numUnits, fs, duration, refractoryMs);
  // SI's order: its own generator first, then _ensure_firing_rates with a fresh one; creating draws nothing
  const rng = defaultRng(seed);
  const rates = ensureFiringRates(opts.firing_rates ?? 3.0, numUnits, seed);
  const refractoryS = refractoryMs / 1000.0;
  const refractoryFrames = Math.trunc(refractoryS * fs);
  for (let u = 0; u < numUnits; u++) checkRate(rates[u], refractoryS, refractoryMs);
  if (numUnits === 0) return { samples: new Float64Array(0), labels: new Int32Array(0), firingRates: rates };

  // size of the geometric matrix, exactly as SI estimates it (mean + 4 std of the busiest unit's count)
  const maxFrames = Math.trunc(duration * fs) - 1;
  let maxP = 0;
  for (let u = 0; u < numUnits; u++) maxP = Math.max(maxP, rates[u] / fs);
  const expected = Math.ceil(maxFrames * maxP);
  const std = Math.trunc(Math.sqrt(expected * (1 - maxP)));
  const cols = Math.max(0, expected + 4 * std);

  // rate raised to compensate the refractory dead time (Deger et al. 2012), as a per-frame probability
  const p = new Float64Array(numUnits);
  for (let u = 0; u < numUnits; u++) p[u] = Math.min(rates[u] / (1 - rates[u] * refractoryS) / fs, 1.0);
  const isi = rng.geometricMatrix(p, cols);

  // cumulative frames per unit; a unit's frames only grow, so stop at the first one past the end
  const counts = new Int32Array(numUnits);
  let total = 0;
  for (let u = 0; u < numUnits; u++) {
    let frame = 0;
    const row = u * cols;
    for (let j = 0; j < cols; j++) {
      frame += isi[row + j] + (j > 0 ? refractoryFrames : 0);
      if (frame > maxFrames) break;
      isi[row + j] = frame; // reuse the matrix for the cumulative sum, as SI's `out=`
      counts[u] = j + 1;
    }
    total += counts[u];
  }
  return sortByFrameThenUnit(isi, cols, counts, total, maxFrames, rates);
}

/** numpy's stable argsort of the flattened kept frames = order by (frame, unit); one native sort of packed keys. */
function sortByFrameThenUnit(frames: Float64Array, cols: number, counts: Int32Array, total: number, maxFrames: number, rates: Float64Array): PoissonTrains {
  const numUnits = counts.length;
  const samples = new Float64Array(total);
  const labels = new Int32Array(total);
  if ((maxFrames + 1) * numUnits < Number.MAX_SAFE_INTEGER) {
    const keys = new Float64Array(total);
    let k = 0;
    for (let u = 0; u < numUnits; u++) for (let j = 0; j < counts[u]; j++) keys[k++] = frames[u * cols + j] * numUnits + u;
    keys.sort();
    for (let i = 0; i < total; i++) {
      const u = keys[i] % numUnits;
      labels[i] = u;
      samples[i] = (keys[i] - u) / numUnits;
    }
    return { samples, labels, firingRates: rates };
  }
  const flat = new Float64Array(total);
  const unitOf = new Int32Array(total);
  let k = 0;
  for (let u = 0; u < numUnits; u++) for (let j = 0; j < counts[u]; j++, k++) { flat[k] = frames[u * cols + j]; unitOf[k] = u; }
  const order = Array.from({ length: total }, (_, i) => i).sort((a, b) => (flat[a] - flat[b]) || (a - b));
  for (let i = 0; i < total; i++) { samples[i] = flat[order[i]]; labels[i] = unitOf[order[i]]; }
  return { samples, labels, firingRates: rates };
}

function checkCounts(numUnits: number, fs: number, duration: number, refractoryMs: number): void {
  if (!Number.isInteger(numUnits) || numUnits < 0) throw new Error(`num_units must be a whole number >= 0, not ${numUnits}.`);
  if (!(fs > 0) || !Number.isFinite(fs)) throw new Error(`sampling_frequency must be a positive number of Hz, not ${fs}.`);
  if (!(duration >= 0) || !Number.isFinite(duration)) throw new Error(`The duration must be a non-negative number of seconds, not ${duration}.`);
  if (!(refractoryMs >= 0) || !Number.isFinite(refractoryMs)) throw new Error(`refractory_period_ms must be >= 0, not ${refractoryMs}.`);
}

/** SI raises when refractory >= 1/rate (the compensated rate would be infinite or negative). */
function checkRate(rate: number, refractoryS: number, refractoryMs: number): void {
  if (!(rate > 0) || !Number.isFinite(rate)) {
    throw new Error(`A firing rate of ${rate} Hz is not possible: every unit needs a positive, finite rate (leave a unit out to silence it).`);
  }
  if (refractoryS >= 1.0 / rate) {
    throw new Error(`The refractory period of ${refractoryMs} ms is too long for a firing rate of ${rate} Hz: it must be shorter than 1000/rate = ${1000 / rate} ms. Use a shorter refractory_period_ms or lower firing rates.`);
  }
}
