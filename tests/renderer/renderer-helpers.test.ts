/**
 * The framework-free helpers under the editor (no browser needed): paths into a preset document, number parsing
 * and spreadsheet paste, the "number / range / per-unit list" conversions, and the live motion preview.
 * (Kept next to the e2e tests because the renderer's folder is the only other place this work may write; they
 * belong in tests/renderer/ when that folder exists.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findBuiltin } from '../../app/presets/builtins.ts';
import { resolveParams } from '../../app/presets/resolve.ts';
import { belongsTo, getAt, pathText, setAt } from '../../renderer/editor/doc-path.ts';
import { motionPreview } from '../../renderer/editor/motion-preview.ts';
import { parseCells, parseNumber, parseRows } from '../../renderer/editor/numbers.ts';
import { convertSpec, specMode } from '../../renderer/editor/param-spec.ts';

test('setAt returns a new document and leaves the old one and untouched branches alone', () => {
  const doc = { params: { a: { b: 1 }, c: { d: 2 } } };
  const next = setAt(doc, ['params', 'a', 'b'], 5);
  assert.equal(getAt(next, ['params', 'a', 'b']), 5);
  assert.equal(doc.params.a.b, 1);
  assert.equal(next.params.c, doc.params.c);
});

test('setAt with undefined removes the key, and builds missing objects and lists on the way', () => {
  assert.deepEqual(setAt({ a: 1, b: 2 }, ['a'], undefined), { b: 2 });
  assert.deepEqual(setAt({}, ['x', 'list', 0, 'y'], 3), { x: { list: [{ y: 3 }] } });
});

test('problem paths belong to their field and to the fields that contain them, not to siblings', () => {
  const p = pathText(['params', 'generate_displacement_vector_kwargs', 'motion_list', 1, 'period_s']);
  assert.equal(p, 'params.generate_displacement_vector_kwargs.motion_list[1].period_s');
  assert.ok(belongsTo(p, p));
  assert.ok(belongsTo(p, 'params.generate_displacement_vector_kwargs.motion_list[1]'));
  assert.ok(belongsTo('params.x.firing_rates.range', 'params.x.firing_rates'));
  assert.ok(!belongsTo('params.num_units_extra', 'params.num_units'));
});

test('number fields: empty is unset, text is refused with a sentence, integers are checked', () => {
  assert.deepEqual(parseNumber(''), { ok: true, value: undefined });
  assert.deepEqual(parseNumber(' −5 '), { ok: true, value: -5 });
  assert.equal(parseNumber('1e').ok, false);
  assert.equal(parseNumber('2.5', true).ok, false);
});

test('spreadsheet paste: columns, rows, and cells that are not numbers', () => {
  assert.deepEqual(parseCells('1\t2\r\n3\n\nx'), { values: [1, 2, 3], bad: ['x'] });
  assert.deepEqual(parseRows('1\t2\t3\n4,5,6\n7 8', 3), { rows: [[1, 2, 3], [4, 5, 6]], bad: ['7 8'] });
});

test('switching a parameter between number, range and per-unit list keeps its numbers', () => {
  assert.equal(specMode({ range: [2, 8] }), 'range');
  assert.equal(convertSpec({ range: [2, 8] }, undefined, 'number', 3), 5);
  assert.deepEqual(convertSpec(4, undefined, 'range', 3), { range: [4, 4] });
  assert.deepEqual(convertSpec(undefined, { range: [2, 8] }, 'list', 3), [5, 5, 5]);
  assert.equal(convertSpec(4, undefined, 'default', 3), undefined);
});

test('motion preview of the quick-test preset: one zigzag of ±20 µm from 2 s, sampled at 5 Hz', () => {
  const p = motionPreview(resolveParams(findBuiltin('builtin:quick-test')!.document));
  assert.equal(p.t.length, 50);
  assert.deepEqual(p.series.map((s) => s.label), ['0: zigzag', 'total']);
  const zig = p.series[0].values;
  assert.equal(zig[0], zig[9]); // flat before the drift starts
  assert.ok(Math.max(...zig) <= 20 && Math.min(...zig) >= -20);
  assert.ok(Math.max(...zig) - Math.min(...zig) > 10);
});
