// Fisher-Yates shuffles as numpy's Generator performs them (_generator.pyx).
// Two variants draw differently, so both are kept:
//  - shuffleInPlace: Generator.shuffle / permutation on a 1-D array (_shuffle_raw), which picks
//    j = random_interval(i) (masked rejection on next_uint32) for i = n-1 down to 1;
//  - shuffleIntTail: _shuffle_int, used inside choice(replace=False), which picks
//    j = random_bounded_uint64(0, i) (Lemire on next_uint32) for i = n-1 down to `first`.
import type { Pcg64 } from './pcg64.ts';
import { boundedUint, randomInterval } from './bounded-integers.ts';

export type ShuffleArray = Float64Array | Float32Array | Int32Array;

/** _shuffle_raw(n, first=1): Generator.shuffle of a 1-D array. */
export function shuffleInPlace(bg: Pcg64, x: ShuffleArray): void {
  for (let i = x.length - 1; i >= 1; i--) {
    const j = randomInterval(bg, i);
    const t = x[j];
    x[j] = x[i];
    x[i] = t;
  }
}

/** _shuffle_int(n, first, data) */
export function shuffleIntTail(bg: Pcg64, data: Float64Array, first: number): void {
  for (let i = data.length - 1; i >= first; i--) {
    const j = boundedUint(bg, i);
    const t = data[j];
    data[j] = data[i];
    data[i] = t;
  }
}

/** Generator.permutation(n): arange(n), shuffled with _shuffle_raw. */
export function permutation(bg: Pcg64, n: number): Float64Array {
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`n must be a non-negative integer (got ${n})`);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  shuffleInPlace(bg, out);
  return out;
}
