/**
 * The hybrid preset document (version 1, `"kind": "hybrid"`): `params` carries the arguments of SpikeInterface's
 * `generate_hybrid_recording` (generation/hybrid_tools.py) under their own names — `templates`, `sorting`, `motion`,
 * `unit_locations`, `drift_step_um`, `upsample_factor`, `amplitude_std`, `amplitude_factor`,
 * `generate_sorting_kwargs`, `generate_unit_locations_kwargs`, `generate_templates_kwargs`, `seed` — plus
 * `recording`, the real recording the units are injected into. Objects SpikeInterface passes in memory
 * (`Templates`, `Motion`, a recording) are named here by where they come from.
 */
import type {
  GenerateDisplacementVectorKwargs, GenerateSortingKwargs, GenerateTemplatesKwargs, GenerateUnitLocationsKwargs,
  GivenSorting, OutputSettings, PRESET_FORMAT, PRESET_VERSION, PresetV1,
} from './types.ts';

export type HybridRecordingFormat = 'spikeglx' | 'openephys' | 'spikeinterface' | 'raw';

/** The recording to inject into: what `openRecording` (app/formats/readers) needs to open it. */
export interface HybridRecordingRef {
  format: HybridRecordingFormat;
  path: string;
  /** openephys: the stream to read when the folder holds several */
  stream?: string;
  /** raw: what the file does not say (SpikeInterface `read_binary` arguments) */
  dtype?: 'int16' | 'uint16' | 'int32' | 'float32' | 'float64';
  num_channels?: number;
  sampling_frequency?: number;
  gain_to_uV?: number | number[];
  offset_to_uV?: number | number[];
  time_axis?: 0 | 1;
  file_offset?: number;
  probe_path?: string;
}

/** Where the templates come from; `null` in the preset means generated ones, as in SpikeInterface. */
export type HybridTemplatesSpec =
  /** a `Templates.to_zarr` folder; `unit_indices` picks units (in this order) */
  | { source: 'zarr'; path: string; unit_indices?: number[] }
  /**
   * rows of the public template database's templates.csv: those of `selection` (picked in the template browser) when
   * given, else those a query selects; the first `num_units` of them
   */
  | {
    source: 'database'; num_units?: number; base_url?: string; cache_folder?: string | null;
    selection?: { dataset: string; template_index: number }[];
    query?: { brain_areas?: string[]; datasets?: string[]; probe?: string; min_depth?: number; max_depth?: number; min_amplitude?: number; max_amplitude?: number };
  };

/** The motion of the injected units; `null` = none (SpikeInterface's `motion=None`). */
export type HybridMotionSpec =
  /** a displacement generated as in the drifting generator (`generate_displacement_vector`) */
  | { source: 'generated'; generate_displacement_vector_kwargs?: GenerateDisplacementVectorKwargs }
  /** a SpikeInterface `Motion.save` folder; `segment_index` picks the segment when it has several */
  | { source: 'spikeinterface'; path: string; segment_index?: number }
  /** a CSV: header `time_s,<depth um>,<depth um>,...`, one row per time bin (bin centres), displacement in um */
  | { source: 'csv'; path: string; direction?: 'x' | 'y' }
  /** a (num_time_bins, num_depths) .npy of displacement in um, with its bin centres */
  | { source: 'npy'; path: string; temporal_bins_s: number[]; spatial_bins_um: number[]; direction?: 'x' | 'y' };

export interface HybridSortingKwargs extends GenerateSortingKwargs {
  num_units?: number;
}

export interface HybridParams {
  recording: HybridRecordingRef;
  templates?: HybridTemplatesSpec | null;
  sorting?: GivenSorting | null;
  motion?: HybridMotionSpec | null;
  unit_locations?: number[][] | null;
  drift_step_um?: number;
  upsample_factor?: number | null;
  amplitude_std?: number | null;
  amplitude_factor?: number[] | null;
  generate_sorting_kwargs?: HybridSortingKwargs;
  generate_unit_locations_kwargs?: GenerateUnitLocationsKwargs;
  generate_templates_kwargs?: GenerateTemplatesKwargs;
  seed?: number | string | null;
}

export interface HybridPresetV1 {
  format: typeof PRESET_FORMAT;
  version: typeof PRESET_VERSION;
  name: string;
  description?: string;
  kind: 'hybrid';
  params: HybridParams;
  output?: OutputSettings;
  provenance?: { app_version: string; resolved_seed: number | string; created?: string };
}

/** A preset of either kind. */
export type AnyPresetV1 = PresetV1 | HybridPresetV1;

export const isHybridPreset = (p: AnyPresetV1): p is HybridPresetV1 => p.kind === 'hybrid';
