// Noise rendering throughput on W2 (Neuropixels1-384, blocks of 30000 samples = 1 s at 30 kHz), one core.
// Run: node --import tsx bench/noise.bench.ts   (median of 3 timed blocks after one warm-up block, per case)
// "x real time" is per core: seconds of 384-channel noise rendered per second.
import { spatialCovariance, type FarUnitsModel, type NoiseModel } from '../app/generation/noise-model.ts';
import { getNamedProbe } from '../app/probes/index.ts';
import { defaultRng } from '../app/rng/index.ts';
import { createNoiseScratch, prepareNoise, renderNoiseWindow, renderPreparedBlock, type NoiseContext } from '../app/render/noise.ts';
import { median } from './lib.ts';

const probe = getNamedProbe('Neuropixels1-384');
const C = probe.getContactCount(), B = 30000, FS = 30000;
const loc = Float64Array.from(probe.contact_positions.subarray(0, 2 * C));
const ctx: NoiseContext = { channelLocations: loc, numChannels: C, samplingFrequency: FS };

function farUnits(n: number): FarUnitsModel {
  const rng = defaultRng(7);
  const locations = new Float32Array(3 * n);
  for (let u = 0; u < n; u++) {
    locations[3 * u] = rng.uniform(-100, 160); locations[3 * u + 1] = rng.uniform(-100, 3940); locations[3 * u + 2] = rng.uniform(60, 200);
  }
  return { numUnits: n, locations, firingRates: new Float64Array(n).fill(5), spikeSeed: 99n };
}

const base: NoiseModel = { noiseLevels: new Float64Array(C).fill(10), spatialDecay: null, covariance: null, segmentSeed: 1234n, blockSize: B, spectrum: null, farUnits: null };
const cov25 = spatialCovariance(loc, 25);
const CASES: [string, NoiseModel][] = [
  ['white (SpikeInterface bit for bit)', base],
  ['correlated, decay 25 um (sparse Cholesky, 0.01)', { ...base, spatialDecay: 25, covariance: cov25 }],
  ['white + 1000 far units (5 Hz)', { ...base, farUnits: farUnits(1000) }],
  ['1/f (exponent 1, f_min 1 Hz)', { ...base, spectrum: { exponent: 1, f_min_hz: 1 } }],
  ['1/f + correlated decay 25', { ...base, spatialDecay: 25, covariance: cov25, spectrum: { exponent: 1, f_min_hz: 1 } }],
];

console.log(`noise rendering, ${C} channels, block ${B} samples, one core (${process.version})`);
console.log(`${'case'.padEnd(50)} ${'prepare'.padStart(9)} ${'block'.padStart(9)} ${'M values/s'.padStart(11)} ${'x real time'.padStart(12)}`);
const out = new Float32Array(B * C);
for (const [name, model] of CASES) {
  const t0 = performance.now();
  const p = prepareNoise(model, { ...ctx });
  const prepareMs = performance.now() - t0;
  const scratch = createNoiseScratch();
  renderPreparedBlock(p, 0, out, scratch); // warm-up (JIT, buffers)
  const times: number[] = [];
  for (let b = 1; b <= 3; b++) {
    const s = performance.now();
    renderPreparedBlock(p, b, out, scratch);
    times.push((performance.now() - s) / 1000);
  }
  const t = median(times);
  const extra = p.factor ? ` (nnz/row ${(p.factor.values.length / C).toFixed(1)}, error ${p.factorError.toFixed(4)})` : '';
  console.log(`${name.padEnd(50)} ${prepareMs.toFixed(0).padStart(7)}ms ${(t * 1000).toFixed(0).padStart(7)}ms ${((B * C) / t / 1e6).toFixed(1).padStart(11)} ${(B / FS / t).toFixed(1).padStart(11)}x${extra}`);
}

// Through renderNoiseWindow, as the chunk renderer calls it: whole blocks (rendered in place) and 0.1 s chunks
// (each block rendered once into the context's cache, then copied out).
for (const chunk of [B, 3000]) {
  const c: NoiseContext = { ...ctx };
  const buf = new Float32Array(chunk * C);
  renderNoiseWindow(base, c, 0, chunk, buf); // warm-up
  const times: number[] = [];
  for (let r = 1; r <= 3; r++) {
    const s = performance.now();
    for (let t = r * B; t < (r + 1) * B; t += chunk) renderNoiseWindow(base, c, t, t + chunk, buf);
    times.push((performance.now() - s) / 1000);
  }
  const t = median(times);
  console.log(`${`white via renderNoiseWindow, ${chunk}-sample windows`.padEnd(50)} ${''.padStart(9)} ${(t * 1000).toFixed(0).padStart(7)}ms ${((B * C) / t / 1e6).toFixed(1).padStart(11)} ${(B / FS / t).toFixed(1).padStart(11)}x`);
}
