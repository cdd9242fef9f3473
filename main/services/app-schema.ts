/**
 * Every step of the app database's schema: the presets service's steps, then the tables of jobs, the datasets
 * catalogue and settings, in the same `presets.db` so one file holds the app's state and one migration mechanism
 * (main/services/presets/migrations.ts) upgrades it. The presets store is opened with this list by
 * createServices; moving these three steps into SCHEMA_MIGRATIONS itself is the presets engineer's call (their tests
 * pin the presets-only version), and either way the numbers below must never change once released.
 */
import { SCHEMA_MIGRATIONS, type SchemaMigration } from './presets/migrations.ts';
import { datasetsTables } from './datasets/schema.ts';
import { datasetsKindColumn } from './datasets/schema-kind.ts';
import { jobsTables } from './jobs/schema.ts';
import { settingsTable } from './settings/schema.ts';

const OWN_STEPS = [jobsTables, datasetsTables, settingsTable, datasetsKindColumn];

/** The presets steps plus ours (those the presets list does not already carry). */
export const APP_SCHEMA_MIGRATIONS: readonly SchemaMigration[] = [...SCHEMA_MIGRATIONS, ...OWN_STEPS.filter((m) => !SCHEMA_MIGRATIONS.includes(m))];
