/**
 * The noise model of a dataset, as `generate_noise` + `NoiseGeneratorRecording(strategy="on_the_fly")`
 * (spikeinterface/generation/noise_tools.py): per-channel levels (scalar, uniform range drawn with
 * `rng.random(n) * (hi - lo) + lo`, or a list), an optional spatial correlation `exp(-d / spatial_decay)`
 * between contacts, and the segment seed `default_rng(seed).integers(0, 2**63)` from which block b of the
 * noise is drawn with `default_rng((segment_seed, b))` — so any window can be rendered alone.
 * Two additions SpikeInterface lacks: temporally coloured (1/f^exponent) noise, and a background of many small
 * distant units. Only the parameters are decided here; rendering is in app/render.
 */
import type { ParamSpec } from '../presets/types.ts';
import { defaultRng } from '../rng/index.ts';

export interface FarUnitsModel {
  numUnits: number;
  /** (numUnits, 3) float32 */
  locations: Float32Array;
  firingRates: Float64Array;
  /** seed of the far units' per-block spike draws (tuple entropy with the block index) */
  spikeSeed: bigint;
}

export interface NoiseModel {
  noiseLevels: Float64Array;
  spatialDecay: number | null;
  /** (numChannels, numChannels) correlation matrix, or null for independent channels */
  covariance: Float64Array | null;
  segmentSeed: bigint;
  blockSize: number;
  spectrum: { exponent: number; f_min_hz: number } | null;
  farUnits: FarUnitsModel | null;
  /**
   * the uniform bits of the normals (`generate_noise_kwargs.noise_generator`, our extension, "auto" resolved):
   * "numpy" (SpikeInterface's `default_rng((segment_seed, b))` bit for bit) or "fast" (xoshiro128** through the same
   * float32 ziggurat, app/render/noise-fast.ts: same distribution, other values, ~2x faster rendering)
   */
  generator?: 'numpy' | 'fast';
}

/** Stream tags for our additions, so they never share a stream with SpikeInterface's draws. */
export const STREAM_FAR_UNITS = 0x66617275; // "faru"

export function resolveNoiseLevels(spec: ParamSpec, numChannels: number, seed: number | bigint): Float64Array {
  if (typeof spec === 'number') return new Float64Array(numChannels).fill(spec);
  if (Array.isArray(spec)) {
    if (spec.length !== numChannels) throw new Error(`noise_levels has ${spec.length} values but the probe has ${numChannels} channels: give one value per channel`);
    return Float64Array.from(spec);
  }
  const [lo, hi] = spec.range;
  const u = defaultRng(seed).randomArray(numChannels);
  for (let i = 0; i < numChannels; i++) u[i] = u[i] * (hi - lo) + lo;
  return u;
}

/** `np.exp(-distances / spatial_decay)` with Euclidean distances between contacts. */
export function spatialCovariance(channelLocations: Float64Array, spatialDecay: number): Float64Array {
  const n = channelLocations.length / 2;
  const cov = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const dx = channelLocations[2 * i] - channelLocations[2 * j];
      const dy = channelLocations[2 * i + 1] - channelLocations[2 * j + 1];
      cov[i * n + j] = Math.exp(-Math.sqrt(dx * dx + dy * dy) / spatialDecay);
    }
  }
  return cov;
}

/** The segment seed of NoiseGeneratorRecording's single segment. */
export function noiseSegmentSeed(seed: number | bigint): bigint {
  return defaultRng(seed).integersBig(0n, 2n ** 63n);
}
