/**
 * Everything decided before a single trace sample is rendered: the ground truth of a drifting dataset, as
 * `generate_drifting_recording` decides it. Arrays are flat typed arrays in C order; shapes are in the comments.
 */
import type { ResolvedParams } from '../presets/resolve.ts';
import type { PresetV1 } from '../presets/types.ts';
import type { Probe } from '../probes/probe.ts';
import type { NoiseModel } from './noise-model.ts';
import type { SpikeVector } from './sorting-vector.ts';
import type { SparseTemplates } from './templates-at-steps.ts';

export interface DisplacementModel {
  samplingFrequency: number;
  numTimes: number;
  numMotions: number;
  numSteps: number;
  /** (numTimes, 2, numMotions) */
  vectors: Float64Array;
  /** (numUnits, numMotions) */
  unitFactor: Float64Array;
  /** (numTimes, numUnits, 2) */
  unitDisplacements: Float64Array;
  /** (numSteps, 2) displacement (dx, dy) of each precomputed template step */
  steps: Float64Array;
}

export interface GroundTruth {
  preset: PresetV1;
  params: ResolvedParams;
  /** the seed every step used (drawn when the preset's seed is null) */
  seed: number | bigint;
  samplingFrequency: number;
  duration: number;
  numSamples: number;
  probe: Probe;
  numChannels: number;
  /** (numChannels, 2) */
  channelLocations: Float64Array;
  numUnits: number;
  /** (numUnits, 3) float32, as SpikeInterface keeps them */
  unitLocations: Float32Array;
  /** drawn per-unit template parameters, one Float64Array per key */
  unitParams: Record<string, Float64Array>;
  /** nearest channel of each unit (2-D distance) */
  maxChannelIndex: Int32Array;
  firingRates: Float64Array;
  spikes: SpikeVector;
  /** per-spike amplitude factor, or null when amplitude_std and amplitude_factor are unset */
  amplitudeFactor: Float64Array | null;
  nbefore: number;
  numTemplateSamples: number;
  /** static templates at rest, (numUnits, numTemplateSamples, numChannels) float32 */
  templates: Float32Array;
  /** templates at every displacement step, sparse per (step, unit) */
  templatesAtSteps: SparseTemplates;
  displacement: DisplacementModel;
  /** per spike: the step of the drifting recording (nearest to its unit's displacement at its time) */
  displacementIndices: Int32Array;
  /** per unit: the step the static recording uses (nearest to zero displacement) */
  staticStepIndex: number;
  noise: NoiseModel;
  warnings: string[];
}
