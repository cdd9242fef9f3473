import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import {
  DATABASE_FILE_NAME, openDatabase, openPresetStore, PresetStoreError, readSchemaVersion, SCHEMA_MIGRATIONS, SCHEMA_VERSION,
  type SchemaMigration,
} from '../../../../main/services/presets/index.ts';
import { openSqlite } from '../../../../main/services/presets/sqlite.ts';
import { presetDoc, tempDataDir, tickingClock } from './helpers.ts';

/** The schema as version 1 shipped it, frozen here: a database in the field looks like this. */
const V1_SCHEMA = `
  CREATE TABLE schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL);
  CREATE TABLE presets (id TEXT PRIMARY KEY, name TEXT NOT NULL, created TEXT NOT NULL, updated TEXT NOT NULL, deleted_at TEXT);
  CREATE UNIQUE INDEX presets_live_name ON presets (name COLLATE NOCASE) WHERE deleted_at IS NULL;
  CREATE TABLE preset_versions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    preset_id TEXT NOT NULL REFERENCES presets (id) ON DELETE CASCADE,
    saved_at TEXT NOT NULL, document TEXT NOT NULL,
    valid INTEGER NOT NULL CHECK (valid IN (0, 1)), problems TEXT NOT NULL DEFAULT '[]');
  CREATE INDEX preset_versions_by_preset ON preset_versions (preset_id, id);
  INSERT INTO schema_version VALUES (1, 'presets, preset_versions (history), soft delete', '2026-01-01T00:00:00.000Z');
`;

function writeV1Database(dir: string): void {
  const db = openSqlite(join(dir, DATABASE_FILE_NAME));
  db.exec(V1_SCHEMA);
  const preset = db.prepare('INSERT INTO presets (id, name, created, updated) VALUES (?, ?, ?, ?)');
  const version = db.prepare('INSERT INTO preset_versions (preset_id, saved_at, document, valid) VALUES (?, ?, ?, 1)');
  preset.run('p1', 'Cortex drift', '2026-01-01T00:00:00.000Z', '2026-01-02T00:00:00.000Z');
  version.run('p1', '2026-01-01T00:00:00.000Z', JSON.stringify(presetDoc('Cortex drift', {}, { description: 'first draft' })));
  version.run('p1', '2026-01-02T00:00:00.000Z', JSON.stringify(presetDoc('Cortex drift', {}, { description: 'Layered hippocampus units' })));
  preset.run('p2', 'No description', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z');
  version.run('p2', '2026-01-01T00:00:00.000Z', JSON.stringify(presetDoc('No description')));
  db.close();
}

test('the schema steps are numbered 1, 2, 3... in order, so another service can append the next one', () => {
  assert.deepEqual(SCHEMA_MIGRATIONS.map((m) => m.version), SCHEMA_MIGRATIONS.map((_, i) => i + 1));
  assert.equal(SCHEMA_VERSION, SCHEMA_MIGRATIONS.length);
  for (const m of SCHEMA_MIGRATIONS) assert.ok(m.description.length > 0);
});

test('an empty folder gets every step, recorded one row each in schema_version', (t) => {
  const dir = tempDataDir(t);
  const { db } = openDatabase(dir, { now: tickingClock() });
  t.after(() => db.close());
  const rows = db.prepare<{ version: number }>('SELECT version FROM schema_version ORDER BY version').all();
  assert.deepEqual(rows.map((r) => r.version), [1, 2]);
  const tables = db.prepare<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all().map((r) => r.name);
  for (const name of ['preset_versions', 'presets', 'schema_version']) assert.ok(tables.includes(name), name);
});

test('a version-1 database is migrated to version 2 keeping its presets and history, with descriptions filled in', (t) => {
  const dir = tempDataDir(t);
  writeV1Database(dir);
  const store = openPresetStore(dir, { now: tickingClock() });
  t.after(() => store.close());
  assert.equal(store.diagnostics().schemaVersion, 2);
  const cortex = store.get('p1');
  assert.equal(cortex.name, 'Cortex drift');
  assert.equal(cortex.description, 'Layered hippocampus units', 'taken from the latest version');
  assert.equal(store.history('p1').length, 2);
  assert.equal(store.get('p2').description, '');
  assert.deepEqual(store.list({ search: 'HIPPOCAMPUS', includeBuiltins: false }).map((p) => p.id), ['p1']);
  assert.deepEqual(store.list({ includeBuiltins: false }).map((p) => p.id), ['p1', 'p2'], 'updated, newest first');
});

test('opening an up-to-date database runs no step again', (t) => {
  const dir = tempDataDir(t);
  openDatabase(dir).db.close();
  const { db } = openDatabase(dir);
  t.after(() => db.close());
  assert.equal(db.prepare<{ n: number }>('SELECT count(*) AS n FROM schema_version').get()?.n, SCHEMA_VERSION);
});

test('a step appended by another service runs on an existing database and its tables can reference presets', (t) => {
  const dir = tempDataDir(t);
  const first = openPresetStore(dir);
  const { id } = first.create(presetDoc('used by a job'));
  first.close();
  const jobsStep: SchemaMigration = {
    version: SCHEMA_VERSION + 1,
    description: 'jobs (test)',
    up(db) { db.exec('CREATE TABLE jobs (id INTEGER PRIMARY KEY, preset_id TEXT NOT NULL REFERENCES presets (id))'); },
  };
  const { db, schemaVersion } = openDatabase(dir, { migrations: [...SCHEMA_MIGRATIONS, jobsStep] });
  t.after(() => db.close());
  assert.equal(schemaVersion, SCHEMA_VERSION + 1);
  db.prepare('INSERT INTO jobs (preset_id) VALUES (?)').run(id);
  assert.throws(() => db.prepare('INSERT INTO jobs (preset_id) VALUES (?)').run('no such preset'), /FOREIGN KEY/);
});

test('a step that fails leaves the database at the previous version, with none of its changes', (t) => {
  const dir = tempDataDir(t);
  openDatabase(dir).db.close();
  const broken: SchemaMigration = {
    version: SCHEMA_VERSION + 1,
    description: 'broken',
    up(db) { db.exec('CREATE TABLE half_done (x INTEGER); SELECT * FROM no_such_table'); },
  };
  assert.throws(() => openDatabase(dir, { migrations: [...SCHEMA_MIGRATIONS, broken] }), (e: unknown) => e instanceof PresetStoreError
    && e.kind === 'unavailable' && /could not be brought up to date \(schema step 3 \(broken\) failed: no such table: no_such_table\)/.test(e.message));
  const db = openSqlite(join(dir, DATABASE_FILE_NAME));
  t.after(() => db.close());
  assert.equal(readSchemaVersion(db), SCHEMA_VERSION);
  assert.equal(db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'half_done'").get(), undefined);
});

test('migration steps numbered out of order are refused before anything runs', (t) => {
  const dir = tempDataDir(t);
  const misnumbered = [SCHEMA_MIGRATIONS[0], { ...SCHEMA_MIGRATIONS[1], version: 3 }];
  assert.throws(() => openDatabase(dir, { migrations: misnumbered }), /numbered 3/);
});
