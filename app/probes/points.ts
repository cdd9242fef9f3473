/**
 * Conversions between the two shapes coordinates come in (rows of numbers, or a flat C-order array) and the
 * flat Float64Array the probe model stores. numpy keeps `contact_positions` as an (n, ndim) C-order array;
 * a flat Float64Array with the same layout keeps indexing identical (`p[i * ndim + d]`).
 */
import type { PointsInput } from './types.ts';

function isRows(input: PointsInput): input is ReadonlyArray<ArrayLike<number>> {
  return Array.isArray(input) && input.length > 0 && typeof input[0] === 'object' && input[0] !== null;
}

/** Flattens `input` into n × width numbers, or throws a sentence naming `what` and the first bad entry. */
export function flattenPoints(input: PointsInput, width: number, what: string): Float64Array {
  if (isRows(input)) {
    const out = new Float64Array(input.length * width);
    for (let i = 0; i < input.length; i++) {
      const row = input[i];
      if (row.length !== width) {
        throw new Error(`${what}: row ${i} has ${row.length} coordinates but the probe has ndim ${width}.`);
      }
      for (let d = 0; d < width; d++) {
        const v = Number(row[d]);
        if (!Number.isFinite(v)) throw new Error(`${what}: row ${i} holds a value that is not a finite number.`);
        out[i * width + d] = v;
      }
    }
    return out;
  }
  const flat = input as ArrayLike<number>;
  if (flat.length % width !== 0) {
    throw new Error(`${what}: ${flat.length} numbers cannot be split into rows of ${width} (ndim).`);
  }
  const out = Float64Array.from(flat as ArrayLike<number>);
  for (let i = 0; i < out.length; i++) {
    if (!Number.isFinite(out[i])) throw new Error(`${what}: entry ${i} is not a finite number.`);
  }
  return out;
}

/** Rows of `width` numbers from a flat array, as probeinterface's `ndarray.tolist()` writes them. */
export function toRows(flat: Float64Array, width: number): number[][] {
  const rows: number[][] = [];
  for (let i = 0; i < flat.length; i += width) rows.push(Array.from(flat.subarray(i, i + width)));
  return rows;
}
