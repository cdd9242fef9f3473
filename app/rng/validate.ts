// Argument checks of the Generator methods, with numpy's conditions (_common.pyx check_constraint,
// _bounded_integers.pyx.in) and messages that say what is expected.

/** A count of values to draw: a non-negative safe integer. */
export function checkCount(n: number, name = 'n'): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer (got ${n})`);
}

/** CONS_NON_NEGATIVE: rejects values with the sign bit set (so -0 too), lets NaN through as numpy does. */
export function checkNonNegative(v: number, name: string): void {
  if (v < 0 || Object.is(v, -0)) throw new Error(`${name} must be >= 0 (numpy: ${name} < 0), got ${v}`);
}

/** uniform: high - low must be finite and not negative. Returns the range. */
export function checkUniformRange(low: number, high: number): number {
  const range = high - low;
  if (!Number.isFinite(range) && !Number.isNaN(range)) {
    throw new Error('high - low range exceeds valid bounds');
  }
  checkNonNegative(range, 'high - low');
  return range;
}

/**
 * integers(low, high, endpoint) with number bounds: both safe integers, low <= closed high, and the
 * closed range high' - low below 2**53 (use integersBig beyond). Returns that range.
 */
export function checkIntegerBounds(low: number, high: number, endpoint: boolean): number {
  if (!Number.isSafeInteger(low) || !Number.isSafeInteger(high)) {
    throw new Error(`low and high must be safe integers (got ${low}, ${high}); use integersBig for larger ones`);
  }
  const closedHigh = endpoint ? high : high - 1;
  if (low > closedHigh) {
    throw new Error(endpoint ? `low > high (${low} > ${high})` : `low >= high (${low} >= ${high})`);
  }
  const rng = closedHigh - low;
  if (!Number.isSafeInteger(rng)) throw new Error('high - low must be below 2**53; use integersBig');
  return rng;
}
