// Spatially correlated noise: the sparse Cholesky factor's error bound, per-channel std, correlation vs distance.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spatialCovariance, type NoiseModel } from '../../../app/generation/noise-model.ts';
import { choleskyPermuted, depthOrder, sparseCholesky, sparsifyFactor } from '../../../app/render/noise-cholesky.ts';
import { prepareNoise, renderNoiseBlock, renderPreparedBlock, createNoiseScratch, whiteNoiseBlock } from '../../../app/render/noise.ts';
import { channelStd, pairCorrelations, probeLocations } from './noise-test-stats.ts';

const FS = 30000;

/** max |F Fᵀ - C| computed densely here (independent of factorError). */
function denseError(f: { rowPtr: Int32Array; cols: Int32Array; values: Float64Array }, cov: Float64Array, n: number): number {
  const F = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let k = f.rowPtr[i]; k < f.rowPtr[i + 1]; k++) F[i * n + f.cols[k]] = f.values[k];
  let worst = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += F[i * n + k] * F[j * n + k];
      worst = Math.max(worst, Math.abs(s - cov[i * n + j]));
    }
  }
  return worst;
}

test('sparse Cholesky: exact factor reproduces C; error / nonzeros trade-off within the documented bound', () => {
  const rows: string[] = [];
  for (const name of ['Neuropixels1-384', 'Neuropixels1-128']) {
    const loc = probeLocations(name), n = loc.length / 2;
    const cov = spatialCovariance(loc, 25);
    const exact = sparsifyFactor(choleskyPermuted(cov, n, depthOrder(loc)), n, depthOrder(loc), 0);
    if (n <= 128) assert.ok(denseError(exact, cov, n) < 1e-12);
    for (const maxError of [0.005, 0.01, 0.02, 0.05]) {
      const r = sparseCholesky(cov, loc, maxError);
      assert.ok(r.error <= maxError, `${name} ${maxError}: ${r.error}`);
      if (n <= 128) assert.ok(Math.abs(denseError(r.factor, cov, n) - r.error) < 1e-12);
      // unit rows: the per-channel variance is exact
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let k = r.factor.rowPtr[i]; k < r.factor.rowPtr[i + 1]; k++) s += r.factor.values[k] ** 2;
        assert.ok(Math.abs(s - 1) < 1e-12);
      }
      rows.push(`${name} decay 25, maxError ${maxError}: tau ${r.tau.toExponential(2)}, nnz/row ${(r.factor.values.length / n).toFixed(1)}, error ${r.error.toFixed(4)}`);
    }
  }
  // 0.01 on Neuropixels 1.0 at 25 um costs ~11 nonzeros per row
  assert.ok(sparseCholesky(spatialCovariance(probeLocations('Neuropixels1-384'), 25), probeLocations('Neuropixels1-384'), 0.01).factor.values.length / 384 < 14);
  console.log(rows.join('\n'));
});

test('a diagonal covariance gives SpikeInterface\'s white block bit for bit (same float32 stream, same scaling)', () => {
  const loc = Float64Array.from([0, 0, 0, 1000, 0, 2000, 0, 3000]), C = 4, B = 500;
  const noiseLevels = Float64Array.from([3, 5.5, 7, 11.25]);
  const cov = new Float64Array(16);
  for (let i = 0; i < 4; i++) cov[5 * i] = 1;
  const model: NoiseModel = { noiseLevels, spatialDecay: 1, covariance: cov, segmentSeed: 99n, blockSize: B, spectrum: null, farUnits: null };
  const out = new Float32Array(B * C), white = new Float32Array(B * C);
  renderNoiseBlock(model, { channelLocations: loc, numChannels: C, samplingFrequency: FS }, 2, out);
  whiteNoiseBlock(99n, 2, noiseLevels, white);
  assert.deepEqual(out, white);
});

test('Neuropixels1-384, decay 25: std per channel within 2% of the level over 10 s', () => {
  const loc = probeLocations('Neuropixels1-384'), C = 384, B = 30000;
  const noiseLevels = Float64Array.from({ length: C }, (_, i) => 5 + (i % 13));
  const model: NoiseModel = { noiseLevels, spatialDecay: 25, covariance: spatialCovariance(loc, 25), segmentSeed: 7n, blockSize: B, spectrum: null, farUnits: null };
  const p = prepareNoise(model, { channelLocations: loc, numChannels: C, samplingFrequency: FS });
  const all = new Float32Array(10 * B * C), s = createNoiseScratch();
  for (let b = 0; b < 10; b++) renderPreparedBlock(p, b, all.subarray(b * B * C, (b + 1) * B * C), s);
  const std = channelStd(all, C);
  let worst = 0;
  for (let c = 0; c < C; c++) worst = Math.max(worst, Math.abs(std[c] / noiseLevels[c] - 1));
  assert.ok(worst < 0.02, `worst relative std error ${worst}`);
  console.log(`correlated (decay 25): worst relative std error over ${C} channels, 10 s: ${(100 * worst).toFixed(3)}%; factor error ${p.factorError.toFixed(4)}`);
});

test('correlation versus distance within 0.05 of exp(-d / decay) (10 um bins), decays 10, 25, 50, 100', () => {
  const all = probeLocations('Neuropixels1-128');
  const C = 48, loc = all.subarray(0, 2 * C), B = 20000, blocks = 3; // 48 contacts, 3 s
  const lines: string[] = [];
  for (const decay of [10, 25, 50, 100]) {
    const model: NoiseModel = { noiseLevels: new Float64Array(C).fill(8), spatialDecay: decay, covariance: spatialCovariance(loc, decay), segmentSeed: BigInt(decay), blockSize: B, spectrum: null, farUnits: null };
    const p = prepareNoise(model, { channelLocations: Float64Array.from(loc), numChannels: C, samplingFrequency: FS });
    const x = new Float32Array(blocks * B * C), s = createNoiseScratch();
    for (let b = 0; b < blocks; b++) renderPreparedBlock(p, b, x.subarray(b * B * C, (b + 1) * B * C), s);
    const bins = new Map<number, { r: number; e: number; n: number }>();
    let worstPair = 0;
    for (const { d, r } of pairCorrelations(x, C, loc)) {
      worstPair = Math.max(worstPair, Math.abs(r - Math.exp(-d / decay)));
      const k = Math.floor(d / 10), bin = bins.get(k) ?? { r: 0, e: 0, n: 0 };
      bin.r += r; bin.e += Math.exp(-d / decay); bin.n++;
      bins.set(k, bin);
    }
    let worstBin = 0;
    for (const bin of bins.values()) worstBin = Math.max(worstBin, Math.abs(bin.r / bin.n - bin.e / bin.n));
    assert.ok(worstBin < 0.05, `decay ${decay}: worst bin error ${worstBin}`);
    lines.push(`decay ${decay}: worst binned correlation error ${worstBin.toFixed(4)}, worst single pair ${worstPair.toFixed(4)}`);
  }
  console.log(lines.join('\n'));
});
