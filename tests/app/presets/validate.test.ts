import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatProblem, migratePreset, parsePresetText, validatePreset, type PresetV1 } from '../../../app/presets/index.ts';

const base = (params: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) =>
  ({ format: 'spikegen-preset', version: 1, name: 'test', kind: 'drifting', params, ...extra });

function problems(doc: unknown): string[] {
  const r = validatePreset(doc);
  return r.ok ? [] : r.problems.map(formatProblem);
}

test('a minimal preset is valid and every key is optional', () => {
  const r = validatePreset(base());
  assert.equal(r.ok, true);
});

test('the full SpikeInterface docs example (250 units, multimodal, zigzag + bumps) is valid; "bumps" is accepted', () => {
  const doc = base({
    num_units: 250, duration: 600, sampling_frequency: 30000, probe_name: 'Neuropixels1-384', seed: 2205,
    generate_unit_locations_kwargs: { margin_um: 20, minimum_z: 5, maximum_z: 45, minimum_distance: 18, max_iteration: 100, distance_strict: false, distribution: 'multimodal', num_modes: 3 },
    generate_displacement_vector_kwargs: { displacement_sampling_frequency: 5, drift_start_um: [0, 20], drift_stop_um: [0, -20], drift_step_um: 1,
      motion_list: [{ drift_mode: 'zigzag', amplitude_factor: 1, non_rigid_gradient: null, t_start_drift: 60, t_end_drift: null, period_s: 200 },
        { drift_mode: 'bumps', amplitude_factor: 0.3, non_rigid_gradient: 0.4, t_start_drift: 60, t_end_drift: null, bump_interval_s: [30, 80] }] },
    generate_templates_kwargs: { ms_before: 1.5, ms_after: 3, mode: 'ellipsoid', unit_params: { alpha: { range: [100, 500] }, spatial_decay: 20 } },
    generate_sorting_kwargs: { firing_rates: { range: [2, 8] }, refractory_period_ms: 4 },
    generate_noise_kwargs: { noise_levels: { range: [6, 8] }, spatial_decay: 25 },
  });
  assert.deepEqual(problems(doc), []);
});

test('the refractory period longer than 1/firing_rate gives the sentence of the issue', () => {
  const p = problems(base({ generate_sorting_kwargs: { firing_rates: 300, refractory_period_ms: 4 } }));
  assert.equal(p.length, 1);
  assert.match(p[0], /^params\.generate_sorting_kwargs\.refractory_period_ms: 4 ms is longer than the 1\/firing_rate of 300 Hz/);
});

test('every problem is reported at once, each with its JSON path', () => {
  const p = problems(base({
    num_units: 3, duration: -1, sampling_frequency: 'fast', bogus: 1,
    generate_sorting_kwargs: { firing_rates: [1, 2] },
    generate_templates_kwargs: { ms_before: 1, unit_params: { alpha: { range: [500, 100] } } },
  }));
  const paths = p.map((s) => s.split(':')[0]);
  assert.ok(paths.includes('params.duration'), p.join('\n'));
  assert.ok(paths.includes('params.sampling_frequency'));
  assert.ok(paths.includes('params.bogus'));
  assert.ok(paths.includes('params.generate_sorting_kwargs.firing_rates'));
  assert.ok(paths.includes('params.generate_templates_kwargs.ms_after'));
  assert.ok(paths.includes('params.generate_templates_kwargs.unit_params.alpha.range'));
  assert.ok(p.find((s) => s.startsWith('params.duration'))!.includes('greater than 0'));
  assert.ok(p.find((s) => s.startsWith('params.bogus'))!.includes('not a known parameter'));
  assert.ok(p.find((s) => s.startsWith('params.generate_sorting_kwargs.firing_rates'))!.includes('has 2 values but there are 3 units'));
  assert.ok(p.find((s) => s.includes('alpha.range'))!.includes('reversed'));
  for (const s of p) assert.doesNotMatch(s, /at .*\.ts:\d+/); // never a stack trace
});

test('unknown keys are errors at every depth, with the known keys listed', () => {
  const p = problems(base({ generate_noise_kwargs: { noise_level: 5 } }, { extra: true }));
  assert.ok(p.some((s) => s.startsWith('extra:')));
  const nk = p.find((s) => s.startsWith('params.generate_noise_kwargs.noise_level:'));
  assert.ok(nk && nk.includes('noise_levels'), p.join('\n'));
});

test('a drift that starts after the end of the recording is refused, as SpikeInterface refuses it', () => {
  const p = problems(base({ duration: 10 }));
  assert.equal(p.length, 1);
  assert.match(p[0], /motion_list\[0\]\.t_start_drift: the drift starts at 60 s, after the recording ends \(duration 10 s\)/);
});

test('an empty motion list is valid', () => {
  assert.deepEqual(problems(base({ duration: 10, generate_displacement_vector_kwargs: { motion_list: [] } })), []);
});

test('a huge refractory period is refused with a clear sentence', () => {
  const p = problems(base({ generate_sorting_kwargs: { refractory_period_ms: 10000 } }));
  assert.match(p[0], /10000 ms is longer than the 1\/firing_rate of 3 Hz/);
});

test('zero units is a valid preset; a negative count is not', () => {
  assert.deepEqual(problems(base({ num_units: 0, duration: 100 })), []);
  assert.match(problems(base({ num_units: -2 }))[0], /params\.num_units: must be at least 0/);
});

test('two probe choices at once are refused', () => {
  const p = problems(base({ probe_name: 'tetrode', generate_probe_kwargs: { num_columns: 2 } }));
  assert.match(p[0], /give only one of probe_name, probe and generate_probe_kwargs/);
});

test('an unknown probe name lists the known ones', () => {
  const p = problems(base({ probe_name: 'Neuropixels9' }));
  assert.match(p[0], /params\.probe_name: "Neuropixels9" is not a known probe: use one of Neuropixels1-128/);
});

test('noise levels per channel must match the probe', () => {
  const p = problems(base({ probe_name: 'tetrode', generate_noise_kwargs: { noise_levels: [1, 2, 3] } }));
  assert.match(p[0], /has 3 values but there are 4 channels/);
  assert.deepEqual(problems(base({ probe_name: 'tetrode', generate_noise_kwargs: { noise_levels: [1, 2, 3, 4] } })), []);
});

test('a wrong format, kind or a missing name are reported', () => {
  const p = problems({ format: 'other', version: 1, kind: 'static', params: {} });
  assert.ok(p.some((s) => s.startsWith('format:')));
  assert.ok(p.some((s) => s.startsWith('kind:')));
  assert.ok(p.some((s) => s.startsWith('name: is required')));
});

test('non-object input and broken JSON give sentences, not exceptions', () => {
  assert.match(problems(42)[0], /must be a JSON object/);
  const r = parsePresetText('{"format": ');
  assert.equal(r.ok, false);
  if (!r.ok) assert.match(r.problems[0].message, /not valid JSON/);
});

test('a newer version is refused with advice; a registered migration brings an old one forward', () => {
  assert.match(problems(base({}, { version: 2 }))[0], /newer Spikegen Studio/);
  const registry = { 1: (d: Record<string, unknown>) => ({ ...d, version: 2, name: `${d.name} (migrated)` }) };
  const r = migratePreset(base(), registry, 2);
  assert.equal(r.ok, true);
  if (r.ok) {
    assert.equal((r.doc as PresetV1 & { version: number }).version, 2);
    assert.equal(r.migratedFrom, 1);
  }
  const missing = migratePreset(base(), {}, 2);
  assert.equal(missing.ok, false);
});

test('whole numbers are required where SpikeInterface takes an int', () => {
  const p = problems(base({ num_units: 2.5 }));
  assert.match(p[0], /params\.num_units: must be a whole number/);
});
