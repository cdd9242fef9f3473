/**
 * The drift raster of the ground truth: every spike at (time, depth), depth = the unit's y at rest for the
 * static recording and y + its displacement at the spike's time bin for the drifting one — the bin
 * `int(sample / fs * displacement_sampling_frequency)` that InjectDriftingTemplatesRecording uses
 * (spikeinterface/generation/drift_tools.py) — coloured by the amplitude the spike was injected with.
 * Columns of Float32 so millions of spikes stay compact; `stride` keeps every k-th spike when there are more
 * than maxSpikes.
 */
import type { RasterMeta } from '../api/viewer-types.ts';
import { displacementBin, unitPeaks, type ViewerGroundTruth } from './viewer-ground-truth.ts';

export function driftRaster(g: ViewerGroundTruth, maxSpikes = 200_000, peaks = unitPeaks(g).peak): { meta: RasterMeta; data: Float32Array } {
  const total = g.spikes.length;
  const stride = Math.max(1, Math.ceil(total / maxSpikes));
  const n = Math.ceil(total / stride);
  const data = new Float32Array(5 * n);
  const time = data.subarray(0, n), st = data.subarray(n, 2 * n), dr = data.subarray(2 * n, 3 * n);
  const amp = data.subarray(3 * n, 4 * n), unit = data.subarray(4 * n, 5 * n);
  const d = g.displacement, U = g.numUnits;
  for (let k = 0, i = 0; i < total; i += stride, k++) {
    const u = g.spikes.unitIndex[i], sample = g.spikes.sampleIndex[i];
    const y = g.unitLocations[3 * u + 1];
    const dy = d.numTimes > 0 ? d.unitDisplacements[(displacementBin(sample, g.samplingFrequency, d) * U + u) * 2 + 1] : 0;
    time[k] = sample / g.samplingFrequency;
    st[k] = y;
    dr[k] = y + dy;
    amp[k] = Math.abs(peaks[u] * (g.amplitudeFactor ? g.amplitudeFactor[i] : 1));
    unit[k] = u;
  }
  return { meta: { numSpikes: n, totalSpikes: total, stride, columns: ['time_s', 'static_depth_um', 'drifting_depth_um', 'amplitude_uv', 'unit'] }, data };
}
