/**
 * The presets every installation has, as data. They are read-only: the presets service lists them next to the
 * user's own and refuses to change them ("duplicate it to edit"). Their ids are stable, because datasets and jobs
 * refer to them by id.
 *
 * The first two are SpikeInterface's documentation examples of `generate_drifting_recording`, parameter for
 * parameter (spikeinterface doc/modules/generation.rst; the first also in doc/modules/benchmark.rst and
 * sortingcomponents.rst). Their Python tuples `(lo, hi)` are written `{"range": [lo, hi]}`, `None` is `null`, and
 * `drift_mode="bumps"` is kept as written (the format accepts it as an alias of "bump").
 */
import type { PresetV1 } from './types.ts';

export interface BuiltinPreset {
  /** `builtin:<slug>`; never reused for another preset */
  readonly id: string;
  readonly document: PresetV1;
}

export const BUILTIN_ID_PREFIX = 'builtin:';

/** When the built-ins were last revised: their `created`/`updated` time in lists. */
export const BUILTINS_REVISED = '2026-11-24T00:00:00.000Z';

const siDocsNp1_128: PresetV1 = {
  format: 'spikegen-preset',
  version: 1,
  name: 'SpikeInterface docs: 200 units, Neuropixels1-128',
  description: 'The simplest example of SpikeInterface\'s generation docs: generate_drifting_recording('
    + 'probe_name="Neuropixels1-128", num_units=200, duration=300., seed=2205); every other argument at its default '
    + '(zigzag drift of ±20 um from 60 s, period 200 s).',
  kind: 'drifting',
  params: { probe_name: 'Neuropixels1-128', num_units: 200, duration: 300.0, seed: 2205 },
};

const siDocsNp1_384Multimodal: PresetV1 = {
  format: 'spikegen-preset',
  version: 1,
  name: 'SpikeInterface docs: 250 units, Neuropixels1-384, multimodal, zigzag + bumps',
  description: 'The "finer control" example of SpikeInterface\'s generation docs: units in 3 layers (multimodal), '
    + 'a non-rigid zigzag combined with bumps, ellipsoid templates, noise with spatial covariance.',
  kind: 'drifting',
  params: {
    num_units: 250,
    duration: 600.0,
    sampling_frequency: 30000.0,
    probe_name: 'Neuropixels1-384',
    generate_unit_locations_kwargs: {
      margin_um: 20.0, minimum_z: 5.0, maximum_z: 45.0, minimum_distance: 18.0, max_iteration: 100,
      distance_strict: false, distribution: 'multimodal', num_modes: 3,
    },
    generate_displacement_vector_kwargs: {
      displacement_sampling_frequency: 5.0,
      drift_start_um: [0, 30],
      drift_stop_um: [0, -30],
      drift_step_um: 1,
      motion_list: [
        { drift_mode: 'zigzag', non_rigid_gradient: 0.5, t_start_drift: 60.0, t_end_drift: null, period_s: 200, amplitude_factor: 0.5 },
        { drift_mode: 'bumps', non_rigid_gradient: null, t_start_drift: 60.0, t_end_drift: null, bump_interval_s: [30, 90.0], amplitude_factor: 0.5 },
      ],
    },
    generate_templates_kwargs: {
      ms_before: 1.5,
      ms_after: 3.0,
      mode: 'ellipsoid',
      unit_params: { alpha: { range: [150.0, 500.0] }, spatial_decay: { range: [10, 45] } },
    },
    generate_sorting_kwargs: { firing_rates: { range: [2.0, 8.0] }, refractory_period_ms: 4.0 },
    generate_noise_kwargs: { noise_levels: { range: [12.0, 15.0] }, spatial_decay: 25.0 },
    seed: 2205,
  },
};

const quickTest: PresetV1 = {
  format: 'spikegen-preset',
  version: 1,
  name: 'Quick test: 10 units, 10 s',
  description: 'A small recording that generates in a few seconds: 10 units on a Neuropixels1-128, 10 s, '
    + 'a zigzag drift of ±20 um starting at 2 s with a 4 s period. For trying the app and the viewers.',
  kind: 'drifting',
  params: {
    num_units: 10,
    duration: 10.0,
    sampling_frequency: 30000.0,
    probe_name: 'Neuropixels1-128',
    generate_displacement_vector_kwargs: {
      displacement_sampling_frequency: 5.0,
      drift_start_um: [0, 20],
      drift_stop_um: [0, -20],
      drift_step_um: 1,
      motion_list: [{ drift_mode: 'zigzag', non_rigid_gradient: null, t_start_drift: 2.0, t_end_drift: null, period_s: 4 }],
    },
    seed: 42,
  },
};

/** In the order the app lists them. */
export const BUILTIN_PRESETS: readonly BuiltinPreset[] = [
  { id: 'builtin:si-docs-np1-128', document: siDocsNp1_128 },
  { id: 'builtin:si-docs-np1-384-multimodal', document: siDocsNp1_384Multimodal },
  { id: 'builtin:quick-test', document: quickTest },
];

export function isBuiltinId(id: string): boolean {
  return id.startsWith(BUILTIN_ID_PREFIX);
}

/** A copy of the built-in's document (callers may change it), or undefined for an unknown id. */
export function findBuiltin(id: string): BuiltinPreset | undefined {
  const found = BUILTIN_PRESETS.find((b) => b.id === id);
  return found && { id: found.id, document: structuredClone(found.document) };
}
