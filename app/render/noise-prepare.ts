/**
 * Per-dataset noise state, computed once by `prepareNoise` and then only read: the sparse Cholesky factor of
 * the spatial correlation (noise-cholesky.ts), the 1/f FIR filter (noise-spectrum.ts) and the far units'
 * sparse templates (far-units.ts). Flat typed arrays + plain numbers, so `toShared` packs it into ONE
 * SharedArrayBuffer for piscina workers and `fromShared` rebuilds views without copying.
 */
import type { NoiseModel } from '../generation/noise-model.ts';
import { sparseCholesky } from './noise-cholesky.ts';
import { scaleFactor, type ScaledFactor } from './noise-correlate.ts';
import { designColouredFilter, type ColouredFilter } from './noise-spectrum.ts';
import { FAR_UNIT_TEMPLATE_DEFAULTS, prepareFarUnits, type FarUnitTemplateOptions, type PreparedFarUnits } from './far-units.ts';
import { packArrays, unpackArray, type Packed } from './noise-shared.ts';
import type { NoiseWindowCache } from './noise-window.ts';
import type { NoiseGeneratorKind } from './noise-fast.ts';

export interface NoiseContext {
  /** (numChannels, 2) contact positions, um */
  channelLocations: Float64Array;
  numChannels: number;
  samplingFrequency: number;
  /** template shape of the far units (the dataset's generate_templates_kwargs); SI defaults if omitted */
  farUnitTemplates?: FarUnitTemplateOptions;
  /** max |(L̃L̃ᵀ - C)_ij| allowed for the sparse correlation factor; 0.01 by default */
  maxCorrelationError?: number;
  /** set by the render functions on first use (or by the caller, e.g. fromShared in a worker) */
  prepared?: PreparedNoise;
  /** last rendered blocks, managed by renderNoiseWindow */
  cache?: NoiseWindowCache;
}

export interface PreparedNoise {
  numChannels: number;
  blockSize: number;
  samplingFrequency: number;
  segmentSeed: bigint;
  /** SpikeInterface's noise_levels */
  levels: Float64Array;
  /** the uniform bits of the normals: "numpy" (SpikeInterface's PCG64, default) or the opt-in "fast" (noise-fast.ts) */
  generator: NoiseGeneratorKind;
  /** sparse factor with rows scaled by the levels, or null for independent channels */
  factor: ScaledFactor | null;
  /** measured max |(L̃L̃ᵀ - C)_ij| of the factor and its drop threshold (NaN without factor) */
  factorError: number;
  factorTau: number;
  spectrum: ColouredFilter | null;
  farUnits: PreparedFarUnits | null;
}

export function prepareNoise(model: NoiseModel, ctx: NoiseContext): PreparedNoise {
  const C = ctx.numChannels;
  if (ctx.channelLocations.length !== 2 * C) throw new Error(`prepareNoise: channelLocations hold ${ctx.channelLocations.length / 2} contacts, numChannels is ${C}.`);
  if (model.noiseLevels.length !== C) throw new Error(`prepareNoise: ${model.noiseLevels.length} noise levels for ${C} channels.`);
  if (!(Number.isInteger(model.blockSize) && model.blockSize > 0)) throw new Error(`prepareNoise: blockSize must be a positive integer, got ${model.blockSize}.`);
  let factor: ScaledFactor | null = null, factorError = NaN, factorTau = NaN;
  if (model.covariance) {
    const r = sparseCholesky(model.covariance, ctx.channelLocations, ctx.maxCorrelationError ?? 0.01);
    factor = scaleFactor(r.factor, model.noiseLevels);
    factorError = r.error;
    factorTau = r.tau;
  }
  const spectrum = model.spectrum
    ? designColouredFilter(model.spectrum.exponent, model.spectrum.f_min_hz, ctx.samplingFrequency, model.blockSize) : null;
  const farUnits = model.farUnits && model.farUnits.numUnits > 0
    ? prepareFarUnits(model.farUnits, ctx.channelLocations, ctx.samplingFrequency, ctx.farUnitTemplates ?? FAR_UNIT_TEMPLATE_DEFAULTS) : null;
  return {
    numChannels: C, blockSize: model.blockSize, samplingFrequency: ctx.samplingFrequency, segmentSeed: model.segmentSeed,
    levels: Float64Array.from(model.noiseLevels), generator: model.generator ?? 'numpy', factor, factorError, factorTau, spectrum, farUnits,
  };
}

/** Plain header + one SharedArrayBuffer; postMessage-able (bigints and numbers only). */
export interface SharedPreparedNoise {
  numChannels: number; blockSize: number; samplingFrequency: number; segmentSeed: bigint;
  factorError: number; factorTau: number; generator: NoiseGeneratorKind;
  spectrum: { taps: number; fftSize: number } | null;
  farUnits: { numUnits: number; spikeSeed: bigint; nbefore: number; numSamples: number; errorBoundUv: number } | null;
  packed: Packed;
}

export function toShared(p: PreparedNoise): SharedPreparedNoise {
  const arrays: Record<string, Float64Array | Float32Array | Int32Array> = { levels: p.levels };
  if (p.factor) Object.assign(arrays, { rowPtr: p.factor.rowPtr, cols: p.factor.cols, values: p.factor.values });
  if (p.spectrum) Object.assign(arrays, { hRe: p.spectrum.hRe, hIm: p.spectrum.hIm });
  const f = p.farUnits;
  if (f) {
    Object.assign(arrays, { probability: f.probability, channelOffsets: f.templates.channelOffsets, channels: f.templates.channels, waveforms: f.templates.waveforms });
  }
  return {
    numChannels: p.numChannels, blockSize: p.blockSize, samplingFrequency: p.samplingFrequency, segmentSeed: p.segmentSeed,
    factorError: p.factorError, factorTau: p.factorTau, generator: p.generator,
    spectrum: p.spectrum ? { taps: p.spectrum.taps, fftSize: p.spectrum.fftSize } : null,
    farUnits: f ? { numUnits: f.numUnits, spikeSeed: f.spikeSeed, nbefore: f.nbefore, numSamples: f.templates.numSamples, errorBoundUv: f.templates.errorBoundUv } : null,
    packed: packArrays(arrays),
  };
}

export function fromShared(s: SharedPreparedNoise): PreparedNoise {
  const P = s.packed, C = s.numChannels;
  const fu = s.farUnits;
  return {
    numChannels: C, blockSize: s.blockSize, samplingFrequency: s.samplingFrequency, segmentSeed: s.segmentSeed,
    levels: unpackArray(P, 'levels', 'f64'), generator: s.generator, factorError: s.factorError, factorTau: s.factorTau,
    factor: P.layout.rowPtr ? { rowPtr: unpackArray(P, 'rowPtr', 'i32'), cols: unpackArray(P, 'cols', 'i32'), values: unpackArray(P, 'values', 'f64') } : null,
    spectrum: s.spectrum ? { ...s.spectrum, hRe: unpackArray(P, 'hRe', 'f64'), hIm: unpackArray(P, 'hIm', 'f64') } : null,
    farUnits: fu ? {
      numUnits: fu.numUnits, spikeSeed: fu.spikeSeed, nbefore: fu.nbefore, probability: unpackArray(P, 'probability', 'f64'),
      templates: {
        numSteps: 1, numUnits: fu.numUnits, numSamples: fu.numSamples, numChannels: C, upsample: 1, errorBoundUv: fu.errorBoundUv,
        channelOffsets: unpackArray(P, 'channelOffsets', 'i32'), channels: unpackArray(P, 'channels', 'i32'), waveforms: unpackArray(P, 'waveforms', 'f32'),
      },
    } : null,
  };
}
