// log1pf exactly as glibc's float implementation computes it (the SunPro/fdlibm algorithm of
// sysdeps/ieee754/flt-32/s_log1pf.c), because numpy's float32 ziggurat tail
// (random_standard_normal_f) calls npy_log1pf = libm log1pf, and its result lands in the output.
// Math.fround(Math.log1p(x)) is correctly rounded, which fdlibm's float version is not always.
// Every float operation below is rounded with fround, as C evaluates float expressions on x86-64.
//
// Algorithm: write 1+x = 2**k * (1+f) with sqrt(2)/2 < 1+f < sqrt(2); then
// log1p(x) = k*ln2 + log(1+f), log(1+f) = f - (hfsq - s*(hfsq+R)), s = f/(2+f), R a polynomial in s*s.
// c corrects the rounding error of u = 1+x.

const fr = Math.fround;
const F32 = new Float32Array(1);
const U32 = new Int32Array(F32.buffer);

function bitsOf(x: number): number {
  F32[0] = x;
  return U32[0];
}

function fromBits(b: number): number {
  U32[0] = b;
  return F32[0];
}

const LN2_HI = fromBits(0x3f317180);
const LN2_LO = fromBits(0x3717f7d1);
const LP1 = fromBits(0x3f2aaaab);
const LP2 = fromBits(0x3ecccccd);
const LP3 = fromBits(0x3e924925);
const LP4 = fromBits(0x3e638e29);
const LP5 = fromBits(0x3e3a3325);
const LP6 = fromBits(0x3e1cd04f);
const LP7 = fromBits(0x3e178897);
const TWO_THIRDS = fr(0.66666666666666666);

/** log(1 + x) in float32 arithmetic, bit-compatible with glibc's log1pf. */
export function log1pf(xIn: number): number {
  const x = fr(xIn);
  const hx = bitsOf(x);
  const ax = hx & 0x7fffffff;
  let k = 1;
  let f = 0;
  let c = 0;
  let hu = 0;
  if (hx < 0x3ed413d7) { // x < 0.41422 (or negative)
    if (ax >= 0x3f800000) return x === -1 ? -Infinity : NaN; // x <= -1
    if (ax < 0x31000000) { // |x| < 2**-29
      return ax < 0x24800000 ? x : fr(x - fr(fr(x * x) * 0.5));
    }
    if (hx > 0 || hx <= (0xbe95f61f | 0)) { // -0.2929 < x < 0.41422: no reduction
      k = 0;
      f = x;
      hu = 1;
    }
  }
  if (hx >= 0x7f800000) return x + x; // +inf, NaN
  if (k !== 0) {
    let u: number;
    if (hx < 0x5a000000) {
      u = fr(1 + x);
      hu = bitsOf(u);
      k = (hu >> 23) - 127;
      c = k > 0 ? fr(1 - fr(u - x)) : fr(x - fr(u - 1));
      c = fr(c / u);
    } else {
      u = x;
      hu = bitsOf(u);
      k = (hu >> 23) - 127;
      c = 0;
    }
    hu &= 0x007fffff;
    if (hu < 0x3504f7) {
      u = fromBits(hu | 0x3f800000); // normalise u
    } else {
      k += 1;
      u = fromBits(hu | 0x3f000000); // normalise u/2
      hu = (0x00800000 - hu) >> 2;
    }
    f = fr(u - 1);
  }
  const hfsq = fr(fr(0.5 * f) * f);
  if (hu === 0) { // |f| < 2**-20
    if (f === 0) {
      if (k === 0) return 0;
      c = fr(c + fr(k * LN2_LO));
      return fr(fr(k * LN2_HI) + c);
    }
    const R0 = fr(hfsq * fr(1 - fr(TWO_THIRDS * f)));
    if (k === 0) return fr(f - R0);
    return fr(fr(k * LN2_HI) - fr(fr(R0 - fr(fr(k * LN2_LO) + c)) - f));
  }
  const s = fr(f / fr(2 + f));
  const z = fr(s * s);
  let R = fr(LP6 + fr(z * LP7));
  R = fr(LP5 + fr(z * R));
  R = fr(LP4 + fr(z * R));
  R = fr(LP3 + fr(z * R));
  R = fr(LP2 + fr(z * R));
  R = fr(LP1 + fr(z * R));
  R = fr(z * R);
  if (k === 0) return fr(f - fr(hfsq - fr(s * fr(hfsq + R))));
  return fr(fr(k * LN2_HI) - fr(fr(hfsq - fr(fr(s * fr(hfsq + R)) + fr(fr(k * LN2_LO) + c))) - f));
}
