/**
 * Ground-truth spike trains: `spikeinterface.core.generate.generate_sorting`, and the public face of the
 * spike-train model (the other sorting-*.ts files hold one SI function each and are re-exported here).
 */
import { defaultRng } from '../rng/index.ts';
import { synthesizePoissonSpikeVector, type FiringRatesSpec } from './sorting-poisson.ts';
import { ensureSeed, seedPlus, type Seed } from './sorting-seed.ts';
import { concatSpikes, makeSpikeVector, stableArgsort, takeSpikes, type SpikeVector } from './sorting-vector.ts';

export { ensureSeed, seedPlus, type Seed } from './sorting-seed.ts';
export { ensureFiringRates, synthesizePoissonSpikeVector, type FiringRatesSpec, type PoissonOptions, type PoissonTrains } from './sorting-poisson.ts';
export { concatSpikes, emptySpikeVector, makeSpikeVector, stableArgsort, takeSpikes, type SpikeVector } from './sorting-vector.ts';
export { spikeVectorFromSamplesAndLabels, spikeVectorFromTrains, type SpikeTrainInput } from './sorting-trains.ts';
export { synthesizeAmplitudeFactor } from './sorting-amplitude.ts';
export { cleanRefractoryPeriod, synthesizeRandomFirings } from './sorting-random-firings.ts';
export { addSynchronyToSorting } from './sorting-synchrony.ts';
export { injectSomeDuplicateUnits } from './sorting-duplicates.ts';
export { injectSomeSplitUnits } from './sorting-split-units.ts';
export { defaultUnitIds, type UnitId, type SortingWithIds, type TransformedSorting } from './sorting-unit-ids.ts';

export interface GenerateSortingOptions {
  num_units: number;
  sampling_frequency: number;
  /** One duration (s) per segment. */
  durations: readonly number[];
  /** SI default 3.0 Hz; `{range: [lo, hi]}` is SI's tuple (drawn per unit), an array gives one rate per unit. */
  firing_rates?: FiringRatesSpec;
  /** Unit indices left without spikes (SI's `empty_units`, for tests). */
  empty_units?: readonly number[] | null;
  refractory_period_ms?: number;
  add_spikes_on_borders?: boolean;
  num_spikes_per_border?: number;
  border_size_samples?: number;
  /** null draws one (see `ensureSeed`); the result carries the seed used. */
  seed: Seed | null;
}

export interface GeneratedSorting {
  spikes: SpikeVector;
  /** Rates of segment 0 (the ones SI's single-segment generators use). */
  firingRates: Float64Array;
  /** SI draws a range once per segment with `seed + segment_index`, so rates differ between segments. */
  segmentFiringRates: Float64Array[];
  /** SI's unit ids for a generated sorting: "0", "1", ... */
  unitIds: string[];
  /** The seed used (drawn when `seed` was null): record it to rebuild the same sorting. */
  seed: Seed;
}

/** `generate_sorting`: Poisson trains per segment (seed + segment_index), optional border spikes, SI order. */
export function generateSorting(opts: GenerateSortingOptions): GeneratedSorting {
  const seed = ensureSeed(opts.seed);
  const numUnits = opts.num_units;
  const perBorder = opts.num_spikes_per_border ?? 3;
  const border = opts.border_size_samples ?? 20;
  // SI's border generator is made once, before the segments, and continues across them
  const borderRng = opts.add_spikes_on_borders ? defaultRng(seed) : null;
  const segments: SpikeVector[] = [];
  const segmentFiringRates: Float64Array[] = [];
  opts.durations.forEach((duration, segmentIndex) => {
    const numSamples = Math.trunc(opts.sampling_frequency * duration);
    const trains = synthesizePoissonSpikeVector({
      num_units: numUnits,
      sampling_frequency: opts.sampling_frequency,
      duration,
      refractory_period_ms: opts.refractory_period_ms ?? 4.0,
      firing_rates: opts.firing_rates ?? 3.0,
      seed: seedPlus(seed, segmentIndex),
    });
    segmentFiringRates.push(trains.firingRates);
    let seg = makeSpikeVector(trains.samples, trains.labels, new Int32Array(trains.samples.length).fill(segmentIndex));
    if (opts.empty_units && opts.empty_units.length > 0) {
      const empty = new Set(opts.empty_units);
      const keep: number[] = [];
      for (let i = 0; i < seg.length; i++) if (!empty.has(seg.unitIndex[i])) keep.push(i);
      seg = takeSpikes(seg, keep);
    }
    if (borderRng) {
      if (numUnits === 0) throw new Error('Spikes on borders need at least one unit: set add_spikes_on_borders to false for an empty sorting.');
      if (!Number.isInteger(border) || border < 1 || border > numSamples) {
        throw new Error(`border_size_samples must be a whole number between 1 and the segment's ${numSamples} samples, not ${border}.`);
      }
      // SI draws the units of all border spikes first, then the start samples, then the end samples
      const units = borderRng.choice(numUnits, 2 * perBorder, { replace: true });
      const starts = borderRng.integersArray(0, border, perBorder);
      const ends = borderRng.integersArray(numSamples - border, numSamples, perBorder);
      const s = new Float64Array(2 * perBorder);
      s.set(starts, 0);
      s.set(ends, perBorder);
      const onBorders = makeSpikeVector(s, Int32Array.from(units), new Int32Array(2 * perBorder).fill(segmentIndex));
      const merged = concatSpikes([seg, onBorders]);
      seg = takeSpikes(merged, stableArgsort(merged.sampleIndex));
    }
    segments.push(seg);
  });
  return {
    spikes: concatSpikes(segments),
    firingRates: segmentFiringRates[0] ?? new Float64Array(0),
    segmentFiringRates,
    unitIds: Array.from({ length: numUnits }, (_, i) => String(i)),
    seed,
  };
}
