/**
 * An opened dataset for the viewers: both recordings' binary-folder descriptions (for byte-range reads) and the
 * ground truth read back from ground_truth/*.npy (spikes, unit locations, static templates, displacement), in
 * the shape of ViewerGroundTruth. Reading the arrays takes a fraction of a second even for 384 channels and 250
 * units, so opening a dataset never rebuilds its ground truth; only the template QC at displacement steps does
 * (qc/ground-truth-cache.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import { datasetPaths, type RecordingKind } from '../../../app/formats/dataset-layout.ts';
import { readBinaryFolderInfo, type BinaryFolderInfo } from '../../../app/formats/si-binary-folder-read.ts';
import type { Probe } from '../../../app/probes/probe.ts';
import { unitPeaks, type ViewerGroundTruth } from '../../../app/viewer/viewer-ground-truth.ts';
import { readViewerGroundTruth } from './ground-truth-read.ts';
import { openHybridDatasetSource } from './hybrid-dataset-source.ts';

export interface DatasetSource {
  path: string;
  name: string;
  dtype: 'int16' | 'float32';
  recordings: Record<RecordingKind, BinaryFolderInfo>;
  gt: ViewerGroundTruth;
  probe: Probe | null;
  /** per unit, static template peak on its max channel (µV) and peak-to-peak there */
  peaks: { peak: Float64Array; ptp: Float64Array };
  /** the dataset's preset.json (the exact preset, with provenance.resolved_seed) */
  preset: Record<string, unknown>;
  summary: Record<string, unknown>;
  /**
   * display names of the two recordings, in the order of `recordings`' 'static' and 'drifting' blocks: absent for a
   * drifting dataset; ['original', 'hybrid'] for a hybrid one (hybrid-dataset-source.ts)
   */
  recordingNames?: string[];
}

export function openDatasetSource(root: string): DatasetSource {
  const paths = datasetPaths(root);
  if (!existsSync(paths.summary)) throw new Error(`${root} has no dataset.json: it is not a finished Spikegen Studio dataset`);
  const summary = JSON.parse(readFileSync(paths.summary, 'utf8')) as Record<string, unknown>;
  if (summary.kind === 'hybrid') return openHybridDatasetSource(root, summary);
  const preset = JSON.parse(readFileSync(paths.preset, 'utf8')) as Record<string, unknown>;
  const recordings = { static: readBinaryFolderInfo(paths.static.dir), drifting: readBinaryFolderInfo(paths.drifting.dir) };
  const { gt, probe } = readViewerGroundTruth(paths.groundTruth, recordings.static, () => {
    throw new Error(`${paths.groundTruth} has no noise_levels.npy`);
  });
  return {
    path: root, name: String(summary.name ?? ''), dtype: recordings.static.dtype, recordings, gt, probe, peaks: unitPeaks(gt), preset, summary,
  };
}
