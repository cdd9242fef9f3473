// Standard normal draws by numpy's 256-strip ziggurat (numpy/random/src/distributions/distributions.c:
// random_standard_normal for float64, random_standard_normal_f for float32).
//
// float64: one uint64 per try. Bits 0..7 pick the strip, bit 8 is the sign, bits 9..60 (52 bits)
// are |x| in units of wi[idx]. Accept at once if rabs < ki[idx] (ki < 2**52, so the comparison is
// exact in doubles). Otherwise the base strip (idx 0) samples the tail with two log1p draws, and the
// other strips do a wedge test with one double; rejected tries start over with a new uint64.
// float32: the same with one next_uint32 per try (so two float32 normals per uint64, and the
// generator's buffered upper half is used), 23-bit rabs, float arithmetic (fround) and log1pf.
import type { Pcg64 } from './pcg64.ts';
import { log1p } from './log1p.ts';
import { log1pf } from './log1pf.ts';
import {
  FI_DOUBLE, FI_FLOAT, KI_DOUBLE, KI_FLOAT, NOR_INV_R, NOR_INV_R_F, NOR_R, NOR_R_F, WI_DOUBLE, WI_FLOAT,
} from './ziggurat-normal-tables.ts';

const fr = Math.fround;
/** 2**23, to place the upper word's bits above the 23 bits taken from the lower word. */
const TWO_23 = 8388608;

/** random_standard_normal */
export function standardNormal(bg: Pcg64): number {
  for (;;) {
    bg.step();
    const lo = bg.lo;
    const idx = lo & 0xff;
    // rabs = (u64 >> 9) & (2**52 - 1): 29 bits of the upper word over 23 bits of the lower word.
    const rabs = (bg.hi & 0x1fffffff) * TWO_23 + (lo >>> 9);
    let x = rabs * WI_DOUBLE[idx];
    if (lo & 0x100) x = -x;
    if (rabs < KI_DOUBLE[idx]) return x; // ~99.3% of draws
    const r = normalSlow(bg, idx, x, (lo >>> 17) & 1);
    if (r === r) return r; // NaN means: rejected, try a new uint64
  }
}

/** The rare paths of random_standard_normal; NaN when the try is rejected. */
function normalSlow(bg: Pcg64, idx: number, x: number, tailNegative: number): number {
  if (idx === 0) {
    for (;;) {
      // 1 - U avoids log(0) (numpy GH 13361)
      const xx = -NOR_INV_R * log1p(-bg.nextDouble());
      const yy = -log1p(-bg.nextDouble());
      if (yy + yy > xx * xx) return tailNegative ? -(NOR_R + xx) : NOR_R + xx;
    }
  }
  const y = (FI_DOUBLE[idx - 1] - FI_DOUBLE[idx]) * bg.nextDouble() + FI_DOUBLE[idx];
  return y < Math.exp(-0.5 * x * x) ? x : NaN;
}

export function fillStandardNormal(bg: Pcg64, out: Float64Array, start = 0, end = out.length): void {
  for (let i = start; i < end; i++) out[i] = standardNormal(bg);
}

/** next_float: (next_uint32 >> 8) * 2**-24 */
function nextFloat(bg: Pcg64): number {
  return (bg.nextUint32() >>> 8) * 5.9604644775390625e-8;
}

/** random_standard_normal_f (result is a float32 value held in a double) */
export function standardNormalF(bg: Pcg64): number {
  for (;;) {
    const r = bg.nextUint32();
    const idx = r & 0xff;
    const rabs = (r >>> 9) & 0x7fffff;
    let x = fr(rabs * WI_FLOAT[idx]); // 23 x 24 bits: exact in double, then rounded once to float
    if (r & 0x100) x = -x;
    if (rabs < KI_FLOAT[idx]) return x;
    const s = normalSlowF(bg, idx, x, (rabs >>> 8) & 1);
    if (s === s) return s;
  }
}

function normalSlowF(bg: Pcg64, idx: number, x: number, tailNegative: number): number {
  if (idx === 0) {
    for (;;) {
      const xx = fr(-NOR_INV_R_F * log1pf(-nextFloat(bg)));
      const yy = -log1pf(-nextFloat(bg));
      if (fr(yy + yy) > fr(xx * xx)) return tailNegative ? -fr(NOR_R_F + xx) : fr(NOR_R_F + xx);
    }
  }
  // float arithmetic on the left, double exp on the right (as the C source mixes them)
  const y = fr(fr(fr(FI_FLOAT[idx - 1] - FI_FLOAT[idx]) * nextFloat(bg)) + FI_FLOAT[idx]);
  return y < Math.exp(-0.5 * x * x) ? x : NaN;
}

export function fillStandardNormalF(bg: Pcg64, out: Float32Array, start = 0, end = out.length): void {
  for (let i = start; i < end; i++) out[i] = standardNormalF(bg);
}
