import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateUnitLocations, maxChannelIndex } from '../../../app/generation/unit-locations.ts';
import { linspace, pairwiseSum } from '../../../app/generation/numpy-math.ts';
import { refJson, refNpy } from '../../helpers/reference.ts';

const DRIFTING_KWARGS = {
  margin_um: 20, minimum_z: 5, maximum_z: 45, minimum_distance: 18, max_iteration: 100,
  distance_strict: false, distribution: 'uniform' as const, num_modes: 2,
};

test('unit locations equal SpikeInterface\'s for the parity run (seed 2205, Neuropixels1-128), bit for bit in float32', () => {
  const channels = refNpy('parity/channel_locations.npy').data as Float64Array;
  const expected = refNpy('parity/unit_locations.npy');
  const r = generateUnitLocations(10, channels, { ...DRIFTING_KWARGS, seed: 2205 });
  assert.deepEqual(expected.shape, [10, 3]);
  assert.deepEqual(Array.from(r.locations), Array.from(expected.data as Float32Array));
  assert.equal(r.solutionFound, true);
});

test('max_channel_index is the nearest channel in the plane, as the reference', () => {
  const channels = refNpy('parity/channel_locations.npy').data as Float64Array;
  const units = refNpy('parity/unit_locations.npy').data as Float32Array;
  const expected = refJson<{ data: number[] }>('parity/max_channel_index.json').data;
  assert.deepEqual(Array.from(maxChannelIndex(units, channels)), expected);
});

test('every pair ends at least minimum_distance apart when a solution exists', () => {
  const channels = refNpy('parity/channel_locations.npy').data as Float64Array;
  const r = generateUnitLocations(60, channels, { ...DRIFTING_KWARGS, seed: 7 });
  assert.equal(r.solutionFound, true);
  const l = r.locations;
  for (let i = 0; i < 60; i++) for (let j = i + 1; j < 60; j++) {
    const d = Math.hypot(l[3 * i] - l[3 * j], l[3 * i + 1] - l[3 * j + 1], l[3 * i + 2] - l[3 * j + 2]);
    assert.ok(d >= 18 - 1e-4, `units ${i} and ${j} are ${d} um apart`);
  }
  for (let i = 0; i < 60; i++) {
    assert.ok(l[3 * i] >= -20 && l[3 * i] <= 68, 'x within the margin');
    assert.ok(l[3 * i + 2] >= 5 && l[3 * i + 2] <= 45, 'z within its range');
  }
});

test('an impossible distance warns, or throws a clear sentence when strict', () => {
  const channels = new Float64Array([0, 0]);
  const opts = { ...DRIFTING_KWARGS, margin_um: 1, minimum_z: 1, maximum_z: 2, minimum_distance: 50, max_iteration: 5, seed: 1 };
  const r = generateUnitLocations(5, channels, opts);
  assert.equal(r.solutionFound, false);
  assert.match(r.warning!, /lower minimum_distance/);
  assert.throws(() => generateUnitLocations(5, channels, { ...opts, distance_strict: true }), /no unit locations found/);
});

test('zero units, one unit and one channel work', () => {
  assert.equal(generateUnitLocations(0, new Float64Array([0, 0, 0, 20]), { ...DRIFTING_KWARGS, seed: 1 }).locations.length, 0);
  const one = generateUnitLocations(1, new Float64Array([5, 7]), { ...DRIFTING_KWARGS, seed: 1 });
  assert.equal(one.locations.length, 3);
  assert.ok(one.locations[0] >= -15 && one.locations[0] <= 25);
  assert.deepEqual(Array.from(maxChannelIndex(one.locations, new Float64Array([5, 7]))), [0]);
});

test('multimodal puts units near (i+1)/(num_modes+1) of the y extent, as SpikeInterface centres its modes', () => {
  const channels = new Float64Array([0, 0, 0, 1000]);
  const r = generateUnitLocations(400, channels, { ...DRIFTING_KWARGS, distribution: 'multimodal', num_modes: 2, minimum_distance: null, margin_um: 0, seed: 3 });
  // modes at mode_step*(i+1) = 333 and 667 um, sigma 66.7 um
  let near = 0;
  for (let i = 0; i < 400; i++) {
    const y = r.locations[3 * i + 1];
    if (Math.abs(y - 333.3) < 150 || Math.abs(y - 666.7) < 150) near++;
  }
  assert.ok(near > 380, `${near} of 400 units near a mode`);
});

test('numpy pairwise sum and linspace follow numpy\'s rounding', () => {
  // 0.1 summed 10 times: numpy's np.sum gives 1.0 (pairwise), a plain loop gives 0.9999999999999999
  assert.equal(pairwiseSum(new Float64Array(10).fill(0.1)), 1.0);
  assert.equal(pairwiseSum(new Float64Array(0)), 0);
  assert.equal(pairwiseSum(new Float64Array([2.5])), 2.5);
  const big = Float64Array.from({ length: 1000 }, (_, i) => 1 / (i + 1));
  assert.ok(Math.abs(pairwiseSum(big) - 7.485470860550345) < 1e-13);
  const l = linspace(-20, 1000, 5);
  assert.deepEqual(Array.from(l), [-20, 235, 490, 745, 1000]);
});
