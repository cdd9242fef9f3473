// Reproducibility: any window alone == inside a larger window == in many small chunks, in every noise mode;
// blocks depend only on their seeds; the shared (worker) form renders the same bits; a copy gets the same values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spatialCovariance, type FarUnitsModel, type NoiseModel } from '../../../app/generation/noise-model.ts';
import {
  createNoiseScratch, createNoiseWindowCache, fromShared, prepareNoise, renderNoiseBlock, renderNoiseWindow, renderPreparedBlock,
  renderPreparedWindow, toShared, type NoiseContext,
} from '../../../app/render/noise.ts';
import { probeLocations } from './noise-test-stats.ts';
import { threadMemory, TILES_BYTES, TILES_REGION } from '../../../app/wasm/thread-memory.ts';

const C = 12, B = 1000, FS = 30000;
const LOC = Float64Array.from(probeLocations('Neuropixels1-128').subarray(0, 2 * C));
const ctx = (): NoiseContext => ({ channelLocations: LOC, numChannels: C, samplingFrequency: FS });
const far: FarUnitsModel = {
  numUnits: 6, spikeSeed: 31337n, firingRates: new Float64Array(6).fill(60),
  locations: Float32Array.from([0, 10, 30, 40, 60, 25, 20, 90, 35, 10, 30, 40, 50, 70, 28, 30, 5, 33]),
};
const base: NoiseModel = { noiseLevels: Float64Array.from({ length: C }, (_, i) => 4 + i), spatialDecay: null, covariance: null, segmentSeed: 2024n, blockSize: B, spectrum: null, farUnits: null };
const MODES: Record<string, NoiseModel> = {
  white: base,
  correlated: { ...base, spatialDecay: 25, covariance: spatialCovariance(LOC, 25) },
  coloured: { ...base, spectrum: { exponent: 1.5, f_min_hz: 50 } },
  'coloured+correlated': { ...base, spatialDecay: 25, covariance: spatialCovariance(LOC, 25), spectrum: { exponent: 1, f_min_hz: 100 } },
  'far units': { ...base, farUnits: far },
  everything: { ...base, spatialDecay: 25, covariance: spatialCovariance(LOC, 25), spectrum: { exponent: 2, f_min_hz: 60 }, farUnits: far },
};

function window(model: NoiseModel, c: NoiseContext, start: number, end: number): Float32Array {
  const out = new Float32Array((end - start) * C);
  renderNoiseWindow(model, c, start, end, out);
  return out;
}

for (const [name, model] of Object.entries(MODES)) {
  test(`${name}: a window alone == inside a larger window == in small chunks == from shared memory, bit for bit`, () => {
    const big = window(model, ctx(), 0, 6 * B);
    const alone = window(model, ctx(), 2345, 4567);
    assert.deepEqual(alone, big.subarray(2345 * C, 4567 * C));
    const chunked = new Float32Array(6 * B * C), c = ctx();
    for (let s = 0; s < 6 * B; s += 137) chunked.set(window(model, c, s, Math.min(6 * B, s + 137)), s * C);
    assert.deepEqual(chunked, big);
    // blocks out of order, each with a fresh scratch (another worker)
    const block = new Float32Array(B * C);
    for (const b of [5, 0, 3]) {
      renderNoiseBlock(model, ctx(), b, block, createNoiseScratch());
      assert.deepEqual(block, big.subarray(b * B * C, (b + 1) * B * C), `block ${b}`);
    }
    const shared = fromShared(structuredClone(toShared(prepareNoise(model, ctx()))));
    const viaShared = new Float32Array(2222 * C);
    renderPreparedWindow(shared, createNoiseWindowCache(shared), 2345, 4567, viaShared);
    assert.deepEqual(viaShared, alone);
  });
}

test('different blocks differ, the same (seed, b) gives the same block, another seed another block', () => {
  for (const model of Object.values(MODES)) {
    const p = prepareNoise(model, ctx()), s = createNoiseScratch();
    const a = new Float32Array(B * C), b = new Float32Array(B * C), again = new Float32Array(B * C);
    renderPreparedBlock(p, 1, a, s);
    renderPreparedBlock(p, 2, b, s);
    renderPreparedBlock(p, 1, again, createNoiseScratch());
    assert.notDeepEqual(a, b);
    assert.deepEqual(a, again);
    const other = prepareNoise({ ...model, segmentSeed: model.segmentSeed + 1n }, ctx());
    renderPreparedBlock(other, 1, b, createNoiseScratch());
    assert.notDeepEqual(a, b);
  }
});

test('errors: windows out of range, short output, a context prepared for another model', () => {
  const c = ctx();
  assert.throws(() => renderNoiseWindow(base, c, -1, 10, new Float32Array(11 * C)), /0 <= startSample/);
  assert.throws(() => renderNoiseWindow(base, c, 0, 10, new Float32Array(9 * C)), /out holds/);
  assert.throws(() => renderNoiseWindow({ ...base, segmentSeed: 1n }, c, 0, 10, new Float32Array(10 * C)), /another noise model/);
  assert.throws(() => renderNoiseBlock(base, ctx(), 1.5, new Float32Array(B * C)), /block index/);
  assert.throws(() => prepareNoise(base, { ...ctx(), numChannels: 5 }), /contacts/);
  assert.deepEqual(window(base, ctx(), 7, 7), new Float32Array(0));
});

test('a copy gets the window\'s very values in every mode and generator, by whole blocks, streamed pieces and revisits, in ordinary memory and in the kernel\'s tiles', () => {
  const memory = threadMemory()!;
  for (const [name, m] of Object.entries(MODES)) {
    for (const generator of ['numpy', 'fast'] as const) {
      const model = { ...m, generator };
      const big = window(model, ctx(), 0, 3 * B);
      for (const inKernel of [false, true]) {
        const p = prepareNoise(model, ctx()), cache = createNoiseWindowCache(p);
        // a whole block, streamed pieces of the next, then a step back (the cached-block path)
        for (const [s, e] of [[0, B], [B, B + 300], [B + 300, 2 * B + 200], [B + 100, B + 450], [2 * B + 200, 3 * B]]) {
          const n = (e - s) * C;
          const out = inKernel ? new Float32Array(memory.buffer, TILES_REGION, n) : new Float32Array(n);
          const copy = inKernel ? new Float32Array(memory.buffer, TILES_REGION + TILES_BYTES / 2, n) : new Float32Array(n);
          copy.fill(NaN);
          renderPreparedWindow(p, cache, s, e, out, copy);
          const label = `${name}, ${generator}, ${inKernel ? 'tiles' : 'arrays'}, window ${s}-${e}`;
          assert.deepEqual(out, big.subarray(s * C, e * C), label);
          assert.deepEqual(copy, big.subarray(s * C, e * C), label);
        }
      }
    }
  }
});
