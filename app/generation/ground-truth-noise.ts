/** The noise model of a ground truth from the preset's `generate_noise_kwargs` (see noise-model.ts). */
import type { ResolvedParams } from '../presets/resolve.ts';
import { defaultRng } from '../rng/index.ts';
import { ensureFiringRates } from './sorting-poisson.ts';
import { noiseSegmentSeed, resolveNoiseLevels, spatialCovariance, STREAM_FAR_UNITS, type FarUnitsModel, type NoiseModel } from './noise-model.ts';

function farUnitsModel(p: ResolvedParams, channelLocations: Float64Array, seed: number | bigint): FarUnitsModel | null {
  const fu = p.generate_noise_kwargs.far_units;
  if (!fu || fu.num_units === 0) return null;
  // our own stream (seed, "faru"): adding far units never changes SpikeInterface's draws
  const rng = defaultRng([seed, STREAM_FAR_UNITS]);
  const n = fu.num_units;
  let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
  for (let i = 0; i < channelLocations.length; i += 2) {
    x0 = Math.min(x0, channelLocations[i]); x1 = Math.max(x1, channelLocations[i]);
    y0 = Math.min(y0, channelLocations[i + 1]); y1 = Math.max(y1, channelLocations[i + 1]);
  }
  const xs = rng.uniformArray(x0 - fu.margin_um, x1 + fu.margin_um, n);
  const ys = rng.uniformArray(y0 - fu.margin_um, y1 + fu.margin_um, n);
  const zs = rng.uniformArray(fu.minimum_z, fu.maximum_z, n);
  const locations = new Float32Array(n * 3);
  for (let i = 0; i < n; i++) { locations[3 * i] = xs[i]; locations[3 * i + 1] = ys[i]; locations[3 * i + 2] = zs[i]; }
  const rateSeed = rng.integersBig(0n, 2n ** 63n);
  const firingRates = ensureFiringRates(fu.firing_rates, n, rateSeed);
  return { numUnits: n, locations, firingRates, spikeSeed: rng.integersBig(0n, 2n ** 63n) };
}

/**
 * "auto": numpy's stream (SpikeInterface's, bit for bit for white noise) for every kind of noise. Up to 0.1 it
 * meant "fast" for correlated and coloured noise, when the xoshiro path was the faster one; with the WebAssembly
 * normal kernel (app/render/normals-wasm.ts) numpy's stream is faster (bench/results/generation.json: W2
 * correlated 16.39x real time with it, 13.91x with "fast"), so "auto" no longer trades fidelity for speed.
 */
export function effectiveGenerator(nk: ResolvedParams['generate_noise_kwargs']): 'numpy' | 'fast' {
  return nk.noise_generator === 'auto' ? 'numpy' : nk.noise_generator;
}

export function buildNoiseModel(p: ResolvedParams, channelLocations: Float64Array, seed: number | bigint): NoiseModel {
  const nk = p.generate_noise_kwargs;
  const numChannels = channelLocations.length / 2;
  return {
    noiseLevels: resolveNoiseLevels(nk.noise_levels, numChannels, seed),
    spatialDecay: nk.spatial_decay,
    covariance: nk.spatial_decay === null ? null : spatialCovariance(channelLocations, nk.spatial_decay),
    segmentSeed: noiseSegmentSeed(seed),
    blockSize: nk.noise_block_size,
    spectrum: nk.spectrum,
    farUnits: farUnitsModel(p, channelLocations, seed),
    generator: effectiveGenerator(nk),
  };
}
