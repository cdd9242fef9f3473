export * from './types.ts';
export * from './problems.ts';
export {
  validatePreset, parsePresetText, problemsText, validatePresetOfAnyKind, parseAnyPresetText, type ValidationResult, type AnyValidationResult,
} from './validate.ts';
export * from './hybrid-types.ts';
export { validateHybridPreset, type HybridValidationResult } from './hybrid-validate.ts';
export { resolveHybridParams, HYBRID_DEFAULTS, type ResolvedHybridParams } from './hybrid-resolve.ts';
export { migratePreset, CURRENT_PRESET_VERSION, MIGRATIONS, type Migration } from './migrations.ts';
export { resolveParams, type ResolvedParams, type ResolvedMotion, type ProbeSource } from './resolve.ts';
export { DRIFTING_DEFAULTS, FUNCTION_DEFAULTS, DEFAULT_UNIT_PARAMS_RANGE } from './defaults.ts';
export { NAMED_PROBE_CHANNELS } from './probe-channels.ts';
