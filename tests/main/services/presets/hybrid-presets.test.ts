// Issue "Hybrid recordings", app side: the presets store keeps hybrid presets (kind "hybrid") beside drifting ones —
// created, autosaved as drafts, imported and exported — with the hybrid validator's problems.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PresetStoreError } from '../../../../main/services/presets/index.ts';
import { openTestStore } from './helpers.ts';

const hybridDoc = (name: string, params: Record<string, unknown> = {}) => ({
  format: 'spikegen-preset', version: 1, name, kind: 'hybrid',
  params: { recording: { format: 'spikeglx', path: '/data/run_g0/run_g0_imec0' }, seed: 3, ...params },
});

test('a hybrid preset is created valid and read back as a hybrid document', (t) => {
  const { store } = openTestStore(t);
  const r = store.create(hybridDoc('Hybrid A'));
  assert.equal(r.valid, true, JSON.stringify(r.problems));
  assert.equal((r.document as { kind: string }).kind, 'hybrid');
  assert.equal(store.getValid(r.id).kind, 'hybrid');
  assert.ok(store.list().some((p) => p.id === r.id && p.name === 'Hybrid A'));
});

test('saving a hybrid draft with a problem keeps it with the hybrid validator\'s problem, and a fix makes it valid again', (t) => {
  const { store } = openTestStore(t);
  const r = store.create(hybridDoc('Hybrid B'));
  const bad = store.save(r.id, hybridDoc('Hybrid B', { recording: { format: 'nwb', path: '/x' } }));
  assert.equal(bad.saved, true);
  assert.equal(bad.preset.valid, false);
  assert.ok(bad.preset.problems.some((p) => p.path.startsWith('params.recording')), JSON.stringify(bad.preset.problems));
  assert.throws(() => store.getValid(r.id), (e: unknown) => e instanceof PresetStoreError && e.kind === 'invalid');
  const good = store.save(r.id, hybridDoc('Hybrid B', { templates: { source: 'database', selection: [{ dataset: 'd.zarr', template_index: 2 }] } }));
  assert.equal(good.preset.valid, true, JSON.stringify(good.preset.problems));
});

test('a hybrid preset exported and imported again is the same document under a new name', (t) => {
  const { store } = openTestStore(t);
  const r = store.create(hybridDoc('Hybrid C', { motion: { source: 'generated' } }));
  const text = store.exportText(r.id);
  assert.equal(JSON.parse(text).kind, 'hybrid');
  const imported = store.importText(text, 'hybrid-c.json');
  assert.notEqual(imported.id, r.id);
  assert.equal(imported.name, 'Hybrid C (2)');
  const { name: _a, ...x } = imported.document as Record<string, unknown>;
  const { name: _b, ...y } = r.document as Record<string, unknown>;
  assert.deepEqual(x, y);
});

test('importing a hybrid file with a problem is refused with the problem named', (t) => {
  const { store } = openTestStore(t);
  const text = JSON.stringify(hybridDoc('Bad', { drift_step_um: -1 }));
  assert.throws(() => store.importText(text, 'bad.json'), (e: unknown) => e instanceof PresetStoreError && e.kind === 'invalid'
    && (e.details.problems ?? []).some((p) => p.path === 'params.drift_step_um'));
});

test('drifting presets are stored exactly as before next to hybrid ones', (t) => {
  const { store } = openTestStore(t);
  const d = store.create({ format: 'spikegen-preset', version: 1, name: 'Drift', kind: 'drifting', params: { num_units: 5, duration: 100, seed: 1 } });
  assert.equal(d.valid, true);
  assert.equal((store.getValid(d.id) as { kind?: string }).kind, 'drifting');
});
