// Hybrid recordings, parts 2 and 3: the SpikeInterface template database client and the template tools.
// Node-only (fs, http via fetch, crypto): import from 'app/hybrid/index.ts', never from the renderer.
export { makeTemplates, selectUnits, channelLocationsOf, withTemplatesArray, type Templates, type TemplatesInit, type TemplateId } from './templates-object.ts';
export { TemplateDatabaseClient, DEFAULT_TEMPLATE_DATABASE_URL, type TemplateDatabaseOptions, type CallOptions } from './template-database.ts';
export { TemplateDatabaseError, isTransient, type TemplateDatabaseErrorKind } from './template-database-errors.ts';
export { TemplateCache, type CacheEntry } from './template-database-cache.ts';
export {
  parseTemplatesCsv, queryTemplateRows, listDatasets,
  type TemplateInfoRow, type TemplatesTable, type TemplateRowQuery, type TemplatesCsvLayout,
} from './template-database-csv.ts';
export { loadTemplatesFromZarrFolder } from './template-local-store.ts';
export type { ReadTemplatesOptions } from './template-zarr-read.ts';
export type { ZarrValues } from './template-zarr-values.ts';
export {
  mainChannelIndices, templateAmplitudes, selectTemplates, scaleTemplateToRange,
  type AmplitudeFunction, type SelectTemplatesOptions, type ScaleToRangeOptions, type PeakSign, type PeakMode,
} from './template-tools-amplitude.ts';
export { relocateTemplates, type RelocateOptions, type RelocateResult } from './template-tools-relocate.ts';
export { interpolateTemplates, moveDenseTemplates, type InterpolationMethod, type DenseArray } from './template-interpolate.ts';
export { griddata, planGriddata, runGriddata, type GriddataMethod } from './griddata.ts';
export { estimateUnitLocationsMonopolar, solveMonopolar, initialGuessAndBounds, type MonopolarOptions } from './monopolar-triangulation.ts';
export { boundedLeastSquares, type LeastSquaresProblem, type LeastSquaresOptions, type LeastSquaresResult } from './bounded-least-squares.ts';
