import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PresetStoreError, type PresetStoreErrorKind } from '../../../../main/services/presets/index.ts';
import { openTestStore, presetDoc } from './helpers.ts';

function throwsKind(fn: () => unknown, kind: PresetStoreErrorKind, message?: RegExp): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof PresetStoreError, `expected a PresetStoreError, got ${String(e)}`);
    assert.equal(e.kind, kind);
    if (message) assert.match(e.message, message);
    return true;
  });
}

test('create stores a valid document and get returns it with its metadata', (t) => {
  const { store } = openTestStore(t);
  const created = store.create(presetDoc('Hippocampus', {}, { description: 'CA1 layer' }));
  const got = store.get(created.id);
  assert.equal(got.name, 'Hippocampus');
  assert.equal(got.description, 'CA1 layer');
  assert.equal(got.builtin, false);
  assert.equal(got.valid, true);
  assert.deepEqual(got.problems, []);
  assert.equal(got.created, got.updated);
  assert.deepEqual(got.document, presetDoc('Hippocampus', {}, { description: 'CA1 layer' }));
});

test('create refuses an invalid document with every problem and writes nothing', (t) => {
  const { store } = openTestStore(t);
  assert.throws(() => store.create(presetDoc('bad', { num_units: -1, duration: 'long' })), (e: unknown) => {
    assert.ok(e instanceof PresetStoreError);
    assert.equal(e.kind, 'invalid');
    assert.deepEqual(e.details.problems?.map((p) => p.path).sort(), ['params.duration', 'params.num_units']);
    assert.match(e.message, /^the preset was not created: it has problems \(2 problems\):\n/);
    return true;
  });
  assert.equal(store.list({ includeBuiltins: false }).length, 0);
});

test('list sorts by last change, newest first, and puts the built-ins after the user presets', (t) => {
  const { store } = openTestStore(t);
  const a = store.create(presetDoc('A'));
  const b = store.create(presetDoc('B'));
  store.save(a.id, presetDoc('A', { num_units: 7 }));
  const ids = store.list().map((p) => p.id);
  assert.deepEqual(ids, [a.id, b.id, 'builtin:si-docs-np1-128', 'builtin:si-docs-np1-384-multimodal', 'builtin:quick-test']);
  assert.deepEqual(store.list({ includeBuiltins: false }).map((p) => p.id), [a.id, b.id]);
});

test('list search is case-insensitive over name and description, built-ins included', (t) => {
  const { store } = openTestStore(t);
  const cortex = store.create(presetDoc('Cortex Drift'));
  const deep = store.create(presetDoc('Deep', {}, { description: 'units in the cortEX and thalamus' }));
  store.create(presetDoc('Other'));
  assert.deepEqual(store.list({ search: 'CORTEX', includeBuiltins: false }).map((p) => p.id).sort(), [cortex.id, deep.id].sort());
  assert.deepEqual(store.list({ search: 'multimodal' }).map((p) => p.id), ['builtin:si-docs-np1-384-multimodal']);
  assert.equal(store.list({ search: '   ' }).length, 6, 'a blank search finds everything');
  assert.deepEqual(store.list({ search: 'nothing like this' }), []);
});

test('get of an unknown id is a not-found sentence', (t) => {
  const { store } = openTestStore(t);
  throwsKind(() => store.get('nope'), 'not-found', /no preset has the id "nope"/);
});

test('duplicate makes "Copy of <name>", numbering further copies, and works for built-ins', (t) => {
  const { store } = openTestStore(t);
  const first = store.duplicate('builtin:quick-test');
  assert.equal(first.name, 'Copy of Quick test: 10 units, 10 s');
  assert.equal(first.builtin, false);
  assert.equal((first.document as { name: string }).name, first.name, 'the document carries the new name');
  assert.deepEqual((first.document as { params: unknown }).params, (store.get('builtin:quick-test').document as { params: unknown }).params);
  assert.equal(store.duplicate('builtin:quick-test').name, 'Copy of Quick test: 10 units, 10 s (2)');
  assert.equal(store.duplicate(first.id, 'My quick test').name, 'My quick test');
  throwsKind(() => store.duplicate(first.id, 'my QUICK test'), 'name-taken', /already named "my QUICK test"/);
});

test('rename changes the name in the list and in the document, as a new version', (t) => {
  const { store } = openTestStore(t);
  const p = store.create(presetDoc('Old name'));
  const renamed = store.rename(p.id, '  New name ');
  assert.equal(renamed.name, 'New name');
  assert.equal((renamed.document as { name: string }).name, 'New name');
  assert.equal(store.history(p.id).length, 2);
  assert.deepEqual(store.list({ search: 'new name' }).map((x) => x.id), [p.id]);
});

test('rename refuses an empty name and a name another preset (or a built-in) has, ignoring case', (t) => {
  const { store } = openTestStore(t);
  const a = store.create(presetDoc('Alpha'));
  store.create(presetDoc('Beta'));
  throwsKind(() => store.rename(a.id, '   '), 'invalid', /needs a name/);
  throwsKind(() => store.rename(a.id, 'BETA'), 'name-taken', /another preset is already named "BETA": choose another name/);
  throwsKind(() => store.rename(a.id, 'quick test: 10 UNITS, 10 s'), 'name-taken');
  assert.equal(store.rename(a.id, 'ALPHA').name, 'ALPHA', 'a preset may change the case of its own name');
});

test('create and import give a taken name a number instead of failing', (t) => {
  const { store } = openTestStore(t);
  store.create(presetDoc('Same'));
  const second = store.create(presetDoc('same'));
  assert.equal(second.name, 'same (2)');
  assert.equal(store.create(presetDoc('Same')).name, 'Same (3)');
});

test('built-in presets are read-only: save, rename, remove and restore say to duplicate', (t) => {
  const { store } = openTestStore(t);
  const id = 'builtin:si-docs-np1-128';
  const msg = /^built-in presets are read-only: duplicate it to edit$/;
  throwsKind(() => store.save(id, presetDoc('changed')), 'read-only', msg);
  throwsKind(() => store.rename(id, 'changed'), 'read-only', msg);
  throwsKind(() => store.remove(id), 'read-only', msg);
  throwsKind(() => store.restoreVersion(id, 0), 'read-only', msg);
  assert.equal(store.get(id).name, 'SpikeInterface docs: 200 units, Neuropixels1-128');
});

test('a document returned by get is a copy: changing it changes nothing stored', (t) => {
  const { store } = openTestStore(t);
  const builtin = store.get('builtin:quick-test');
  (builtin.document as { name: string }).name = 'mutated';
  assert.equal((store.get('builtin:quick-test').document as { name: string }).name, 'Quick test: 10 units, 10 s');
});
