/**
 * The structure of a version-1 preset as a zod schema: types, required fields, allowed values, unknown keys.
 * Cross-field rules (per-unit list lengths, refractory period versus firing rate, drift timing) live in
 * `rules.ts`; zod issues become sentences in `issue-text.ts`.
 */
import { z } from 'zod';

const num = z.number();
const positive = z.number().positive();
const nonNegative = z.number().nonnegative();
const posInt = z.number().int().positive();
const nonNegInt = z.number().int().nonnegative();

/** A strict object whose unknown-key message lists the known keys. */
export function obj<T extends z.ZodRawShape>(shape: T) {
  const known = Object.keys(shape).join(', ');
  return z.strictObject(shape, {
    error: (iss) => (iss.code === 'unrecognized_keys' ? `known keys here: ${known}` : undefined),
  });
}

const PARAM_SPEC_TEXT = 'must be a number, {"range": [low, high]} for a uniform draw, or a list with one value per unit';
export const paramSpec = z.union([num, obj({ range: z.tuple([num, num]) }), z.array(num)], { error: PARAM_SPEC_TEXT });
const xy = z.tuple([num, num]);

const motionEntry = obj({
  drift_mode: z.enum(['zigzag', 'bump', 'bumps', 'random_walk']).optional(),
  amplitude_factor: num.optional(),
  non_rigid_gradient: num.nullable().optional(),
  t_start_drift: nonNegative.nullable().optional(),
  t_end_drift: nonNegative.nullable().optional(),
  period_s: positive.optional(),
  bump_interval_s: z.tuple([positive, positive]).optional(),
});

const probeKwargs = obj({
  num_columns: posInt.optional(),
  num_contact_per_column: z.union([posInt, z.array(posInt)]).optional(),
  xpitch: nonNegative.optional(),
  ypitch: nonNegative.optional(),
  y_shift_per_column: z.array(num).nullable().optional(),
  contact_shapes: z.enum(['circle', 'rect', 'square']).optional(),
  contact_shape_params: z.record(z.string(), positive).optional(),
});

export const unitLocationsKwargs = obj({
  margin_um: num.optional(),
  minimum_z: num.optional(),
  maximum_z: num.optional(),
  minimum_distance: nonNegative.nullable().optional(),
  max_iteration: nonNegInt.optional(),
  distance_strict: z.boolean().optional(),
  distribution: z.enum(['uniform', 'multimodal']).optional(),
  num_modes: posInt.optional(),
});

export const displacementKwargs = obj({
  displacement_sampling_frequency: positive.optional(),
  drift_start_um: xy.optional(),
  drift_stop_um: xy.optional(),
  drift_step_um: positive.optional(),
  motion_list: z.array(motionEntry).optional(),
});

export const templatesKwargs = obj({
  ms_before: positive.optional(),
  ms_after: positive.optional(),
  mode: z.enum(['sphere', 'ellipsoid']).optional(),
  spatial_profile: z.enum(['exponential', 'power']).optional(),
  upsample_factor: posInt.nullable().optional(),
  unit_params: obj({
    alpha: paramSpec.optional(), depolarization_ms: paramSpec.optional(), repolarization_ms: paramSpec.optional(),
    recovery_ms: paramSpec.optional(), positive_amplitude: paramSpec.optional(), smooth_ms: paramSpec.optional(),
    spatial_decay: paramSpec.optional(), propagation_speed: paramSpec.nullable().optional(), ellipse_shrink: paramSpec.optional(),
    ellipse_angle: paramSpec.optional(), spatial_power: paramSpec.optional(),
  }).optional(),
});

export const sortingKwargs = obj({
  firing_rates: paramSpec.optional(),
  refractory_period_ms: nonNegative.optional(),
  add_spikes_on_borders: z.boolean().optional(),
  num_spikes_per_border: nonNegInt.optional(),
  border_size_samples: nonNegInt.optional(),
});

const noiseKwargs = obj({
  noise_levels: z.union([nonNegative, obj({ range: z.tuple([nonNegative, nonNegative]) }), z.array(nonNegative)], {
    error: 'must be a number, {"range": [low, high]} for a uniform draw, or a list with one value per channel',
  }).optional(),
  spatial_decay: positive.nullable().optional(),
  noise_block_size: posInt.optional(),
  // ours: "numpy" (default) = SpikeInterface's noise bit for bit; "fast" = xoshiro128** through the same ziggurat
  noise_generator: z.enum(['auto', 'numpy', 'fast']).optional(),
  spectrum: obj({ exponent: z.number().min(0).max(3), f_min_hz: positive.optional() }).nullable().optional(),
  far_units: obj({
    num_units: nonNegInt, firing_rates: paramSpec.optional(), minimum_z: nonNegative.optional(),
    maximum_z: positive.optional(), margin_um: num.optional(),
  }).nullable().optional(),
});

export const givenSorting = obj({ sample_index: z.array(nonNegInt), unit_index: z.array(nonNegInt) });

const givenDisplacement = obj({
  displacement_sampling_frequency: positive,
  displacement_vectors: z.array(z.array(z.array(num))),
  displacement_unit_factor: z.array(z.array(num)),
  displacements_steps: z.array(xy),
});

/** numbers up to 2**53; larger numpy seeds (up to 2**128) as a decimal string, since JSON numbers would round */
export const seedSchema = z.union([z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER), z.string().regex(/^\d{1,39}$/)], {
  error: 'must be a non-negative whole number (as a decimal string above 2**53), or null for a random seed',
}).nullable().optional();

export const driftingParams = obj({
  num_units: nonNegInt.optional(),
  duration: positive.optional(),
  sampling_frequency: positive.optional(),
  probe_name: z.string().min(1).optional(),
  probe: z.record(z.string(), z.unknown()).optional(),
  generate_probe_kwargs: probeKwargs.nullable().optional(),
  seed: seedSchema,
  unit_locations: z.array(z.tuple([num, num, num])).nullable().optional(),
  generate_unit_locations_kwargs: unitLocationsKwargs.optional(),
  displacement_data: givenDisplacement.nullable().optional(),
  generate_displacement_vector_kwargs: displacementKwargs.optional(),
  generate_templates_kwargs: templatesKwargs.optional(),
  sorting: givenSorting.nullable().optional(),
  generate_sorting_kwargs: sortingKwargs.optional(),
  generate_noise_kwargs: noiseKwargs.optional(),
  amplitude_std: nonNegative.nullable().optional(),
  amplitude_factor: z.array(num).nullable().optional(),
});

export const outputSettings = obj({
  folder: z.string().optional(),
  dtype: z.enum(['int16', 'float32']).optional(),
  chunk_seconds: positive.optional(),
  exports: obj({ kilosort: z.boolean().optional(), spikeglx: z.boolean().optional() }).optional(),
});

export const presetV1 = obj({
  format: z.literal('spikegen-preset'),
  version: z.literal(1),
  name: z.string().min(1),
  description: z.string().optional(),
  kind: z.literal('drifting'),
  params: driftingParams,
  output: outputSettings.optional(),
  provenance: obj({ app_version: z.string(), resolved_seed: z.union([z.number(), z.string()]), created: z.string().optional() }).optional(),
});
