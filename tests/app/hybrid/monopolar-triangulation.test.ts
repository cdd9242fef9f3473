// compute_monopolar_triangulation (least_square) against SI + scipy's least_squares (TRF), and on exact data.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { estimateUnitLocationsMonopolar, initialGuessAndBounds, solveMonopolar } from '../../../app/hybrid/monopolar-triangulation.ts';
import { REF, referenceTemplates } from './template-tools-reference.ts';

const t = referenceTemplates();

test('locations (x, y, z, alpha) match SI for the ptp, energy and peak_voltage features', () => {
  for (const feature of ['ptp', 'energy', 'peak_voltage'] as const) {
    const ours = estimateUnitLocationsMonopolar(t, undefined, { feature, returnAlpha: true });
    const ref = REF.monopolar[feature];
    for (let u = 0; u < t.numUnits; u++) {
      for (let k = 0; k < 3; k++) {
        assert.ok(Math.abs(ours[4 * u + k] - ref[4 * u + k]) < 1e-3, `${feature} unit ${u} coord ${k}: ${ours[4 * u + k]} vs ${ref[4 * u + k]}`);
      }
      assert.ok(Math.abs(ours[4 * u + 3] - ref[4 * u + 3]) / ref[4 * u + 3] < 1e-4, `${feature} unit ${u} alpha`);
    }
  }
  assert.equal(estimateUnitLocationsMonopolar(t).length, 3 * t.numUnits);
});

test('a noiseless monopole is recovered exactly, with the bounds of make_initial_guess_and_bounds', () => {
  const loc = Float64Array.from(REF.channel_locations.slice(0, 24));
  const [sx, sy, sz, alpha] = [20, 55, 18, 4000];
  const wf = Float32Array.from({ length: 12 }, (_, i) => alpha / Math.hypot(loc[2 * i] - sx, loc[2 * i + 1] - sy, sz));
  const { x0, lower, upper } = initialGuessAndBounds(wf, loc, 1000);
  assert.equal(x0[2], 20);
  assert.deepEqual([lower[2], upper[2], lower[3]], [1, 10000, 0]);
  x0.forEach((v) => assert.equal(v, Math.fround(v))); // SI's x0 is float32
  const sol = solveMonopolar(wf, loc, 1000);
  [sx, sy, sz].forEach((v, k) => assert.ok(Math.abs(sol[k] - v) < 1e-3, `coord ${k}: ${sol[k]}`));
  assert.ok(Math.abs(sol[3] - alpha) / alpha < 1e-5);
});
