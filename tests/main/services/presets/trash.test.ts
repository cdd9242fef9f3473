import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { DATABASE_FILE_NAME, PresetStoreError } from '../../../../main/services/presets/index.ts';
import { openSqlite } from '../../../../main/services/presets/sqlite.ts';
import { openTestStore, presetDoc } from './helpers.ts';

const isNotFound = (e: unknown) => e instanceof PresetStoreError && e.kind === 'not-found';

test('remove puts a preset in the trash and undoRemove brings it back with its history', (t) => {
  const { store } = openTestStore(t);
  const p = store.create(presetDoc('Trashed'));
  store.save(p.id, presetDoc('Trashed', { num_units: 8 }));
  store.remove(p.id);
  assert.deepEqual(store.list({ includeBuiltins: false }), []);
  assert.throws(() => store.get(p.id), (e: unknown) => isNotFound(e) && /is in the trash: undo its removal/.test((e as Error).message));
  assert.deepEqual(store.listTrash().map((x) => x.name), ['Trashed']);
  const back = store.undoRemove(p.id);
  assert.equal(back.name, 'Trashed');
  assert.equal(store.history(p.id).length, 2);
  assert.deepEqual(store.listTrash(), []);
});

test('removing twice and undoing a removal that did not happen are harmless', (t) => {
  const { store } = openTestStore(t);
  const p = store.create(presetDoc('Twice'));
  store.remove(p.id);
  store.remove(p.id);
  store.undoRemove(p.id);
  assert.equal(store.undoRemove(p.id).name, 'Twice');
  assert.throws(() => store.remove('unknown'), isNotFound);
  assert.throws(() => store.undoRemove('unknown'), isNotFound);
});

test('a trashed preset frees its name; undoing its removal then gives it a number', (t) => {
  const { store } = openTestStore(t);
  const old = store.create(presetDoc('Reused'));
  store.remove(old.id);
  const fresh = store.create(presetDoc('Reused'));
  assert.equal(fresh.name, 'Reused');
  const back = store.undoRemove(old.id);
  assert.equal(back.name, 'Reused (2)');
  assert.equal((back.document as { name: string }).name, 'Reused (2)');
});

test('purgeTrash deletes for good the presets removed before a time, with their versions', (t) => {
  const { store, dir } = openTestStore(t);
  const early = store.create(presetDoc('Early'));
  store.save(early.id, presetDoc('Early', { num_units: 6 }));
  store.remove(early.id);
  const cutoff = new Date(store.listTrash()[0].deletedAt);
  const late = store.create(presetDoc('Late'));
  store.remove(late.id);
  const kept = store.create(presetDoc('Kept'));
  assert.equal(store.purgeTrash(cutoff), 1);
  assert.deepEqual(store.listTrash().map((x) => x.id), [late.id]);
  assert.throws(() => store.undoRemove(early.id), isNotFound);
  const db = openSqlite(join(dir, DATABASE_FILE_NAME), { readonly: true });
  t.after(() => db.close());
  const versions = db.prepare<{ n: number }>('SELECT count(*) AS n FROM preset_versions WHERE preset_id = ?');
  assert.equal(versions.get(early.id)?.n, 0, 'ON DELETE CASCADE removed its history');
  assert.equal(versions.get(kept.id)?.n, 1);
  assert.equal(store.purgeTrash(), 1);
  assert.deepEqual(store.listTrash(), []);
  assert.equal(store.get(kept.id).name, 'Kept');
});
