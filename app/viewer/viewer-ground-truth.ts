/**
 * The part of a ground truth the viewers and QC figures need. A dataset folder holds exactly these arrays in
 * ground_truth/*.npy (read by main/services/traces/dataset-source.ts); a GroundTruth rebuilt from the preset
 * has them too (`viewerGroundTruth(gt)`), so the same pure functions serve both.
 */
import type { DisplacementModel, GroundTruth } from '../generation/ground-truth-types.ts';
import type { SpikeVector } from '../generation/sorting-vector.ts';

export type ViewerGroundTruth = Pick<GroundTruth,
  'samplingFrequency' | 'numSamples' | 'numChannels' | 'channelLocations' | 'numUnits' | 'unitLocations' | 'maxChannelIndex'
  | 'amplitudeFactor' | 'nbefore' | 'numTemplateSamples' | 'templates' | 'displacementIndices' | 'staticStepIndex' | 'firingRates'>
  & { spikes: SpikeVector; displacement: DisplacementModel; noiseLevels: Float64Array };

export function viewerGroundTruth(gt: GroundTruth): ViewerGroundTruth {
  return { ...gt, noiseLevels: gt.noise.noiseLevels };
}

/**
 * The displacement time bin of a sample, as InjectDriftingTemplatesRecording computes it:
 * `int(sample / fs * displacement_sampling_frequency)` (clamped to the last bin for the last samples).
 */
export function displacementBin(sample: number, fs: number, d: Pick<DisplacementModel, 'samplingFrequency' | 'numTimes'>): number {
  const bin = Math.trunc((sample / fs) * d.samplingFrequency);
  return Math.max(0, Math.min(d.numTimes - 1, bin));
}

/** The unit's displacement (dx, dy) in µm at time bin `bin`. */
export function unitDisplacementAt(d: DisplacementModel, numUnits: number, unit: number, bin: number): [number, number] {
  if (d.numTimes === 0) return [0, 0];
  const i = (bin * numUnits + unit) * 2;
  return [d.unitDisplacements[i], d.unitDisplacements[i + 1]];
}

/** The channel nearest to (x, y) (2-D distance, first one on ties, as SpikeInterface's argmin). */
export function nearestChannel(channelLocations: Float64Array, x: number, y: number): number {
  let best = 0, bestD = Infinity;
  for (let c = 0; c < channelLocations.length / 2; c++) {
    const dx = channelLocations[2 * c] - x, dy = channelLocations[2 * c + 1] - y;
    const dd = dx * dx + dy * dy;
    if (dd < bestD) { bestD = dd; best = c; }
  }
  return best;
}

/** Per unit: the peak (most negative value) of its static template on its max channel, and the peak-to-peak there. */
export function unitPeaks(g: Pick<ViewerGroundTruth, 'templates' | 'numUnits' | 'numTemplateSamples' | 'numChannels' | 'maxChannelIndex'>): { peak: Float64Array; ptp: Float64Array } {
  const peak = new Float64Array(g.numUnits), ptp = new Float64Array(g.numUnits);
  const S = g.numTemplateSamples, C = g.numChannels;
  for (let u = 0; u < g.numUnits; u++) {
    const c = g.maxChannelIndex[u];
    let lo = Infinity, hi = -Infinity;
    for (let s = 0; s < S; s++) {
      const v = g.templates[(u * S + s) * C + c];
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    peak[u] = Math.abs(lo) >= Math.abs(hi) ? lo : hi;
    ptp[u] = hi - lo;
  }
  return { peak, ptp };
}

/** Index of the first spike with sampleIndex >= sample (spikes are sorted by sample). */
export function firstSpikeAtOrAfter(sampleIndex: Float64Array, sample: number): number {
  let lo = 0, hi = sampleIndex.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sampleIndex[mid] < sample) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
