/**
 * The schema of the app's database, as a list of numbered steps. `schema_version` holds one row per applied step;
 * at start-up every step above the file's version runs, each in its own transaction with its row, so a crash
 * leaves the file at the last whole step.
 *
 * How another service (jobs, datasets...) adds its tables: write its step in its own folder, e.g.
 *
 *     // main/services/jobs/schema.ts
 *     export const jobsTables: SchemaMigration = { version: 3, description: 'jobs table', up(db) { db.exec(`...`) } };
 *
 * then import it here and append it to SCHEMA_MIGRATIONS with the next number. Rules: never edit, renumber or remove
 * a step that has been released (a database in the field already ran it: change the schema with a new step);
 * versions are 1, 2, 3... with no gaps (a test holds this); `PRAGMA foreign_keys` cannot change inside the step's
 * transaction, so a table rebuild follows SQLite's 12-step ALTER recipe without it; add a test that opens a database
 * of the previous version with data and checks what your step did.
 */
import type { SqliteDatabase } from './sqlite.ts';

export interface SchemaMigration {
  /** 1 for the first step, then one more for each */
  readonly version: number;
  /** what the step does, in a few words (kept in schema_version) */
  readonly description: string;
  up(db: SqliteDatabase): void;
}

const presetsTables: SchemaMigration = {
  version: 1,
  description: 'presets, preset_versions (history), soft delete',
  up(db) {
    db.exec(`
      CREATE TABLE presets (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        created TEXT NOT NULL,
        updated TEXT NOT NULL,
        deleted_at TEXT
      );
      -- names are unique among presets not in the trash (case-insensitive)
      CREATE UNIQUE INDEX presets_live_name ON presets (name COLLATE NOCASE) WHERE deleted_at IS NULL;
      CREATE TABLE preset_versions (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        preset_id TEXT NOT NULL REFERENCES presets (id) ON DELETE CASCADE,
        saved_at TEXT NOT NULL,
        document TEXT NOT NULL,
        valid INTEGER NOT NULL CHECK (valid IN (0, 1)),
        problems TEXT NOT NULL DEFAULT '[]'
      );
      CREATE INDEX preset_versions_by_preset ON preset_versions (preset_id, id);
    `);
  },
};

const presetsDescription: SchemaMigration = {
  version: 2,
  description: 'presets.description for search, index on presets.updated',
  up(db) {
    db.exec(`
      ALTER TABLE presets ADD COLUMN description TEXT NOT NULL DEFAULT '';
      UPDATE presets SET description = coalesce((
        SELECT json_extract(v.document, '$.description') FROM preset_versions v
        WHERE v.preset_id = presets.id AND json_valid(v.document) AND json_type(v.document, '$.description') = 'text'
        ORDER BY v.id DESC LIMIT 1), '');
      CREATE INDEX presets_by_updated ON presets (updated);
    `);
  },
};

/** Every step of the schema, in order. Append only (see above). */
export const SCHEMA_MIGRATIONS: readonly SchemaMigration[] = [presetsTables, presetsDescription];

/** The schema version this build of the app writes. */
export const SCHEMA_VERSION = SCHEMA_MIGRATIONS.length;

/** The version of the database's schema: 0 for a new, empty file. */
export function readSchemaVersion(db: SqliteDatabase): number {
  const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'").get();
  if (!table) return 0;
  const row = db.prepare<{ v: number | null }>('SELECT max(version) AS v FROM schema_version').get();
  return row?.v ?? 0;
}

/** A step that failed (its transaction rolled back). Keeps SQLite's code: a corrupt file must still be recognised. */
export class SchemaStepError extends Error {
  readonly code: unknown;
  constructor(step: SchemaMigration, cause: unknown) {
    super(`schema step ${step.version} (${step.description}) failed: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'SchemaStepError';
    this.code = (cause as { code?: unknown } | null)?.code;
  }
}

/** Runs the steps above the file's version; returns the versions it applied. */
export function runMigrations(db: SqliteDatabase, migrations: readonly SchemaMigration[], now: () => Date): number[] {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`schema migration ${i + 1} is numbered ${m.version}: number the steps 1, 2, 3... in order`);
  });
  db.exec(`CREATE TABLE IF NOT EXISTS schema_version (
    version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const from = readSchemaVersion(db);
  const record = db.prepare('INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)');
  const applied: number[] = [];
  for (const m of migrations.slice(from)) {
    try {
      db.transaction(() => {
        m.up(db);
        record.run(m.version, m.description, now().toISOString());
      })();
    } catch (e) {
      throw new SchemaStepError(m, e);
    }
    applied.push(m.version);
  }
  return applied;
}
