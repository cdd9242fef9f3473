import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveParams, validatePreset, type PresetV1 } from '../../../app/presets/index.ts';

function resolved(params: Record<string, unknown>) {
  const r = validatePreset({ format: 'spikegen-preset', version: 1, name: 't', kind: 'drifting', params });
  assert.equal(r.ok, true, JSON.stringify(r.problems));
  return resolveParams((r as { preset: PresetV1 }).preset);
}

test("absent kwargs take generate_drifting_recording's default dicts", () => {
  const r = resolved({});
  assert.equal(r.num_units, 250);
  assert.equal(r.duration, 600);
  assert.deepEqual(r.probe, { kind: 'named', name: 'Neuropixels1-128' });
  assert.equal(r.generate_unit_locations_kwargs.maximum_z, 45);
  assert.equal(r.generate_unit_locations_kwargs.minimum_distance, 18);
  assert.deepEqual(r.generate_displacement_vector_kwargs.drift_start_um, [0, 20]);
  assert.equal(r.generate_displacement_vector_kwargs.motion_list[0].t_start_drift, 60);
  assert.equal(r.generate_displacement_vector_kwargs.motion_list[0].amplitude_factor, 1);
  assert.deepEqual(r.generate_sorting_kwargs.firing_rates, { range: [2, 8] });
  assert.deepEqual(r.generate_noise_kwargs.noise_levels, { range: [6, 8] });
  assert.equal(r.generate_noise_kwargs.spatial_decay, 25);
  assert.equal(r.amplitude_std, null);
});

test("a kwargs dict given replaces the default dict; its missing keys take the function's own defaults", () => {
  const r = resolved({
    generate_unit_locations_kwargs: { margin_um: 10 },
    generate_sorting_kwargs: { firing_rates: 5 },
    generate_noise_kwargs: { noise_levels: 10 },
    generate_displacement_vector_kwargs: { drift_step_um: 2 },
    generate_templates_kwargs: { ms_before: 1, ms_after: 2 },
  });
  // generate_unit_locations(maximum_z=40.0, minimum_distance=20.0), not the drifting call's 45 / 18
  assert.equal(r.generate_unit_locations_kwargs.maximum_z, 40);
  assert.equal(r.generate_unit_locations_kwargs.minimum_distance, 20);
  assert.equal(r.generate_sorting_kwargs.refractory_period_ms, 4);
  assert.equal(r.generate_noise_kwargs.spatial_decay, null); // generate_noise(spatial_decay=None)
  assert.deepEqual(r.generate_displacement_vector_kwargs.drift_start_um, [0, 30]); // generate_displacement_vector's own
  assert.equal(r.generate_templates_kwargs.mode, 'ellipsoid');
  assert.deepEqual(r.generate_templates_kwargs.unit_params, {}); // all drawn from default_unit_params_range
});

test('a motion entry takes the defaults of make_one_displacement_vector and "bumps" becomes "bump"', () => {
  const r = resolved({ duration: 100, generate_displacement_vector_kwargs: { motion_list: [{ drift_mode: 'bumps' }] } });
  const m = r.generate_displacement_vector_kwargs.motion_list[0];
  assert.equal(m.drift_mode, 'bump');
  assert.equal(m.t_start_drift, null);
  assert.deepEqual(m.bump_interval_s, [30, 90]);
  assert.equal(m.period_s, 200);
});

test('a probe given as generator kwargs takes generate_multi_columns_probe defaults', () => {
  const r = resolved({ generate_probe_kwargs: { num_columns: 2 } });
  assert.equal(r.probe.kind, 'generated');
  if (r.probe.kind === 'generated') {
    assert.equal(r.probe.kwargs.num_contact_per_column, 10);
    assert.deepEqual(r.probe.kwargs.contact_shape_params, { radius: 6 });
  }
});

test('a seed above 2**53 is written as a decimal string and resolved exactly', () => {
  const r = resolved({ seed: '4200258347049412327' });
  assert.equal(r.seed, 4200258347049412327n);
  assert.equal(resolved({ seed: 7 }).seed, 7);
  assert.equal(resolved({ seed: null }).seed, null);
});

test('propagation_speed may be null (no propagation delay), as in SpikeInterface', () => {
  const r = resolved({ generate_templates_kwargs: { ms_before: 1, ms_after: 2, unit_params: { propagation_speed: null } } });
  assert.equal(r.generate_templates_kwargs.unit_params.propagation_speed, null);
});
