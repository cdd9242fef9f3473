/**
 * The datasets catalogue table, a step of the app database's schema (main/services/presets/migrations.ts). It holds
 * what `dataset.json` said when the dataset was finished, so the list shows sizes and counts without reading every
 * folder; `path` is unique because one folder is one dataset.
 */
import type { SchemaMigration } from '../presets/migrations.ts';

export const datasetsTables: SchemaMigration = {
  version: 4,
  description: 'datasets catalogue',
  up(db) {
    db.exec(`
      CREATE TABLE datasets (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        path TEXT NOT NULL UNIQUE,
        created TEXT NOT NULL,
        total_bytes INTEGER NOT NULL,
        duration_s REAL NOT NULL,
        num_channels INTEGER NOT NULL,
        num_units INTEGER NOT NULL,
        num_spikes INTEGER NOT NULL,
        dtype TEXT NOT NULL CHECK (dtype IN ('int16', 'float32'))
      );
      CREATE INDEX datasets_by_created ON datasets (created);
    `);
  },
};
