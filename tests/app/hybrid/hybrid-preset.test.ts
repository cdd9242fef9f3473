// Hybrid presets: "kind": "hybrid" validates against its own schema and rules (every problem a sentence with its
// path), drifting presets are unaffected, SpikeInterface's generate_hybrid_recording defaults are filled in, and a
// recording that is not there is a sentence naming the preset key.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { buildHybridGroundTruth } from '../../../app/hybrid/hybrid-ground-truth.ts';
import { PresetProblemError } from '../../../app/presets/problems.ts';
import { resolveHybridParams, validateHybridPreset, validatePreset, validatePresetOfAnyKind } from '../../../app/presets/index.ts';
import { hybridPreset, tempDir } from './hybrid-fixtures.ts';

const base = () => hybridPreset({ recording: { format: 'spikeglx', path: '/data/run_g0_t0.imec0.ap.bin' } });
const messages = (r: { ok: boolean; problems: { path: string; message: string }[] }) => r.problems.map((p) => `${p.path}: ${p.message}`);

test('a hybrid preset validates, through validatePresetOfAnyKind too', () => {
  const r = validatePresetOfAnyKind(base());
  assert.equal(r.ok, true, messages(r).join('\n'));
  assert.equal(r.ok && r.preset.kind, 'hybrid');
  const full = hybridPreset({
    recording: { format: 'raw', path: 'x.bin', dtype: 'int16', num_channels: 384, sampling_frequency: 30000, gain_to_uV: 2.34, probe_path: 'p.json' },
    templates: { source: 'zarr', path: 't.zarr', unit_indices: [0, 2] },
    motion: { source: 'npy', path: 'm.npy', temporal_bins_s: [0.5, 1.5], spatial_bins_um: [100, 500], direction: 'y' },
    drift_step_um: 2, amplitude_std: 0.1, upsample_factor: null,
  });
  assert.equal(validateHybridPreset(full).ok, true, messages(validateHybridPreset(full)).join('\n'));
});

test('drifting presets validate as before; validatePreset still takes drifting presets only', () => {
  const drifting = { format: 'spikegen-preset', version: 1, name: 'd', kind: 'drifting', params: { num_units: 3, duration: 100 } };
  assert.equal(validatePresetOfAnyKind(drifting).ok, true);
  assert.equal(validatePreset(drifting).ok, true);
  assert.equal(validatePreset(base()).ok, false);
});

test('unknown keys are named with the known ones', () => {
  const doc = base() as unknown as { params: Record<string, unknown> };
  doc.params.num_unit = 5;
  (doc.params.recording as Record<string, unknown>).gain = 2;
  const m = messages(validateHybridPreset(doc));
  assert.ok(m.some((x) => /^params\.num_unit: is not a known parameter; known keys here: recording, templates, sorting, motion/.test(x)), m.join('\n'));
  assert.ok(m.some((x) => /^params\.recording\.gain: is not a known parameter/.test(x)), m.join('\n'));
});

test('a bad recording format, raw options on a SpikeGLX file and a raw file without its layout are sentences', () => {
  const bad = hybridPreset({ recording: { format: 'nwb' as 'raw', path: 'x' } });
  assert.match(messages(validateHybridPreset(bad)).join('\n'), /params\.recording\.format: must be "spikeglx" or "openephys" or "spikeinterface" or "raw" \(got the text "nwb"\)/);
  const glx = hybridPreset({ recording: { format: 'spikeglx', path: 'x.bin', dtype: 'int16' } });
  assert.match(messages(validateHybridPreset(glx)).join('\n'), /params\.recording\.dtype: applies to raw binary files only/);
  const raw = hybridPreset({ recording: { format: 'raw', path: 'x.bin' } });
  const m = messages(validateHybridPreset(raw)).join('\n');
  for (const k of ['dtype', 'num_channels', 'sampling_frequency']) assert.match(m, new RegExp(`params\\.recording\\.${k}: is required for a raw binary recording`));
});

test('templates, motion and per-spike lists are checked', () => {
  const m = messages(validateHybridPreset(hybridPreset({
    recording: { format: 'spikeinterface', path: 'f' }, templates: { source: 'lab' } as never,
    motion: { source: 'spikeinterface' } as never, upsample_factor: 3, amplitude_factor: [1, 1],
    sorting: { sample_index: [10, 20, 30], unit_index: [0, 1] },
  }))).join('\n');
  assert.match(m, /params\.templates\.source: must be null \(generated templates\)/);
  assert.match(m, /params\.motion\.path: is required/);
  assert.match(m, /params\.upsample_factor: is not supported for hybrid recordings yet/);
  assert.match(m, /params\.amplitude_factor: has 2 values but the sorting has 3 spikes/);
  assert.match(m, /params\.sorting\.unit_index: has 2 entries but sample_index has 3/);
  const noUnits = messages(validateHybridPreset(hybridPreset({ recording: { format: 'spikeinterface', path: 'f' }, generate_sorting_kwargs: { firing_rates: 5 } })));
  assert.match(noUnits.join('\n'), /params\.generate_sorting_kwargs\.num_units: is required when neither templates nor sorting are given/);
});

test("generate_hybrid_recording's defaults are filled in as a Python call would", () => {
  const p = resolveHybridParams({ ...base(), params: { recording: base().params.recording } });
  assert.equal(p.drift_step_um, 1);
  assert.equal(p.amplitude_std, 0.05);
  assert.deepEqual([p.generate_sorting_kwargs.num_units, p.generate_sorting_kwargs.firing_rates, p.generate_sorting_kwargs.refractory_period_ms], [10, 15, 4]);
  assert.deepEqual([p.generate_templates_kwargs.ms_before, p.generate_templates_kwargs.ms_after], [1, 3]);
  assert.deepEqual(p.generate_unit_locations_kwargs.maximum_z, 50);
  assert.equal(p.templates, null);
  assert.equal(p.motion, null);
  const g = resolveHybridParams(hybridPreset({ recording: base().params.recording, drift_step_um: 2, motion: { source: 'generated' } }));
  assert.equal(g.motion?.source === 'generated' && g.motion.kwargs.drift_step_um, 2, 'a generated motion takes the hybrid drift_step_um');
});

test('a recording path that does not exist is a sentence at params.recording', async () => {
  const missing = join(tempDir(), 'nowhere', 'run_g0_t0.imec0.ap.bin');
  await assert.rejects(buildHybridGroundTruth(hybridPreset({ recording: { format: 'spikeglx', path: missing } })), (e: unknown) => {
    assert.ok(e instanceof PresetProblemError);
    assert.equal(e.problems[0].path, 'params.recording');
    assert.equal(e.problems[0].message, `The recording ${missing} does not exist; set params.recording.path to the spikeglx recording to inject into.`);
    return true;
  });
});
