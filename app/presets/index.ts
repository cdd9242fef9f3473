export * from './types.ts';
export * from './problems.ts';
export { validatePreset, parsePresetText, problemsText, type ValidationResult } from './validate.ts';
export { migratePreset, CURRENT_PRESET_VERSION, MIGRATIONS, type Migration } from './migrations.ts';
export { resolveParams, type ResolvedParams, type ResolvedMotion, type ProbeSource } from './resolve.ts';
export { DRIFTING_DEFAULTS, FUNCTION_DEFAULTS, DEFAULT_UNIT_PARAMS_RANGE } from './defaults.ts';
export { NAMED_PROBE_CHANNELS } from './probe-channels.ts';
