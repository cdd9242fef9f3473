/**
 * `interpolate_templates` and `move_dense_templates` (generation/drift_tools.py, SI 0.105): every (template,
 * sample) row of a dense templates array is re-sampled at new channel positions with scipy's griddata
 * (fill_value=0 outside the probe), the result cast to the input's float32. Moving templates by a displacement d
 * samples them at `dest_positions − d`. 'thin_plate' (RBFInterpolator) is not implemented.
 */
import { planGriddata, runGriddata, type GriddataMethod } from './griddata.ts';

export type InterpolationMethod = 'cubic' | 'linear' | 'nearest';

export interface DenseArray { data: Float32Array; shape: number[] }

/**
 * templates (T × S × C), source positions (C × 2), destination positions (M × C' × 2, M motions; pass M = 1 for
 * SI's 2-D `dest_locations`). Returns (M, T, S, C').
 */
export function interpolateTemplates(templates: DenseArray, sourceLocations: Float64Array, destLocations: Float64Array, numMotions: number, method: InterpolationMethod = 'cubic'): DenseArray {
  const [T, S, C] = templates.shape;
  if (sourceLocations.length !== 2 * C) throw new Error(`interpolate_templates: ${sourceLocations.length / 2} source locations for ${C} channels.`);
  if (destLocations.length % (2 * numMotions) !== 0) throw new Error('interpolate_templates: destination locations must be (motions × channels × 2).');
  const Cd = destLocations.length / (2 * numMotions);
  const plan = planGriddata(sourceLocations, destLocations, method as GriddataMethod);
  const out = new Float32Array(numMotions * T * S * Cd);
  const row = new Float64Array(numMotions * Cd);
  const grad = new Float64Array(2 * C);
  for (let t = 0; t < T; t++) {
    for (let s = 0; s < S; s++) {
      const base = (t * S + s) * C;
      runGriddata(plan, templates.data.subarray(base, base + C), row, 0, grad);
      for (let m = 0; m < numMotions; m++) {
        out.set(row.subarray(m * Cd, (m + 1) * Cd), ((m * T + t) * S + s) * Cd);
      }
    }
  }
  return { data: out, shape: [numMotions, T, S, Cd] };
}

/**
 * `move_dense_templates(templates_array, displacements (D × 2), source_probe, dest_probe=None, method)`:
 * returns (D, T, S, C_dest); positions are the probes' 2-D contact positions.
 */
export function moveDenseTemplates(templates: DenseArray, displacements: Float64Array, sourceLocations: Float64Array, destLocations: Float64Array = sourceLocations, method: InterpolationMethod = 'cubic'): DenseArray {
  if (displacements.length % 2 !== 0) throw new Error('move_dense_templates: displacements must be (num_displacement × 2).');
  const D = displacements.length / 2;
  const Cd = destLocations.length / 2;
  const moved = new Float64Array(D * Cd * 2);
  for (let d = 0; d < D; d++) {
    for (let c = 0; c < Cd; c++) {
      moved[2 * (d * Cd + c)] = destLocations[2 * c] - displacements[2 * d];
      moved[2 * (d * Cd + c) + 1] = destLocations[2 * c + 1] - displacements[2 * d + 1];
    }
  }
  return interpolateTemplates(templates, sourceLocations, moved, D, method);
}
