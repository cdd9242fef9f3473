/**
 * Noise block b (blockSize x numChannels, interleaved by sample), computed from (segment_seed, b) alone, plus
 * block b-1's own seed when the 1/f filter needs its last samples and the far units' per-block seeds: so any
 * window, rendered alone, in any chunking, by any worker, is bit-identical. As in SpikeInterface's
 * `NoiseGeneratorRecordingSegment.get_traces` (strategy "on_the_fly", generation/noise_tools.py):
 *   white only         -> SI's block bit for bit (noise-white.ts)
 *   + spatial_decay    -> diag(l) L̃ z, z = SI's float32 normals of the block (noise-correlate.ts)
 *   + spectrum         -> z filtered by the 1/f FIR over blocks b-1, b (noise-spectrum.ts), then as above
 *   + far units        -> their templates added (far-units.ts)
 * Block 0's filter reads a "pre-roll" block drawn from default_rng((segment_seed, 0, PREROLL)), so block 0 is as
 * stationary as the others.
 */
import type { NoiseModel } from '../generation/noise-model.ts';
import { addFarUnits, newSpikeList, type SpikeList } from './far-units.ts';
import { correlateSamples } from './noise-correlate.ts';
import { prepareNoise, type NoiseContext, type PreparedNoise } from './noise-prepare.ts';
import { filterBlock, filterScratch, type FilterScratch } from './noise-spectrum.ts';
import { fillBlockNormals, seedBlockStream } from './noise-fast.ts';
import type { PcgWords } from './noise-white.ts';

/** Entropy tag of the pre-roll block of block 0 ("prer"). */
export const STREAM_PREROLL = 0x70726572;

/** Reusable buffers of one renderer (one per worker / context; not shared between threads). */
export interface NoiseScratch {
  owner: PreparedNoise | null;
  words: PcgWords;
  ones: Float64Array;
  /** raw standard normals of two blocks and which block each holds (NaN: none) */
  z: (Float32Array | null)[];
  zBlock: number[];
  filtered: Float32Array | null;
  filter: FilterScratch | null;
  spikes: SpikeList;
}

export function createNoiseScratch(): NoiseScratch {
  return { owner: null, words: new Float64Array(11), ones: new Float64Array(0), z: [null, null], zBlock: [NaN, NaN], filtered: null, filter: null, spikes: newSpikeList() };
}

function bind(p: PreparedNoise, s: NoiseScratch): void {
  if (s.owner === p) return;
  const n = p.blockSize * p.numChannels;
  s.owner = p;
  s.ones = new Float64Array(p.numChannels).fill(1);
  s.zBlock = [NaN, NaN];
  for (let i = 0; i < 2; i++) if (!s.z[i] || s.z[i]!.length !== n) s.z[i] = null;
  s.filtered = p.spectrum && p.factor ? new Float32Array(n) : null;
  s.filter = p.spectrum ? filterScratch(p.spectrum) : null;
}

/** The raw float32 normals of block b (b = -1: the pre-roll), kept in a slot that does not hold block `keep`. */
function normals(p: PreparedNoise, s: NoiseScratch, b: number, keep: number): Float32Array {
  for (let i = 0; i < 2; i++) if (s.zBlock[i] === b) return s.z[i]!;
  const slot = s.zBlock[0] === keep ? 1 : 0;
  const n = p.blockSize * p.numChannels;
  const z = s.z[slot] ?? (s.z[slot] = new Float32Array(n));
  s.zBlock[slot] = NaN; // invalid while being filled
  const entropy = b >= 0 ? [p.segmentSeed, b] : [p.segmentSeed, 0, STREAM_PREROLL];
  fillBlockNormals(p.generator, seedBlockStream(p.generator, entropy, s.words), z, n, s.ones);
  s.zBlock[slot] = b;
  return z;
}

/** Renders block b of the prepared noise into out[0 .. blockSize * numChannels). */
export function renderPreparedBlock(p: PreparedNoise, blockIndex: number, out: Float32Array, scratch: NoiseScratch = createNoiseScratch()): void {
  if (!(Number.isSafeInteger(blockIndex) && blockIndex >= 0)) throw new Error(`renderNoiseBlock: block index must be a non-negative integer, got ${blockIndex}.`);
  const B = p.blockSize, C = p.numChannels, n = B * C;
  if (out.length < n) throw new Error(`renderNoiseBlock: out holds ${out.length} values, a block needs ${n}.`);
  bind(p, scratch);
  if (p.spectrum) {
    const prev = normals(p, scratch, blockIndex - 1, blockIndex);
    const cur = normals(p, scratch, blockIndex, blockIndex - 1);
    if (p.factor) {
      filterBlock(p.spectrum, scratch.filter!, prev, cur, B, C, scratch.ones, scratch.filtered!);
      correlateSamples(p.factor, scratch.filtered!, out, B, C);
    } else {
      filterBlock(p.spectrum, scratch.filter!, prev, cur, B, C, p.levels, out);
    }
  } else if (p.factor) {
    correlateSamples(p.factor, normals(p, scratch, blockIndex, NaN), out, B, C);
  } else {
    // SpikeInterface's white block: standard_normal(float32) *= noise_levels, bit for bit (generator "numpy")
    fillBlockNormals(p.generator, seedBlockStream(p.generator, [p.segmentSeed, blockIndex], scratch.words), out, n, p.levels);
  }
  if (p.farUnits) addFarUnits(p.farUnits, blockIndex, B, out, scratch.spikes);
}

/** `prepareNoise` once per context (cached in ctx.prepared), checked against the model. */
export function preparedFor(model: NoiseModel, ctx: NoiseContext): PreparedNoise {
  const p = ctx.prepared ?? (ctx.prepared = prepareNoise(model, ctx));
  if (p.segmentSeed !== model.segmentSeed || p.blockSize !== model.blockSize || p.numChannels !== ctx.numChannels) {
    throw new Error('renderNoise: ctx.prepared was prepared for another noise model (seed, block size or channels differ).');
  }
  return p;
}

/** Block b of the noise of `model` (blockSize x numChannels float32, interleaved by sample). */
export function renderNoiseBlock(model: NoiseModel, ctx: NoiseContext, blockIndex: number, out: Float32Array, scratch?: NoiseScratch): void {
  renderPreparedBlock(preparedFor(model, ctx), blockIndex, out, scratch);
}
