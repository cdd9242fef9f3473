/**
 * Per-unit weights of each motion and the bound check of their sum, as in
 * `spikeinterface.generation.drifting_generator.generate_displacement_vector`.
 */

/**
 * (numUnits, numMotions) factors: 1 for a rigid motion; for a gradient g, the units' projections on the drift
 * direction rescaled to [0, 1] (reversed when g < 0), then mapped to [|g|, 1].
 */
export function unitFactors(unitLocationsXY: Float64Array, gradients: readonly (number | null)[], span: readonly number[]): Float64Array {
  const numUnits = unitLocationsXY.length / 2;
  const numMotions = gradients.length;
  const out = new Float64Array(numUnits * numMotions);
  gradients.forEach((gradient, m) => {
    if (gradient === null) {
      for (let u = 0; u < numUnits; u++) out[u * numMotions + m] = 1;
      return;
    }
    if (numUnits === 0) return;
    if (!Number.isFinite(gradient)) throw new Error(`non_rigid_gradient must be a number (or null for rigid drift), not ${gradient}.`);
    const norm = Math.sqrt(span[0] * span[0] + span[1] * span[1]);
    if (norm === 0) throw new Error('A non-rigid gradient needs a drift direction: drift_start_um and drift_stop_um must differ.');
    const g0 = span[0] / norm;
    const g1 = span[1] / norm;
    const proj = new Float64Array(numUnits);
    let lo = Infinity;
    let hi = -Infinity;
    for (let u = 0; u < numUnits; u++) {
      proj[u] = unitLocationsXY[2 * u] * g0 + unitLocationsXY[2 * u + 1] * g1;
      lo = Math.min(lo, proj[u]);
      hi = Math.max(hi, proj[u]);
    }
    if (!(hi > lo)) {
      // SI divides by zero here and gets NaN factors
      throw new Error('A non-rigid gradient needs units at different positions along the drift direction (with one unit, or all at the same depth, use non_rigid_gradient: null).');
    }
    const f = Math.abs(gradient);
    for (let u = 0; u < numUnits; u++) {
      let factor = (proj[u] - lo) / (hi - lo);
      if (gradient < 0) factor = 1 - factor;
      out[u * numMotions + m] = factor * (1 - f) + f;
    }
  });
  return out;
}

/** SI raises when the summed motions leave the [start, stop] box, since no template was computed there. */
export function checkCombinedDisplacement(unitDisplacements: Float64Array, start: readonly number[], stop: readonly number[]): void {
  for (let d = 0; d < 2; d++) {
    const lim0 = Math.min(start[d], stop[d]);
    const lim1 = Math.max(start[d], stop[d]);
    for (let i = d; i < unitDisplacements.length; i += 2) {
      const v = unitDisplacements[i];
      if (v < lim0 || v > lim1) {
        throw new Error(`The combined motions move units to ${v} µm on the ${d === 0 ? 'x' : 'y'} axis, outside the drift range [${lim0}, ${lim1}] µm the templates are computed for: use smaller amplitude_factor values for the motions (or a wider drift_start_um/drift_stop_um).`);
      }
    }
  }
}
