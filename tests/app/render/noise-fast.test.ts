// The opt-in "fast" noise generator (noise_generator: "fast", app/render/noise-fast.ts): statistics of numpy's
// float32 normals (std per channel within 2%, independent channels, spatial correlation as the "numpy" stream),
// block reproducibility in every chunking, and "auto" keeps SpikeInterface's stream for white noise.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spatialCovariance, type NoiseModel } from '../../../app/generation/noise-model.ts';
import { resolveParams } from '../../../app/presets/resolve.ts';
import { buildGroundTruth } from '../../../app/index.ts';
import { createNoiseScratch, createNoiseWindowCache, fromShared, prepareNoise, renderNoiseWindow, renderPreparedBlock, renderPreparedWindow, toShared, whiteNoiseBlock } from '../../../app/render/noise.ts';
import { channelStd, pairCorrelations, probeLocations } from './noise-test-stats.ts';

const FS = 30000;

test('fast white noise: std per channel within 2% of its level, channels uncorrelated, mean ~0 (384 channels, 3 s)', () => {
  const loc = probeLocations('Neuropixels1-384'), C = 384, B = 30000;
  const levels = Float64Array.from({ length: C }, (_, i) => 5 + (i % 7));
  const model: NoiseModel = { noiseLevels: levels, spatialDecay: null, covariance: null, segmentSeed: 77n, blockSize: B, spectrum: null, farUnits: null, generator: 'fast' };
  const p = prepareNoise(model, { channelLocations: loc, numChannels: C, samplingFrequency: FS });
  const x = new Float32Array(3 * B * C), s = createNoiseScratch();
  for (let b = 0; b < 3; b++) renderPreparedBlock(p, b, x.subarray(b * B * C, (b + 1) * B * C), s);
  const std = channelStd(x, C);
  let worst = 0;
  for (let c = 0; c < C; c++) worst = Math.max(worst, Math.abs(std[c] / levels[c] - 1));
  assert.ok(worst < 0.02, `worst relative std error ${worst}`);
  // independent channels: |r| of neighbours ~ N(0, 1/sqrt(90000)) -> far below 0.02
  const sub = new Float32Array(3 * B * 16);
  for (let t = 0; t < 3 * B; t++) for (let c = 0; c < 16; c++) sub[t * 16 + c] = x[t * C + c];
  for (const { r } of pairCorrelations(sub, 16, loc.subarray(0, 32))) assert.ok(Math.abs(r) < 0.02, `correlation ${r}`);
  // the fast stream is not numpy's
  const numpy = new Float32Array(B * C);
  whiteNoiseBlock(77n, 0, levels, numpy);
  assert.notDeepEqual(x.subarray(0, 1000), numpy.subarray(0, 1000));
});

test('fast correlated noise: correlation versus distance within 0.05 of exp(-d / 25) (10 um bins)', () => {
  const C = 48, loc = Float64Array.from(probeLocations('Neuropixels1-128').subarray(0, 2 * C)), B = 20000;
  const model: NoiseModel = { noiseLevels: new Float64Array(C).fill(8), spatialDecay: 25, covariance: spatialCovariance(loc, 25), segmentSeed: 5n, blockSize: B, spectrum: null, farUnits: null, generator: 'fast' };
  const p = prepareNoise(model, { channelLocations: loc, numChannels: C, samplingFrequency: FS });
  const x = new Float32Array(3 * B * C), s = createNoiseScratch();
  for (let b = 0; b < 3; b++) renderPreparedBlock(p, b, x.subarray(b * B * C, (b + 1) * B * C), s);
  const bins = new Map<number, { r: number; e: number; n: number }>();
  for (const { d, r } of pairCorrelations(x, C, loc)) {
    const k = Math.floor(d / 10), bin = bins.get(k) ?? { r: 0, e: 0, n: 0 };
    bin.r += r; bin.e += Math.exp(-d / 25); bin.n++;
    bins.set(k, bin);
  }
  for (const [k, bin] of bins) assert.ok(Math.abs(bin.r / bin.n - bin.e / bin.n) < 0.05, `bin ${k}`);
});

for (const [name, extra] of [['white', {}], ['correlated', { spatialDecay: 25 }], ['coloured', { spectrum: { exponent: 1, f_min_hz: 50 } }]] as const) {
  test(`fast ${name}: a window alone == inside a larger window == in small chunks == from shared memory, bit for bit`, () => {
    const C = 12, B = 1000, loc = Float64Array.from(probeLocations('Neuropixels1-128').subarray(0, 2 * C));
    const model: NoiseModel = {
      noiseLevels: Float64Array.from({ length: C }, (_, i) => 4 + i), spatialDecay: null, covariance: null, segmentSeed: 2024n, blockSize: B,
      spectrum: null, farUnits: null, generator: 'fast', ...extra,
    };
    if (model.spatialDecay) model.covariance = spatialCovariance(loc, model.spatialDecay);
    const ctx = () => ({ channelLocations: loc, numChannels: C, samplingFrequency: FS });
    const win = (c: ReturnType<typeof ctx>, a: number, e: number) => { const o = new Float32Array((e - a) * C); renderNoiseWindow(model, c, a, e, o); return o; };
    const big = win(ctx(), 0, 5 * B);
    assert.deepEqual(win(ctx(), 2345, 4567), big.subarray(2345 * C, 4567 * C));
    const chunked = new Float32Array(5 * B * C), c = ctx();
    for (let a = 0; a < 5 * B; a += 137) chunked.set(win(c, a, Math.min(5 * B, a + 137)), a * C);
    assert.deepEqual(chunked, big);
    const shared = fromShared(structuredClone(toShared(prepareNoise(model, ctx()))));
    assert.equal(shared.generator, 'fast');
    const via = new Float32Array(2222 * C);
    renderPreparedWindow(shared, createNoiseWindowCache(shared), 2345, 4567, via);
    assert.deepEqual(via, big.subarray(2345 * C, 4567 * C));
  });
}

test('noise_generator "auto" is numpy\'s stream for white, correlated and coloured noise; both can be forced', () => {
  const params = { num_units: 2, duration: 1, probe_name: 'Neuropixels1-128', seed: 3, generate_displacement_vector_kwargs: { motion_list: [{ drift_mode: 'zigzag', t_start_drift: 0.2, period_s: 1 }] } };
  const base = { format: 'spikegen-preset', version: 1, name: 'x', kind: 'drifting' } as const;
  assert.equal(resolveParams({ ...base, params } as never).generate_noise_kwargs.noise_generator, 'auto');
  // the drifting default noise is correlated (spatial_decay 25)
  assert.equal(buildGroundTruth({ ...base, params } as never).noise.generator, 'numpy');
  const white = { noise_levels: 5, spatial_decay: null };
  assert.equal(buildGroundTruth({ ...base, params: { ...params, generate_noise_kwargs: white } } as never).noise.generator, 'numpy');
  const coloured = { ...white, spectrum: { exponent: 1 } };
  assert.equal(buildGroundTruth({ ...base, params: { ...params, generate_noise_kwargs: coloured } } as never).noise.generator, 'numpy');
  const forcedFast25 = { noise_levels: 5, spatial_decay: 25, noise_generator: 'fast' };
  assert.equal(buildGroundTruth({ ...base, params: { ...params, generate_noise_kwargs: forcedFast25 } } as never).noise.generator, 'fast');
  const forcedFast = { ...white, noise_generator: 'fast' };
  assert.equal(buildGroundTruth({ ...base, params: { ...params, generate_noise_kwargs: forcedFast } } as never).noise.generator, 'fast');
});
