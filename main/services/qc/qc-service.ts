/**
 * `qc.*` of the contract: the ground truth of an opened dataset as the QC views draw it — units on the probe
 * (locations, amplitudes, depths), displacement curves, the drift raster (binary columns) and one unit's
 * template at chosen displacement steps (binary).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Api } from '../../../app/api/contract.ts';
import { ApiError } from '../../../app/api/errors.ts';
import type { TemplatesMeta, UnitsQc } from '../../../app/api/viewer-types.ts';
import { resolveParams } from '../../../app/presets/resolve.ts';
import type { PresetV1 } from '../../../app/presets/types.ts';
import { hybridUnitTemplates } from './hybrid-unit-templates.ts';
import { driftCurves } from '../../../app/viewer/drift-curves.ts';
import { driftRaster } from '../../../app/viewer/drift-raster.ts';
import { unitTemplatesAtSteps, type UnitTemplates } from '../../../app/viewer/unit-templates.ts';
import type { DatasetSource } from '../traces/dataset-source.ts';
import type { DatasetSources } from '../traces/dataset-sources.ts';

export function unitsQc(s: DatasetSource): UnitsQc {
  const g = s.gt;
  const counts = new Array<number>(g.numUnits).fill(0);
  for (let i = 0; i < g.spikes.length; i++) counts[g.spikes.unitIndex[i]]++;
  const duration = g.numSamples / g.samplingFrequency;
  const shape = s.probe?.contact_shape_params[0] ?? {};
  return {
    units: Array.from({ length: g.numUnits }, (_, u) => ({
      index: u, id: String(u), x: g.unitLocations[3 * u], y: g.unitLocations[3 * u + 1], z: g.unitLocations[3 * u + 2],
      maxChannel: g.maxChannelIndex[u], amplitudeUv: s.peaks.ptp[u], numSpikes: counts[u], firingRate: counts[u] / duration,
    })),
    channelLocations: Array.from(g.channelLocations),
    contour: s.probe?.probe_planar_contour ? Array.from(s.probe.probe_planar_contour) : [],
    contactRadiusUm: Number(shape.radius ?? (shape.width ? shape.width / 2 : 6)),
    steps: Array.from(g.displacement.steps), staticStep: g.staticStepIndex,
  };
}

/** The unit's template at the given steps, from the dataset's preset and drawn unit parameters. */
export function unitTemplatesOf(s: DatasetSource, unit: number, steps: readonly number[]): UnitTemplates {
  const g = s.gt;
  if (unit >= g.numUnits) throw new ApiError('invalid-argument', `unit ${unit} does not exist: the dataset has units 0-${g.numUnits - 1}`);
  if (s.summary.kind === 'hybrid') return hybridUnitTemplates(s, unit, steps);
  const tk = resolveParams(s.preset as unknown as PresetV1).generate_templates_kwargs;
  const raw = JSON.parse(readFileSync(join(s.path, 'ground_truth', 'unit_params.json'), 'utf8')) as Record<string, (number | null)[]>;
  const params: Record<string, Float64Array> = {};
  for (const [k, v] of Object.entries(raw)) params[k] = Float64Array.from(v, (x) => (x === null ? NaN : x));
  try {
    return unitTemplatesAtSteps(g.channelLocations, g.unitLocations, unit, g.displacement.steps, steps,
      { sampling_frequency: g.samplingFrequency, ms_before: tk.ms_before, ms_after: tk.ms_after, mode: tk.mode, spatial_profile: tk.spatial_profile }, params);
  } catch (e) {
    throw new ApiError('invalid-argument', (e as Error).message);
  }
}

export function createQcService(sources: DatasetSources): Api['qc'] {
  return {
    units: async (id) => unitsQc(sources.get(id)),
    drift: async ({ dataset, units }) => {
      const g = sources.get(dataset).gt;
      return driftCurves(g.displacement, g.numUnits, units ?? []);
    },
    raster: async ({ dataset, maxSpikes }) => {
      const s = sources.get(dataset);
      const r = driftRaster(s.gt, maxSpikes ?? 200_000, s.peaks.peak);
      return { meta: r.meta, data: r.data.buffer as ArrayBuffer };
    },
    templates: async ({ dataset, unit, steps }) => {
      const s = sources.get(dataset);
      const g = s.gt;
      const wanted = steps && steps.length > 0 ? steps : [g.staticStepIndex];
      const t = unitTemplatesOf(s, unit, wanted);
      const meta: TemplatesMeta = {
        unit, numSamples: t.numSamples, nbefore: g.nbefore, samplingFrequency: g.samplingFrequency, channels: t.channels, steps: [...wanted],
        displacements: wanted.flatMap((st) => [g.displacement.steps[2 * st], g.displacement.steps[2 * st + 1]]),
      };
      return { meta, data: t.data.buffer as ArrayBuffer };
    },
  };
}
