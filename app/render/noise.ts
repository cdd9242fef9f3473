/**
 * Noise rendering (public entry): SpikeInterface's on-the-fly block noise (`NoiseGeneratorRecording`,
 * generation/noise_tools.py) — white bit for bit, spatially correlated through a sparse Cholesky factor — plus
 * our 1/f colouring and far-units background. See noise-block.ts for what a block depends on.
 *
 * Main thread: `renderNoiseWindow(model, ctx, start, end, out)` (prepares on first use, caches two blocks).
 * Workers: `toShared(prepareNoise(model, ctx))` once, then in each worker `fromShared` + `renderPreparedWindow`
 * with its own `createNoiseWindowCache`.
 */
export { prepareNoise, toShared, fromShared, type NoiseContext, type PreparedNoise, type SharedPreparedNoise } from './noise-prepare.ts';
export { renderNoiseBlock, renderPreparedBlock, createNoiseScratch, preparedFor, STREAM_PREROLL, type NoiseScratch } from './noise-block.ts';
export { renderNoiseWindow, renderPreparedWindow, createNoiseWindowCache, cachedBlock, type NoiseWindowCache } from './noise-window.ts';
export { whiteNoiseBlock, blockGeneratorState, fillScaledNormalsF32, type PcgWords } from './noise-white.ts';
export { sparseCholesky, factorError, depthOrder, type SparseFactor } from './noise-cholesky.ts';
export { designColouredFilter, type ColouredFilter } from './noise-spectrum.ts';
export { FAR_UNIT_TEMPLATE_DEFAULTS, farUnitSpikes, type FarUnitTemplateOptions, type PreparedFarUnits } from './far-units.ts';
