/**
 * Dense templates exactly as SpikeInterface's `generate_templates` (core/generate.py, 0.105) returns them
 * (dtype float32, `unit_params` already resolved per unit, e.g. by `ensureUnitParams`):
 *   upsample_factor null -> shape (units, samples, channels)
 *   upsample_factor k    -> shape (units, samples, channels, k), templates[u, t, c, f] = wfs_up[t*k + f, c]
 * where wfs_up is the waveform generated at k * fs. Values are computed in float64 and rounded once to
 * float32, like SI's final assignment into the float32 array.
 */
import { channelGeometry, prepareUnits, renderChannels, type TemplateOptions } from './unit-model.ts';

export type { TemplateOptions } from './unit-model.ts';
export { msToSamples } from './waveform.ts';

export interface DenseTemplates { data: Float32Array; shape: number[] }

/** Checks the C-order location arrays and returns the number of rows. */
export function checkLocations(channelLocations: Float64Array, unitLocations: Float64Array | Float32Array): { numChannels: number; numUnits: number } {
  if (channelLocations.length % 2 !== 0) throw new Error(`generateTemplates: channelLocations must hold nChannels x 2 values (x, y), got ${channelLocations.length}.`);
  if (unitLocations.length % 3 !== 0) throw new Error(`generateTemplates: unitLocations must hold nUnits x 3 values (x, y, z), got ${unitLocations.length}.`);
  for (const v of channelLocations) if (!Number.isFinite(v)) throw new Error('generateTemplates: channelLocations contain a non-finite value.');
  for (const v of unitLocations) if (!Number.isFinite(v)) throw new Error('generateTemplates: unitLocations contain a non-finite value.');
  return { numChannels: channelLocations.length / 2, numUnits: unitLocations.length / 3 };
}

export function generateTemplates(channelLocations: Float64Array, unitLocations: Float64Array | Float32Array, opts: TemplateOptions): DenseTemplates {
  const { numChannels, numUnits } = checkLocations(channelLocations, unitLocations);
  const pu = prepareUnits(numUnits, opts);
  const { numSamples: W, upsample: U, n } = pu;
  const shape = opts.upsample_factor == null ? [numUnits, W, numChannels] : [numUnits, W, numChannels, U];
  const data = new Float32Array(numUnits * W * numChannels * U);
  if (numChannels === 0) return { data, shape };
  const gain = new Float64Array(numChannels), shift = new Float64Array(numChannels);
  const all = Int32Array.from({ length: numChannels }, (_, c) => c);
  const wfs = new Float64Array(numChannels * n);
  for (let u = 0; u < numUnits; u++) {
    const m = pu.units[u];
    channelGeometry(pu, m, channelLocations, unitLocations[3 * u], unitLocations[3 * u + 1], unitLocations[3 * u + 2], gain, shift);
    renderChannels(pu, m, gain, shift, all, numChannels, wfs);
    const base = u * W * numChannels * U;
    for (let c = 0; c < numChannels; c++) {
      for (let t = 0; t < W; t++) {
        for (let f = 0; f < U; f++) data[base + (t * numChannels + c) * U + f] = wfs[c * n + t * U + f];
      }
    }
  }
  return { data, shape };
}
