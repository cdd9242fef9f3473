// _ensure_unit_params: one default_rng(seed), keys drawn in default_unit_params_range order, bitwise.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultRng } from '../../../app/rng/index.ts';
import { DEFAULT_UNIT_PARAMS, UNIT_PARAM_DRAW_ORDER, ensureUnitParams, type ParamSpec } from '../../../app/generation/unit-params.ts';
import { refJson } from '../../helpers/reference.ts';

interface UnitParamsRef {
  key_order_of_draws: string[];
  ranges_used: Record<string, [number, number]>;
  values: Record<string, number[]>;
}
const ref = refJson<UnitParamsRef>('parity/unit_params.json');
const meta = refJson<{ defaults_used: { generate_templates_kwargs: { unit_params: Record<string, [number, number]> } } }>('parity/meta.json');

test('draw order and default ranges are SpikeInterface\'s', () => {
  assert.deepEqual([...UNIT_PARAM_DRAW_ORDER], ref.key_order_of_draws);
  for (const key of UNIT_PARAM_DRAW_ORDER) {
    assert.deepEqual((DEFAULT_UNIT_PARAMS[key] as { range: [number, number] }).range, ref.ranges_used[key], key);
  }
});

test('the parity run\'s unit params are reproduced bit for bit (seed 2205, 10 units)', () => {
  const given: Record<string, ParamSpec> = {};
  for (const [k, r] of Object.entries(meta.defaults_used.generate_templates_kwargs.unit_params)) given[k] = { range: r };
  const got = ensureUnitParams(given, 10, 2205);
  assert.deepEqual(Object.keys(got), ref.key_order_of_draws);
  for (const key of ref.key_order_of_draws) {
    assert.ok(got[key] instanceof Float64Array);
    for (let u = 0; u < 10; u++) assert.ok(Object.is(got[key][u], ref.values[key][u]), `${key}[${u}]: ${got[key][u]} != ${ref.values[key][u]}`);
  }
  // an empty spec means "all defaults" and gives the same draws; so does a bigint seed
  assert.deepEqual(ensureUnitParams({}, 10, 2205), got);
  assert.deepEqual(ensureUnitParams({}, 10, 2205n), got);
});

test('scalars and per-unit lists consume no draws; later keys shift in the stream', () => {
  const got = ensureUnitParams({ alpha: 300, depolarization_ms: [0.1, 0.11, 0.12] }, 3, 7);
  assert.deepEqual([...got.alpha], [300, 300, 300]);
  assert.deepEqual([...got.depolarization_ms], [0.1, 0.11, 0.12]);
  const rng = defaultRng(7);
  assert.deepEqual(got.repolarization_ms, rng.uniformArray(0.5, 0.8, 3)); // the first draws of a fresh generator
  assert.deepEqual(got.recovery_ms, rng.uniformArray(1.0, 1.5, 3));
  // a degenerate range still draws (and returns lo)
  const fixed = ensureUnitParams({ alpha: { range: [200, 200] } }, 2, 7);
  assert.deepEqual([...fixed.alpha], [200, 200]);
  assert.deepEqual(fixed.depolarization_ms, (() => { const r = defaultRng(7); r.uniformArray(0, 1, 2); return r.uniformArray(0.09, 0.14, 2); })());
});

test('zero units gives empty arrays for every key', () => {
  const got = ensureUnitParams({}, 0, 1);
  for (const key of UNIT_PARAM_DRAW_ORDER) assert.equal(got[key].length, 0);
});

test('propagation_speed null (SI None) means no delay, encoded as NaN', () => {
  const got = ensureUnitParams({ propagation_speed: null }, 2, 1);
  assert.ok(got.propagation_speed.every(Number.isNaN));
  assert.throws(() => ensureUnitParams({ alpha: null }, 2, 1), /unit_params\.alpha: null is only allowed for propagation_speed/);
});

test('bad specs are rejected with a sentence naming the key', () => {
  assert.throws(() => ensureUnitParams({ alhpa: 3 }, 2, 1), /unknown key "alhpa"; known keys are alpha, depolarization_ms/);
  assert.throws(() => ensureUnitParams({ alpha: [1, 2, 3] }, 2, 1), /unit_params\.alpha: a per-unit list needs 2 values \(one per unit\), got 3/);
  assert.throws(() => ensureUnitParams({ alpha: { range: [500, 100] } }, 2, 1), /unit_params\.alpha: range lo \(500\) is greater than hi \(100\)/);
  assert.throws(() => ensureUnitParams({ alpha: { range: [1, Infinity] } }, 2, 1), /range hi must be a finite number/);
  assert.throws(() => ensureUnitParams({ alpha: { range: [1] as unknown as [number, number] } }, 2, 1), /range must be \[lo, hi\]/);
  assert.throws(() => ensureUnitParams({ alpha: NaN }, 2, 1), /the scalar must be a finite number/);
  assert.throws(() => ensureUnitParams({ alpha: [1, 'x' as unknown as number] }, 2, 1), /value 1 must be a finite number/);
  assert.throws(() => ensureUnitParams({ alpha: 'big' as unknown as number }, 2, 1), /expected a number, \{range: \[lo, hi\]\} or a list/);
  assert.throws(() => ensureUnitParams({}, -1, 1), /numUnits must be a non-negative integer/);
});
