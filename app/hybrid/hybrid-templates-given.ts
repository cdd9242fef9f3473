/**
 * Given templates, prepared the way `generate_hybrid_recording` (generation/hybrid_tools.py, SI 0.105) prepares them:
 * loaded (a `Templates.to_zarr` folder, or rows of the template database), made dense, checked against the
 * recording (same sampling frequency, same number of channels), re-sampled onto the recording's channels with
 * `interpolate_templates` when the relative channel positions differ, located by monopolar triangulation, and moved
 * to every displacement step with `move_dense_templates` (both cubic, as SI calls them; app/hybrid/template-interpolate.ts).
 * One deviation: SI triangulates on the templates' own probe; we triangulate after re-sampling, on the recording's
 * channels, so the locations are in the recording's coordinates — where the motion is looked up.
 */
import { existsSync } from 'node:fs';
import type { SparseTemplates } from '../generation/sparse-templates.ts';
import type { HybridTemplatesSpec } from '../presets/hybrid-types.ts';
import { estimateUnitLocationsMonopolar } from './monopolar-triangulation.ts';
import { TemplateDatabaseClient } from './template-database.ts';
import { queryTemplateRows, type TemplateInfoRow } from './template-database-csv.ts';
import { interpolateTemplates, moveDenseTemplates } from './template-interpolate.ts';
import { loadTemplatesFromZarrFolder } from './template-local-store.ts';
import { channelLocationsOf, makeTemplates, type Templates } from './templates-object.ts';
import { SparseTemplatesBuilder } from './hybrid-sparse-templates.ts';

export interface PreparedTemplates {
  /** (units, samples, channels) on the recording's channels, µV */
  dense: Float32Array;
  numUnits: number;
  numSamples: number;
  nbefore: number;
  /** (units, 3) float32 */
  unitLocations: Float32Array;
  warnings: string[];
}

export async function loadGivenTemplates(spec: HybridTemplatesSpec, o: { signal?: AbortSignal } = {}): Promise<Templates> {
  if (spec.source === 'zarr') {
    if (!existsSync(spec.path)) throw new Error(`The templates folder ${spec.path} does not exist; give a folder written by Templates.to_zarr.`);
    return loadTemplatesFromZarrFolder(spec.path, { unitIndices: spec.unit_indices, signal: o.signal });
  }
  const client = new TemplateDatabaseClient({ baseUrl: spec.base_url, cacheFolder: spec.cache_folder ?? null });
  const table = await client.fetchTemplatesInfo({ signal: o.signal });
  const q = spec.query ?? {};
  const rows = spec.selection ? selectedRows(table.rows, spec.selection) : queryTemplateRows(table.rows, {
    brainAreas: q.brain_areas, datasets: q.datasets, probe: q.probe, minDepth: q.min_depth, maxDepth: q.max_depth,
    minAmplitude: q.min_amplitude, maxAmplitude: q.max_amplitude,
  });
  if (rows.length === 0) throw new Error('No template of the database matches templates.query; widen the query (brain areas, depth or amplitude bounds).');
  return client.queryTemplates(rows.slice(0, spec.num_units ?? rows.length), { signal: o.signal });
}

/** The rows of a template-browser selection, in its order; a pair the table does not have is an error. */
function selectedRows(rows: readonly TemplateInfoRow[], selection: readonly { dataset: string; template_index: number }[]): TemplateInfoRow[] {
  const byKey = new Map(rows.map((r) => [`${r.dataset}\u0000${r.templateIndex}`, r]));
  return selection.map((s) => {
    const row = byKey.get(`${s.dataset}\u0000${s.template_index}`);
    if (!row) throw new Error(`The template database has no template ${s.template_index} of dataset ${s.dataset}; select the templates again in the template browser.`);
    return row;
  });
}

/** `Templates.get_dense_templates()`: a sparse array scattered into (units, samples, channels). */
export function denseArray(t: Templates): Float32Array {
  if (!t.sparsityMask) return t.templatesArray;
  const { numUnits: U, numSamples: S, numChannels: C } = t;
  const width = t.templatesArray.length / (U * S);
  const out = new Float32Array(U * S * C);
  for (let u = 0; u < U; u++) {
    let k = 0;
    for (let c = 0; c < C; c++) {
      if (!t.sparsityMask[u * C + c]) continue;
      for (let s = 0; s < S; s++) out[(u * S + s) * C + c] = t.templatesArray[(u * S + s) * width + k];
      k++;
    }
  }
  return out;
}

/** np.allclose(a - a[0], b - b[0]) on (C, 2) positions. */
function sameRelativeLayout(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] - a[i % 2], y = b[i] - b[i % 2];
    if (Math.abs(x - y) > 1e-8 + 1e-5 * Math.abs(y)) return false;
  }
  return true;
}

export function prepareGivenTemplates(t: Templates, recordingLocations: Float64Array, samplingFrequency: number): PreparedTemplates {
  const C = recordingLocations.length / 2;
  const warnings: string[] = [];
  if (!t.isInUV) throw new Error('The templates are not in microvolts (is_in_uV is false); save templates in µV to inject them.');
  if (t.samplingFrequency !== samplingFrequency) {
    throw new Error(`The templates were sampled at ${t.samplingFrequency} Hz but the recording at ${samplingFrequency} Hz; use templates of the recording's sampling frequency.`);
  }
  if (t.numChannels !== C) throw new Error(`The templates have ${t.numChannels} channels but the recording has ${C}; use templates of the same probe layout.`);
  let dense = denseArray(t);
  const { numUnits: U, numSamples: S } = t;
  if (t.probe) {
    const own = channelLocationsOf(t);
    if (!sameRelativeLayout(own, recordingLocations)) {
      warnings.push('Channel locations are different between recording and templates: the templates were interpolated onto the recording\'s channels.');
      const rel = (a: Float64Array) => a.map((v, i) => v - a[i % 2]);
      dense = interpolateTemplates({ data: dense, shape: [U, S, C] }, rel(own), rel(recordingLocations), 1, 'cubic').data;
    }
  } else {
    warnings.push('The templates carry no probe: their channels were taken to be the recording\'s, in order.');
  }
  const onRecording = makeTemplates({ templatesArray: dense, shape: [U, S, C], samplingFrequency, nbefore: t.nbefore });
  const loc = estimateUnitLocationsMonopolar(onRecording, recordingLocations, { peakSign: 'both', peakMode: 'extremum' });
  return { dense, numUnits: U, numSamples: S, nbefore: t.nbefore, unitLocations: Float32Array.from(loc), warnings };
}

/**
 * `DriftingTemplates.precompute_displacements(steps)` one unit at a time (bounded memory), sparse. With a single
 * step at (0, 0) (no motion) the static templates are used as they are, as SI's InjectTemplatesRecording does.
 */
export function givenTemplatesAtSteps(p: PreparedTemplates, steps: Float64Array, recordingLocations: Float64Array, errorBoundUv: number): SparseTemplates {
  const D = steps.length / 2, U = p.numUnits, S = p.numSamples, C = recordingLocations.length / 2;
  const builder = new SparseTemplatesBuilder(D, U, S, C, errorBoundUv);
  const identity = D === 1 && steps[0] === 0 && steps[1] === 0;
  for (let u = 0; u < U; u++) {
    const one = p.dense.subarray(u * S * C, (u + 1) * S * C);
    if (identity) builder.addUnit(u, one);
    else builder.addUnit(u, moveDenseTemplates({ data: one, shape: [1, S, C] }, steps, recordingLocations, recordingLocations, 'cubic').data);
  }
  return builder.build();
}
