/**
 * Fills in `generate_hybrid_recording`'s defaults (generation/hybrid_tools.py, SI 0.105) the way a Python call does:
 * an absent key takes the signature's default dict; a dict the user gave replaces it, and its missing keys take the
 * defaults of the function it is passed to (resolve.ts `withDefaults`). A generated motion takes the drifting
 * generator's defaults, its `drift_step_um` the hybrid's when the user's dict does not set it.
 */
import { DRIFTING_DEFAULTS, FUNCTION_DEFAULTS } from './defaults.ts';
import type { HybridMotionSpec, HybridParams, HybridPresetV1, HybridRecordingRef, HybridTemplatesSpec } from './hybrid-types.ts';
import { withDefaults, type ResolvedMotion, type ResolvedParams } from './resolve.ts';
import type { GenerateUnitLocationsKwargs, GivenSorting, MotionEntry, ParamSpec } from './types.ts';

/** `generate_hybrid_recording(...)` signature defaults. */
export const HYBRID_DEFAULTS = {
  drift_step_um: 1.0,
  amplitude_std: 0.05,
  generate_sorting_kwargs: { num_units: 10, firing_rates: 15, refractory_period_ms: 4.0 },
  generate_unit_locations_kwargs: { margin_um: 10.0, minimum_z: 5.0, maximum_z: 50.0, minimum_distance: 20 } as GenerateUnitLocationsKwargs,
  generate_templates_kwargs: { ms_before: 1.0, ms_after: 3.0 },
} as const;

export type ResolvedHybridMotion =
  | null
  | { source: 'generated'; kwargs: ResolvedParams['generate_displacement_vector_kwargs'] }
  | Exclude<HybridMotionSpec, { source: 'generated' }>;

export interface ResolvedHybridParams {
  recording: HybridRecordingRef;
  templates: HybridTemplatesSpec | null;
  sorting: GivenSorting | null;
  motion: ResolvedHybridMotion;
  unit_locations: number[][] | null;
  drift_step_um: number;
  upsample_factor: number | null;
  amplitude_std: number | null;
  amplitude_factor: number[] | null;
  /** num_units is null when templates or the sorting decide it */
  generate_sorting_kwargs: Omit<ResolvedParams['generate_sorting_kwargs'], never> & { num_units: number | null };
  generate_unit_locations_kwargs: ResolvedParams['generate_unit_locations_kwargs'];
  generate_templates_kwargs: ResolvedParams['generate_templates_kwargs'];
  seed: number | bigint | null;
}

function resolveMotionEntry(m: MotionEntry): ResolvedMotion {
  const r = withDefaults<Required<MotionEntry>>(m, {}, FUNCTION_DEFAULTS.motion);
  const mode = r.drift_mode === 'bumps' ? 'bump' : r.drift_mode;
  return { ...r, drift_mode: mode, bump_interval_s: [r.bump_interval_s[0], r.bump_interval_s[1]] };
}

function resolveMotion(p: HybridParams, driftStepUm: number): ResolvedHybridMotion {
  const m = p.motion ?? null;
  if (m === null || m.source !== 'generated') return m;
  const given = m.generate_displacement_vector_kwargs;
  const d = withDefaults(given, DRIFTING_DEFAULTS.generate_displacement_vector_kwargs, FUNCTION_DEFAULTS.generate_displacement_vector_kwargs);
  return {
    source: 'generated',
    kwargs: {
      displacement_sampling_frequency: d.displacement_sampling_frequency!,
      drift_start_um: [...d.drift_start_um!] as [number, number],
      drift_stop_um: [...d.drift_stop_um!] as [number, number],
      drift_step_um: given?.drift_step_um ?? driftStepUm,
      motion_list: (d.motion_list ?? []).map(resolveMotionEntry),
    },
  };
}

export function resolveHybridParams(preset: HybridPresetV1): ResolvedHybridParams {
  const p = preset.params;
  const H = HYBRID_DEFAULTS;
  const F = FUNCTION_DEFAULTS;
  const drift = p.drift_step_um ?? H.drift_step_um;
  const sk = withDefaults({ ...(p.generate_sorting_kwargs ?? H.generate_sorting_kwargs) }, {}, { ...F.generate_sorting_kwargs, num_units: null as number | null });
  const tk = withDefaults(p.generate_templates_kwargs, H.generate_templates_kwargs, F.generate_templates_kwargs);
  return {
    recording: p.recording,
    templates: p.templates ?? null,
    sorting: p.sorting ?? null,
    motion: resolveMotion(p, drift),
    unit_locations: p.unit_locations ?? null,
    drift_step_um: drift,
    upsample_factor: p.upsample_factor ?? null,
    amplitude_std: p.amplitude_std === undefined ? H.amplitude_std : p.amplitude_std,
    amplitude_factor: p.amplitude_factor ?? null,
    generate_sorting_kwargs: sk as ResolvedHybridParams['generate_sorting_kwargs'],
    generate_unit_locations_kwargs: withDefaults(p.generate_unit_locations_kwargs, H.generate_unit_locations_kwargs, F.generate_unit_locations_kwargs) as ResolvedParams['generate_unit_locations_kwargs'],
    generate_templates_kwargs: {
      ms_before: tk.ms_before!, ms_after: tk.ms_after!, mode: tk.mode!, spatial_profile: tk.spatial_profile ?? 'exponential',
      upsample_factor: tk.upsample_factor ?? null, unit_params: { ...(tk.unit_params ?? {}) } as Record<string, ParamSpec | null>,
    },
    seed: typeof p.seed === 'string' ? BigInt(p.seed) : p.seed ?? null,
  };
}
