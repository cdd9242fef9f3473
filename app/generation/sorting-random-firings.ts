/**
 * The older uniform spike-train generator, `spikeinterface.core.generate.synthesize_random_firings`, and
 * `clean_refractory_period`.
 *
 * Per unit SI draws `int(rate*duration) + 10*sqrt(...)` uniform frames, sorts them, optionally jitters half of
 * them (which leaves the train unsorted), deletes the *earlier* spike of each pair closer than the refractory
 * period (one pass, on the possibly unsorted train), then keeps a random subset without replacement (in random
 * order). The final stable sort by frame puts ties in unit order, then in that random order.
 */
import { defaultRng } from '../rng/index.ts';
import { ensureFiringRates, type FiringRatesSpec } from './sorting-poisson.ts';
import { ensureSeed, type Seed } from './sorting-seed.ts';
import { stableArgsort } from './sorting-vector.ts';

export interface RandomFiringsOptions {
  num_units?: number;
  sampling_frequency?: number;
  duration?: number;
  refractory_period_ms?: number;
  firing_rates?: FiringRatesSpec;
  add_shift_shuffle?: boolean;
  seed: Seed | null;
}

export function synthesizeRandomFirings(opts: RandomFiringsOptions): { samples: Float64Array; labels: Int32Array; firingRates: Float64Array; seed: Seed } {
  const numUnits = opts.num_units ?? 20;
  const fs = opts.sampling_frequency ?? 30000.0;
  const duration = opts.duration ?? 60;
  const seed = ensureSeed(opts.seed);
  const rng = defaultRng(seed);
  const rates = ensureFiringRates(opts.firing_rates ?? 3.0, numUnits, seed);
  const refractory = Math.trunc((opts.refractory_period_ms ?? 4.0) / 1000.0 * fs);
  const segmentSize = Math.trunc(fs * duration);
  const times: number[] = [];
  const labels: number[] = [];
  for (let u = 0; u < numUnits; u++) {
    const nSpikes = Math.trunc(rates[u] * duration);
    if (nSpikes < 0) throw new Error(`A firing rate of ${rates[u]} Hz is not possible: give rates >= 0.`);
    const n = Math.trunc(nSpikes + 10 * Math.sqrt(nSpikes));
    if (n > 0 && segmentSize < 1) throw new Error(`A segment of ${duration} s at ${fs} Hz has no samples to put spikes in: give a longer duration.`);
    let train = Array.from(n > 0 ? rng.integersArray(0, segmentSize, n) : []).sort((a, b) => a - b);
    if (opts.add_shift_shuffle) train = shiftShuffle(rng, train, refractory, segmentSize);
    // np.delete(train, nonzero(diff < refractory)): drops the first of each close pair, in one pass
    train = train.filter((t, i) => !(i + 1 < train.length && train[i + 1] - t < refractory));
    if (train.length > nSpikes) {
      const pick = rng.choice(train.length, nSpikes, { replace: false });
      const all = train;
      train = Array.from(pick, (k) => all[k]);
    }
    for (const t of train) { times.push(t); labels.push(u); }
  }
  const order = stableArgsort(times);
  return {
    samples: Float64Array.from(order, (k) => times[k]),
    labels: Int32Array.from(order, (k) => labels[k]),
    firingRates: rates,
    seed,
  };
}

/** SI's replacement of the old `rand_distr2`: half the spikes pushed later by refractory*(1 + 19 x^2) frames. */
function shiftShuffle(rng: ReturnType<typeof defaultRng>, train: number[], refractory: number, segmentSize: number): number[] {
  const half = Math.trunc(train.length / 2);
  if (half > 0) {
    const some = rng.choice(train.length, half, { replace: false });
    const x = rng.randomArray(half);
    const a = refractory;
    const b = refractory * 20;
    for (let k = 0; k < half; k++) train[some[k]] += Math.trunc(a + (b - a) * (x[k] * x[k]));
  }
  return train.filter((t) => t >= 0 && t < segmentSize);
}

/**
 * `clean_refractory_period`: sort, then repeatedly drop the *later* spike of every pair at most `refractory`
 * apart (same units for times and period), until none is left.
 */
export function cleanRefractoryPeriod(times: ArrayLike<number>, refractoryPeriod: number): Float64Array {
  let t = Float64Array.from(times).sort();
  for (;;) {
    const keep = new Uint8Array(t.length).fill(1);
    let dropped = 0;
    for (let i = 0; i + 1 < t.length; i++) if (t[i + 1] - t[i] <= refractoryPeriod) { keep[i + 1] = 0; dropped++; }
    if (dropped === 0) return t;
    t = t.filter((_, i) => keep[i] === 1);
  }
}
