/**
 * An opened dataset for the viewers: both recordings' binary-folder descriptions (for byte-range reads) and the
 * ground truth read back from ground_truth/*.npy (spikes, unit locations, static templates, displacement), in
 * the shape of ViewerGroundTruth. Reading the arrays takes a fraction of a second even for 384 channels and 250
 * units, so opening a dataset never rebuilds its ground truth; only the template QC at displacement steps does
 * (qc/ground-truth-cache.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { datasetPaths, type RecordingKind } from '../../../app/formats/dataset-layout.ts';
import { decodeNpy, decodeStructuredNpy, type NpyTypedArray } from '../../../app/formats/npy.ts';
import { readBinaryFolderInfo, type BinaryFolderInfo } from '../../../app/formats/si-binary-folder-read.ts';
import { makeSpikeVector } from '../../../app/generation/sorting-vector.ts';
import type { Probe } from '../../../app/probes/probe.ts';
import { readProbeinterfaceJson } from '../../../app/probes/probeinterface-json.ts';
import { unitPeaks, type ViewerGroundTruth } from '../../../app/viewer/viewer-ground-truth.ts';

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
}

function numbers(a: NpyTypedArray): Float64Array {
  if (a instanceof Float64Array) return a;
  return Float64Array.from(a as ArrayLike<number | bigint>, Number);
}

function ints(a: NpyTypedArray): Int32Array {
  return Int32Array.from(a as ArrayLike<number | bigint>, Number);
}

export function openDatasetSource(root: string): DatasetSource {
  const paths = datasetPaths(root);
  if (!existsSync(paths.summary)) throw new Error(`${root} has no dataset.json: it is not a finished Spikegen Studio dataset`);
  const summary = JSON.parse(readFileSync(paths.summary, 'utf8')) as Record<string, unknown>;
  const preset = JSON.parse(readFileSync(paths.preset, 'utf8')) as Record<string, unknown>;
  const gtDir = paths.groundTruth;
  const npy = (name: string) => decodeNpy(new Uint8Array(readFileSync(join(gtDir, name))));
  const info = JSON.parse(readFileSync(join(gtDir, 'ground_truth.json'), 'utf8')) as Record<string, number>;
  const recordings = { static: readBinaryFolderInfo(paths.static.dir), drifting: readBinaryFolderInfo(paths.drifting.dir) };
  const spikesNpy = decodeStructuredNpy(new Uint8Array(readFileSync(join(gtDir, 'spikes.npy'))));
  const spikes = makeSpikeVector(numbers(spikesNpy.columns.sample_index), ints(spikesNpy.columns.unit_index));
  const unitLocations = npy('unit_locations.npy').data as Float32Array;
  const templatesNpy = npy('templates.npy');
  const [numUnits, numTemplateSamples, numChannels] = templatesNpy.shape;
  const vectorsNpy = npy('displacement_vectors.npy');
  const stepsNpy = npy('displacements_steps.npy');
  const probe = existsSync(join(gtDir, 'probe.json')) ? readProbeinterfaceJson(readFileSync(join(gtDir, 'probe.json'), 'utf8')).probes[0] ?? null : null;
  const fs = recordings.static.samplingFrequency;
  const channelLocations = probe ? Float64Array.from(probe.contact_positions.subarray(0, numChannels * 2)) : new Float64Array(numChannels * 2).map((_, i) => (i % 2 ? Math.floor(i / 2) * 20 : 0));
  const gt: ViewerGroundTruth = {
    samplingFrequency: fs, numSamples: recordings.static.numSamples, numChannels, channelLocations, numUnits, unitLocations,
    maxChannelIndex: ints(npy('max_channel_index.npy').data),
    amplitudeFactor: existsSync(join(gtDir, 'amplitude_factor.npy')) ? numbers(npy('amplitude_factor.npy').data) : null,
    nbefore: Number(info.nbefore), numTemplateSamples, templates: templatesNpy.data as Float32Array,
    displacementIndices: ints(npy('displacement_indices.npy').data), staticStepIndex: Number(info.static_step_index),
    firingRates: numbers(npy('firing_rates.npy').data), spikes, noiseLevels: numbers(npy('noise_levels.npy').data),
    displacement: {
      samplingFrequency: Number(info.displacement_sampling_frequency), numTimes: vectorsNpy.shape[0], numMotions: vectorsNpy.shape[2] ?? 0,
      numSteps: stepsNpy.shape[0], vectors: numbers(vectorsNpy.data), unitFactor: numbers(npy('displacement_unit_factor.npy').data),
      unitDisplacements: numbers(npy('unit_displacements.npy').data), steps: numbers(stepsNpy.data),
    },
  };
  return {
    path: root, name: String(summary.name ?? ''), dtype: recordings.static.dtype, recordings, gt, probe, peaks: unitPeaks(gt), preset, summary,
  };
}
