import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BUILTIN_PRESETS, findBuiltin, isBuiltinId } from '../../../../app/presets/builtins.ts';
import { validatePreset } from '../../../../app/presets/index.ts';
import { openTestStore } from './helpers.ts';

test('the built-ins have their stable ids, in order', () => {
  assert.deepEqual(BUILTIN_PRESETS.map((b) => b.id), ['builtin:si-docs-np1-128', 'builtin:si-docs-np1-384-multimodal', 'builtin:quick-test']);
  assert.ok(BUILTIN_PRESETS.every((b) => isBuiltinId(b.id)));
});

test('every built-in is a valid preset whose validated form equals the data', () => {
  for (const b of BUILTIN_PRESETS) {
    const r = validatePreset(b.document);
    assert.ok(r.ok, `${b.id}: ${JSON.stringify(r.problems)}`);
    assert.deepEqual(r.preset, b.document);
  }
});

test('the 200-unit built-in is SpikeInterface\'s simplest docs example: Neuropixels1-128, 300 s, seed 2205, the rest default', () => {
  assert.deepEqual(findBuiltin('builtin:si-docs-np1-128')?.document.params,
    { probe_name: 'Neuropixels1-128', num_units: 200, duration: 300, seed: 2205 });
});

test('the multimodal built-in has the docs example\'s parameters, "bumps" as written', () => {
  const p = findBuiltin('builtin:si-docs-np1-384-multimodal')!.document.params;
  assert.equal(p.num_units, 250);
  assert.equal(p.duration, 600);
  assert.equal(p.probe_name, 'Neuropixels1-384');
  assert.equal(p.seed, 2205);
  assert.deepEqual(p.generate_unit_locations_kwargs, {
    margin_um: 20, minimum_z: 5, maximum_z: 45, minimum_distance: 18, max_iteration: 100, distance_strict: false,
    distribution: 'multimodal', num_modes: 3,
  });
  const d = p.generate_displacement_vector_kwargs!;
  assert.deepEqual([d.drift_start_um, d.drift_stop_um], [[0, 30], [0, -30]]);
  assert.deepEqual(d.motion_list, [
    { drift_mode: 'zigzag', non_rigid_gradient: 0.5, t_start_drift: 60, t_end_drift: null, period_s: 200, amplitude_factor: 0.5 },
    { drift_mode: 'bumps', non_rigid_gradient: null, t_start_drift: 60, t_end_drift: null, bump_interval_s: [30, 90], amplitude_factor: 0.5 },
  ]);
  assert.deepEqual(p.generate_templates_kwargs?.unit_params, { alpha: { range: [150, 500] }, spatial_decay: { range: [10, 45] } });
  assert.deepEqual(p.generate_sorting_kwargs, { firing_rates: { range: [2, 8] }, refractory_period_ms: 4 });
  assert.deepEqual(p.generate_noise_kwargs, { noise_levels: { range: [12, 15] }, spatial_decay: 25 });
});

test('the quick-test built-in is small: 10 units, 10 s, drift from 2 s', () => {
  const p = findBuiltin('builtin:quick-test')!.document.params;
  assert.equal(p.num_units, 10);
  assert.equal(p.duration, 10);
  assert.equal(p.generate_displacement_vector_kwargs?.motion_list?.[0].t_start_drift, 2);
});

test('the store lists the built-ins as valid, read-only entries usable for generation', (t) => {
  const { store } = openTestStore(t);
  const listed = store.list().filter((p) => p.builtin);
  assert.equal(listed.length, 3);
  assert.ok(listed.every((p) => p.valid));
  assert.equal((store.getValid('builtin:quick-test').params as { num_units?: number }).num_units, 10);
});
