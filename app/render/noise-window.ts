/**
 * Any window [startSample, endSample) of the noise, assembled from whole blocks exactly like
 * `NoiseGeneratorRecordingSegment.get_traces` tiles its on-the-fly blocks (generation/noise_tools.py): block
 * b covers samples [b * blockSize, (b + 1) * blockSize). Because a block depends only on its own seeds
 * (noise-block.ts), a window is bit-identical however the recording is chunked.
 *
 * The context keeps the last two partly used blocks: a chunk renderer asking for consecutive windows inside one
 * block (or straddling two) renders each block once. A window covering a whole block renders it straight into
 * the output (no 46 MB copy for Neuropixels 384 x 30000).
 *
 * White and correlated noise (no 1/f filter, no far units) are also STREAMED: a block's normals are one
 * sequential generator stream, so a window that starts a block, or continues exactly where the previous window
 * of the same block stopped, draws just its own samples from the saved stream state (and applies the factor per
 * sample). The same draws in the same order, so the same bits, without a block-sized buffer: the chunk renderer
 * walks a block in small cache-sized tiles this way (render-window.ts `renderWindowTiles`).
 */
import type { NoiseModel } from '../generation/noise-model.ts';
import { createNoiseScratch, preparedFor, renderPreparedBlock, type NoiseScratch } from './noise-block.ts';
import { correlateSamples } from './noise-correlate.ts';
import { fillBlockNormals, seedBlockStream } from './noise-fast.ts';
import type { NoiseContext, PreparedNoise } from './noise-prepare.ts';

export interface NoiseWindowCache {
  owner: PreparedNoise;
  scratch: NoiseScratch;
  /** two rendered blocks; NaN = empty. `recent` is the slot used last (the other one is evicted first). */
  blocks: (Float32Array | null)[];
  blockIndex: number[];
  recent: number;
  /** the streamed block (NaN: none), the next sample of it the saved stream would draw, the stream state */
  streamBlock: number;
  streamNext: number;
  streamWords: Float64Array;
  /** raw normals of a streamed piece (correlated noise) and levels of 1 for them */
  streamZ: Float32Array | null;
  streamOnes: Float64Array | null;
}

export function createNoiseWindowCache(p: PreparedNoise, scratch: NoiseScratch = createNoiseScratch()): NoiseWindowCache {
  return {
    owner: p, scratch, blocks: [null, null], blockIndex: [NaN, NaN], recent: 0,
    streamBlock: NaN, streamNext: 0, streamWords: new Float64Array(11), streamZ: null, streamOnes: null,
  };
}

/** Whether block pieces can be drawn sequentially (white or correlated; no 1/f filter, no far units). */
function streamable(p: PreparedNoise): boolean {
  return p.spectrum === null && p.farUnits === null;
}

/** Samples [off, off + take) of block b into out, continuing the saved stream (off > 0) or starting it (off = 0). */
function streamPiece(p: PreparedNoise, cache: NoiseWindowCache, b: number, off: number, take: number, out: Float32Array, copy?: Float32Array): void {
  const C = p.numChannels, n = take * C;
  if (!(cache.streamBlock === b && cache.streamNext === off)) {
    if (off !== 0) throw new Error('streamPiece: the stream must start at sample 0 of a block.');
    seedBlockStream(p.generator, [p.segmentSeed, b], cache.streamWords);
  }
  cache.streamBlock = NaN; // not valid if drawing throws
  if (p.factor) {
    if (!cache.streamZ || cache.streamZ.length < n) cache.streamZ = new Float32Array(n);
    if (!cache.streamOnes || cache.streamOnes.length !== C) cache.streamOnes = new Float64Array(C).fill(1);
    fillBlockNormals(p.generator, cache.streamWords, cache.streamZ, n, cache.streamOnes);
    correlateSamples(p.factor, cache.streamZ, out, take, C);
    copy?.set(out.subarray(0, n));
  } else {
    fillBlockNormals(p.generator, cache.streamWords, out, n, p.levels, copy);
  }
  cache.streamBlock = b;
  cache.streamNext = off + take;
}

function cacheFor(p: PreparedNoise, ctx: NoiseContext): NoiseWindowCache {
  if (!ctx.cache || ctx.cache.owner !== p) ctx.cache = createNoiseWindowCache(p, ctx.cache?.scratch);
  return ctx.cache;
}

/** Block b from the cache, rendering it (into the least recently used slot) if needed. */
export function cachedBlock(p: PreparedNoise, cache: NoiseWindowCache, b: number): Float32Array {
  for (let i = 0; i < 2; i++) {
    if (cache.blockIndex[i] === b) { cache.recent = i; return cache.blocks[i]!; }
  }
  const slot = 1 - cache.recent;
  const data = cache.blocks[slot] ?? (cache.blocks[slot] = new Float32Array(p.blockSize * p.numChannels));
  cache.blockIndex[slot] = NaN; // not valid if rendering throws
  renderPreparedBlock(p, b, data, cache.scratch);
  cache.blockIndex[slot] = b;
  cache.recent = slot;
  return data;
}

/**
 * Samples [startSample, endSample) x channels of the prepared noise into out (interleaved by sample), and the
 * same values into `copy` if given (white noise writes both at once: no second pass over the window).
 */
export function renderPreparedWindow(p: PreparedNoise, cache: NoiseWindowCache, startSample: number, endSample: number, out: Float32Array, copy?: Float32Array): void {
  if (!(Number.isSafeInteger(startSample) && Number.isSafeInteger(endSample) && startSample >= 0 && endSample >= startSample)) {
    throw new Error(`renderNoiseWindow: need integers 0 <= startSample <= endSample, got ${startSample}, ${endSample}.`);
  }
  const B = p.blockSize, C = p.numChannels;
  if (out.length < (endSample - startSample) * C) {
    throw new Error(`renderNoiseWindow: out holds ${out.length} values, the window needs ${(endSample - startSample) * C}.`);
  }
  if (copy && copy.length < (endSample - startSample) * C) {
    throw new Error(`renderNoiseWindow: the copy holds ${copy.length} values, the window needs ${(endSample - startSample) * C}.`);
  }
  for (let s = startSample; s < endSample;) {
    const b = Math.floor(s / B), off = s - b * B;
    const take = Math.min(B - off, endSample - s);
    const dst = (s - startSample) * C;
    if (take === B && cache.blockIndex[0] !== b && cache.blockIndex[1] !== b) {
      // a whole block (the chunk plan's usual case): render in place, no cache slot, no copy
      renderPreparedBlock(p, b, out.subarray(dst, dst + B * C), cache.scratch);
      copy?.set(out.subarray(dst, dst + B * C), dst);
    } else if (cache.blockIndex[0] !== b && cache.blockIndex[1] !== b && streamable(p)
      && (off === 0 || (cache.streamBlock === b && cache.streamNext === off))) {
      streamPiece(p, cache, b, off, take, out.subarray(dst, dst + take * C), copy?.subarray(dst, dst + take * C));
    } else {
      const piece = cachedBlock(p, cache, b).subarray(off * C, (off + take) * C);
      out.set(piece, dst);
      copy?.set(piece, dst);
    }
    s += take;
  }
}

/** The noise of `model` on samples [startSample, endSample), interleaved by sample (numChannels per sample). */
export function renderNoiseWindow(model: NoiseModel, ctx: NoiseContext, startSample: number, endSample: number, out: Float32Array): void {
  const p = preparedFor(model, ctx);
  renderPreparedWindow(p, cacheFor(p, ctx), startSample, endSample, out);
}
