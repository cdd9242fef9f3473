/**
 * Everything a hybrid dataset decides before a sample is written: the original recording it reads, the injected
 * units (locations, templates at every displacement step), their spikes and amplitude factors, and the step each
 * spike uses. Arrays are flat typed arrays in C order; shapes are in the comments.
 */
import type { RecordingSpec } from '../formats/readers/types.ts';
import type { DisplacementModel } from '../generation/ground-truth-types.ts';
import type { SparseTemplates } from '../generation/sparse-templates.ts';
import type { SpikeVector } from '../generation/sorting-vector.ts';
import type { ResolvedHybridParams } from '../presets/hybrid-resolve.ts';
import type { HybridPresetV1 } from '../presets/hybrid-types.ts';
import type { Probe } from '../probes/probe.ts';

/** What the hybrid pipeline knows of the original recording (RecordingSource minus the open file). */
export interface OriginalRecordingInfo {
  spec: RecordingSpec;
  format: RecordingSpec['format'];
  /** the file holding the samples */
  samplesPath: string;
  samplingFrequency: number;
  numSamples: number;
  numChannels: number;
  channelIds: readonly string[];
  dtype: string;
  gainToUv: Float64Array;
  offsetToUv: Float64Array;
  probe: Probe;
  tStart: number;
}

export interface HybridGroundTruth {
  preset: HybridPresetV1;
  params: ResolvedHybridParams;
  seed: number | bigint;
  recording: OriginalRecordingInfo;
  samplingFrequency: number;
  numSamples: number;
  duration: number;
  numChannels: number;
  /** (numChannels, 2) */
  channelLocations: Float64Array;
  numUnits: number;
  /** (numUnits, 3) float32 */
  unitLocations: Float32Array;
  /** drawn template parameters of generated templates (empty for given ones) */
  unitParams: Record<string, Float64Array>;
  maxChannelIndex: Int32Array;
  firingRates: Float64Array;
  spikes: SpikeVector;
  amplitudeFactor: Float64Array | null;
  nbefore: number;
  numTemplateSamples: number;
  /** static templates at rest on the recording's channels, (numUnits, numTemplateSamples, numChannels) µV */
  templates: Float32Array;
  templatesAtSteps: SparseTemplates;
  displacement: DisplacementModel;
  /** per spike: the step injected */
  displacementIndices: Int32Array;
  /** "generated", "zarr" or "database" */
  templatesSource: string;
  /** "none", "generated", "spikeinterface", "csv" or "npy" */
  motionSource: string;
  warnings: string[];
}
