/**
 * SpikeInterface's defaults, at two levels, because a kwargs dict given in a preset replaces the default dict
 * as a Python call does:
 *  - DRIFTING_DEFAULTS: the defaults of `generate_drifting_recording` itself (used when a key is absent);
 *  - FUNCTION_DEFAULTS: the defaults of the functions those dicts are passed to (used for keys missing from a
 *    dict the user gave), e.g. `generate_unit_locations(maximum_z=40.0, minimum_distance=20.0)`.
 * Source: spikeinterface 0.105 generation/drifting_generator.py and core/generate.py, probeinterface generator.py.
 */
import type {
  GenerateDisplacementVectorKwargs, GenerateNoiseKwargs, GenerateProbeKwargs, GenerateSortingKwargs,
  GenerateTemplatesKwargs, GenerateUnitLocationsKwargs, MotionEntry, ParamSpec,
} from './types.ts';

/** `generate_drifting_recording(...)` signature defaults. */
export const DRIFTING_DEFAULTS = {
  num_units: 250,
  duration: 600.0,
  sampling_frequency: 30000.0,
  probe_name: 'Neuropixels1-128',
  generate_unit_locations_kwargs: {
    margin_um: 20.0, minimum_z: 5.0, maximum_z: 45.0, minimum_distance: 18.0, max_iteration: 100,
    distance_strict: false, distribution: 'uniform',
  } as GenerateUnitLocationsKwargs,
  generate_displacement_vector_kwargs: {
    displacement_sampling_frequency: 5.0, drift_start_um: [0, 20], drift_stop_um: [0, -20], drift_step_um: 1,
    motion_list: [{ drift_mode: 'zigzag', non_rigid_gradient: null, t_start_drift: 60.0, t_end_drift: null, period_s: 200 }],
  } as GenerateDisplacementVectorKwargs,
  generate_templates_kwargs: {
    ms_before: 1.5, ms_after: 3.0, mode: 'ellipsoid',
    unit_params: { alpha: { range: [100.0, 500.0] }, spatial_decay: { range: [10, 45] }, ellipse_shrink: { range: [0.4, 1] },
      ellipse_angle: { range: [0, Math.PI * 2] } },
  } as GenerateTemplatesKwargs,
  generate_sorting_kwargs: { firing_rates: { range: [2.0, 8.0] }, refractory_period_ms: 4.0 } as GenerateSortingKwargs,
  generate_noise_kwargs: { noise_levels: { range: [6.0, 8.0] }, spatial_decay: 25.0 } as GenerateNoiseKwargs,
  amplitude_std: null as number | null,
} as const;

/** Defaults of the functions the kwargs dicts are passed to. */
export const FUNCTION_DEFAULTS = {
  /** probeinterface `generate_multi_columns_probe` */
  generate_probe_kwargs: {
    num_columns: 3, num_contact_per_column: 10, xpitch: 20, ypitch: 20, y_shift_per_column: null,
    contact_shapes: 'circle', contact_shape_params: { radius: 6 },
  } as Required<GenerateProbeKwargs>,
  /** `generate_unit_locations` */
  generate_unit_locations_kwargs: {
    margin_um: 20.0, minimum_z: 5.0, maximum_z: 40.0, minimum_distance: 20.0, max_iteration: 100,
    distance_strict: false, distribution: 'uniform', num_modes: 2,
  } as Required<GenerateUnitLocationsKwargs>,
  /** `generate_displacement_vector` */
  generate_displacement_vector_kwargs: {
    displacement_sampling_frequency: 5.0, drift_start_um: [0, 30.0], drift_stop_um: [0, -30.0], drift_step_um: 1,
    motion_list: [{ drift_mode: 'zigzag', amplitude_factor: 1.0, non_rigid_gradient: null, t_start_drift: 60.0, t_end_drift: null, period_s: 200 }],
  } as Required<GenerateDisplacementVectorKwargs>,
  /** `make_one_displacement_vector` (each motion_list entry) plus `non_rigid_gradient` popped by the caller */
  motion: {
    drift_mode: 'zigzag', amplitude_factor: 1.0, non_rigid_gradient: null, t_start_drift: null, t_end_drift: null,
    period_s: 200, bump_interval_s: [30, 90.0],
  } as Required<MotionEntry>,
  /** `generate_templates`: ms_before and ms_after have no default there */
  generate_templates_kwargs: {
    mode: 'ellipsoid', spatial_profile: 'exponential', upsample_factor: null, unit_params: {},
  } as GenerateTemplatesKwargs,
  /** `generate_sorting` */
  generate_sorting_kwargs: {
    firing_rates: 3.0, refractory_period_ms: 4.0, add_spikes_on_borders: false, num_spikes_per_border: 3,
    border_size_samples: 20,
  } as Required<GenerateSortingKwargs>,
  /** `generate_noise` + NoiseGeneratorRecording's block size; spectrum and far_units are ours (off) */
  generate_noise_kwargs: {
    noise_levels: 15.0, spatial_decay: null, noise_block_size: 30000, spectrum: null, far_units: null,
  } as Required<GenerateNoiseKwargs>,
} as const;

/** `default_unit_params_range` of core/generate.py, in the order `_ensure_unit_params` draws them. */
export const DEFAULT_UNIT_PARAMS_RANGE: ReadonlyArray<readonly [string, ParamSpec]> = [
  ['alpha', { range: [100.0, 500.0] }],
  ['depolarization_ms', { range: [0.09, 0.14] }],
  ['repolarization_ms', { range: [0.5, 0.8] }],
  ['recovery_ms', { range: [1.0, 1.5] }],
  ['positive_amplitude', { range: [0.1, 0.25] }],
  ['smooth_ms', { range: [0.03, 0.07] }],
  ['spatial_decay', { range: [10.0, 45.0] }],
  ['propagation_speed', { range: [250.0, 350.0] }],
  ['ellipse_shrink', { range: [0.4, 1] }],
  ['ellipse_angle', { range: [0, Math.PI * 2] }],
  ['spatial_power', { range: [1.5, 2.5] }],
];

/** Far-units background defaults (our addition). */
export const FAR_UNITS_DEFAULTS = { firing_rates: { range: [2.0, 8.0] } as ParamSpec, minimum_z: 60.0, maximum_z: 200.0, margin_um: 100.0 };
