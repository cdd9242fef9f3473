/**
 * The preset document, version 1: one JSON file describes a dataset. `params` carries the arguments of
 * SpikeInterface's `generate_drifting_recording` under their own names and nesting.
 *
 * "Scalar, tuple = uniform range, or per-unit list" arguments of SpikeInterface are spelled in JSON as
 * a number, `{"range": [lo, hi]}`, or an array with one entry per unit (or per channel for noise levels).
 */
export type ParamSpec = number | { range: [number, number] } | number[];

export const PRESET_FORMAT = 'spikegen-preset';
export const PRESET_VERSION = 1;

export type DriftModeName = 'zigzag' | 'bump' | 'bumps' | 'random_walk';

/** One entry of `motion_list`: arguments of `make_one_displacement_vector` plus `non_rigid_gradient`. */
export interface MotionEntry {
  drift_mode?: DriftModeName;
  amplitude_factor?: number;
  non_rigid_gradient?: number | null;
  t_start_drift?: number | null;
  t_end_drift?: number | null;
  period_s?: number;
  bump_interval_s?: [number, number];
}

export interface GenerateProbeKwargs {
  num_columns?: number;
  num_contact_per_column?: number | number[];
  xpitch?: number;
  ypitch?: number;
  y_shift_per_column?: number[] | null;
  contact_shapes?: 'circle' | 'rect' | 'square';
  contact_shape_params?: Record<string, number>;
}

export interface GenerateUnitLocationsKwargs {
  margin_um?: number;
  minimum_z?: number;
  maximum_z?: number;
  minimum_distance?: number | null;
  max_iteration?: number;
  distance_strict?: boolean;
  distribution?: 'uniform' | 'multimodal';
  num_modes?: number;
}

export interface GenerateDisplacementVectorKwargs {
  displacement_sampling_frequency?: number;
  drift_start_um?: [number, number];
  drift_stop_um?: [number, number];
  drift_step_um?: number;
  motion_list?: MotionEntry[];
}

export interface GenerateTemplatesKwargs {
  ms_before?: number;
  ms_after?: number;
  mode?: 'sphere' | 'ellipsoid';
  spatial_profile?: 'exponential' | 'power';
  upsample_factor?: number | null;
  unit_params?: Record<string, ParamSpec | null>;
}

export interface GenerateSortingKwargs {
  firing_rates?: ParamSpec;
  refractory_period_ms?: number;
  add_spikes_on_borders?: boolean;
  num_spikes_per_border?: number;
  border_size_samples?: number;
}

/** Temporally coloured noise (our addition): power spectral density proportional to 1/f^exponent. */
export interface NoiseSpectrum {
  exponent: number;
  /** Below this frequency the spectrum is flat, so the noise has finite power. */
  f_min_hz?: number;
}

/** A background of many small, distant units (our addition): not part of the ground truth. */
export interface FarUnits {
  num_units: number;
  firing_rates?: ParamSpec;
  minimum_z?: number;
  maximum_z?: number;
  margin_um?: number;
}

export interface GenerateNoiseKwargs {
  noise_levels?: ParamSpec;
  spatial_decay?: number | null;
  noise_block_size?: number;
  spectrum?: NoiseSpectrum | null;
  far_units?: FarUnits | null;
  /**
   * Our extension: the generator of the normals behind the noise. "numpy": block b is SpikeInterface's
   * `default_rng((segment_seed, b)).standard_normal(dtype=float32)` bit for bit. "fast": xoshiro128** seeded by
   * SeedSequence((segment_seed, b)) through the same float32 ziggurat — the same distribution and block
   * reproducibility, other values; faster only where WebAssembly is missing. "auto" (default): "numpy" — since
   * version 0.2 also for correlated and coloured noise (before: "fast"), as numpy's stream is now the faster one
   * (a WebAssembly SIMD kernel: W2 correlated 16.4x real time against 13.9x).
   */
  noise_generator?: 'auto' | 'numpy' | 'fast';
}

/** Spike trains given by the user instead of generated ones (as a NumpySorting's samples and labels). */
export interface GivenSorting {
  sample_index: number[];
  unit_index: number[];
}

/** Displacement given by the user instead of `generate_displacement_vector` (same arrays as its output). */
export interface GivenDisplacement {
  displacement_sampling_frequency: number;
  /** (num_times, 2, num_motions) as nested arrays. */
  displacement_vectors: number[][][];
  /** (num_units, num_motions) */
  displacement_unit_factor: number[][];
  /** (num_steps, 2) */
  displacements_steps: number[][];
}

export interface DriftingParams {
  num_units?: number;
  duration?: number;
  sampling_frequency?: number;
  probe_name?: string;
  probe?: Record<string, unknown>;
  generate_probe_kwargs?: GenerateProbeKwargs | null;
  /** a number up to 2**53, or a decimal string for larger numpy seeds; null draws one */
  seed?: number | string | null;
  unit_locations?: number[][] | null;
  generate_unit_locations_kwargs?: GenerateUnitLocationsKwargs;
  displacement_data?: GivenDisplacement | null;
  generate_displacement_vector_kwargs?: GenerateDisplacementVectorKwargs;
  generate_templates_kwargs?: GenerateTemplatesKwargs;
  sorting?: GivenSorting | null;
  generate_sorting_kwargs?: GenerateSortingKwargs;
  generate_noise_kwargs?: GenerateNoiseKwargs;
  amplitude_std?: number | null;
  amplitude_factor?: number[] | null;
}

export interface OutputSettings {
  folder?: string;
  dtype?: 'int16' | 'float32';
  chunk_seconds?: number;
  exports?: { kilosort?: boolean; spikeglx?: boolean };
}

export interface PresetV1 {
  format: typeof PRESET_FORMAT;
  version: typeof PRESET_VERSION;
  name: string;
  description?: string;
  kind: 'drifting';
  params: DriftingParams;
  output?: OutputSettings;
  /** Written by the app into a dataset's preset.json: provenance, never read as input parameters. */
  provenance?: { app_version: string; resolved_seed: number | string; created?: string };
}
