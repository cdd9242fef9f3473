/**
 * Per-spike amplitude factors: `spikeinterface.core.generate.synthesize_amplitude_factor`.
 * A given vector is used as is (length checked); otherwise a non-zero std draws
 * `default_rng(seed).normal(1, std, num_spikes)`; otherwise there is no modulation (null), as in SI where
 * `amplitude_std` 0 or None both mean "none".
 */
import { defaultRng } from '../rng/index.ts';
import type { Seed } from './sorting-seed.ts';

export function synthesizeAmplitudeFactor(
  numSpikes: number,
  amplitudeFactor: Float64Array | null,
  amplitudeStd: number | null,
  seed: Seed | null,
): Float64Array | null {
  if (amplitudeFactor !== null && amplitudeFactor !== undefined) {
    if (amplitudeFactor.length !== numSpikes) {
      throw new Error(`The amplitude_factor vector has ${amplitudeFactor.length} values for ${numSpikes} spikes: give exactly one factor per spike.`);
    }
    return amplitudeFactor;
  }
  if (!amplitudeStd) return null;
  if (!(amplitudeStd > 0) || !Number.isFinite(amplitudeStd)) {
    throw new Error(`amplitude_std must be a positive number (or 0/null for no amplitude modulation), not ${amplitudeStd}.`);
  }
  return defaultRng(seed).normalArray(1, amplitudeStd, numSpikes);
}
