// Motion model against the real SpikeInterface 0.105 / numpy 1.24.2 values in tests/fixtures/reference/parity.
// Exact (bitwise) equality everywhere: numpy computes these with the same IEEE operations we use.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import {
  computeDisplacementIndices, generateDisplacementVector, makeLinearDisplacement, makeOneDisplacementVector,
  type MotionSpec,
} from '../../../app/generation/motion.ts';
import { refJson, refNpy, refPath, refStructuredNpy } from '../../helpers/reference.ts';

const P = 'parity/';

function asNumbers(a: ArrayLike<number | bigint>): number[] {
  return Array.from(a as ArrayLike<number>, (v) => Number(v));
}

/** Bitwise equality of two float arrays (Object.is also tells -0 from 0, which numpy keeps too). */
function assertSameBits(actual: ArrayLike<number>, expected: ArrayLike<number | bigint>, what: string): void {
  const e = asNumbers(expected);
  assert.equal(actual.length, e.length, `${what}: length`);
  for (let i = 0; i < e.length; i++) {
    if (!Object.is(actual[i], e[i]) && !(actual[i] === 0 && e[i] === 0)) assert.fail(`${what}[${i}]: ${actual[i]} != ${e[i]}`);
  }
}

function unitLocationsXY(): Float64Array {
  const loc = refNpy(P + 'unit_locations.npy');
  const n = loc.shape[0];
  const xy = new Float64Array(n * 2);
  for (let u = 0; u < n; u++) { xy[2 * u] = Number(loc.data[u * loc.shape[1]]); xy[2 * u + 1] = Number(loc.data[u * loc.shape[1] + 1]); }
  return xy;
}

// generic over the reference files: the name says the mode and the window; README gives the shared params
const ONE_VECTOR_FILES = ['zigzag', 'bump', 'random_walk'].flatMap((mode) => [
  { file: `make_one_displacement_vector_${mode}_600s`, mode, t0: null, t1: null },
  { file: `make_one_displacement_vector_${mode}_600s_t60_500`, mode, t0: 60, t1: 500 },
]);

for (const ref of ONE_VECTOR_FILES) {
  test(`makeOneDisplacementVector matches SI bitwise: ${ref.file}`, () => {
    const expected = refNpy(P + ref.file + '.npy');
    const v = makeOneDisplacementVector({
      drift_mode: ref.mode as MotionSpec['drift_mode'], duration: 600, displacement_sampling_frequency: 5, seed: 2205,
      period_s: 200, bump_interval_s: [30, 90], t_start_drift: ref.t0, t_end_drift: ref.t1,
    });
    assert.equal(expected.dtype, ref.mode === 'zigzag' ? '<f4' : '<f8');
    assertSameBits(v, expected.data as Float32Array | Float64Array, ref.file);
  });
}

test("'bumps' (SpikeInterface's documented spelling) is taken as 'bump'", () => {
  const a = makeOneDisplacementVector({ drift_mode: 'bumps', duration: 600, seed: 7 });
  const b = makeOneDisplacementVector({ drift_mode: 'bump', duration: 600, seed: 7 });
  assert.deepEqual(a, b);
  assert.ok(a.some((x) => x !== 0));
});

interface GdvParams {
  duration: number; displacement_sampling_frequency: number; drift_start_um: [number, number];
  drift_stop_um: [number, number]; drift_step_um: number; motion_list: MotionSpec[]; seed: number;
}

test('generateDisplacementVector (zigzag non-rigid + bump) matches SI bitwise', () => {
  const p = refJson<GdvParams>(P + 'gdv_nonrigid_params.json');
  const r = generateDisplacementVector(p.duration, unitLocationsXY(), p);
  const vectors = refNpy(P + 'gdv_nonrigid_displacement_vectors.npy');
  assert.deepEqual([r.numTimes, 2, r.numMotions], vectors.shape);
  assertSameBits(r.displacementVectors, vectors.data as Float64Array, 'displacement_vectors');
  assertSameBits(r.displacementUnitFactor, refNpy(P + 'gdv_nonrigid_displacement_unit_factor.npy').data as Float64Array, 'unit_factor');
  assertSameBits(r.unitDisplacements, refNpy(P + 'gdv_nonrigid_unit_displacements.npy').data as Float64Array, 'unit_displacements');
  assertSameBits(r.displacementsSteps, refNpy(P + 'gdv_nonrigid_displacements_steps.npy').data as Float64Array, 'steps');
  assert.equal(r.seed, p.seed);
});

interface Meta { params: { duration: number; sampling_frequency: number; seed: number; generate_displacement_vector_kwargs: GdvParams } }

function parityRunMotion() {
  const meta = refJson<Meta>(P + 'meta.json');
  const k = meta.params.generate_displacement_vector_kwargs;
  return { meta, r: generateDisplacementVector(meta.params.duration, unitLocationsXY(), { ...k, seed: meta.params.seed }) };
}

test('the parity run: displacement vectors, unit factors, unit displacements and steps match SI bitwise', () => {
  const { r } = parityRunMotion();
  const vectors = refNpy(P + 'extra_displacement_vectors.npy');
  assert.deepEqual([r.numTimes, 2, r.numMotions], vectors.shape);
  assertSameBits(r.displacementVectors, vectors.data as Float64Array, 'displacement_vectors');
  assertSameBits(r.unitDisplacements, refNpy(P + 'extra_unit_displacements.npy').data as Float64Array, 'unit_displacements');
  assertSameBits(r.displacementUnitFactor, refNpy(P + 'extra_displacement_unit_factor.npy').data as Float64Array, 'unit_factor');
  const steps = refNpy(P + 'displacements_steps.npy');
  assert.equal(r.numSteps, steps.shape[0]);
  assertSameBits(r.displacementsSteps, steps.data as Float64Array, 'displacements_steps');
  assertSameBits(makeLinearDisplacement([0, 20], [0, -20], 41), steps.data as Float64Array, 'make_linear_displacement');
});

test('computeDisplacementIndices picks the same template step as SI for every spike', () => {
  const { meta, r } = parityRunMotion();
  const sv = refStructuredNpy(P + 'spike_vector.npy');
  const spikes = {
    sampleIndex: asNumbers(sv.columns.sample_index as BigInt64Array),
    unitIndex: asNumbers(sv.columns.unit_index as BigInt64Array),
    length: sv.shape[0],
  };
  const idx = computeDisplacementIndices(spikes, r.displacementVectors, r.displacementUnitFactor, r.displacementsSteps,
    meta.params.sampling_frequency, r.displacementSamplingFrequency, r.numTimes, r.numMotions);
  assert.deepEqual(Array.from(idx), asNumbers(refNpy(P + 'drifting_displacement_indices.npy').data as BigInt64Array));
});

test('the reference files used here exist', () => {
  for (const f of ['gdv_nonrigid_params.json', 'meta.json', 'spike_vector.npy']) assert.ok(existsSync(refPath(P + f)), f);
});
