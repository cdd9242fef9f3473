// Motion model: errors a user can hit and edge cases (no reference needed).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  computeDisplacementIndices, generateDisplacementVector, makeLinearDisplacement, makeOneDisplacementVector,
} from '../../../app/generation/motion.ts';

const XY3 = Float64Array.from([0, 0, 10, 50, -10, 100]); // three units at y = 0, 50, 100

test('t_start_drift at or after the duration is a clear error', () => {
  assert.throws(() => makeOneDisplacementVector({ duration: 10, t_start_drift: 10 }), /t_start_drift \(10 s\) must come before the end/);
  assert.throws(() => generateDisplacementVector(30, XY3, { seed: 1 }), /t_start_drift \(60 s\)/); // SI default starts at 60 s
  assert.throws(() => makeOneDisplacementVector({ duration: 10, t_end_drift: 11 }), /t_end_drift \(11 s\) must not pass/);
});

test('a drift window without a sample is a clear error for zigzag and random_walk (SI fails or returns NaN)', () => {
  assert.throws(() => makeOneDisplacementVector({ drift_mode: 'zigzag', duration: 10, t_start_drift: 5, t_end_drift: 5 }), /no time to happen/);
  assert.throws(() => makeOneDisplacementVector({ drift_mode: 'random_walk', duration: 10, t_start_drift: 5, t_end_drift: 5.1, seed: 1 }), /no time to happen/);
  // bump has nothing to divide: an empty window is just no bump, as in SI
  assert.ok(makeOneDisplacementVector({ drift_mode: 'bump', duration: 10, t_start_drift: 5, t_end_drift: 5, seed: 1 }).every((x) => x === 0));
});

test('unknown drift modes and bad bump intervals are clear errors', () => {
  // @ts-expect-error: a wrong mode on purpose
  assert.throws(() => makeOneDisplacementVector({ drift_mode: 'wobble' }), /drift_mode must be 'zigzag', 'bump' \(or 'bumps'\) or 'random_walk', not 'wobble'/);
  assert.throws(() => makeOneDisplacementVector({ drift_mode: 'bump', bump_interval_s: [90, 30] }), /bump_interval_s \(90, 30\) is not valid/);
  assert.throws(() => makeOneDisplacementVector({ drift_mode: 'bump', bump_interval_s: [0, 30] }), /0 < min <= max/);
  assert.throws(() => makeOneDisplacementVector({ drift_mode: 'zigzag', period_s: 0 }), /period_s must be a positive/);
});

test('zigzag: shape in [-0.5, 0.5], float32 values, flat before the start and after the end', () => {
  const v = makeOneDisplacementVector({ duration: 100, t_start_drift: 10, t_end_drift: 60, period_s: 20 });
  assert.equal(v.length, 500);
  assert.ok(v.every((x) => Math.fround(x) === x && x >= -0.5 && x <= 0.5));
  assert.ok(v.subarray(0, 50).every((x) => x === 0));
  assert.ok(v.subarray(300).every((x) => x === v[299]));
});

test('random_walk spans exactly ±0.5 at its extreme and is zero before the start', () => {
  const v = makeOneDisplacementVector({ drift_mode: 'random_walk', duration: 100, t_start_drift: 10, seed: 3, amplitude_factor: 2 });
  assert.ok(v.subarray(0, 50).every((x) => x === 0));
  assert.equal(Math.max(...v.map(Math.abs)), 1);
});

test('an empty motion list is a clear error, as SI cannot concatenate nothing', () => {
  assert.throws(() => generateDisplacementVector(600, XY3, { motion_list: [], seed: 1 }), /motion_list is empty/);
});

test('motions combined past the drift range are refused with a way out', () => {
  const zig = { drift_mode: 'zigzag' as const, t_start_drift: 0, period_s: 200 };
  assert.throws(() => generateDisplacementVector(600, XY3, { drift_start_um: [0, 20], drift_stop_um: [0, -20], motion_list: [zig, zig], seed: 1 }),
    /outside the drift range \[-20, 20\] µm .*smaller amplitude_factor/);
  const half = { ...zig, amplitude_factor: 0.5 };
  const ok = generateDisplacementVector(600, XY3, { drift_start_um: [0, 20], drift_stop_um: [0, -20], motion_list: [half, half], seed: 1 });
  assert.equal(ok.numMotions, 2);
});

test('non-rigid gradient: factor |g| at the start end, 1 at the other, reversed when negative', () => {
  const base = { drift_mode: 'zigzag' as const, t_start_drift: 0 };
  const pos = generateDisplacementVector(600, XY3, { motion_list: [{ ...base, non_rigid_gradient: 0.4 }], seed: 1 });
  // direction start -> stop is -y, so the deepest unit (y = 0) projects highest and gets factor 1
  assert.deepEqual(Array.from(pos.displacementUnitFactor), [1, 0.7, 0.4]);
  const neg = generateDisplacementVector(600, XY3, { motion_list: [{ ...base, non_rigid_gradient: -0.4 }], seed: 1 });
  assert.deepEqual(Array.from(neg.displacementUnitFactor), [0.4, 0.7, 1]);
  const rigid = generateDisplacementVector(600, XY3, { motion_list: [{ ...base, non_rigid_gradient: null }], seed: 1 });
  assert.deepEqual(Array.from(rigid.displacementUnitFactor), [1, 1, 1]);
  const one = Float64Array.from([0, 10]);
  assert.throws(() => generateDisplacementVector(600, one, { motion_list: [{ ...base, non_rigid_gradient: 0.4 }], seed: 1 }), /units at different positions/);
});

test('zero units and one unit', () => {
  const zero = generateDisplacementVector(600, new Float64Array(0), { seed: 1 });
  assert.equal(zero.numUnits, 0);
  assert.equal(zero.unitDisplacements.length, 0);
  assert.equal(zero.displacementVectors.length, zero.numTimes * 2);
  const one = generateDisplacementVector(600, Float64Array.from([5, 5]), { seed: 1 });
  assert.equal(one.unitDisplacements.length, one.numTimes * 2);
  assert.equal(one.numSteps, 61); // ±30 µm default, 1 µm steps, made odd
});

test('every motion gets the same seed (as SI); a motion seed overrides it; a null seed is drawn and returned', () => {
  const bump = { drift_mode: 'bump' as const, amplitude_factor: 0.5 };
  const r = generateDisplacementVector(600, XY3, { motion_list: [bump, bump], seed: 11 });
  for (let t = 0; t < r.numTimes; t++) assert.equal(r.displacementVectors[t * 4 + 2], r.displacementVectors[t * 4 + 3]);
  const own = generateDisplacementVector(600, XY3, { motion_list: [bump, { ...bump, seed: 12 }], seed: 11 });
  assert.ok(Array.from({ length: own.numTimes }, (_, t) => t).some((t) => own.displacementVectors[t * 4 + 2] !== own.displacementVectors[t * 4 + 3]));
  const drawn = generateDisplacementVector(600, XY3, { motion_list: [bump], seed: null });
  const again = generateDisplacementVector(600, XY3, { motion_list: [bump], seed: drawn.seed });
  assert.deepEqual(again.displacementVectors, drawn.displacementVectors);
});

test('makeLinearDisplacement: one step is the midpoint; zero steps is an error', () => {
  assert.deepEqual(Array.from(makeLinearDisplacement([0, 20], [0, -20], 1)), [0, 0]);
  assert.deepEqual(Array.from(makeLinearDisplacement([0, 2], [4, -2], 3)), [0, 2, 2, 0, 4, -2]);
  assert.throws(() => makeLinearDisplacement([0, 0], [0, 1], 0), /whole number of steps > 0/);
  assert.throws(() => generateDisplacementVector(600, XY3, { drift_step_um: 0, seed: 1 }), /drift_step_um must be a positive/);
});

test('computeDisplacementIndices: nearest step, first on ties, and a clear error past the motion', () => {
  const steps = makeLinearDisplacement([0, 1], [0, -1], 3); // y = 1, 0, -1
  const vectors = Float64Array.from([0, 0.5, 0, -0.4]); // 2 time bins, 1 motion: y = 0.5 then -0.4
  const factor = Float64Array.from([1, 2]);
  const spikes = { sampleIndex: [0, 0, 15000, 15000], unitIndex: [0, 1, 0, 1], length: 4 };
  // fs 10 kHz, motion at 1 Hz: sample 15000 is in bin 1
  assert.deepEqual(Array.from(computeDisplacementIndices(spikes, vectors, factor, steps, 10000, 1, 2, 1)), [0, 0, 1, 2]);
  const late = { sampleIndex: [20000], unitIndex: [0], length: 1 };
  assert.throws(() => computeDisplacementIndices(late, vectors, factor, steps, 10000, 1, 2, 1), /after the end of the motion/);
});
