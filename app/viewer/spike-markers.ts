/**
 * The ground-truth spikes of a window as markers for the trace viewer: each at its own sample (the template
 * peak sits at sample_index, nbefore samples into the template), on its unit's nearest channel — at rest for the
 * static recording, displaced by the unit's displacement at the spike's time bin for the drifting one — with the
 * amplitude it was injected with (template peak × amplitude factor).
 */
import type { SpikeMarkers } from '../api/viewer-types.ts';
import { displacementBin, firstSpikeAtOrAfter, nearestChannel, unitDisplacementAt, unitPeaks, type ViewerGroundTruth } from './viewer-ground-truth.ts';

export interface SpikeMarkerQuery {
  start: number;
  end: number;
  /** unit indices to keep; all when absent */
  units?: readonly number[] | null;
  maxSpikes?: number;
}

export function spikeMarkers(g: ViewerGroundTruth, q: SpikeMarkerQuery, peaks = unitPeaks(g).peak): SpikeMarkers {
  const keep = q.units ? new Set(q.units) : null;
  const max = q.maxSpikes ?? 20_000;
  const out: SpikeMarkers = {
    sampleIndex: [], unitIndex: [], amplitudeUv: [], displacementX: [], displacementY: [], staticChannel: [], driftingChannel: [], truncated: false,
  };
  const s = g.spikes;
  for (let i = firstSpikeAtOrAfter(s.sampleIndex, q.start); i < s.length && s.sampleIndex[i] < q.end; i++) {
    const u = s.unitIndex[i];
    if (keep && !keep.has(u)) continue;
    if (out.sampleIndex.length >= max) { out.truncated = true; break; }
    const sample = s.sampleIndex[i];
    const [dx, dy] = unitDisplacementAt(g.displacement, g.numUnits, u, displacementBin(sample, g.samplingFrequency, g.displacement));
    const x = g.unitLocations[3 * u], y = g.unitLocations[3 * u + 1];
    out.sampleIndex.push(sample);
    out.unitIndex.push(u);
    out.amplitudeUv.push(peaks[u] * (g.amplitudeFactor ? g.amplitudeFactor[i] : 1));
    out.displacementX.push(dx);
    out.displacementY.push(dy);
    out.staticChannel.push(g.maxChannelIndex[u]);
    out.driftingChannel.push(nearestChannel(g.channelLocations, x + dx, y + dy));
  }
  return out;
}
