/**
 * The motion of a ground truth: `generate_displacement_vector` with the dataset's seed, or the user's own
 * displacement arrays; and which precomputed template step each spike uses, as InjectDriftingTemplatesRecording
 * picks it (the static recording has zero displacement, so one step for every spike).
 */
import type { ResolvedParams } from '../presets/resolve.ts';
import type { DisplacementModel } from './ground-truth-types.ts';
import { computeDisplacementIndices } from './displacement-indices.ts';
import { makeLinearDisplacement, numDisplacementSteps } from './linear-displacement.ts';
import { generateDisplacementVector } from './motion.ts';
import type { SpikeVector } from './sorting-vector.ts';

function givenDisplacement(p: ResolvedParams, numUnits: number): DisplacementModel {
  const d = p.displacement_data!;
  const numTimes = d.displacement_vectors.length;
  const numMotions = numTimes > 0 ? d.displacement_vectors[0][0]?.length ?? 0 : d.displacement_unit_factor[0]?.length ?? 0;
  const vectors = new Float64Array(numTimes * 2 * numMotions);
  d.displacement_vectors.forEach((t, i) => {
    if (t.length !== 2 || t.some((row) => row.length !== numMotions)) {
      throw new Error(`displacement_vectors[${i}] must be [[x per motion], [y per motion]] with ${numMotions} motions`);
    }
    for (let dim = 0; dim < 2; dim++) for (let m = 0; m < numMotions; m++) vectors[(i * 2 + dim) * numMotions + m] = t[dim][m];
  });
  if (d.displacement_unit_factor.length !== numUnits || d.displacement_unit_factor.some((r) => r.length !== numMotions)) {
    throw new Error(`displacement_unit_factor must have one row of ${numMotions} factors per unit (${numUnits} units)`);
  }
  const unitFactor = Float64Array.from(d.displacement_unit_factor.flat());
  const unitDisplacements = new Float64Array(numTimes * numUnits * 2);
  for (let t = 0; t < numTimes; t++) {
    for (let u = 0; u < numUnits; u++) {
      for (let dim = 0; dim < 2; dim++) {
        let s = 0;
        for (let m = 0; m < numMotions; m++) s += vectors[(t * 2 + dim) * numMotions + m] * unitFactor[u * numMotions + m];
        unitDisplacements[(t * numUnits + u) * 2 + dim] = s;
      }
    }
  }
  return {
    samplingFrequency: d.displacement_sampling_frequency, numTimes, numMotions, numSteps: d.displacements_steps.length,
    vectors, unitFactor, unitDisplacements, steps: Float64Array.from(d.displacements_steps.flat()),
  };
}

export function buildDisplacement(p: ResolvedParams, unitLocations: Float32Array, seed: number | bigint): DisplacementModel {
  const numUnits = unitLocations.length / 3;
  if (p.displacement_data) return givenDisplacement(p, numUnits);
  const xy = new Float64Array(numUnits * 2);
  for (let u = 0; u < numUnits; u++) { xy[2 * u] = unitLocations[3 * u]; xy[2 * u + 1] = unitLocations[3 * u + 1]; }
  const k = p.generate_displacement_vector_kwargs;
  if (k.motion_list.length === 0) return noDrift(p, numUnits);
  const r = generateDisplacementVector(p.duration, xy, {
    displacement_sampling_frequency: k.displacement_sampling_frequency, drift_start_um: k.drift_start_um,
    drift_stop_um: k.drift_stop_um, drift_step_um: k.drift_step_um, motion_list: k.motion_list, seed,
  });
  return {
    samplingFrequency: r.displacementSamplingFrequency, numTimes: r.numTimes, numMotions: r.numMotions, numSteps: r.numSteps,
    vectors: r.displacementVectors, unitFactor: r.displacementUnitFactor, unitDisplacements: r.unitDisplacements,
    steps: r.displacementsSteps,
  };
}

/**
 * An empty motion list means no drift: SpikeInterface fails on it (np.concatenate of nothing), but a user who
 * removes every motion expects a drifting recording equal to the static one. Zero motions, zero displacement,
 * the same steps as with motions (so the static step is the same).
 */
function noDrift(p: ResolvedParams, numUnits: number): DisplacementModel {
  const k = p.generate_displacement_vector_kwargs;
  const numTimes = Math.ceil(k.displacement_sampling_frequency * p.duration);
  const numSteps = numDisplacementSteps(k.drift_start_um, k.drift_stop_um, k.drift_step_um);
  return {
    samplingFrequency: k.displacement_sampling_frequency, numTimes, numMotions: 0, numSteps,
    vectors: new Float64Array(0), unitFactor: new Float64Array(0), unitDisplacements: new Float64Array(numTimes * numUnits * 2),
    steps: makeLinearDisplacement(k.drift_start_um, k.drift_stop_um, numSteps),
  };
}

export function displacementIndicesFor(spikes: SpikeVector, d: DisplacementModel, fs: number): Int32Array {
  if (d.numMotions === 0) return new Int32Array(spikes.length).fill(staticStepIndexFor(d));
  return computeDisplacementIndices(spikes, d.vectors, d.unitFactor, d.steps, fs, d.samplingFrequency, d.numTimes, d.numMotions);
}

/** The step nearest to zero displacement: the one the static recording injects for every spike. */
export function staticStepIndexFor(d: DisplacementModel): number {
  let best = 0;
  let bestD = Infinity;
  for (let s = 0; s < d.numSteps; s++) {
    const dist = Math.hypot(d.steps[2 * s], d.steps[2 * s + 1]);
    if (dist < bestD) { bestD = dist; best = s; }
  }
  return best;
}
