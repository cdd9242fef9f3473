/**
 * `dataset.json` of a hybrid dataset: the drifting summary's fields where they mean the same (app version, seed,
 * sizes, spike counts, int16 scaling, timings, sha256 of every file) plus `original_recording` — the recording the
 * units were injected into, by path, format and sha256 of its first MiB — and where the templates and motion came from.
 */
import type { HybridGroundTruth } from '../../../app/hybrid/hybrid-ground-truth-types.ts';
import type { Int16Scaling } from '../../../app/hybrid/hybrid-int16.ts';
import { recordingReference } from '../../../app/hybrid/hybrid-recording.ts';
import { APP_VERSION, SPIKEINTERFACE_REFERENCE } from '../../../app/version.ts';
import type { DatasetTimings } from './dataset-summary.ts';

/** One number when every channel shares it (the common case), else one per channel. */
function compact(a: Float64Array | null): number | number[] | null {
  if (!a) return null;
  return a.every((v) => v === a[0]) ? a[0] : Array.from(a);
}

export function hybridDatasetSummary(gt: HybridGroundTruth, o: {
  name: string; dtype: 'int16' | 'float32'; scaling: Int16Scaling | null; workers: number; chunkSeconds: number;
  clipped: number; files: Record<string, { bytes: number; sha256: string }>; timings: DatasetTimings;
}) {
  const counts = new Array<number>(gt.numUnits).fill(0);
  for (let i = 0; i < gt.spikes.length; i++) counts[gt.spikes.unitIndex[i]]++;
  const totalBytes = Object.values(o.files).reduce((s, f) => s + f.bytes, 0);
  return {
    format: 'spikegen-dataset', version: 1, name: o.name, kind: 'hybrid',
    app_version: APP_VERSION, spikeinterface_reference: SPIKEINTERFACE_REFERENCE, seed: String(gt.seed),
    recordings: ['hybrid'], original_recording: recordingReference(gt.recording),
    sampling_frequency: gt.samplingFrequency, duration_s: gt.duration, num_samples: gt.numSamples, num_channels: gt.numChannels,
    dtype: o.dtype, gain_to_uV: compact(o.scaling?.gains ?? null), offset_to_uV: compact(o.scaling?.offsets ?? null),
    int16_scaling: o.scaling?.origin ?? null, clipped_samples: o.clipped,
    templates_source: gt.templatesSource, motion_source: gt.motionSource, num_displacement_steps: gt.displacement.numSteps,
    num_units: gt.numUnits, num_spikes: gt.spikes.length, spikes_per_unit: counts,
    workers: o.workers, chunk_seconds: o.chunkSeconds, total_bytes: totalBytes, timings: o.timings,
    warnings: gt.warnings, files: o.files,
  };
}
