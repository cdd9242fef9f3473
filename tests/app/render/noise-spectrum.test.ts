// 1/f coloured noise: Welch log-log slope, per-channel std, and spatial correlation when both are set.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spatialCovariance, type NoiseModel } from '../../../app/generation/noise-model.ts';
import { designColouredFilter } from '../../../app/render/noise-spectrum.ts';
import { createNoiseScratch, prepareNoise, renderPreparedBlock } from '../../../app/render/noise.ts';
import { FftPlan } from '../../../app/generation/fft-plan.ts';
import { channelStd, logLogSlope, pairCorrelations, probeLocations, welch } from './noise-test-stats.ts';

const FS = 30000, B = 30000, SECONDS = 10, NPERSEG = 16384;
const LOC = probeLocations('Neuropixels1-128').subarray(0, 2 * 12); // 12 contacts, 0..100 um

function render(model: NoiseModel, C: number): Float32Array {
  const p = prepareNoise(model, { channelLocations: Float64Array.from(LOC.subarray(0, 2 * C)), numChannels: C, samplingFrequency: FS });
  const x = new Float32Array(SECONDS * B * C), s = createNoiseScratch();
  for (let b = 0; b < SECONDS; b++) renderPreparedBlock(p, b, x.subarray(b * B * C, (b + 1) * B * C), s);
  return x;
}

test('the filter has unit energy (so the std is the level exactly) and K <= blockSize taps', () => {
  for (const [exponent, fMin, block] of [[1, 1, 30000], [2, 10, 30000], [3, 5, 1000], [0.5, 100, 30000]] as const) {
    const f = designColouredFilter(exponent, fMin, FS, block);
    assert.ok(f.taps <= block && f.taps % 2 === 1 && f.fftSize >= block + f.taps - 1);
    const re = Float64Array.from(f.hRe, (v) => v * f.fftSize), im = Float64Array.from(f.hIm, (v) => v * f.fftSize);
    new FftPlan(f.fftSize).transform(re, im, true); // back to h (times N)
    let energy = 0, tail = 0;
    for (let k = 0; k < f.fftSize; k++) { const h = re[k] / f.fftSize; if (k < f.taps) energy += h * h; else tail = Math.max(tail, Math.abs(h)); }
    assert.ok(Math.abs(energy - 1) < 1e-9, `energy ${energy}`);
    assert.ok(tail < 1e-12, 'h is zero beyond K taps');
  }
});

test('Welch slope within 0.1 of -exponent over [4 f_min, 3 kHz]; std per channel within 2% (10 s)', () => {
  const C = 4, lines: string[] = [];
  for (const [exponent, fMin] of [[0.5, 10], [1, 10], [1, 1], [2, 10], [2, 1], [3, 10]] as const) {
    const levels = Float64Array.from({ length: C }, (_, i) => 6 + 3 * i);
    const model: NoiseModel = { noiseLevels: levels, spatialDecay: null, covariance: null, segmentSeed: 11n, blockSize: B, spectrum: { exponent, f_min_hz: fMin }, farUnits: null };
    const x = render(model, C);
    const std = channelStd(x, C);
    let worstStd = 0, worstSlope = 0;
    for (let c = 0; c < C; c++) {
      worstStd = Math.max(worstStd, Math.abs(std[c] / levels[c] - 1));
      const slope = logLogSlope(welch(x, C, c, NPERSEG), FS, NPERSEG, 4 * fMin, 3000);
      worstSlope = Math.max(worstSlope, Math.abs(slope + exponent));
    }
    lines.push(`exponent ${exponent}, f_min ${fMin} Hz: worst |slope + exponent| ${worstSlope.toFixed(3)}, worst std error ${(100 * worstStd).toFixed(2)}%`);
    assert.ok(worstSlope < 0.1, lines[lines.length - 1]);
    // the variance of strongly coloured noise is carried by few low-frequency cycles: 10 s only pin it for exponent <= 1 and f_min >= 10 Hz
    if (exponent <= 1 && fMin >= 10) assert.ok(worstStd < 0.02, lines[lines.length - 1]);
  }
  console.log(lines.join('\n'));
});

test('1/f combined with spatial correlation (decay 25): slope, std and correlation versus distance', () => {
  const C = 12, decay = 25;
  const levels = new Float64Array(C).fill(10);
  const model: NoiseModel = {
    noiseLevels: levels, spatialDecay: decay, covariance: spatialCovariance(Float64Array.from(LOC), decay), segmentSeed: 12n, blockSize: B,
    spectrum: { exponent: 1, f_min_hz: 10 }, farUnits: null,
  };
  const x = render(model, C);
  const std = channelStd(x, C);
  for (let c = 0; c < C; c++) assert.ok(Math.abs(std[c] / 10 - 1) < 0.02, `channel ${c}: std ${std[c]}`);
  const slope = logLogSlope(welch(x, C, 5, NPERSEG), FS, NPERSEG, 40, 3000);
  assert.ok(Math.abs(slope + 1) < 0.1, `slope ${slope}`);
  const bins = new Map<number, { r: number; e: number; n: number }>();
  for (const { d, r } of pairCorrelations(x, C, LOC)) {
    const k = Math.floor(d / 10), bin = bins.get(k) ?? { r: 0, e: 0, n: 0 };
    bin.r += r; bin.e += Math.exp(-d / decay); bin.n++;
    bins.set(k, bin);
  }
  let worst = 0;
  for (const bin of bins.values()) worst = Math.max(worst, Math.abs(bin.r / bin.n - bin.e / bin.n));
  assert.ok(worst < 0.05, `worst binned correlation error ${worst}`);
  console.log(`1/f + decay 25: slope ${slope.toFixed(3)}, worst binned correlation error ${worst.toFixed(4)}`);
});
