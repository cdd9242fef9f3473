// White noise: bit for bit SpikeInterface's on-the-fly block (numpy float32 ziggurat, float32 *= float64 levels).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultRng } from '../../../app/rng/index.ts';
import { noiseSegmentSeed, type NoiseModel } from '../../../app/generation/noise-model.ts';
import { renderNoiseBlock, whiteNoiseBlock } from '../../../app/render/noise.ts';
import { channelStd, probeLocations } from './noise-test-stats.ts';
import { refNpy } from '../../helpers/reference.ts';

/** FNV-1a over the little-endian bytes of the float32 bit patterns. */
function fnv1a(x: Float32Array): number {
  const u = new Uint32Array(x.buffer, x.byteOffset, x.length);
  let h = 0x811c9dc5;
  for (const w of u) for (let k = 0; k < 4; k++) { h ^= (w >>> (8 * k)) & 0xff; h = Math.imul(h, 0x01000193) >>> 0; }
  return h;
}

test('equals numpy: default_rng((seed, 3)).standard_normal((1000, 8), float32) *= levels (values recorded with numpy)', () => {
  // python: rng = np.random.default_rng(seed=(6543210987654321098, 3));
  //         nb = rng.standard_normal(size=(1000, 8), dtype=np.float32); nb *= levels[np.newaxis, :]
  const levels = Float64Array.from([1.0, 2.5, 3.7, 10.0, 15.0, 0.1, 7.25, 12.345]);
  const out = new Float32Array(8000);
  whiteNoiseBlock(6543210987654321098n, 3, levels, out);
  assert.deepEqual(Array.from(out.subarray(0, 6)),
    [0.8534396290779114, -0.05910422280430794, 4.565569877624512, 0.20501144230365753, 0.19944977760314941, -0.008011026307940483]);
  assert.equal(out.reduce((a, b) => a + b, 0), -434.96252357207413);
  assert.equal(fnv1a(out), 0x676f90cd);
});

test('equals app/rng standard_normal(float32) scaled by fround(x * level), slow paths included', () => {
  const C = 64, B = 20000; // 1.28 M draws: ~19000 of them leave the fast strip test
  const levels = Float64Array.from({ length: C }, (_, i) => 0.5 + i * 0.731);
  const out = new Float32Array(B * C);
  for (const [seed, b] of [[123n, 0], [2n ** 62n + 5n, 7], [4200258347049412327n, 12345]] as const) {
    whiteNoiseBlock(seed, b, levels, out);
    const z = defaultRng([seed, b]).standardNormalFloat32Array(B * C);
    let mismatch = 0;
    for (let i = 0; i < B * C; i++) if (Math.fround(z[i] * levels[i % C]) !== out[i]) mismatch++;
    assert.equal(mismatch, 0, `seed ${seed}, block ${b}`);
  }
});

test('the parity run\'s segment seed: default_rng(2205).integers(0, 2**63) (value from numpy)', () => {
  assert.equal(noiseSegmentSeed(2205), 4200258347049412327n);
});

test('renderNoiseBlock without correlation/spectrum/far units is SpikeInterface\'s block; std per channel within 2% over 10 s', () => {
  // the parity dataset's probe and noise levels (its noise is correlated, so its traces are not compared)
  const loc = probeLocations('Neuropixels1-128'), C = 128, B = 30000;
  const noiseLevels = Float64Array.from(refNpy('parity/noise_levels.npy').data as Float64Array);
  assert.equal(noiseLevels.length, C);
  const model: NoiseModel = { noiseLevels, spatialDecay: null, covariance: null, segmentSeed: noiseSegmentSeed(2205), blockSize: B, spectrum: null, farUnits: null };
  const ctx = { channelLocations: loc, numChannels: C, samplingFrequency: 30000 };
  const all = new Float32Array(10 * B * C);
  for (let b = 0; b < 10; b++) renderNoiseBlock(model, ctx, b, all.subarray(b * B * C, (b + 1) * B * C));
  const direct = new Float32Array(B * C);
  whiteNoiseBlock(model.segmentSeed, 4, noiseLevels, direct);
  assert.deepEqual(all.subarray(4 * B * C, 5 * B * C), direct);
  const std = channelStd(all, C);
  let worst = 0;
  for (let c = 0; c < C; c++) worst = Math.max(worst, Math.abs(std[c] / noiseLevels[c] - 1));
  assert.ok(worst < 0.02, `worst relative std error ${worst}`);
  console.log(`white: worst relative std error over ${C} channels, 10 s: ${(100 * worst).toFixed(3)}%`);
});
