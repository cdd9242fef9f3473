import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalJson, PresetStoreError } from '../../../../main/services/presets/index.ts';
import { openTestStore, presetDoc } from './helpers.ts';

test('autosave writes a new version only when the document changed, whatever its key order', (t) => {
  const { store } = openTestStore(t);
  const p = store.create(presetDoc('Draft'));
  const reordered = { params: { seed: 1, duration: 100, num_units: 5 }, kind: 'drifting', name: 'Draft', version: 1, format: 'spikegen-preset' };
  const same = store.save(p.id, reordered);
  assert.equal(same.saved, false);
  assert.equal(same.preset.updated, p.updated, 'an unchanged save does not touch "updated"');
  const changed = store.save(p.id, presetDoc('Draft', { num_units: 6 }));
  assert.equal(changed.saved, true);
  assert.equal(store.history(p.id).length, 2);
  assert.ok(changed.preset.updated > p.updated);
});

test('canonical JSON is equal for equal documents with keys in any order, and differs for different values', () => {
  assert.equal(canonicalJson({ b: [1, { d: 1, c: 2 }], a: null }), canonicalJson({ a: null, b: [1, { c: 2, d: 1 }] }));
  assert.notEqual(canonicalJson({ a: [1, 2] }), canonicalJson({ a: [2, 1] }));
});

test('an invalid half-typed draft is kept with valid = false and its problems, and cannot be generated or exported', (t) => {
  const { store } = openTestStore(t);
  const p = store.create(presetDoc('Editing'));
  const draft = presetDoc('Editing', { num_units: 'many' });
  const result = store.save(p.id, draft);
  assert.equal(result.saved, true);
  const got = store.get(p.id);
  assert.equal(got.valid, false);
  assert.deepEqual(got.document, draft, 'the draft is kept as typed');
  assert.deepEqual(got.problems.map((x) => x.path), ['params.num_units']);
  assert.equal(store.list({ includeBuiltins: false })[0].valid, false);
  for (const use of [() => store.getValid(p.id), () => store.exportText(p.id)]) {
    assert.throws(use, (e: unknown) => e instanceof PresetStoreError && e.kind === 'invalid'
      && /has problems to fix before it can be generated \(1 problem\):\nparams\.num_units:/.test(e.message));
  }
  store.save(p.id, presetDoc('Editing', { duration: 80 }));
  assert.equal((store.getValid(p.id).params as { duration?: number }).duration, 80);
});

test('a draft that is not a JSON object is refused, since nothing could ever make it a preset', (t) => {
  const { store } = openTestStore(t);
  const p = store.create(presetDoc('Object'));
  for (const bad of [null, 'text', [1, 2], undefined]) {
    assert.throws(() => store.save(p.id, bad), (e: unknown) => e instanceof PresetStoreError && e.kind === 'invalid');
  }
  assert.equal(store.history(p.id).length, 1);
});

test('an autosave whose name another preset has is kept as a draft with a problem on "name", the listed name unchanged', (t) => {
  const { store } = openTestStore(t);
  store.create(presetDoc('Taken'));
  const p = store.create(presetDoc('Mine'));
  store.save(p.id, presetDoc('Taken'));
  const got = store.get(p.id);
  assert.equal(got.name, 'Mine');
  assert.equal(got.valid, false);
  assert.deepEqual(got.problems, [{ path: 'name', message: 'another preset is already named "Taken": choose another name' }]);
  store.save(p.id, presetDoc('Mine, renamed in the editor'));
  assert.equal(store.get(p.id).name, 'Mine, renamed in the editor');
});

test('history lists the versions newest first with their time, validity and name', (t) => {
  const { store } = openTestStore(t);
  const p = store.create(presetDoc('v1'));
  store.save(p.id, presetDoc('v2'));
  store.save(p.id, presetDoc('v3', { duration: 0 }));
  const h = store.history(p.id);
  assert.deepEqual(h.map((v) => v.name), ['v3', 'v2', 'v1']);
  assert.deepEqual(h.map((v) => v.valid), [false, true, true]);
  assert.ok(h[0].savedAt > h[1].savedAt && h[1].savedAt > h[2].savedAt);
  assert.deepEqual(store.getVersion(p.id, h[2].versionId).document, presetDoc('v1'));
});

test('restoreVersion appends the old document as the newest version, so nothing in the history is lost', (t) => {
  const { store } = openTestStore(t);
  const p = store.create(presetDoc('Restorable', { num_units: 5 }));
  store.save(p.id, presetDoc('Restorable', { num_units: 9 }));
  const oldest = store.history(p.id).at(-1)!;
  const restored = store.restoreVersion(p.id, oldest.versionId);
  assert.equal((restored.document as { params: { num_units: number } }).params.num_units, 5);
  assert.equal(store.history(p.id).length, 3);
  assert.equal(store.restoreVersion(p.id, restored.versionId).versionId, restored.versionId, 'restoring the latest writes nothing');
});

test('restoreVersion of a version of another preset is not found', (t) => {
  const { store } = openTestStore(t);
  const a = store.create(presetDoc('A'));
  const b = store.create(presetDoc('B'));
  assert.throws(() => store.restoreVersion(a.id, b.versionId), (e: unknown) => e instanceof PresetStoreError && e.kind === 'not-found'
    && /has no version/.test(e.message));
});

test('a built-in has one version, the one shipped', (t) => {
  const { store } = openTestStore(t);
  const h = store.history('builtin:quick-test');
  assert.equal(h.length, 1);
  assert.deepEqual(store.getVersion('builtin:quick-test', h[0].versionId).document, store.get('builtin:quick-test').document);
});
