/**
 * `renderWindow(groundTruth, startSample, endSample) -> {noise, static, drifting}`: any window of a dataset's two
 * recordings, rendered on demand, as float32 microvolts interleaved like the files (samples x channels). The noise
 * is drawn once per window from its blocks' own seeds and shared by both recordings; the static recording adds every
 * spike with the template of the zero-displacement step, the drifting one with the step of its unit's displacement
 * at that time. So a window rendered alone, in one piece or in chunks, by any worker, has the same bits.
 */
import type { GroundTruth } from '../generation/ground-truth-types.ts';
import { injectSpikes } from './inject.ts';
import { createNoiseWindowCache, renderPreparedWindow, type NoiseWindowCache } from './noise-window.ts';
import { fromShared, prepareNoise, type PreparedNoise } from './noise-prepare.ts';
import { noiseContextOf, renderModelFromGroundTruth, type RenderModel } from './render-model.ts';

export interface RenderedWindow {
  startSample: number;
  numSamples: number;
  numChannels: number;
  /** present unless `withNoise: false` */
  noise?: Float32Array;
  static: Float32Array;
  drifting: Float32Array;
}

export interface RenderOptions {
  /** also return the noise alone (one more buffer); default true */
  withNoise?: boolean;
  /** reuse these buffers (length >= samples x channels) instead of allocating */
  buffers?: { static?: Float32Array; drifting?: Float32Array; noise?: Float32Array };
}

interface NoiseState { prepared: PreparedNoise; cache: NoiseWindowCache }

// per model id: a worker sees a fresh clone of the same model with every task; keep the last few
const noiseStates = new Map<string, NoiseState>();
const modelsOfGroundTruth = new WeakMap<GroundTruth, RenderModel>();

function noiseStateOf(m: RenderModel): NoiseState {
  let st = noiseStates.get(m.id);
  if (!st) {
    const prepared = m.preparedNoise ? fromShared(m.preparedNoise) : prepareNoise(m.noise, noiseContextOf(m));
    st = { prepared, cache: createNoiseWindowCache(prepared) };
    noiseStates.set(m.id, st);
    while (noiseStates.size > 2) noiseStates.delete(noiseStates.keys().next().value as string);
  }
  return st;
}

function modelOf(source: GroundTruth | RenderModel): RenderModel {
  if ('templatesAtSteps' in source) {
    let m = modelsOfGroundTruth.get(source);
    if (!m) { m = renderModelFromGroundTruth(source); modelsOfGroundTruth.set(source, m); }
    return m;
  }
  return source;
}

export function renderWindow(source: GroundTruth | RenderModel, startSample: number, endSample: number, o: RenderOptions = {}): RenderedWindow {
  const m = modelOf(source);
  if (!(Number.isInteger(startSample) && Number.isInteger(endSample) && startSample >= 0 && endSample <= m.numSamples && startSample < endSample)) {
    throw new Error(`the window ${startSample}-${endSample} is not inside the recording (0-${m.numSamples} samples)`);
  }
  const n = (endSample - startSample) * m.numChannels;
  const view = (b: Float32Array | undefined) => (b && b.length >= n ? b.subarray(0, n) : new Float32Array(n));
  const st = view(o.buffers?.static);
  const dr = view(o.buffers?.drifting);
  const { prepared, cache } = noiseStateOf(m);
  renderPreparedWindow(prepared, cache, startSample, endSample, st);
  dr.set(st);
  let noise: Float32Array | undefined;
  if (o.withNoise !== false) {
    noise = view(o.buffers?.noise);
    noise.set(st);
  }
  const common = { amplitudeFactor: m.amplitudeFactor, nbefore: m.nbefore, templatesKey: m.id };
  injectSpikes(st, startSample, endSample, m.spikes, m.templates, { ...common, steps: m.staticStepIndex });
  injectSpikes(dr, startSample, endSample, m.spikes, m.templates, { ...common, steps: m.displacementIndices });
  return { startSample, numSamples: endSample - startSample, numChannels: m.numChannels, noise, static: st, drifting: dr };
}

export interface TileOptions {
  /** samples per tile (default 512: two float32 tiles of 384 channels fit in a 2 MB L2 cache) */
  tileSamples?: number;
  /** reuse these tile buffers (length >= tileSamples x channels) */
  buffers?: { static?: Float32Array; drifting?: Float32Array };
}

export const DEFAULT_TILE_SAMPLES = 512;

/**
 * The window [startSample, endSample) of both recordings, tile by tile: `visit(tileStart, tileEnd, static,
 * drifting)` is called for consecutive tiles in order, with views valid only during the call. Each tile equals
 * the same rows of `renderWindow` bit for bit (noise streamed or cut from its blocks, every spike added in the
 * same order, clipped at the tile edges exactly like at a window edge). A tile stays in cache from noise to
 * injection to the caller's conversion, where a 1 s window of 384 channels (46 MB per recording) does not:
 * the injections alone ran 3-4x slower on cache misses, and no window-sized buffer is needed.
 */
export function renderWindowTiles(source: GroundTruth | RenderModel, startSample: number, endSample: number,
  visit: (tileStart: number, tileEnd: number, st: Float32Array, dr: Float32Array) => void, o: TileOptions = {}): void {
  const m = modelOf(source);
  if (!(Number.isInteger(startSample) && Number.isInteger(endSample) && startSample >= 0 && endSample <= m.numSamples && startSample < endSample)) {
    throw new Error(`the window ${startSample}-${endSample} is not inside the recording (0-${m.numSamples} samples)`);
  }
  const T = o.tileSamples ?? DEFAULT_TILE_SAMPLES;
  if (!(Number.isInteger(T) && T > 0)) throw new Error(`renderWindowTiles: tileSamples must be a positive integer, got ${T}.`);
  const C = m.numChannels, n = T * C;
  const stBuf = o.buffers?.static && o.buffers.static.length >= n ? o.buffers.static : new Float32Array(n);
  const drBuf = o.buffers?.drifting && o.buffers.drifting.length >= n ? o.buffers.drifting : new Float32Array(n);
  const { prepared, cache } = noiseStateOf(m);
  const common = { amplitudeFactor: m.amplitudeFactor, nbefore: m.nbefore, templatesKey: m.id };
  const staticOpts = { ...common, steps: m.staticStepIndex }, driftingOpts = { ...common, steps: m.displacementIndices };
  for (let a = startSample; a < endSample; a += T) {
    const e = Math.min(endSample, a + T), len = (e - a) * C;
    const st = len === n ? stBuf : stBuf.subarray(0, len), dr = len === n ? drBuf : drBuf.subarray(0, len);
    renderPreparedWindow(prepared, cache, a, e, st, dr); // the noise into both tiles
    injectSpikes(st, a, e, m.spikes, m.templates, staticOpts);
    injectSpikes(dr, a, e, m.spikes, m.templates, driftingOpts);
    visit(a, e, st, dr);
  }
}
