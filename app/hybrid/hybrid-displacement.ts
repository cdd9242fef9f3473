/**
 * The displacement of the injected units, in the drifting generator's shape (`DisplacementModel`: vectors
 * (times, 2, motions), unit factors (units, motions), steps (steps, 2)), from the three motions a hybrid preset can
 * name. From a motion estimate it mirrors the `motion is not None` branch of `generate_hybrid_recording`
 * (generation/hybrid_tools.py, SI 0.105):
 *   - steps: `make_linear_displacement` from the smallest to the largest displacement of every segment along the
 *     motion's direction, `max(1, int((max - min) / drift_step_um))` of them (not forced odd, unlike the generator);
 *   - `displacement_sampling_frequency = 1 / (t[1] - t[0])` of segment 0's time bins;
 *   - one "motion" per unit: its displacement at its own depth (`get_displacement_at_time_and_depth` at every time
 *     bin), with `displacement_unit_factor = eye(num_units)`.
 * A generated motion is `generate_displacement_vector` as in the drifting generator; no motion is one step at 0.
 */
import type { DisplacementModel } from '../generation/ground-truth-types.ts';
import { makeLinearDisplacement } from '../generation/linear-displacement.ts';
import { generateDisplacementVector } from '../generation/motion.ts';
import type { Seed } from '../generation/sorting-seed.ts';
import type { ResolvedHybridParams } from '../presets/hybrid-resolve.ts';
import { displacementAt, type MotionEstimate } from './hybrid-motion-estimate.ts';

/** No motion: SpikeInterface injects static templates (InjectTemplatesRecording) — here one step at (0, 0). */
export function noDisplacement(): DisplacementModel {
  return {
    samplingFrequency: 1, numTimes: 0, numMotions: 0, numSteps: 1, vectors: new Float64Array(0),
    unitFactor: new Float64Array(0), unitDisplacements: new Float64Array(0), steps: new Float64Array(2),
  };
}

function unitDisplacementsOf(vectors: Float64Array, unitFactor: Float64Array, numTimes: number, numUnits: number, numMotions: number): Float64Array {
  const out = new Float64Array(numTimes * numUnits * 2);
  for (let t = 0; t < numTimes; t++) {
    for (let u = 0; u < numUnits; u++) {
      for (let d = 0; d < 2; d++) {
        let s = 0;
        for (let m = 0; m < numMotions; m++) s += vectors[(t * 2 + d) * numMotions + m] * unitFactor[u * numMotions + m];
        out[(t * numUnits + u) * 2 + d] = s;
      }
    }
  }
  return out;
}

export function displacementFromEstimate(m: MotionEstimate, segmentIndex: number, unitLocations: ArrayLike<number>,
  driftStepUm: number, numSamples: number, samplingFrequency: number): DisplacementModel {
  if (m.dim === 2) throw new Error('The motion is along z; SpikeInterface injects motion along x or y only ("3D motion not implemented yet").');
  const seg = m.segments[segmentIndex];
  if (!seg) throw new Error(`The motion has ${m.segments.length} segment(s); segment_index ${segmentIndex} does not exist.`);
  const bins0 = m.segments[0].temporalBinsS;
  if (bins0.length < 2) throw new Error('The motion needs at least two time bins: its sampling frequency is 1 / (bin 1 − bin 0).');
  let lo = Infinity, hi = -Infinity;
  for (const s of m.segments) for (const v of s.displacement) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
  const start: [number, number] = m.dim === 0 ? [lo, 0] : [0, lo];
  const stop: [number, number] = m.dim === 0 ? [hi, 0] : [0, hi];
  const numSteps = Math.max(1, Math.trunc((hi - lo) / driftStepUm));
  const steps = makeLinearDisplacement(start, stop, numSteps);
  const fsd = 1.0 / (bins0[1] - bins0[0]);
  const numTimes = seg.temporalBinsS.length;
  // InjectDriftingTemplatesRecording asserts that the displacement spans the recording
  if (numTimes / fsd < numSamples / samplingFrequency) {
    throw new Error(`The motion covers ${(numTimes / fsd).toFixed(3)} s (${numTimes} bins at ${fsd.toPrecision(6)} Hz) but the recording lasts ${(numSamples / samplingFrequency).toFixed(3)} s: give a motion estimate of the whole recording.`);
  }
  const U = unitLocations.length / 3;
  const vectors = new Float64Array(numTimes * 2 * U);
  for (let u = 0; u < U; u++) {
    const depth = unitLocations[3 * u + m.dim];
    for (let t = 0; t < numTimes; t++) vectors[(t * 2 + m.dim) * U + u] = displacementAt(m, segmentIndex, seg.temporalBinsS[t], depth);
  }
  const unitFactor = new Float64Array(U * U);
  for (let u = 0; u < U; u++) unitFactor[u * U + u] = 1;
  return {
    samplingFrequency: fsd, numTimes, numMotions: U, numSteps, vectors, unitFactor, steps,
    unitDisplacements: unitDisplacementsOf(vectors, unitFactor, numTimes, U, U),
  };
}

/** A motion generated as the drifting generator does (`generate_displacement_vector` with the preset's seed). */
export function generatedDisplacement(kwargs: Extract<ResolvedHybridParams['motion'], { source: 'generated' }>['kwargs'],
  unitLocations: ArrayLike<number>, durationS: number, seed: Seed): DisplacementModel {
  const U = unitLocations.length / 3;
  const xy = new Float64Array(U * 2);
  for (let u = 0; u < U; u++) { xy[2 * u] = unitLocations[3 * u]; xy[2 * u + 1] = unitLocations[3 * u + 1]; }
  const r = generateDisplacementVector(durationS, xy, { ...kwargs, seed });
  return {
    samplingFrequency: r.displacementSamplingFrequency, numTimes: r.numTimes, numMotions: r.numMotions, numSteps: r.numSteps,
    vectors: r.displacementVectors, unitFactor: r.displacementUnitFactor, unitDisplacements: r.unitDisplacements,
    steps: r.displacementsSteps,
  };
}
