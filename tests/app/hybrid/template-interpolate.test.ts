// griddata (linear = Delaunay barycentric, cubic = Clough–Tocher), interpolate_templates and move_dense_templates
// against scipy / SpikeInterface output (fixtures/template_tools_reference.json).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { griddata } from '../../../app/hybrid/griddata.ts';
import { triangulate } from '../../../app/hybrid/griddata-triangulation.ts';
import { interpolateTemplates, moveDenseTemplates } from '../../../app/hybrid/template-interpolate.ts';
import { REF, referenceTemplates, worst } from './template-tools-reference.ts';

const t = referenceTemplates();
const loc = Float64Array.from(REF.channel_locations);
const dense = (units: number[]) => {
  const block = t.numSamples * t.numChannels;
  const data = new Float32Array(units.length * block);
  units.forEach((u, k) => data.set(t.templatesArray.subarray(u * block, (u + 1) * block), k * block));
  return { data, shape: [units.length, t.numSamples, t.numChannels] };
};

test('griddata linear on scattered points equals scipy (NaN outside the hull)', () => {
  const g = REF.griddata;
  const out = griddata(Float64Array.from(g.points), g.values, Float64Array.from(g.queries), 'linear');
  out.forEach((v, i) => {
    if (g.linear[i] === -999) assert.ok(Number.isNaN(v), `query ${i} is outside`);
    else assert.ok(Math.abs(v - g.linear[i]) < 1e-9, `query ${i}: ${v} vs ${g.linear[i]}`);
  });
});

test('griddata cubic (Clough–Tocher) on scattered points equals scipy to rounding', () => {
  const g = REF.griddata;
  const out = griddata(Float64Array.from(g.points), g.values, Float64Array.from(g.queries), 'cubic');
  out.forEach((v, i) => {
    if (g.cubic[i] === -999) assert.ok(Number.isNaN(v), `query ${i} is outside`);
    else assert.ok(Math.abs(v - g.cubic[i]) < 1e-6, `query ${i}: ${v} vs ${g.cubic[i]}`);
  });
});

test('interpolate_templates (2 motions) matches SI, linear and cubic', () => {
  for (const method of ['linear', 'cubic'] as const) {
    const ref = REF.interpolate[method];
    const res = interpolateTemplates(dense([0, 1]), loc, Float64Array.from(ref.dest), 2, method);
    assert.deepEqual(res.shape, ref.shape);
    const { err, at } = worst(res.data, ref.values);
    assert.ok(err < 1e-6, `${method}: ${err} at ${at}: ${res.data[at]} vs ${ref.values[at]}`);
  }
});

test('move_dense_templates (linear) matches SI', () => {
  const ref = REF.move_linear;
  const res = moveDenseTemplates(dense([2, 3]), Float64Array.from(ref.displacements), loc, loc, 'linear');
  assert.deepEqual(res.shape, ref.shape);
  assert.ok(worst(res.data, ref.values).err < 1e-6);
});

test('linear interpolation is exact for affine fields; collinear channels are refused', () => {
  const pts = Float64Array.from([0, 0, 10, 0, 0, 10, 10, 10, 5, 4, 3, 8]);
  const f = (x: number, y: number) => 2 * x - 3 * y + 1;
  const vals = Array.from({ length: 6 }, (_, i) => f(pts[2 * i], pts[2 * i + 1]));
  const q = Float64Array.from([1, 1, 9.5, 0.5, 0, 5, 11, 5]);
  const out = griddata(pts, vals, q, 'linear', 0);
  [f(1, 1), f(9.5, 0.5), f(0, 5), 0].forEach((v, i) => assert.ok(Math.abs(out[i] - v) < 1e-12));
  assert.throws(() => triangulate(Float64Array.from([0, 0, 0, 20, 0, 40])), /collinear/);
});
