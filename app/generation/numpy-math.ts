/**
 * The few numpy reductions whose exact rounding the ground truth depends on.
 */

/**
 * `np.sum` of a contiguous float64 array: numpy's pairwise summation (numpy/core/src/umath/loops_utils.h,
 * `pairwise_sum`): below 8 values a plain loop, up to 128 values eight interleaved accumulators, above that
 * the halves (rounded down to a multiple of 8) summed recursively. Matching it keeps probabilities bit-equal.
 */
export function pairwiseSum(a: ArrayLike<number>, start = 0, n = a.length - start): number {
  if (n < 8) {
    let s = -0.0;
    for (let i = 0; i < n; i++) s += a[start + i];
    return n === 0 ? 0 : s;
  }
  if (n <= 128) {
    const r = [a[start], a[start + 1], a[start + 2], a[start + 3], a[start + 4], a[start + 5], a[start + 6], a[start + 7]];
    let i = 8;
    for (; i < n - (n % 8); i += 8) for (let k = 0; k < 8; k++) r[k] += a[start + i + k];
    let res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
    for (; i < n; i++) res += a[start + i];
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return pairwiseSum(a, start, n2) + pairwiseSum(a, start + n2, n - n2);
}

/** `np.linspace(start, stop, num)` with endpoint: `i * step + start`, the last value set to `stop`. */
export function linspace(start: number, stop: number, num: number): Float64Array {
  const out = new Float64Array(num);
  const div = num - 1;
  const step = div > 0 ? (stop - start) / div : NaN;
  for (let i = 0; i < num; i++) out[i] = div > 0 ? i * step + start : start;
  if (num > 1) out[num - 1] = stop;
  return out;
}

/** Index of the first minimum, as `np.argmin`. */
export function argmin(a: ArrayLike<number>, start = 0, n = a.length - start): number {
  let best = 0;
  for (let i = 1; i < n; i++) if (a[start + i] < a[start + best]) best = i;
  return best;
}
