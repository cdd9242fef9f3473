/**
 * What the chunk renderer needs of a ground truth, as flat typed arrays: spikes, the step of each spike, amplitude
 * factors, sparse templates at every step, and the noise model. `toSharedRenderModel` copies the arrays into
 * SharedArrayBuffers once, so piscina workers receive handles to the same memory with every task instead of copies.
 */
import type { GroundTruth } from '../generation/ground-truth-types.ts';
import type { NoiseModel } from '../generation/noise-model.ts';
import type { SparseTemplates } from '../generation/sparse-templates.ts';
import type { SpikeTable } from './inject.ts';
import { prepareNoise, toShared, type NoiseContext, type SharedPreparedNoise } from './noise-prepare.ts';
import type { FarUnitTemplateOptions } from './far-units.ts';

export interface RenderModel {
  /** identifies the dataset in a worker's caches (a model arrives as a fresh clone with every task) */
  id: string;
  samplingFrequency: number;
  numSamples: number;
  numChannels: number;
  /** (numChannels, 2) */
  channelLocations: Float64Array;
  nbefore: number;
  spikes: SpikeTable;
  /** per spike, the drifting recording's template step */
  displacementIndices: Int32Array;
  /** the step of every spike in the static recording */
  staticStepIndex: number;
  amplitudeFactor: Float64Array | null;
  templates: SparseTemplates;
  noise: NoiseModel;
  /** template shape of the far-units background (the dataset's own generate_templates_kwargs) */
  farUnitTemplates: FarUnitTemplateOptions;
  /** noise state prepared once (covariance factor, filter, far-unit templates), in shared memory */
  preparedNoise?: SharedPreparedNoise;
}

let nextId = 0;

/** The noise context of a model (what prepareNoise needs besides the noise model). */
export function noiseContextOf(m: RenderModel): NoiseContext {
  return { channelLocations: m.channelLocations, numChannels: m.numChannels, samplingFrequency: m.samplingFrequency, farUnitTemplates: m.farUnitTemplates };
}

export function renderModelFromGroundTruth(gt: GroundTruth): RenderModel {
  const tk = gt.params.generate_templates_kwargs;
  return {
    id: `${gt.seed}-${Date.now().toString(36)}-${(nextId++).toString(36)}-${Math.random().toString(36).slice(2, 10)}`,
    farUnitTemplates: { ms_before: tk.ms_before, ms_after: tk.ms_after, mode: tk.mode, spatial_profile: tk.spatial_profile },
    samplingFrequency: gt.samplingFrequency, numSamples: gt.numSamples, numChannels: gt.numChannels,
    channelLocations: gt.channelLocations, nbefore: gt.nbefore,
    spikes: { sampleIndex: gt.spikes.sampleIndex, unitIndex: gt.spikes.unitIndex, length: gt.spikes.length },
    displacementIndices: gt.displacementIndices, staticStepIndex: gt.staticStepIndex, amplitudeFactor: gt.amplitudeFactor,
    templates: gt.templatesAtSteps, noise: gt.noise,
  };
}

type Typed = Float64Array | Float32Array | Int32Array;

/** A copy of `a` backed by a SharedArrayBuffer (structured clone passes SABs by handle, not by copy). */
export function shareArray<T extends Typed>(a: T): T {
  if (a.buffer instanceof SharedArrayBuffer) return a;
  const Ctor = a.constructor as { new (b: SharedArrayBuffer): T };
  const out = new Ctor(new SharedArrayBuffer(a.byteLength));
  (out as Typed).set(a as never);
  return out;
}

/**
 * The same model with every large array in shared memory. The result is structured-clonable: post it to
 * workers as is; they use it directly (a typed array over a SharedArrayBuffer arrives as a view of the same memory).
 */
export function toSharedRenderModel(m: RenderModel): RenderModel {
  const t = m.templates;
  return {
    ...m,
    channelLocations: shareArray(m.channelLocations),
    spikes: { sampleIndex: shareArray(m.spikes.sampleIndex), unitIndex: shareArray(m.spikes.unitIndex), length: m.spikes.length },
    displacementIndices: shareArray(m.displacementIndices),
    amplitudeFactor: m.amplitudeFactor ? shareArray(m.amplitudeFactor) : null,
    templates: { ...t, channelOffsets: shareArray(t.channelOffsets), channels: shareArray(t.channels), waveforms: shareArray(t.waveforms) },
    noise: {
      ...m.noise,
      noiseLevels: shareArray(m.noise.noiseLevels),
      covariance: m.noise.covariance ? shareArray(m.noise.covariance) : null,
      farUnits: m.noise.farUnits ? { ...m.noise.farUnits, locations: shareArray(m.noise.farUnits.locations), firingRates: shareArray(m.noise.farUnits.firingRates) } : null,
    },
    preparedNoise: m.preparedNoise ?? toShared(prepareNoise(m.noise, noiseContextOf(m))),
  };
}
