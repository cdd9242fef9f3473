/**
 * Background of many small distant units (our addition; `model.farUnits`, decided in
 * generation/ground-truth-noise.ts). Part of the noise: the static and the drifting recording share it, it
 * does not drift, and it is not in the ground truth.
 *
 * Templates: SpikeInterface's `generate_templates` at the far units' locations (one zero displacement step of
 * `buildTemplatesAtSteps`, so they are stored sparse with every dropped channel <= 0.1 uV), unit params drawn by
 * `ensureUnitParams({}, n, seed)` with seed = `default_rng(spikeSeed).integers(0, 2**63)` (a stream distinct
 * from the per-block ones below).
 *
 * Spikes of block b come from `default_rng((spikeSeed, b))` alone: for each unit in order, a Bernoulli process
 * with p = rate / fs per sample, drawn as geometric gaps (first spike at geometric(p) - 1, then + geometric(p)
 * while inside the block). A Bernoulli process restarted at each block boundary is still one Bernoulli
 * process (memoryless), i.e. Poisson-like firing at `rate` with at most one spike per sample.
 * A spike at sample t adds its template on [t - nbefore, t - nbefore + width), so block b receives spikes of
 * every block whose templates reach into it (b-1 and b+1 for templates shorter than a block).
 */
import type { FarUnitsModel } from '../generation/noise-model.ts';
import { buildTemplatesAtSteps, type SparseTemplates } from '../generation/templates-at-steps.ts';
import { msToSamples } from '../generation/templates.ts';
import { ensureUnitParams } from '../generation/unit-params.ts';
import { defaultRng } from '../rng/index.ts';

/** Template shape of the far units; SpikeInterface's generate_drifting_recording defaults when omitted. */
export interface FarUnitTemplateOptions {
  ms_before: number;
  ms_after: number;
  mode: 'sphere' | 'ellipsoid';
  spatial_profile?: 'exponential' | 'power';
}

export const FAR_UNIT_TEMPLATE_DEFAULTS: FarUnitTemplateOptions = { ms_before: 1.5, ms_after: 3.0, mode: 'ellipsoid' };

export interface PreparedFarUnits {
  numUnits: number;
  spikeSeed: bigint;
  /** per-sample spike probability of each unit (rate / fs, at most 1) */
  probability: Float64Array;
  nbefore: number;
  templates: SparseTemplates;
}

export function prepareFarUnits(model: FarUnitsModel, channelLocations: Float64Array, samplingFrequency: number,
  opts: FarUnitTemplateOptions = FAR_UNIT_TEMPLATE_DEFAULTS, errorBoundUv = 0.1): PreparedFarUnits {
  const n = model.numUnits;
  const paramSeed = defaultRng(model.spikeSeed).integersBig(0n, 2n ** 63n);
  const unitParams = ensureUnitParams({}, n, paramSeed);
  const templates = buildTemplatesAtSteps(channelLocations, model.locations, new Float64Array(2), {
    sampling_frequency: samplingFrequency, ms_before: opts.ms_before, ms_after: opts.ms_after, mode: opts.mode,
    spatial_profile: opts.spatial_profile, upsample_factor: null, unit_params: unitParams,
  }, errorBoundUv);
  const probability = new Float64Array(n);
  for (let u = 0; u < n; u++) probability[u] = Math.min(1, Math.max(0, model.firingRates[u] / samplingFrequency));
  return { numUnits: n, spikeSeed: model.spikeSeed, probability, nbefore: msToSamples(opts.ms_before, samplingFrequency), templates };
}

/** Growable spike list of one block (sample offset within the block, unit), reused between blocks. */
export interface SpikeList { count: number; times: Int32Array; units: Int32Array }

export function newSpikeList(): SpikeList {
  return { count: 0, times: new Int32Array(1024), units: new Int32Array(1024) };
}

/** The far units' spikes of block `blockIndex` (blockSize samples), in unit order then time order. */
export function farUnitSpikes(pf: PreparedFarUnits, blockIndex: number, blockSize: number, list: SpikeList = newSpikeList()): SpikeList {
  const rng = defaultRng([pf.spikeSeed, blockIndex]);
  list.count = 0;
  for (let u = 0; u < pf.numUnits; u++) {
    const p = pf.probability[u];
    if (!(p > 0)) continue;
    for (let t = rng.geometric(p) - 1; t < blockSize; t += rng.geometric(p)) {
      if (list.count === list.times.length) {
        const times = new Int32Array(2 * list.count), units = new Int32Array(2 * list.count);
        times.set(list.times); units.set(list.units);
        list.times = times; list.units = units;
      }
      list.times[list.count] = t;
      list.units[list.count++] = u;
    }
  }
  return list;
}

/** Adds (float32) the templates of every far-unit spike reaching into block b to out (blockSize x C, interleaved). */
export function addFarUnits(pf: PreparedFarUnits, blockIndex: number, blockSize: number, out: Float32Array, list: SpikeList = newSpikeList()): void {
  const sp = pf.templates, W = sp.numSamples, C = sp.numChannels, B = blockSize, nb = pf.nbefore;
  // spike t (absolute) touches [t - nb, t - nb + W): blocks of spikes whose template meets [bB, (b+1)B)
  const first = Math.max(0, Math.floor((blockIndex * B + nb - W + 1) / B));
  const last = Math.floor(((blockIndex + 1) * B + nb - 1) / B);
  for (let sb = first; sb <= last; sb++) {
    farUnitSpikes(pf, sb, B, list);
    const shift = (sb - blockIndex) * B - nb;
    for (let i = 0; i < list.count; i++) {
      const u = list.units[i], rel = list.times[i] + shift; // template sample s lands at rel + s in block b
      const lo = sp.channelOffsets[u], nnz = sp.channelOffsets[u + 1] - lo;
      if (nnz === 0) continue;
      const s0 = Math.max(0, -rel), s1 = Math.min(W, B - rel);
      const wf = lo * W, chans = sp.channels;
      for (let s = s0; s < s1; s++) {
        const row = wf + s * nnz, o = (rel + s) * C;
        for (let k = 0; k < nnz; k++) out[o + chans[lo + k]] += sp.waveforms[row + k];
      }
    }
  }
}
