/**
 * `spikeinterface.generation.drift_tools.make_linear_displacement`: `numStep` 2-D positions from `start` to
 * `stop`, both included, evaluated as numpy does, `(stop - start) / (numStep - 1) * i + start`, so the steps
 * are bitwise SI's. One step is the midpoint `(start + stop) / 2`.
 */

/** Returns a (numStep, 2) C-order array. */
export function makeLinearDisplacement(start: readonly [number, number], stop: readonly [number, number], numStep: number): Float64Array {
  if (!Number.isInteger(numStep) || numStep < 1) {
    throw new Error(`make_linear_displacement needs a whole number of steps > 0, not ${numStep}.`);
  }
  const out = new Float64Array(numStep * 2);
  if (numStep === 1) {
    out[0] = (start[0] + stop[0]) / 2;
    out[1] = (start[1] + stop[1]) / 2;
    return out;
  }
  const step0 = (stop[0] - start[0]) / (numStep - 1);
  const step1 = (stop[1] - start[1]) / (numStep - 1);
  for (let i = 0; i < numStep; i++) {
    out[2 * i] = step0 * i + start[0];
    out[2 * i + 1] = step1 * i + start[1];
  }
  return out;
}

/**
 * The step count `generate_displacement_vector` uses: `|stop - start| / step_um`, made odd
 * (`int(n // 2 * 2 + 1)`) so that the middle step is the motion's center.
 */
export function numDisplacementSteps(start: readonly [number, number], stop: readonly [number, number], stepUm: number): number {
  if (!(stepUm > 0) || !Number.isFinite(stepUm)) throw new Error(`drift_step_um must be a positive number of micrometers, not ${stepUm}.`);
  const dx = stop[0] - start[0];
  const dy = stop[1] - start[1];
  // np.linalg.norm of a 2-vector is sqrt(x.x); identical to the last bit whenever one component is 0
  const n = Math.sqrt(dx * dx + dy * dy) / stepUm;
  return Math.trunc(Math.floor(n / 2) * 2 + 1);
}
