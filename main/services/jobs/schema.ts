/**
 * The jobs table, a step of the app database's schema (main/services/presets/migrations.ts). A job row is written
 * when the job is queued and updated at each state change, so a crash leaves `queued`/`running` rows that the next
 * start marks `interrupted` (see job-store.ts).
 */
import type { SchemaMigration } from '../presets/migrations.ts';

export const jobsTables: SchemaMigration = {
  version: 3,
  description: 'jobs (generation queue and history)',
  up(db) {
    db.exec(`
      CREATE TABLE jobs (
        id TEXT PRIMARY KEY,
        preset_id TEXT,
        preset_name TEXT NOT NULL,
        out TEXT NOT NULL,
        options TEXT NOT NULL DEFAULT '{}',
        state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'completed', 'failed', 'cancelled', 'interrupted')),
        created TEXT NOT NULL,
        finished TEXT,
        fraction REAL NOT NULL DEFAULT 0,
        chunks_done INTEGER NOT NULL DEFAULT 0,
        chunks_total INTEGER NOT NULL DEFAULT 0,
        error TEXT
      );
      CREATE INDEX jobs_by_state ON jobs (state);
      CREATE INDEX jobs_by_created ON jobs (created);
    `);
  },
};
