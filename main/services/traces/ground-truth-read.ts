/**
 * A dataset's `ground_truth/` folder read back into a ViewerGroundTruth: the same `.npy` names for drifting and hybrid
 * datasets (app/formats/ground-truth-files.ts, app/hybrid/hybrid-ground-truth-files.ts). What only a drifting dataset
 * writes (noise_levels.npy, static_step_index) has a stand-in for hybrid ones: the noise levels are the caller's,
 * and the static step is the step at displacement (0, 0).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeNpy, decodeStructuredNpy, type NpyTypedArray } from '../../../app/formats/npy.ts';
import { makeSpikeVector } from '../../../app/generation/sorting-vector.ts';
import type { Probe } from '../../../app/probes/probe.ts';
import { readProbeinterfaceJson } from '../../../app/probes/probeinterface-json.ts';
import type { ViewerGroundTruth } from '../../../app/viewer/viewer-ground-truth.ts';

export function numbers(a: NpyTypedArray): Float64Array {
  if (a instanceof Float64Array) return a;
  return Float64Array.from(a as ArrayLike<number | bigint>, Number);
}

export function ints(a: NpyTypedArray): Int32Array {
  return Int32Array.from(a as ArrayLike<number | bigint>, Number);
}

/** The step whose displacement is (0, 0) (the last one when none is: the templates at rest are then step 0). */
function restingStep(steps: Float64Array): number {
  for (let i = 0; i < steps.length / 2; i++) if (steps[2 * i] === 0 && steps[2 * i + 1] === 0) return i;
  return 0;
}

export interface GroundTruthRead { gt: ViewerGroundTruth; probe: Probe | null }

/**
 * `sampling` is the recording's (rate, samples); `noiseLevels(numChannels)` is asked only when the folder has no
 * noise_levels.npy.
 */
export function readViewerGroundTruth(gtDir: string, sampling: { samplingFrequency: number; numSamples: number },
  noiseLevels: (numChannels: number) => Float64Array): GroundTruthRead {
  const npy = (name: string) => decodeNpy(new Uint8Array(readFileSync(join(gtDir, name))));
  const info = JSON.parse(readFileSync(join(gtDir, 'ground_truth.json'), 'utf8')) as Record<string, unknown>;
  const spikesNpy = decodeStructuredNpy(new Uint8Array(readFileSync(join(gtDir, 'spikes.npy'))));
  const spikes = makeSpikeVector(numbers(spikesNpy.columns.sample_index), ints(spikesNpy.columns.unit_index));
  const templatesNpy = npy('templates.npy');
  const [numUnits, numTemplateSamples, numChannels] = templatesNpy.shape;
  const vectorsNpy = npy('displacement_vectors.npy');
  const stepsNpy = npy('displacements_steps.npy');
  const steps = numbers(stepsNpy.data);
  const probe = existsSync(join(gtDir, 'probe.json')) ? readProbeinterfaceJson(readFileSync(join(gtDir, 'probe.json'), 'utf8')).probes[0] ?? null : null;
  const channelLocations = probe
    ? Float64Array.from(probe.contact_positions.subarray(0, numChannels * 2))
    : new Float64Array(numChannels * 2).map((_, i) => (i % 2 ? Math.floor(i / 2) * 20 : 0));
  const has = (name: string) => existsSync(join(gtDir, name));
  const gt: ViewerGroundTruth = {
    samplingFrequency: sampling.samplingFrequency, numSamples: sampling.numSamples, numChannels, channelLocations, numUnits,
    unitLocations: npy('unit_locations.npy').data as Float32Array,
    maxChannelIndex: ints(npy('max_channel_index.npy').data),
    amplitudeFactor: has('amplitude_factor.npy') ? numbers(npy('amplitude_factor.npy').data) : null,
    nbefore: Number(info.nbefore), numTemplateSamples, templates: templatesNpy.data as Float32Array,
    displacementIndices: ints(npy('displacement_indices.npy').data),
    staticStepIndex: info.static_step_index === undefined ? restingStep(steps) : Number(info.static_step_index),
    firingRates: numbers(npy('firing_rates.npy').data), spikes,
    noiseLevels: has('noise_levels.npy') ? numbers(npy('noise_levels.npy').data) : noiseLevels(numChannels),
    displacement: {
      samplingFrequency: Number(info.displacement_sampling_frequency), numTimes: vectorsNpy.shape[0], numMotions: vectorsNpy.shape[2] ?? 0,
      numSteps: stepsNpy.shape[0], vectors: numbers(vectorsNpy.data), unitFactor: numbers(npy('displacement_unit_factor.npy').data),
      unitDisplacements: numbers(npy('unit_displacements.npy').data), steps,
    },
  };
  return { gt, probe };
}
