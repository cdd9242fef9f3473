/**
 * Drift of the units: `spikeinterface.generation.drifting_generator.generate_displacement_vector`.
 * Several motion shapes (motion-one.ts) are mapped onto the line from `drift_start_um` to `drift_stop_um`,
 * weighted per unit (a non-rigid gradient along that line) and summed into per-unit displacements.
 *
 * Seeds: SI hands the *same* seed to every motion (two bump motions with one seed draw identical bumps). Here
 * a null seed is resolved once (`ensureSeed`) and returned; a motion's own `seed` (not an SI option: SI
 * rejects it) overrides the shared one for that motion only.
 */
import { makeLinearDisplacement, numDisplacementSteps } from './linear-displacement.ts';
import { makeOneDisplacementVector, normalizeDriftMode, type DriftMode } from './motion-one.ts';
import { checkCombinedDisplacement, unitFactors } from './motion-units.ts';
import { ensureSeed, type Seed } from './sorting-seed.ts';

export { makeOneDisplacementVector, normalizeDriftMode, type DriftMode, type OneDisplacementOptions } from './motion-one.ts';
export { makeLinearDisplacement, numDisplacementSteps } from './linear-displacement.ts';
export { computeDisplacementIndices } from './displacement-indices.ts';

export interface MotionSpec {
  drift_mode: DriftMode | 'bumps';
  amplitude_factor?: number;
  /** null: rigid. g in [-1, 1]: factor |g| at one end of the drift line, 1 at the other (reversed if g < 0). */
  non_rigid_gradient?: number | null;
  t_start_drift?: number | null;
  t_end_drift?: number | null;
  period_s?: number;
  bump_interval_s?: [number, number];
  seed?: Seed | null;
}

export interface DisplacementOptions {
  displacement_sampling_frequency?: number;
  drift_start_um?: [number, number];
  drift_stop_um?: [number, number];
  drift_step_um?: number;
  motion_list?: MotionSpec[];
  seed: Seed | null;
}

export interface DisplacementData {
  /** (numTimes, numUnits, 2): summed displacement of each unit. */
  unitDisplacements: Float64Array;
  /** (numTimes, 2, numMotions): each motion on the drift line. */
  displacementVectors: Float64Array;
  /** (numUnits, numMotions). */
  displacementUnitFactor: Float64Array;
  displacementSamplingFrequency: number;
  /** (numSteps, 2): the positions templates are precomputed at. */
  displacementsSteps: Float64Array;
  numTimes: number;
  numUnits: number;
  numMotions: number;
  numSteps: number;
  /** The seed used (drawn when null was given). */
  seed: Seed;
}

/** SI's defaults for this function (generate_drifting_recording passes ±20 µm and its own motion instead). */
export const DEFAULT_MOTION_LIST: MotionSpec[] = [
  { drift_mode: 'zigzag', amplitude_factor: 1.0, non_rigid_gradient: null, t_start_drift: 60.0, t_end_drift: null, period_s: 200 },
];

/** `unitLocationsXY` is (numUnits, 2) in C order: x, y of each unit. */
export function generateDisplacementVector(duration: number, unitLocationsXY: Float64Array, opts: DisplacementOptions): DisplacementData {
  const fsd = opts.displacement_sampling_frequency ?? 5.0;
  const start = opts.drift_start_um ?? [0, 30.0];
  const stop = opts.drift_stop_um ?? [0, -30.0];
  const motions = opts.motion_list ?? DEFAULT_MOTION_LIST;
  if (motions.length === 0) {
    throw new Error('motion_list is empty: give at least one motion (SpikeInterface needs one too); for a recording without drift use the static recording.');
  }
  if (unitLocationsXY.length % 2 !== 0) throw new Error('Unit locations must be (num_units, 2): x and y of each unit.');
  const numSteps = numDisplacementSteps(start, stop, opts.drift_step_um ?? 1);
  const displacementsSteps = makeLinearDisplacement(start, stop, numSteps);
  const seed = ensureSeed(opts.seed);
  const numUnits = unitLocationsXY.length / 2;
  const numMotions = motions.length;
  const mid = [(start[0] + stop[0]) / 2, (start[1] + stop[1]) / 2];
  const span = [stop[0] - start[0], stop[1] - start[1]];

  const shapes = motions.map((m) => makeOneDisplacementVector({
    drift_mode: normalizeDriftMode(m.drift_mode),
    duration,
    displacement_sampling_frequency: fsd,
    amplitude_factor: m.amplitude_factor,
    t_start_drift: m.t_start_drift,
    t_end_drift: m.t_end_drift,
    period_s: m.period_s,
    bump_interval_s: m.bump_interval_s,
    seed: m.seed ?? seed,
  }));
  const numTimes = shapes[0].length;
  if (shapes.some((s) => s.length !== numTimes)) {
    throw new Error(`The motions have different lengths (${shapes.map((s) => s.length).join(', ')} samples; SpikeInterface's bump uses arange(0, duration, 1/fs) and the others ceil(fs*duration)): choose a duration that is a whole number of displacement samples.`);
  }
  const displacementVectors = new Float64Array(numTimes * 2 * numMotions);
  shapes.forEach((shape, m) => {
    for (let t = 0; t < numTimes; t++) {
      for (let d = 0; d < 2; d++) displacementVectors[(t * 2 + d) * numMotions + m] = shape[t] * span[d] + mid[d];
    }
  });
  const displacementUnitFactor = unitFactors(unitLocationsXY, motions.map((m) => m.non_rigid_gradient ?? null), span);

  // unit_displacements[t, u, d] = sum over motions, added in motion order from 0 as SI does
  const unitDisplacements = new Float64Array(numTimes * numUnits * 2);
  for (let t = 0; t < numTimes; t++) {
    for (let u = 0; u < numUnits; u++) {
      for (let d = 0; d < 2; d++) {
        let acc = 0;
        for (let m = 0; m < numMotions; m++) acc += displacementVectors[(t * 2 + d) * numMotions + m] * displacementUnitFactor[u * numMotions + m];
        unitDisplacements[(t * numUnits + u) * 2 + d] = acc;
      }
    }
  }
  checkCombinedDisplacement(unitDisplacements, start, stop);
  return {
    unitDisplacements, displacementVectors, displacementUnitFactor, displacementSamplingFrequency: fsd,
    displacementsSteps, numTimes, numUnits, numMotions, numSteps, seed,
  };
}
