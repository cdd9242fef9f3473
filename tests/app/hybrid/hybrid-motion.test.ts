// Motion estimates for hybrid recordings: SpikeInterface Motion folders read as Motion.load reads them, evaluated as
// get_displacement_at_time_and_depth (values written by SI 0.105 in expected.json), CSV and .npy tables, and the
// displacement steps and per-unit vectors of generate_hybrid_recording.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeNpy } from '../../../app/formats/npy.ts';
import { displacementFromEstimate } from '../../../app/hybrid/hybrid-displacement.ts';
import { displacementAt, motionBoundaries } from '../../../app/hybrid/hybrid-motion-estimate.ts';
import { loadMotionCsv, loadMotionFolder, loadMotionNpy } from '../../../app/hybrid/hybrid-motion-load.ts';
import { SI_REF, tempDir } from './hybrid-fixtures.ts';

interface MotionExpect {
  num_segments: number; dim: number; spatial_bins_um: number[]; displacement: number[][][]; temporal_bins_s: number[][];
  query_times_s: number[]; query_depths_um: number[]; get_displacement_at_time_and_depth_seg0: number[];
}
const expected = JSON.parse(readFileSync(join(SI_REF, 'expected.json'), 'utf8')) as Record<string, MotionExpect>;

for (const name of ['motion_rigid_1seg', 'motion_nonrigid_2seg']) {
  test(`${name}: Motion.load arrays and get_displacement_at_time_and_depth equal SpikeInterface's`, () => {
    const x = expected[name];
    const m = loadMotionFolder(join(SI_REF, name));
    assert.equal(m.dim, x.dim);
    assert.equal(m.segments.length, x.num_segments);
    assert.deepEqual(Array.from(m.spatialBinsUm), x.spatial_bins_um);
    m.segments.forEach((s, i) => {
      assert.deepEqual(Array.from(s.temporalBinsS), x.temporal_bins_s[i]);
      assert.deepEqual(Array.from(s.displacement), x.displacement[i].flat());
    });
    x.query_times_s.forEach((t, k) => {
      const got = displacementAt(m, 0, t, x.query_depths_um[k]);
      assert.ok(Math.abs(got - x.get_displacement_at_time_and_depth_seg0[k]) < 1e-9, `t=${t} depth=${x.query_depths_um[k]}: ${got}`);
    });
  });
}

test('a folder that is not a Motion is refused with a sentence naming it', () => {
  assert.throws(() => loadMotionFolder(join(SI_REF, 'gt_sorting')), /does not contain a SpikeInterface Motion/);
});

test('CSV and .npy motion tables read like the Motion they describe', () => {
  const dir = tempDir();
  const x = expected.motion_nonrigid_2seg;
  const csv = ['time_s,200,600,1000', ...x.temporal_bins_s[0].map((t, i) => [t, ...x.displacement[0][i]].join(','))].join('\n');
  writeFileSync(join(dir, 'm.csv'), csv);
  const fromCsv = loadMotionCsv(join(dir, 'm.csv'));
  writeFileSync(join(dir, 'm.npy'), encodeNpy(Float64Array.from(x.displacement[0].flat()), [10, 3]));
  const fromNpy = loadMotionNpy(join(dir, 'm.npy'), x.temporal_bins_s[0], x.spatial_bins_um);
  for (const m of [fromCsv, fromNpy]) {
    x.query_times_s.forEach((t, k) => assert.ok(Math.abs(displacementAt(m, 0, t, x.query_depths_um[k]) - x.get_displacement_at_time_and_depth_seg0[k]) < 1e-9));
  }
  writeFileSync(join(dir, 'bad.csv'), 'time_s,200\n0.1,1,2\n');
  assert.throws(() => loadMotionCsv(join(dir, 'bad.csv')), /line 2: expected 2 numbers/);
  assert.throws(() => loadMotionNpy(join(dir, 'm.npy'), [0, 1], [0]), /has shape \(10, 3\) but the preset gives 2 time bins and 1 depth bins/);
});

test('displacement from a Motion: SI steps, per-unit vectors at each unit depth, identity unit factors', () => {
  const m = loadMotionFolder(join(SI_REF, 'motion_nonrigid_2seg'));
  assert.deepEqual(motionBoundaries(m), [-30, 30]);
  const units = Float64Array.from([0, 200, 20, 10, 800, 20]);
  const d = displacementFromEstimate(m, 0, units, 2, 15000, 30000);
  assert.equal(d.numSteps, 30, 'int((30 - -30) / 2), all segments counted');
  assert.deepEqual([d.steps[0], d.steps[1], d.steps[58]], [0, -30, 0]);
  assert.ok(Math.abs(d.steps[59] - 30) < 1e-12, 'make_linear_displacement: (stop - start) / (n - 1) * i + start');
  assert.ok(Math.abs(d.samplingFrequency - 20) < 1e-9);
  assert.equal(d.numMotions, 2);
  assert.deepEqual(Array.from(d.unitFactor), [1, 0, 0, 1]);
  for (let t = 0; t < d.numTimes; t++) {
    const tb = m.segments[0].temporalBinsS[t];
    assert.equal(d.vectors[(t * 2 + 1) * 2 + 0], displacementAt(m, 0, tb, 200));
    assert.equal(d.vectors[(t * 2 + 1) * 2 + 1], displacementAt(m, 0, tb, 800));
    assert.equal(d.vectors[(t * 2) * 2], 0, 'nothing along x');
  }
  assert.throws(() => displacementFromEstimate(m, 0, units, 1, 30000, 30000), /covers 0\.500 s .* recording lasts 1\.000 s/);
  assert.throws(() => displacementFromEstimate(m, 2, units, 1, 100, 30000), /segment_index 2 does not exist/);
});
