/**
 * An upper bound (uV) of |sample| in a dataset, from which the int16 gain is chosen: the largest template peak at
 * any drift step times the largest amplitude factor, with room for two spikes overlapping at their peaks, plus
 * the noise at 8 standard deviations (exceeded by a gaussian sample about once in 10^15).
 */
import type { GroundTruth } from '../../../app/generation/ground-truth-types.ts';

export const OVERLAP_HEADROOM = 2;
export const NOISE_SIGMAS = 8;

export function amplitudeBoundUv(gt: GroundTruth): number {
  let peak = 0;
  const w = gt.templatesAtSteps.waveforms;
  for (let i = 0; i < w.length; i++) {
    const a = Math.abs(w[i]);
    if (a > peak) peak = a;
  }
  let amp = 1;
  if (gt.amplitudeFactor) for (let i = 0; i < gt.amplitudeFactor.length; i++) amp = Math.max(amp, Math.abs(gt.amplitudeFactor[i]));
  let noise = 0;
  for (let i = 0; i < gt.noise.noiseLevels.length; i++) noise = Math.max(noise, gt.noise.noiseLevels[i]);
  // far units add a background of small spikes: bounded like the noise, by a few times its level
  const far = gt.noise.farUnits ? 4 * noise : 0;
  return peak * amp * OVERLAP_HEADROOM + NOISE_SIGMAS * noise + far;
}
