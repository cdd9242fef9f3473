/**
 * `relocate_templates` (generation/hybrid_tools.py, SI 0.105): each unit moves along the depth axis by a distance
 * drawn uniformly in [minDisplacement, maxDisplacement) with numpy's default_rng(seed) (bit-exact via app/rng),
 * with the sign chosen as SI does, then its template is re-sampled with `move_dense_templates` (cubic by default,
 * as SI calls it). SI's quirks are kept on purpose: with favor_borders the "upper half" test compares the depth
 * with (top − bottom) / 2, not with the midpoint, and a sign flip is not re-checked against the other border.
 */
import { defaultRng, type SeedLike } from '../rng/index.ts';
import { mainChannelIndices } from './template-tools-amplitude.ts';
import { moveDenseTemplates, type InterpolationMethod } from './template-interpolate.ts';
import { channelLocationsOf, requireDense, withTemplatesArray, type Templates } from './templates-object.ts';

export interface RelocateOptions {
  minDisplacement: number;
  maxDisplacement: number;
  margin?: number;
  favorBorders?: boolean;
  depthDirection?: 'x' | 'y';
  /** SI draws a fresh seed when None; pass one for reproducible output */
  seed?: SeedLike;
  /** SI always uses 'cubic' here; 'linear' is offered for speed */
  interpolationMethod?: InterpolationMethod;
}

export interface RelocateResult { templates: Templates; displacements: Float64Array }

export function relocateTemplates(t: Templates, o: RelocateOptions): RelocateResult {
  requireDense(t, 'relocate_templates');
  const margin = o.margin ?? 0;
  if (!(margin >= 0)) throw new Error('margin should be positive');
  const favorBorders = o.favorBorders ?? true;
  const dim = (o.depthDirection ?? 'y') === 'x' ? 0 : 1;
  const loc = channelLocationsOf(t);
  const main = mainChannelIndices(t);
  let top = -Infinity, bottom = Infinity;
  for (let c = 0; c < t.numChannels; c++) {
    top = Math.max(top, loc[2 * c + dim]);
    bottom = Math.min(bottom, loc[2 * c + dim]);
  }
  const topMargin = top + margin, bottomMargin = bottom - margin;
  const rng = defaultRng(o.seed ?? null);
  const draws = rng.uniformArray(o.minDisplacement, o.maxDisplacement, t.numUnits);
  const block = t.numSamples * t.numChannels;
  const out = new Float32Array(t.templatesArray.length);
  const applied = new Float64Array(t.numUnits);
  for (let u = 0; u < t.numUnits; u++) {
    let displacement = draws[u];
    const depth = loc[2 * main[u] + dim];
    if (!favorBorders) {
      displacement *= rng.choice([-1.0, 1.0], 1)[0];
      if (depth + displacement > topMargin) displacement = -displacement;
      else if (depth - displacement < bottomMargin) displacement = -displacement;
    } else if (depth > (topMargin - bottomMargin) / 2) {
      if (depth + displacement > topMargin) displacement = -displacement;
    } else if (depth - displacement >= bottomMargin) {
      displacement = -displacement;
    }
    applied[u] = displacement;
    const vector = new Float64Array(2);
    vector[dim] = displacement;
    const one = { data: t.templatesArray.subarray(u * block, (u + 1) * block), shape: [1, t.numSamples, t.numChannels] };
    out.set(moveDenseTemplates(one, vector, loc, loc, o.interpolationMethod ?? 'cubic').data, u * block);
  }
  return { templates: withTemplatesArray(t, out), displacements: applied };
}
