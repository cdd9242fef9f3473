/**
 * The structure of a hybrid preset (`"kind": "hybrid"`) as a zod schema, built from the same pieces as the drifting
 * one (schema.ts) so that a kwargs dict means the same thing in both. Cross-field rules are in hybrid-rules.ts.
 */
import { z } from 'zod';
import {
  displacementKwargs, givenSorting, obj, outputSettings, seedSchema, sortingKwargs, templatesKwargs,
  unitLocationsKwargs,
} from './schema.ts';

const num = z.number();
const positive = z.number().positive();
const nonNegative = z.number().nonnegative();
const posInt = z.number().int().positive();
const nonNegInt = z.number().int().nonnegative();
const path = z.string().min(1);

const perChannel = z.union([num, z.array(num)], { error: 'must be a number or a list with one value per channel' });

export const hybridRecording = obj({
  format: z.enum(['spikeglx', 'openephys', 'spikeinterface', 'raw']),
  path,
  stream: z.string().min(1).optional(),
  dtype: z.enum(['int16', 'uint16', 'int32', 'float32', 'float64']).optional(),
  num_channels: posInt.optional(),
  sampling_frequency: positive.optional(),
  gain_to_uV: perChannel.optional(),
  offset_to_uV: perChannel.optional(),
  time_axis: z.union([z.literal(0), z.literal(1)]).optional(),
  file_offset: nonNegInt.optional(),
  probe_path: z.string().min(1).optional(),
});

const TEMPLATES_TEXT = 'must be null (generated templates), {"source": "zarr", "path": ...} or {"source": "database", ...}';
export const hybridTemplates = z.discriminatedUnion('source', [
  obj({ source: z.literal('zarr'), path, unit_indices: z.array(nonNegInt).optional() }),
  obj({
    source: z.literal('database'), num_units: posInt.optional(), base_url: z.string().min(1).optional(),
    cache_folder: z.string().min(1).nullable().optional(),
    selection: z.array(obj({ dataset: z.string().min(1), template_index: nonNegInt })).min(1).optional(),
    query: obj({
      brain_areas: z.array(z.string()).optional(), datasets: z.array(z.string()).optional(), probe: z.string().optional(),
      min_depth: num.optional(), max_depth: num.optional(), min_amplitude: num.optional(), max_amplitude: num.optional(),
    }).optional(),
  }),
], { error: TEMPLATES_TEXT });

const direction = z.enum(['x', 'y'], { error: 'must be "x" or "y" (SpikeInterface does not inject 3-D motion)' });
const MOTION_TEXT = 'must be null (no motion) or an object whose "source" is "generated", "spikeinterface", "csv" or "npy"';
export const hybridMotion = z.discriminatedUnion('source', [
  obj({ source: z.literal('generated'), generate_displacement_vector_kwargs: displacementKwargs.optional() }),
  obj({ source: z.literal('spikeinterface'), path, segment_index: nonNegInt.optional() }),
  obj({ source: z.literal('csv'), path, direction: direction.optional() }),
  obj({
    source: z.literal('npy'), path, temporal_bins_s: z.array(num).min(1), spatial_bins_um: z.array(num).min(1),
    direction: direction.optional(),
  }),
], { error: MOTION_TEXT });

export const hybridSortingKwargs = obj({ ...sortingKwargs.shape, num_units: nonNegInt.optional() });

export const hybridParams = obj({
  recording: hybridRecording,
  templates: hybridTemplates.nullable().optional(),
  sorting: givenSorting.nullable().optional(),
  motion: hybridMotion.nullable().optional(),
  unit_locations: z.array(z.tuple([num, num, num])).nullable().optional(),
  drift_step_um: positive.optional(),
  upsample_factor: posInt.nullable().optional(),
  amplitude_std: nonNegative.nullable().optional(),
  amplitude_factor: z.array(num).nullable().optional(),
  generate_sorting_kwargs: hybridSortingKwargs.optional(),
  generate_unit_locations_kwargs: unitLocationsKwargs.optional(),
  generate_templates_kwargs: templatesKwargs.optional(),
  seed: seedSchema,
});

export const hybridPresetV1 = obj({
  format: z.literal('spikegen-preset'),
  version: z.literal(1),
  name: z.string().min(1),
  description: z.string().optional(),
  kind: z.literal('hybrid'),
  params: hybridParams,
  output: outputSettings.optional(),
  provenance: obj({ app_version: z.string(), resolved_seed: z.union([z.number(), z.string()]), created: z.string().optional() }).optional(),
});
