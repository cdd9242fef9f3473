/**
 * The built-in presets (app/presets/builtins.ts) in the service's shapes. They live in code, not in the database:
 * a new app version can improve them without a migration, and they cannot be changed by accident.
 */
import { BUILTIN_PRESETS, BUILTINS_REVISED, type BuiltinPreset } from '../../../app/presets/builtins.ts';
import type { PresetRecord, PresetSummary, PresetVersion } from './types.ts';

/** The one version a built-in has. */
export const BUILTIN_VERSION_ID = 0;

export function builtinSummary(b: BuiltinPreset): PresetSummary {
  return {
    id: b.id, name: b.document.name, description: b.document.description ?? '', builtin: true,
    created: BUILTINS_REVISED, updated: BUILTINS_REVISED, valid: true,
  };
}

export function builtinRecord(b: BuiltinPreset): PresetRecord {
  return { ...builtinSummary(b), document: structuredClone(b.document), versionId: BUILTIN_VERSION_ID, problems: [] };
}

export function builtinVersion(b: BuiltinPreset): PresetVersion {
  return {
    versionId: BUILTIN_VERSION_ID, savedAt: BUILTINS_REVISED, valid: true, problems: [], name: b.document.name,
    document: structuredClone(b.document),
  };
}

export function builtinSummaries(): PresetSummary[] {
  return BUILTIN_PRESETS.map(builtinSummary);
}
