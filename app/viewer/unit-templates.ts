/**
 * One unit's template at chosen displacement steps, for the template QC view: SpikeInterface builds
 * `templates_array_moved[step, unit]` as `generate_templates` at the unit's location shifted by the step's
 * (dx, dy) (generation/drifting_generator.py), so a single unit at a few steps is `generateTemplates` of that
 * one moved unit with its own drawn parameters — no need to rebuild every unit at every step. The sparse
 * templatesAtSteps of a rebuilt ground truth equal these within their error bound (tested).
 */
import { generateTemplates, type TemplateOptions } from '../generation/templates.ts';

export interface UnitTemplates {
  numSamples: number;
  /** channels shown: those within `radiusUm` of the unit at rest or at any asked step (nearest first, at most maxChannels) */
  channels: number[];
  /** [step][channel k][sample], µV */
  data: Float32Array;
}

export function unitTemplatesAtSteps(
  channelLocations: Float64Array, unitLocations: Float32Array | Float64Array, unit: number, stepsXY: Float64Array, stepIndices: readonly number[],
  options: Omit<TemplateOptions, 'unit_params' | 'upsample_factor'>, unitParams: Record<string, Float64Array>, radiusUm = 120, maxChannels = 64,
): UnitTemplates {
  const numSteps = stepsXY.length / 2;
  for (const s of stepIndices) if (!(Number.isInteger(s) && s >= 0 && s < numSteps)) throw new Error(`step ${s} is not one of the ${numSteps} displacement steps`);
  const x = unitLocations[3 * unit], y = unitLocations[3 * unit + 1], z = unitLocations[3 * unit + 2];
  const moved = new Float64Array(stepIndices.length * 3);
  stepIndices.forEach((s, i) => { moved[3 * i] = x + stepsXY[2 * s]; moved[3 * i + 1] = y + stepsXY[2 * s + 1]; moved[3 * i + 2] = z; });
  const params: Record<string, Float64Array> = {};
  for (const [k, v] of Object.entries(unitParams)) params[k] = new Float64Array(stepIndices.length).fill(v[unit]);
  const t = generateTemplates(channelLocations, moved, { ...options, unit_params: params, upsample_factor: null });
  const [, S, C] = t.shape;
  const dist = (c: number) => {
    let best = Infinity;
    for (let i = 0; i <= stepIndices.length; i++) {
      const ux = i === 0 ? x : moved[3 * (i - 1)], uy = i === 0 ? y : moved[3 * (i - 1) + 1];
      best = Math.min(best, Math.hypot(channelLocations[2 * c] - ux, channelLocations[2 * c + 1] - uy));
    }
    return best;
  };
  const order = Array.from({ length: C }, (_, c) => c).map((c) => ({ c, d: dist(c) })).sort((a, b) => a.d - b.d);
  const chosen = order.filter((o, i) => o.d <= radiusUm || i === 0).slice(0, maxChannels).map((o) => o.c).sort((a, b) => a - b);
  const data = new Float32Array(stepIndices.length * chosen.length * S);
  for (let i = 0; i < stepIndices.length; i++) {
    chosen.forEach((c, k) => {
      for (let s = 0; s < S; s++) data[(i * chosen.length + k) * S + s] = t.data[(i * S + s) * C + c];
    });
  }
  return { numSamples: S, channels: chosen, data };
}
