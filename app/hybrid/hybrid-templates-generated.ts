/**
 * Generated templates (`templates: null`), as `generate_hybrid_recording` makes them (generation/hybrid_tools.py,
 * SI 0.105): unit locations from `generate_unit_locations` on the recording's channels (unless given), then
 * `generate_templates` there with `generate_templates_kwargs` and the preset's seed. Two deviations, both so the
 * result is what a user expects: the unit locations get the preset's seed (SI passes none, so they change at every
 * call), and the templates at the displacement steps are generated at the moved positions, exactly, as the drifting
 * generator does (app/generation/templates-at-steps.ts), instead of being interpolated from the static ones
 * (SI's `DriftingTemplates.precompute_displacements`). Templates are float32 µV whatever the recording's dtype.
 */
import type { SparseTemplates } from '../generation/sparse-templates.ts';
import { generateTemplates, msToSamples, type TemplateOptions } from '../generation/templates.ts';
import { buildTemplatesAtSteps } from '../generation/templates-at-steps.ts';
import type { Seed } from '../generation/sorting-seed.ts';
import { ensureUnitParams } from '../generation/unit-params.ts';
import { generateUnitLocations } from '../generation/unit-locations.ts';
import type { ResolvedHybridParams } from '../presets/hybrid-resolve.ts';

export interface GeneratedHybridTemplates {
  unitLocations: Float32Array;
  unitParams: Record<string, Float64Array>;
  /** (units, samples, channels) at rest */
  dense: Float32Array;
  numSamples: number;
  nbefore: number;
  options: TemplateOptions;
  warnings: string[];
}

export function generateHybridTemplates(p: ResolvedHybridParams, numUnits: number, channelLocations: Float64Array,
  samplingFrequency: number, seed: Seed): GeneratedHybridTemplates {
  const warnings: string[] = [];
  let unitLocations: Float32Array;
  if (p.unit_locations) {
    if (p.unit_locations.length !== numUnits) throw new Error(`unit_locations has ${p.unit_locations.length} rows for ${numUnits} units; give one [x, y, z] per unit.`);
    unitLocations = Float32Array.from(p.unit_locations.flat());
  } else {
    const r = generateUnitLocations(numUnits, channelLocations, { ...p.generate_unit_locations_kwargs, seed });
    if (r.warning) warnings.push(r.warning);
    unitLocations = r.locations;
  }
  const tk = p.generate_templates_kwargs;
  if (tk.upsample_factor !== null && tk.upsample_factor > 1) {
    throw new Error('generate_templates_kwargs.upsample_factor is not supported for hybrid recordings yet: set it to null.');
  }
  const unitParams = ensureUnitParams(tk.unit_params, numUnits, seed);
  const options: TemplateOptions = {
    sampling_frequency: samplingFrequency, ms_before: tk.ms_before, ms_after: tk.ms_after, mode: tk.mode,
    spatial_profile: tk.spatial_profile, upsample_factor: null, unit_params: unitParams,
  };
  const dense = generateTemplates(channelLocations, unitLocations, options);
  return {
    unitLocations, unitParams, dense: dense.data, numSamples: dense.shape[1], nbefore: msToSamples(tk.ms_before, samplingFrequency),
    options, warnings,
  };
}

export function generatedTemplatesAtSteps(g: GeneratedHybridTemplates, channelLocations: Float64Array, steps: Float64Array, errorBoundUv: number): SparseTemplates {
  return buildTemplatesAtSteps(channelLocations, g.unitLocations, steps, g.options, errorBoundUv);
}
