/**
 * The engine's public entry: `buildGroundTruth(preset) -> GroundTruth` and the preset tools. Everything here is
 * pure (no Electron, no DOM, no files) apart from app/formats and app/hybrid, imported from their own paths.
 */
export { buildGroundTruth, type BuildOptions } from './generation/ground-truth.ts';
export type { GroundTruth, DisplacementModel } from './generation/ground-truth-types.ts';
export * from './presets/index.ts';
export { APP_VERSION, SPIKEINTERFACE_REFERENCE } from './version.ts';
