/**
 * Opening the database file: pragmas, a corruption check, the schema version check, migrations.
 *
 * A damaged file (not SQLite at all, truncated, garbled pages) is never overwritten or deleted: it is renamed to
 * `presets.db.corrupt-<timestamp>` (with its -wal/-shm files) and a fresh database is created, and the store reports
 * what happened through `recovery` so the UI can tell the user where the old file is. Refusing to start instead
 * would leave the user with no app at all and nothing to do about it; the moved file can still be rescued with
 * SQLite's `.recover`. A database of a newer schema is refused and left untouched: downgrading it would lose data.
 */
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { PresetStoreError } from './errors.ts';
import { readSchemaVersion, runMigrations, SCHEMA_MIGRATIONS, SchemaStepError, type SchemaMigration } from './migrations.ts';
import { openSqlite, sqliteCode, type SqliteDatabase } from './sqlite.ts';

export const DATABASE_FILE_NAME = 'presets.db';

export interface OpenDatabaseOptions {
  /** the schema steps to run; tests give a prefix to make older databases */
  migrations?: readonly SchemaMigration[];
  now?: () => Date;
}

export interface OpenedDatabase {
  db: SqliteDatabase;
  path: string;
  schemaVersion: number;
  /** set when a damaged file was moved aside and a fresh database created */
  recovery: PresetStoreError | null;
}

/** SQLite's codes for "this file is not a (sound) database", as opposed to locks, permissions or a full disk. */
const CORRUPT_CODES = /^SQLITE_(NOTADB|CORRUPT)/;

class DamagedFile extends Error {}

export function openDatabase(dataDir: string, options: OpenDatabaseOptions = {}): OpenedDatabase {
  const migrations = options.migrations ?? SCHEMA_MIGRATIONS;
  const now = options.now ?? (() => new Date());
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, DATABASE_FILE_NAME);
  try {
    return { ...openChecked(path, migrations, now), path, recovery: null };
  } catch (e) {
    if (!(e instanceof DamagedFile)) throw e;
    const movedTo = moveAside(path, now());
    const recovery = new PresetStoreError('corrupt-database',
      `the presets database was damaged (${e.message}), so it was moved to ${movedTo} and a new, empty one was created: `
      + 'your own presets are in the moved file; the built-in presets are still here', { path, movedTo, cause: e.message });
    return { ...openChecked(path, migrations, now), path, recovery };
  }
}

function openChecked(path: string, migrations: readonly SchemaMigration[], now: () => Date): { db: SqliteDatabase; schemaVersion: number } {
  let db: SqliteDatabase;
  try {
    db = openSqlite(path, { timeout: 5000 });
  } catch (e) {
    throw unavailable(path, e);
  }
  try {
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new DamagedFile(`SQLite's check says: ${String(check)}`);
    const version = readSchemaVersion(db);
    if (version > migrations.length) {
      throw new PresetStoreError('newer-database',
        `the presets database ${path} was written by a newer Spikegen Studio (schema version ${version}; this one knows up to `
        + `${migrations.length}): update the app, or start it with another --data-dir; the file was left unchanged`,
        { path, schemaVersion: version, supportedVersion: migrations.length });
    }
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    runMigrations(db, migrations, now);
    return { db, schemaVersion: readSchemaVersion(db) };
  } catch (e) {
    db.close();
    if (e instanceof DamagedFile || e instanceof PresetStoreError) throw e;
    const code = sqliteCode(e);
    if (code && CORRUPT_CODES.test(code)) throw new DamagedFile(e instanceof Error ? e.message : String(e));
    if (e instanceof SchemaStepError) {
      throw new PresetStoreError('unavailable', `the presets database ${path} could not be brought up to date (${e.message}); `
        + 'it was left as it was before that step: report this, with the file', { path, cause: e.message });
    }
    throw unavailable(path, e);
  }
}

function unavailable(path: string, e: unknown): PresetStoreError {
  const cause = e instanceof Error ? e.message : String(e);
  return new PresetStoreError('unavailable',
    `the presets database ${path} could not be opened (${cause}): check that the folder is writable and that no other `
    + 'Spikegen Studio uses it', { path, cause });
}

/** Renames the file (and its WAL and shared-memory files) to a name that exists nowhere yet; returns the new path. */
function moveAside(path: string, when: Date): string {
  const stamp = when.toISOString().replace(/[:.]/g, '-');
  let target = `${path}.corrupt-${stamp}`;
  for (let n = 1; [target, `${target}-wal`, `${target}-shm`].some(existsSync); n++) target = `${path}.corrupt-${stamp}-${n}`;
  renameSync(path, target);
  for (const suffix of ['-wal', '-shm']) if (existsSync(path + suffix)) renameSync(path + suffix, target + suffix);
  return target;
}
