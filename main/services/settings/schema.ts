/**
 * The settings table, a step of the app database's schema (main/services/presets/migrations.ts): one JSON value per
 * key, so a new setting needs no schema step — an absent key takes its default.
 */
import type { SchemaMigration } from '../presets/migrations.ts';

export const settingsTable: SchemaMigration = {
  version: 5,
  description: 'settings (key, JSON value)',
  up(db) {
    db.exec('CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
  },
};
