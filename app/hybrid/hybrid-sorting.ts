/**
 * The spike trains of the injected units and their amplitude factors, as `generate_hybrid_recording` decides them
 * (generation/hybrid_tools.py, SI 0.105): a given sorting (samples and unit indices, put in SpikeInterface's order)
 * or `generate_sorting(num_units, durations=[num_samples / fs], sampling_frequency, seed, **generate_sorting_kwargs)`;
 * then `synthesize_amplitude_factor(num_spikes, amplitude_factor, amplitude_std, seed=default_rng(seed))`, whose
 * generator is still untouched at that point (no upsampling), so it draws what `default_rng(seed)` draws.
 */
import { synthesizeAmplitudeFactor } from '../generation/sorting-amplitude.ts';
import type { Seed } from '../generation/sorting-seed.ts';
import { makeSpikeVector, stableArgsort, takeSpikes, type SpikeVector } from '../generation/sorting-vector.ts';
import { generateSorting } from '../generation/sorting.ts';
import type { ResolvedHybridParams } from '../presets/hybrid-resolve.ts';

export interface HybridSpikes {
  spikes: SpikeVector;
  firingRates: Float64Array;
  amplitudeFactor: Float64Array | null;
}

export function buildHybridSpikes(p: ResolvedHybridParams, numUnits: number, numSamples: number, samplingFrequency: number, seed: Seed): HybridSpikes {
  const duration = numSamples / samplingFrequency;
  let spikes: SpikeVector;
  let firingRates: Float64Array;
  if (p.sorting) {
    const s = p.sorting;
    const given = makeSpikeVector(Float64Array.from(s.sample_index), Int32Array.from(s.unit_index));
    spikes = takeSpikes(given, stableArgsort(given.sampleIndex));
    const counts = new Float64Array(numUnits);
    for (let i = 0; i < spikes.length; i++) {
      const u = spikes.unitIndex[i], t = spikes.sampleIndex[i];
      if (u >= numUnits) throw new Error(`The sorting has a spike of unit ${u}, but there are ${numUnits} units (one per template).`);
      if (t >= numSamples) throw new Error(`The sorting has a spike at sample ${t}, past the end of the recording (${numSamples} samples).`);
      counts[u] += 1;
    }
    firingRates = counts.map((c) => c / duration);
  } else {
    const k = p.generate_sorting_kwargs;
    const g = generateSorting({
      num_units: numUnits, sampling_frequency: samplingFrequency, durations: [duration], firing_rates: k.firing_rates,
      refractory_period_ms: k.refractory_period_ms, add_spikes_on_borders: k.add_spikes_on_borders,
      num_spikes_per_border: k.num_spikes_per_border, border_size_samples: k.border_size_samples, seed,
    });
    spikes = g.spikes;
    firingRates = g.firingRates;
  }
  const amplitudeFactor = synthesizeAmplitudeFactor(spikes.length, p.amplitude_factor ? Float64Array.from(p.amplitude_factor) : null, p.amplitude_std, seed);
  return { spikes, firingRates, amplitudeFactor };
}
