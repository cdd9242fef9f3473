/**
 * Writes a ground truth as the `.npy` files SpikeInterface users know (names as SpikeInterface names them) plus
 * `unit_params.json`, `probe.json` (probeinterface) and `ground_truth.json` (shapes, seed, versions).
 * Used by `spikegen ground-truth` and, for the `ground_truth/` folder, by the dataset writer.
 */
import { join } from 'node:path';
import type { GroundTruth } from '../generation/ground-truth-types.ts';
import { writeProbeinterfaceJson } from '../probes/probeinterface-json.ts';
import { APP_VERSION, SPIKEINTERFACE_REFERENCE } from '../version.ts';
import { encodeNpy, encodeStructuredNpy, type NpyTypedArray } from './npy.ts';
import { writeFileSynced } from './atomic-folder.ts';

function int64(a: ArrayLike<number>): BigInt64Array {
  const out = new BigInt64Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = BigInt(a[i]);
  return out;
}

/** The spike vector as SpikeInterface's `minimum_spike_dtype` structured array (all int64). */
export function encodeSpikeVector(gt: Pick<GroundTruth, 'spikes'>): Uint8Array {
  const s = gt.spikes;
  const fields = [
    { name: 'sample_index', dtype: '<i8' as const },
    { name: 'unit_index', dtype: '<i8' as const },
    { name: 'segment_index', dtype: '<i8' as const },
  ];
  const segment = s.segmentIndex ?? new Int32Array(s.length);
  return encodeStructuredNpy(fields, { sample_index: int64(s.sampleIndex), unit_index: int64(s.unitIndex), segment_index: int64(segment) }, s.length);
}

export interface GroundTruthFileList {
  [name: string]: { shape: number[]; dtype: string };
}

/** The arrays drifting and hybrid ground truths share. */
export type CommonGroundTruth = Pick<GroundTruth, 'unitLocations' | 'firingRates' | 'spikes' | 'amplitudeFactor' | 'templates'
  | 'displacement' | 'displacementIndices' | 'maxChannelIndex' | 'numUnits' | 'numTemplateSamples' | 'numChannels'>;

export type NpyPut = (name: string, data: NpyTypedArray, shape: number[]) => void;

/** A writer of named `.npy` files into `dir` that records what it wrote in `written`. */
export function npyWriter(dir: string, written: GroundTruthFileList): NpyPut {
  return (name, data, shape) => {
    writeFileSynced(join(dir, name), encodeNpy(data, shape));
    written[name] = { shape, dtype: data.constructor.name.replace('Array', '').toLowerCase() };
  };
}

/** Writes the arrays every ground truth has, named as SpikeInterface names them. */
export function writeCommonGroundTruthArrays(gt: CommonGroundTruth, dir: string, written: GroundTruthFileList): NpyPut {
  const put = npyWriter(dir, written);
  const d = gt.displacement;
  put('unit_locations.npy', gt.unitLocations, [gt.numUnits, 3]);
  put('firing_rates.npy', gt.firingRates, [gt.numUnits]);
  writeFileSynced(join(dir, 'spikes.npy'), encodeSpikeVector(gt));
  written['spikes.npy'] = { shape: [gt.spikes.length], dtype: 'sample_index/unit_index/segment_index int64' };
  if (gt.amplitudeFactor) put('amplitude_factor.npy', gt.amplitudeFactor, [gt.spikes.length]);
  put('templates.npy', gt.templates, [gt.numUnits, gt.numTemplateSamples, gt.numChannels]);
  put('displacements_steps.npy', d.steps, [d.numSteps, 2]);
  put('displacement_vectors.npy', d.vectors, [d.numTimes, 2, d.numMotions]);
  put('unit_displacements.npy', d.unitDisplacements, [d.numTimes, gt.numUnits, 2]);
  put('displacement_unit_factor.npy', d.unitFactor, [gt.numUnits, d.numMotions]);
  put('displacement_indices.npy', int64(gt.displacementIndices), [gt.spikes.length]);
  put('max_channel_index.npy', int64(gt.maxChannelIndex), [gt.numUnits]);
  return put;
}

/** Writes every array of the ground truth into `dir` (which must exist); returns what was written. */
export function writeGroundTruthFiles(gt: GroundTruth, dir: string): GroundTruthFileList {
  const written: GroundTruthFileList = {};
  const put = writeCommonGroundTruthArrays(gt, dir, written);
  const d = gt.displacement;
  put('noise_levels.npy', gt.noise.noiseLevels, [gt.numChannels]);

  const unitParams: Record<string, (number | null)[]> = {};
  for (const [k, v] of Object.entries(gt.unitParams)) unitParams[k] = Array.from(v, (x) => (Number.isNaN(x) ? null : x));
  writeFileSynced(join(dir, 'unit_params.json'), JSON.stringify(unitParams, null, 1) + '\n');
  writeFileSynced(join(dir, 'probe.json'), JSON.stringify(writeProbeinterfaceJson(gt.probe), null, 2) + '\n');
  const summary = {
    app: 'Spikegen Studio', app_version: APP_VERSION, spikeinterface_reference: SPIKEINTERFACE_REFERENCE,
    seed: String(gt.seed), noise_segment_seed: String(gt.noise.segmentSeed),
    sampling_frequency: gt.samplingFrequency, duration: gt.duration, num_samples: gt.numSamples,
    num_units: gt.numUnits, num_channels: gt.numChannels, num_spikes: gt.spikes.length,
    nbefore: gt.nbefore, num_template_samples: gt.numTemplateSamples,
    displacement_sampling_frequency: d.samplingFrequency, num_displacement_steps: d.numSteps, num_motions: d.numMotions,
    static_step_index: gt.staticStepIndex,
    units: { locations: 'um', templates: 'uV', noise_levels: 'uV', displacements: 'um', times: 'samples' },
    files: written, warnings: gt.warnings,
  };
  writeFileSynced(join(dir, 'ground_truth.json'), JSON.stringify(summary, null, 2) + '\n');
  return written;
}
