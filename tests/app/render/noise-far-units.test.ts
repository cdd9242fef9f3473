// Far units background: templates equal generate_templates at their locations (within the 0.1 uV sparse bound),
// spikes drawn per block, and spikes near a block edge spill into the neighbouring block.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FarUnitsModel, NoiseModel } from '../../../app/generation/noise-model.ts';
import { generateTemplates } from '../../../app/generation/templates.ts';
import { msToSamples } from '../../../app/generation/templates.ts';
import { ensureUnitParams } from '../../../app/generation/unit-params.ts';
import { defaultRng } from '../../../app/rng/index.ts';
import { farUnitSpikes } from '../../../app/render/far-units.ts';
import { prepareNoise, renderNoiseWindow } from '../../../app/render/noise.ts';
import { probeLocations } from './noise-test-stats.ts';

const C = 16, B = 600, FS = 30000, BLOCKS = 8;
const LOC = Float64Array.from(probeLocations('Neuropixels1-128').subarray(0, 2 * C));
const far: FarUnitsModel = {
  numUnits: 5, spikeSeed: 4242n, firingRates: Float64Array.from([40, 80, 120, 60, 200]),
  locations: Float32Array.from([10, 20, 25, 40, 70, 40, 0, 120, 60, 30, 50, 35, 16, 140, 80]),
};
const base: NoiseModel = { noiseLevels: new Float64Array(C).fill(5), spatialDecay: null, covariance: null, segmentSeed: 5n, blockSize: B, spectrum: null, farUnits: null };

test('far units add generate_templates at their locations at their spikes (independent dense sum), spilling over block edges', () => {
  const ctx = { channelLocations: LOC, numChannels: C, samplingFrequency: FS };
  const n = BLOCKS * B;
  const withFar = new Float32Array(n * C), noiseOnly = new Float32Array(n * C);
  renderNoiseWindow({ ...base, farUnits: far }, { ...ctx }, 0, n, withFar);
  renderNoiseWindow(base, { ...ctx }, 0, n, noiseOnly);

  // independent: dense templates, spikes listed block by block, summed in float64
  const paramSeed = defaultRng(far.spikeSeed).integersBig(0n, 2n ** 63n);
  const opts = { sampling_frequency: FS, ms_before: 1.5, ms_after: 3.0, mode: 'ellipsoid' as const, upsample_factor: null, unit_params: ensureUnitParams({}, far.numUnits, paramSeed) };
  const dense = generateTemplates(LOC, far.locations, opts);
  const W = dense.shape[1], nbefore = msToSamples(1.5, FS);
  const expected = new Float64Array(n * C);
  const p = prepareNoise({ ...base, farUnits: far }, { ...ctx }).farUnits!;
  let spilled = 0, spikes = 0;
  for (let b = 0; b <= BLOCKS; b++) { // block BLOCKS's early spikes reach back into the window (nbefore)
    const list = farUnitSpikes(p, b, B);
    for (let i = 0; i < list.count; i++) {
      const u = list.units[i], start = b * B + list.times[i] - nbefore;
      if (Math.floor(start / B) !== Math.floor((start + W - 1) / B)) spilled++;
      spikes++;
      for (let s = 0; s < W; s++) {
        const t = start + s;
        if (t < 0 || t >= n) continue;
        for (let c = 0; c < C; c++) expected[t * C + c] += dense.data[(u * W + s) * C + c];
      }
    }
  }
  assert.ok(spilled > 10, `only ${spilled} spikes straddle a block edge`);
  let worst = 0, peak = 0;
  for (let i = 0; i < n * C; i++) {
    worst = Math.max(worst, Math.abs(withFar[i] - noiseOnly[i] - expected[i]));
    peak = Math.max(peak, Math.abs(expected[i]));
  }
  // 0.1 uV sparse bound per overlapping spike (a few) + float32 rounding of the sums
  assert.ok(peak > 5, `far units too small to test (${peak} uV)`);
  assert.ok(worst < 0.3, `worst |rendered - expected| = ${worst} uV`);
  console.log(`far units: ${spikes} spikes, ${spilled} across block edges, peak ${peak.toFixed(1)} uV, worst error ${worst.toExponential(2)} uV`);
});

test('far-unit spikes: from (spikeSeed, b) alone, sorted per unit, at the firing rate', () => {
  const p = prepareNoise({ ...base, farUnits: far }, { channelLocations: LOC, numChannels: C, samplingFrequency: FS }).farUnits!;
  const a = farUnitSpikes(p, 3, B), copy = { times: a.times.slice(0, a.count), units: a.units.slice(0, a.count) };
  const again = farUnitSpikes(p, 3, B);
  assert.deepEqual(again.times.slice(0, again.count), copy.times);
  assert.deepEqual(again.units.slice(0, again.count), copy.units);
  const counts = new Float64Array(far.numUnits);
  const blocks = 2000;
  for (let b = 0; b < blocks; b++) {
    const l = farUnitSpikes(p, b, B);
    for (let i = 0; i < l.count; i++) {
      counts[l.units[i]]++;
      assert.ok(l.times[i] >= 0 && l.times[i] < B);
      if (i > 0 && l.units[i] === l.units[i - 1]) assert.ok(l.times[i] > l.times[i - 1]);
    }
  }
  for (let u = 0; u < far.numUnits; u++) {
    const rate = counts[u] / ((blocks * B) / FS);
    assert.ok(Math.abs(rate / far.firingRates[u] - 1) < 0.05, `unit ${u}: ${rate} Hz for ${far.firingRates[u]} Hz`);
  }
});
