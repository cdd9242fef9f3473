/**
 * Fills in SpikeInterface's defaults the way a Python call does: a key absent from `params` takes
 * `generate_drifting_recording`'s default (often a whole dict); a dict the user gave replaces that default dict
 * and its missing keys take the defaults of the function it is passed to.
 */
import { DRIFTING_DEFAULTS, FUNCTION_DEFAULTS } from './defaults.ts';
import type {
  FarUnits, GenerateProbeKwargs, GivenDisplacement, GivenSorting, MotionEntry, NoiseSpectrum, ParamSpec, PresetV1,
} from './types.ts';
import { FAR_UNITS_DEFAULTS } from './defaults.ts';

export type ProbeSource =
  | { kind: 'named'; name: string }
  | { kind: 'json'; json: Record<string, unknown> }
  | { kind: 'generated'; kwargs: Required<GenerateProbeKwargs> };

export interface ResolvedMotion {
  drift_mode: 'zigzag' | 'bump' | 'random_walk';
  amplitude_factor: number;
  non_rigid_gradient: number | null;
  t_start_drift: number | null;
  t_end_drift: number | null;
  period_s: number;
  bump_interval_s: [number, number];
}

export interface ResolvedParams {
  num_units: number;
  duration: number;
  sampling_frequency: number;
  probe: ProbeSource;
  seed: number | bigint | null;
  unit_locations: number[][] | null;
  generate_unit_locations_kwargs: {
    margin_um: number; minimum_z: number; maximum_z: number; minimum_distance: number | null; max_iteration: number;
    distance_strict: boolean; distribution: 'uniform' | 'multimodal'; num_modes: number;
  };
  displacement_data: GivenDisplacement | null;
  generate_displacement_vector_kwargs: {
    displacement_sampling_frequency: number; drift_start_um: [number, number]; drift_stop_um: [number, number];
    drift_step_um: number; motion_list: ResolvedMotion[];
  };
  generate_templates_kwargs: {
    ms_before: number; ms_after: number; mode: 'sphere' | 'ellipsoid'; spatial_profile: 'exponential' | 'power';
    upsample_factor: number | null; unit_params: Record<string, ParamSpec | null>;
  };
  sorting: GivenSorting | null;
  generate_sorting_kwargs: {
    firing_rates: ParamSpec; refractory_period_ms: number; add_spikes_on_borders: boolean;
    num_spikes_per_border: number; border_size_samples: number;
  };
  generate_noise_kwargs: {
    noise_levels: ParamSpec; spatial_decay: number | null; noise_block_size: number;
    spectrum: Required<NoiseSpectrum> | null; far_units: Required<FarUnits> | null;
    /** ours: "numpy" (SpikeInterface's stream, the default) or "fast" (app/render/noise-fast.ts) */
    noise_generator: 'auto' | 'numpy' | 'fast';
  };
  amplitude_std: number | null;
  amplitude_factor: number[] | null;
}

export function withDefaults<T extends object>(given: Partial<T> | undefined | null, fallbackDict: Partial<T>, fnDefaults: T): T {
  // the user's dict replaces the call's default dict; what it lacks comes from the function's own defaults
  const dict = given ?? fallbackDict;
  const out = { ...fnDefaults } as T;
  for (const [k, v] of Object.entries(dict)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}

function resolveMotion(m: MotionEntry): ResolvedMotion {
  const r = withDefaults<Required<MotionEntry>>(m, {}, FUNCTION_DEFAULTS.motion);
  const mode = r.drift_mode === 'bumps' ? 'bump' : r.drift_mode; // SpikeInterface's docs spell it "bumps"
  return { ...r, drift_mode: mode, bump_interval_s: [r.bump_interval_s[0], r.bump_interval_s[1]] };
}

function resolveProbe(p: PresetV1['params']): ProbeSource {
  if (p.probe) return { kind: 'json', json: p.probe };
  if (p.generate_probe_kwargs) return { kind: 'generated', kwargs: withDefaults(p.generate_probe_kwargs, {}, FUNCTION_DEFAULTS.generate_probe_kwargs) };
  return { kind: 'named', name: p.probe_name ?? DRIFTING_DEFAULTS.probe_name };
}

export function resolveParams(preset: PresetV1): ResolvedParams {
  const p = preset.params;
  const D = DRIFTING_DEFAULTS;
  const F = FUNCTION_DEFAULTS;
  const disp = withDefaults(p.generate_displacement_vector_kwargs, D.generate_displacement_vector_kwargs, F.generate_displacement_vector_kwargs);
  const tk = withDefaults(p.generate_templates_kwargs, D.generate_templates_kwargs, F.generate_templates_kwargs);
  const noise = withDefaults(p.generate_noise_kwargs, D.generate_noise_kwargs, F.generate_noise_kwargs);
  const far = noise.far_units ? withDefaults<Required<FarUnits>>(noise.far_units, {}, { num_units: 0, ...FAR_UNITS_DEFAULTS }) : null;
  const spectrum = noise.spectrum ? { f_min_hz: 1.0, ...noise.spectrum } : null;
  return {
    num_units: p.num_units ?? (p.sorting ? Math.max(-1, ...p.sorting.unit_index) + 1 : D.num_units),
    duration: p.duration ?? D.duration,
    sampling_frequency: p.sampling_frequency ?? D.sampling_frequency,
    probe: resolveProbe(p),
    seed: typeof p.seed === 'string' ? BigInt(p.seed) : p.seed ?? null,
    unit_locations: p.unit_locations ?? null,
    generate_unit_locations_kwargs: withDefaults(p.generate_unit_locations_kwargs, D.generate_unit_locations_kwargs, F.generate_unit_locations_kwargs) as ResolvedParams['generate_unit_locations_kwargs'],
    displacement_data: p.displacement_data ?? null,
    generate_displacement_vector_kwargs: {
      displacement_sampling_frequency: disp.displacement_sampling_frequency!,
      drift_start_um: [...disp.drift_start_um!] as [number, number],
      drift_stop_um: [...disp.drift_stop_um!] as [number, number],
      drift_step_um: disp.drift_step_um!,
      motion_list: (disp.motion_list ?? []).map(resolveMotion),
    },
    generate_templates_kwargs: {
      ms_before: tk.ms_before!, ms_after: tk.ms_after!, mode: tk.mode!, spatial_profile: tk.spatial_profile ?? 'exponential',
      upsample_factor: tk.upsample_factor ?? null, unit_params: { ...(tk.unit_params ?? {}) } as Record<string, ParamSpec | null>,
    },
    sorting: p.sorting ?? null,
    generate_sorting_kwargs: withDefaults(p.generate_sorting_kwargs, D.generate_sorting_kwargs, F.generate_sorting_kwargs) as ResolvedParams['generate_sorting_kwargs'],
    generate_noise_kwargs: {
      noise_levels: noise.noise_levels!, spatial_decay: noise.spatial_decay ?? null, noise_block_size: noise.noise_block_size!,
      spectrum: spectrum as Required<NoiseSpectrum> | null, far_units: far,
      noise_generator: p.generate_noise_kwargs?.noise_generator ?? 'auto',
    },
    amplitude_std: p.amplitude_std ?? D.amplitude_std,
    amplitude_factor: p.amplitude_factor ?? null,
  };
}
