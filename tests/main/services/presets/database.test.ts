import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DATABASE_FILE_NAME, openPresetStore, PresetStoreError, SCHEMA_VERSION,
} from '../../../../main/services/presets/index.ts';
import { openSqlite } from '../../../../main/services/presets/sqlite.ts';
import { presetDoc, tempDataDir, tickingClock } from './helpers.ts';

/** Writes a database with enough presets to span many pages, closes it, and returns its path. */
function filledDatabase(dir: string): string {
  const store = openPresetStore(dir, { now: tickingClock() });
  for (let i = 0; i < 40; i++) store.create(presetDoc(`preset ${i}`, {}, { description: 'x'.repeat(2000) }));
  store.close();
  return join(dir, DATABASE_FILE_NAME);
}

const corruptFiles = (dir: string) => readdirSync(dir).filter((f) => f.startsWith(`${DATABASE_FILE_NAME}.corrupt-`));

test('the database is created in the data folder (made if missing) with WAL, foreign keys on and the current schema', (t) => {
  const dir = join(tempDataDir(t), 'nested', 'data');
  const store = openPresetStore(dir);
  t.after(() => store.close());
  const d = store.diagnostics();
  assert.equal(d.path, join(dir, DATABASE_FILE_NAME));
  assert.ok(existsSync(d.path));
  assert.equal(d.journalMode, 'wal');
  assert.equal(d.foreignKeys, true);
  assert.equal(d.schemaVersion, SCHEMA_VERSION);
  assert.equal(store.recovery, null);
});

test('presets survive closing and reopening the database', (t) => {
  const dir = tempDataDir(t);
  const first = openPresetStore(dir);
  const { id } = first.create(presetDoc('kept'));
  first.close();
  const second = openPresetStore(dir);
  t.after(() => second.close());
  assert.equal(second.get(id).name, 'kept');
});

test('a file of random bytes is moved aside to presets.db.corrupt-<timestamp>, kept intact, and a fresh database is created', (t) => {
  const dir = tempDataDir(t);
  const garbage = randomBytes(8192);
  writeFileSync(join(dir, DATABASE_FILE_NAME), garbage);
  const store = openPresetStore(dir, { now: () => new Date('2026-03-04T05:06:07.089Z') });
  t.after(() => store.close());
  assert.deepEqual(corruptFiles(dir), ['presets.db.corrupt-2026-03-04T05-06-07-089Z']);
  assert.deepEqual(readFileSync(join(dir, 'presets.db.corrupt-2026-03-04T05-06-07-089Z')), garbage);
  assert.ok(store.recovery instanceof PresetStoreError);
  assert.equal(store.recovery.kind, 'corrupt-database');
  assert.match(store.recovery.message, /damaged .* moved to .*presets\.db\.corrupt-2026-03-04T05-06-07-089Z and a new, empty one was created/s);
  assert.equal(store.recovery.details.movedTo, join(dir, 'presets.db.corrupt-2026-03-04T05-06-07-089Z'));
  assert.equal(store.list({ includeBuiltins: false }).length, 0);
  assert.equal(store.list().length, 3, 'the built-ins are still listed');
  store.create(presetDoc('works again'));
});

test('a truncated SQLite file is detected as damaged and moved aside', (t) => {
  const dir = tempDataDir(t);
  const path = filledDatabase(dir);
  truncateSync(path, Math.floor(statSync(path).size / 2));
  const truncatedSize = statSync(path).size;
  const store = openPresetStore(dir);
  t.after(() => store.close());
  assert.equal(store.recovery?.kind, 'corrupt-database');
  const [moved] = corruptFiles(dir);
  assert.equal(statSync(join(dir, moved)).size, truncatedSize);
  assert.equal(store.list({ includeBuiltins: false }).length, 0);
});

test('a SQLite file with garbled pages is detected as damaged and moved aside', (t) => {
  const dir = tempDataDir(t);
  const path = filledDatabase(dir);
  const bytes = readFileSync(path);
  randomBytes(bytes.length - 8192).copy(bytes, 8192); // keep the header and the first pages, garble the rest
  writeFileSync(path, bytes);
  const store = openPresetStore(dir);
  t.after(() => store.close());
  assert.equal(store.recovery?.kind, 'corrupt-database');
  assert.equal(corruptFiles(dir).length, 1);
});

test('a damaged file never overwrites an earlier one moved aside at the same time', (t) => {
  const dir = tempDataDir(t);
  const when = () => new Date('2026-03-04T05:06:07.089Z');
  writeFileSync(join(dir, DATABASE_FILE_NAME), 'first damaged file');
  openPresetStore(dir, { now: when }).close();
  writeFileSync(join(dir, DATABASE_FILE_NAME), 'second damaged file');
  const store = openPresetStore(dir, { now: when });
  t.after(() => store.close());
  const files = corruptFiles(dir).sort();
  assert.deepEqual(files, ['presets.db.corrupt-2026-03-04T05-06-07-089Z', 'presets.db.corrupt-2026-03-04T05-06-07-089Z-1']);
  assert.equal(readFileSync(join(dir, files[0]), 'utf8'), 'first damaged file');
  assert.equal(readFileSync(join(dir, files[1]), 'utf8'), 'second damaged file');
});

test('a database written by a newer schema version is refused with a sentence and left unchanged', (t) => {
  const dir = tempDataDir(t);
  const path = filledDatabase(dir);
  const db = openSqlite(path);
  db.prepare('INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)').run(SCHEMA_VERSION + 1, 'from the future', '2030-01-01');
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  const before = readFileSync(path);
  assert.throws(() => openPresetStore(dir), (e: unknown) => {
    assert.ok(e instanceof PresetStoreError);
    assert.equal(e.kind, 'newer-database');
    assert.equal(e.details.schemaVersion, SCHEMA_VERSION + 1);
    assert.match(e.message, /written by a newer Spikegen Studio \(schema version 3; this one knows up to 2\): update the app/);
    return true;
  });
  assert.deepEqual(readFileSync(path), before);
  assert.deepEqual(corruptFiles(dir), []);
});

test('errors cross the API as {kind, message, details}', () => {
  const e = new PresetStoreError('not-found', 'no preset has the id "x"', { id: 'x' });
  assert.deepEqual(JSON.parse(JSON.stringify(e)), { kind: 'not-found', message: 'no preset has the id "x"', details: { id: 'x' } });
});
