/**
 * Which precomputed template position each spike uses: the "precompute" branch of
 * `spikeinterface.generation.drift_tools.InjectDriftingTemplatesRecording.__init__`.
 *
 * Per spike: time bin `int(sample / fs * fs_d)` (truncated, not clipped: SI would fail past the end, and
 * asserts beforehand that the motion covers the recording), displacement = sum over motions of
 * `displacement_vectors[bin, :, m] * displacement_unit_factor[unit, m]`, then the nearest step by
 * Euclidean distance (`argmin(cdist(steps, displacement))`, first one on ties). Distances are computed as
 * scipy does, `sqrt(dx*dx + dy*dy)`, so that ties resolve identically. One segment at a time, as SI loops.
 */

export interface SpikesForIndices {
  sampleIndex: ArrayLike<number>;
  unitIndex: ArrayLike<number>;
  length: number;
}

/**
 * `displacementVectors` (numTimes, 2, numMotions), `displacementUnitFactor` (numUnits, numMotions),
 * `displacementsSteps` (numSteps, 2), all C order; `fs` and `fs_d` the recording's and the motion's rates.
 * Returns the step index of each spike.
 */
export function computeDisplacementIndices(
  spikes: SpikesForIndices,
  displacementVectors: Float64Array,
  displacementUnitFactor: Float64Array,
  displacementsSteps: Float64Array,
  samplingFrequency: number,
  displacementSamplingFrequency: number,
  numTimes: number,
  numMotions: number,
): Int32Array {
  if (!Number.isInteger(numMotions) || numMotions < 1 || displacementVectors.length !== numTimes * 2 * numMotions) {
    throw new Error(`displacement_vectors must be (num_times, 2, num_motions) = (${numTimes}, 2, ${numMotions}) with at least one motion; it has ${displacementVectors.length} values.`);
  }
  if (displacementUnitFactor.length % numMotions !== 0) {
    throw new Error('displacement_vectors and displacement_unit_factor must have the same number of motions.');
  }
  const numSteps = displacementsSteps.length / 2;
  if (!Number.isInteger(numSteps) || numSteps < 1) throw new Error('displacements_steps must be (num_steps, 2) with at least one step.');
  const numUnits = displacementUnitFactor.length / numMotions;
  const out = new Int32Array(spikes.length);
  for (let i = 0; i < spikes.length; i++) {
    const bin = Math.trunc(spikes.sampleIndex[i] / samplingFrequency * displacementSamplingFrequency);
    if (bin < 0 || bin >= numTimes) {
      throw new Error(`Spike ${i} at sample ${spikes.sampleIndex[i]} falls after the end of the motion (${numTimes} samples at ${displacementSamplingFrequency} Hz): the displacement vectors must span the whole recording.`);
    }
    const unit = spikes.unitIndex[i];
    if (unit < 0 || unit >= numUnits) throw new Error(`Spike ${i} has unit index ${unit}, but the motion has factors for ${numUnits} units.`);
    let x = 0;
    let y = 0;
    const row = bin * 2 * numMotions;
    for (let m = 0; m < numMotions; m++) {
      const f = displacementUnitFactor[unit * numMotions + m];
      x += displacementVectors[row + m] * f;
      y += displacementVectors[row + numMotions + m] * f;
    }
    let best = 0;
    let bestDist = Infinity;
    for (let s = 0; s < numSteps; s++) {
      const dx = displacementsSteps[2 * s] - x;
      const dy = displacementsSteps[2 * s + 1] - y;
      const dist = Math.sqrt(dx * dx + dy * dy);
      if (dist < bestDist) { bestDist = dist; best = s; }
    }
    out[i] = best;
  }
  return out;
}
