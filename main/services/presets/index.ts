/** The presets service: `openPresetStore(dataDir)` and what it hands out. */
export { openPresetStore, type PresetStoreOptions } from './preset-store.ts';
export { PresetStoreError, READ_ONLY_MESSAGE, type PresetStoreErrorKind, type PresetStoreErrorDetails } from './errors.ts';
export { DATABASE_FILE_NAME, openDatabase, type OpenDatabaseOptions, type OpenedDatabase } from './database.ts';
export { SCHEMA_MIGRATIONS, SCHEMA_VERSION, runMigrations, readSchemaVersion, type SchemaMigration } from './migrations.ts';
export { canonicalJson } from './documents.ts';
export type * from './types.ts';
