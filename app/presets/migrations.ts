/**
 * Preset versions. A document of an older version is brought forward one step at a time by the functions
 * registered here (key = the version they read). Version 1 is the first, so the registry is empty; version 2
 * adds its step as `MIGRATIONS[1] = (doc) => ...` and raises CURRENT_PRESET_VERSION.
 */
import type { Problem } from './problems.ts';

export const CURRENT_PRESET_VERSION = 1;

export type Migration = (doc: Record<string, unknown>) => Record<string, unknown>;

export const MIGRATIONS: Readonly<Record<number, Migration>> = {};

export type MigrationResult = { ok: true; doc: unknown; migratedFrom?: number } | { ok: false; problems: Problem[] };

export function migratePreset(
  doc: unknown, registry: Readonly<Record<number, Migration>> = MIGRATIONS, target = CURRENT_PRESET_VERSION,
): MigrationResult {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    return { ok: false, problems: [{ path: '', message: 'a preset must be a JSON object such as {"format": "spikegen-preset", "version": 1, ...}' }] };
  }
  let current = doc as Record<string, unknown>;
  const from = current.version;
  if (typeof from !== 'number' || !Number.isInteger(from)) return { ok: true, doc }; // the schema reports it
  if (from > target) {
    return { ok: false, problems: [{ path: 'version', message: `this preset is version ${from}, written by a newer Spikegen Studio; this one reads up to version ${target}: update the app` }] };
  }
  for (let v = from; v < target; v++) {
    const step = registry[v];
    if (!step) return { ok: false, problems: [{ path: 'version', message: `no migration from preset version ${v} to ${v + 1} exists` }] };
    current = step(current);
  }
  return { ok: true, doc: current, migratedFrom: from === target ? undefined : from };
}
