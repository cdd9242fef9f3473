// Bounded integers as numpy's Generator.integers draws them (distributions.c:
// random_bounded_uint64 / random_bounded_uint64_fill with use_masked=False, i.e. Lemire's method),
// plus random_interval (masked rejection), which Generator.shuffle / permutation use instead.
//
// A range rng = high - low (closed interval [0, rng]) that fits 32 bits is drawn from next_uint32,
// i.e. from half a uint64: the other half stays buffered in the bit generator for the next 32-bit
// request, even across calls (numpy's "buffered_bounded_lemire_uint32" ignores its own buffer).
import type { Pcg64 } from './pcg64.ts';

const TWO_32 = 4294967296;

/** buffered_bounded_lemire_uint32: uniform in [0, rng] for 0 < rng < 2**32 - 1. */
export function lemire32(bg: Pcg64, rng: number): number {
  const excl = rng + 1;
  const eh = Math.floor(excl / 65536), el = excl & 0xffff;
  let x = bg.nextUint32();
  // m = x * excl as 64 bits: leftover = low word (imul), result = high word (exact split product)
  let leftover = Math.imul(x, excl) >>> 0;
  if (leftover < excl) {
    const threshold = (TWO_32 - excl) % excl; // (UINT32_MAX - rng) % rng_excl
    while (leftover < threshold) {
      x = bg.nextUint32();
      leftover = Math.imul(x, excl) >>> 0;
    }
  }
  return Math.floor((x * eh + Math.floor((x * el) / 65536)) / 65536);
}

/** bounded_lemire_uint64: uniform in [0, rng] for 2**32 - 1 < rng < 2**64 - 1. */
export function lemire64(bg: Pcg64, rng: bigint): bigint {
  const excl = rng + 1n;
  const mask = 0xffffffffffffffffn;
  let m = bg.nextUint64() * excl;
  let leftover = m & mask;
  if (leftover < excl) {
    const threshold = (mask - rng) % excl;
    while (leftover < threshold) {
      m = bg.nextUint64() * excl;
      leftover = m & mask;
    }
  }
  return m >> 64n;
}

/** random_bounded_uint64 (use_masked=False) for a range that is a safe integer: [0, rng]. */
export function boundedUint(bg: Pcg64, rng: number): number {
  if (rng === 0) return 0;
  if (rng < 0xffffffff) return lemire32(bg, rng);
  if (rng === 0xffffffff) return bg.nextUint32();
  return Number(lemire64(bg, BigInt(rng)));
}

/** random_bounded_uint64 for any uint64 range: [0, rng]. */
export function boundedUint64(bg: Pcg64, rng: bigint): bigint {
  if (rng < 0n || rng > 0xffffffffffffffffn) throw new Error('range must fit in uint64');
  if (rng <= 0xffffffffn) return BigInt(boundedUint(bg, Number(rng)));
  if (rng === 0xffffffffffffffffn) return bg.nextUint64();
  return lemire64(bg, rng);
}

/** random_interval: uniform in [0, max] by masked rejection (smallest all-ones mask >= max). */
export function randomInterval(bg: Pcg64, max: number): number {
  if (max === 0) return 0;
  if (max > 0xffffffff) {
    const big = BigInt(max);
    let mask = big;
    for (let s = 1n; s <= 32n; s <<= 1n) mask |= mask >> s;
    let v: bigint;
    while ((v = bg.nextUint64() & mask) > big);
    return Number(v);
  }
  let mask = max;
  mask |= mask >>> 1;
  mask |= mask >>> 2;
  mask |= mask >>> 4;
  mask |= mask >>> 8;
  mask |= mask >>> 16;
  let v: number;
  while ((v = (bg.nextUint32() & mask) >>> 0) > max);
  return v;
}
