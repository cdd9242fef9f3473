import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { parsePresetText } from '../../../../app/presets/index.ts';
import { DATABASE_FILE_NAME, PresetStoreError } from '../../../../main/services/presets/index.ts';
import { openSqlite } from '../../../../main/services/presets/sqlite.ts';
import { openTestStore, presetDoc } from './helpers.ts';

function counts(dir: string): { presets: number; versions: number } {
  const db = openSqlite(join(dir, DATABASE_FILE_NAME), { readonly: true });
  try {
    const n = (table: string) => db.prepare<{ n: number }>(`SELECT count(*) AS n FROM ${table}`).get()?.n ?? -1;
    return { presets: n('presets'), versions: n('preset_versions') };
  } finally {
    db.close();
  }
}

test('exportText is the document as pretty JSON in the preset format\'s key order, and imports back to the same document', (t) => {
  const { store } = openTestStore(t);
  const doc = presetDoc('Round trip', {}, { description: 'export me' });
  const p = store.create(doc);
  const text = store.exportText(p.id);
  const { format, version, name, description, kind, params } = doc;
  assert.equal(text, `${JSON.stringify({ format, version, name, description, kind, params }, null, 2)}\n`);
  const check = parsePresetText(text);
  assert.equal(check.ok, true);
  store.remove(p.id);
  const imported = store.importText(text, 'round-trip.json');
  assert.equal(imported.name, 'Round trip');
  assert.deepEqual(imported.document, doc);
});

test('a built-in exports as a preset file that imports as an editable copy under a numbered name', (t) => {
  const { store } = openTestStore(t);
  const text = store.exportText('builtin:si-docs-np1-384-multimodal');
  const imported = store.importText(text);
  assert.equal(imported.builtin, false);
  assert.equal(imported.name, 'SpikeInterface docs: 250 units, Neuropixels1-384, multimodal, zigzag + bumps (2)');
  store.save(imported.id, { ...(imported.document as object), description: 'mine now' });
});

test('importing a file with validation problems is refused with every message, naming the file, and writes nothing', (t) => {
  const { store, dir } = openTestStore(t);
  store.create(presetDoc('Existing'));
  const before = counts(dir);
  const bad = JSON.stringify(presetDoc('Bad', { num_units: 3, generate_sorting_kwargs: { firing_rates: [1, 2] } }, { extra: 1 }));
  assert.throws(() => store.importText(bad, 'bad.json'), (e: unknown) => {
    assert.ok(e instanceof PresetStoreError);
    assert.equal(e.kind, 'invalid');
    assert.match(e.message, /^"bad\.json" is not a valid preset, so nothing was imported \(2 problems\):\n/);
    assert.deepEqual(e.details.problems?.map((p) => p.path).sort(), ['extra', 'params.generate_sorting_kwargs.firing_rates']);
    return true;
  });
  assert.deepEqual(counts(dir), before);
});

test('importing text that is not JSON is refused with the syntax error', (t) => {
  const { store, dir } = openTestStore(t);
  const before = counts(dir);
  assert.throws(() => store.importText('{"format": "spikegen-preset",', 'cut.json'),
    (e: unknown) => e instanceof PresetStoreError && e.kind === 'invalid' && /"cut\.json" is not a valid preset[^]*not valid JSON/.test(e.message));
  assert.deepEqual(counts(dir), before);
});

test('an import that fails half-way (the version insert fails) leaves no preset row: one transaction', (t) => {
  const { store, dir } = openTestStore(t);
  const db = openSqlite(join(dir, DATABASE_FILE_NAME));
  db.exec(`CREATE TRIGGER refuse_versions BEFORE INSERT ON preset_versions
    BEGIN SELECT RAISE(ABORT, 'disk says no'); END`);
  db.close();
  assert.throws(() => store.importText(JSON.stringify(presetDoc('Half'))), /disk says no/);
  assert.deepEqual(counts(dir), { presets: 0, versions: 0 });
});

test('an invalid draft cannot be exported: the problems say what to fix', (t) => {
  const { store } = openTestStore(t);
  const p = store.create(presetDoc('Draft'));
  store.save(p.id, presetDoc('Draft', { sampling_frequency: 0 }));
  assert.throws(() => store.exportText(p.id), (e: unknown) => e instanceof PresetStoreError && e.kind === 'invalid'
    && e.details.problems?.[0]?.path === 'params.sampling_frequency');
});
