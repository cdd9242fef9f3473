/**
 * `preset.json` (the exact preset plus provenance: app version and the resolved seed) and `dataset.json` (sizes,
 * durations, spike counts, int16 gain, sha256 of every data file, timings) of a dataset folder.
 */
import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { GroundTruth } from '../../../app/generation/ground-truth-types.ts';
import type { PresetV1 } from '../../../app/presets/types.ts';
import { APP_VERSION, SPIKEINTERFACE_REFERENCE } from '../../../app/version.ts';

export function presetWithProvenance(preset: PresetV1, seed: number | bigint): PresetV1 {
  return { ...preset, provenance: { app_version: APP_VERSION, resolved_seed: typeof seed === 'bigint' ? seed.toString() : seed, created: new Date().toISOString() } };
}

export function sha256File(path: string): string {
  const hash = createHash('sha256');
  const fd = openSync(path, 'r');
  const buf = Buffer.allocUnsafe(8 * 1024 * 1024);
  try {
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      hash.update(buf.subarray(0, n));
    }
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

/**
 * Every file under `root` (relative, '/'-separated) with its size and sha256; `known` gives digests already
 * computed (the raw files, hashed while they were written), by relative path.
 */
export function fileManifest(root: string, known: Record<string, string> = {}): Record<string, { bytes: number; sha256: string }> {
  const out: Record<string, { bytes: number; sha256: string }> = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name !== 'dataset.json') out[relative(root, full).split(sep).join('/')] = { bytes: statSync(full).size, sha256: known[relative(root, full).split(sep).join('/')] ?? sha256File(full) };
    }
  };
  walk(root);
  return out;
}

export interface DatasetTimings { ground_truth_s: number; render_s: number; exports_s: number; checksums_s: number; total_s: number }

export function datasetSummary(gt: GroundTruth, o: {
  name: string; dtype: 'int16' | 'float32'; gainToUv: number | null; workers: number; chunkSeconds: number;
  clipped: { static: number; drifting: number }; files: Record<string, { bytes: number; sha256: string }>; timings: DatasetTimings;
  exports: string[];
}) {
  const counts = new Array<number>(gt.numUnits).fill(0);
  for (let i = 0; i < gt.spikes.length; i++) counts[gt.spikes.unitIndex[i]]++;
  const totalBytes = Object.values(o.files).reduce((s, f) => s + f.bytes, 0);
  return {
    format: 'spikegen-dataset', version: 1, name: o.name, kind: 'drifting',
    app_version: APP_VERSION, spikeinterface_reference: SPIKEINTERFACE_REFERENCE, seed: String(gt.seed),
    recordings: ['static', 'drifting'], sampling_frequency: gt.samplingFrequency, duration_s: gt.duration,
    num_samples: gt.numSamples, num_channels: gt.numChannels, dtype: o.dtype, gain_to_uV: o.gainToUv, offset_to_uV: o.gainToUv === null ? null : 0,
    clipped_samples: o.clipped, num_units: gt.numUnits, num_spikes: gt.spikes.length, spikes_per_unit: counts,
    workers: o.workers, chunk_seconds: o.chunkSeconds, exports: o.exports, total_bytes: totalBytes, timings: o.timings,
    warnings: gt.warnings, files: o.files,
  };
}
