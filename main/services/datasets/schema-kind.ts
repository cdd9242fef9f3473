/**
 * A step of the app database's schema: the catalogue remembers each dataset's kind — "drifting" (static/ and
 * drifting/ recordings) or "hybrid" (a real recording and hybrid/) — so the list and the viewers know which
 * recordings to offer without opening every folder. Rows written before the step were all drifting datasets.
 */
import type { SchemaMigration } from '../presets/migrations.ts';

export const datasetsKindColumn: SchemaMigration = {
  version: 6,
  description: 'datasets kind',
  up(db) {
    db.exec(`ALTER TABLE datasets ADD COLUMN kind TEXT NOT NULL DEFAULT 'drifting' CHECK (kind IN ('drifting', 'hybrid'))`);
  },
};
