// Standard exponential draws by numpy's 256-strip ziggurat (distributions.c:
// random_standard_exponential and standard_exponential_unlikely), the default method='zig'.
// numpy's geometric(p) for p < 1/3 is built on this same stream, so it matters for spike trains.
//
// One uint64 per try: drop 3 bits, the next 8 bits pick the strip, the remaining 53 bits
// (u64 >> 11, the same bits as next_double) scale we[idx]. ke < 2**53: exact comparisons in doubles.
import type { Pcg64 } from './pcg64.ts';
import { log1p } from './log1p.ts';
import { EXP_R, FE_DOUBLE, KE_DOUBLE, WE_DOUBLE } from './ziggurat-exp-tables.ts';

/** random_standard_exponential */
export function standardExponential(bg: Pcg64): number {
  for (;;) {
    bg.step();
    const lo = bg.lo;
    const idx = (lo >>> 3) & 0xff;
    const ri = bg.hi * 2097152 + (lo >>> 11); // u64 >> 11
    const x = ri * WE_DOUBLE[idx];
    if (ri < KE_DOUBLE[idx]) return x; // ~98.9% of draws
    if (idx === 0) return EXP_R - log1p(-bg.nextDouble()); // tail; 1 - U avoids log(0)
    if ((FE_DOUBLE[idx - 1] - FE_DOUBLE[idx]) * bg.nextDouble() + FE_DOUBLE[idx] < Math.exp(-x)) return x;
    // rejected: numpy recurses into random_standard_exponential, i.e. starts over
  }
}

export function fillStandardExponential(bg: Pcg64, out: Float64Array): void {
  for (let i = 0; i < out.length; i++) out[i] = standardExponential(bg);
}
