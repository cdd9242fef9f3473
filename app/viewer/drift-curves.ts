/**
 * The displacement over time as the drift QC view plots it: the y component of each motion's
 * `displacement_vectors[:, 1, m]` and their sum, and the per-unit displacement
 * `unit_displacements[:, u, 1]` (= sum over motions of vector × displacement_unit_factor[u, m]).
 */
import type { DriftQc } from '../api/viewer-types.ts';
import type { DisplacementModel } from '../generation/ground-truth-types.ts';

export function driftCurves(d: DisplacementModel, numUnits: number, units: readonly number[] = []): DriftQc {
  const T = d.numTimes, M = d.numMotions;
  const times = Array.from({ length: T }, (_, t) => t / d.samplingFrequency);
  const motions = Array.from({ length: M }, (_, m) => ({
    label: `motion ${m}`, dy: Array.from({ length: T }, (_, t) => d.vectors[(t * 2 + 1) * M + m]),
  }));
  const sum = Array.from({ length: T }, (_, t) => motions.reduce((s, mo) => s + mo.dy[t], 0));
  const picked = units.filter((u) => u >= 0 && u < numUnits).map((u) => ({
    index: u, dy: Array.from({ length: T }, (_, t) => d.unitDisplacements[(t * numUnits + u) * 2 + 1]),
  }));
  return { times, motions, sum, units: picked };
}
