// Correctly rounded fused multiply-add in plain doubles, for emulating libm code that the C
// compiler contracted into FMA instructions (see log1p.ts). JavaScript has no Math.fma.
//
// Method (Boldo & Melquiond, "Emulation of FMA and correctly rounded sums: proved algorithms using
// rounding to odd", IEEE TC 2008): a*b = uh + ul exactly (Dekker/Veltkamp), c + uh = th + tl
// exactly (Knuth's TwoSum), v = (tl + ul) rounded to odd, fma = RN(th + v). Valid without
// overflow/underflow in the intermediate products, which holds for the magnitudes used here.

const SPLIT = 134217729; // 2**27 + 1
const BITS = new DataView(new ArrayBuffer(8));

/** t moved one ulp away from zero (up = true) or toward zero. */
function stepUlp(t: number, up: boolean): number {
  BITS.setFloat64(0, t);
  const big = BITS.getBigUint64(0);
  BITS.setBigUint64(0, up ? big + 1n : big - 1n);
  return BITS.getFloat64(0);
}

/** RN(x + y) rounded to odd instead: exact results stay, inexact ones get an odd last bit. */
function addRoundToOdd(x: number, y: number): number {
  const s = x + y;
  const yy = s - x;
  const e = (x - (s - yy)) + (y - yy);
  if (e === 0 || s === 0) return s;
  BITS.setFloat64(0, s);
  if (BITS.getUint32(4) & 1) return s; // already odd
  return stepUlp(s, (e > 0) === (s > 0)); // the neighbour on the side of the exact value is odd
}

/** fma(a, b, c) = a*b + c with a single rounding. */
export function fma(a: number, b: number, c: number): number {
  const p = a * b;
  if (!Number.isFinite(p) || !Number.isFinite(c) || p === 0) return p + c;
  let t = SPLIT * a;
  const ah = t - (t - a), al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b), bl = b - bh;
  const pl = ((ah * bh - p) + ah * bl + al * bh) + al * bl; // a*b = p + pl exactly
  const th = c + p;
  const pp = th - c;
  const tl = (c - (th - pp)) + (p - pp); // c + p = th + tl exactly
  return th + addRoundToOdd(tl, pl);
}
