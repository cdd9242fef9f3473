// PCG64 (XSL-RR 128/64), the bit generator behind numpy.random.default_rng.
// Mirrors numpy/random/src/pcg64/pcg64.h: pcg_setseq_128_step_r, pcg_output_xsl_rr_128_64,
// pcg_setseq_128_srandom_r, pcg64_next64 and pcg64_next32 (which keeps the unused upper half of a
// 64-bit draw in `has_uint32` / `uinteger` for the next 32-bit request, across calls).
//
// Speed: the 128-bit LCG step runs without BigInt. The state is four 32-bit limbs; the multiplier
// is split into eight 16-bit digits so that every partial product limb*digit is < 2**48 and sums of
// four of them plus carries stay below 2**53, i.e. exact in doubles. BigInt appears only in
// seeding and the state getters.
import type { SeedSequence } from './seed-sequence.ts';

const MASK128 = (1n << 128n) - 1n;
/** PCG_DEFAULT_MULTIPLIER_128 = 2549297995355413924 * 2**64 + 4865540595714422341 */
export const PCG64_MULTIPLIER = (2549297995355413924n << 64n) + 4865540595714422341n;

/** 2**-53, the weight of the lowest of the 53 bits kept by next_double. */
const TWO_M53 = 1.1102230246251565e-16;
/** 2**-16, to shift a column sum down by one 16-bit digit (exact). */
const K = 1 / 65536;

export interface Pcg64State {
  state: bigint;
  inc: bigint;
  hasUint32: boolean;
  uinteger: number;
}

export class Pcg64 {
  /** [state limbs 0..3 (low first), inc limbs 0..3, last output lo, last output hi] */
  private readonly w = new Float64Array(10);
  /** numpy's has_uint32 / uinteger: the upper half of a 64-bit draw kept for the next next_uint32. */
  hasUint32 = false;
  uinteger = 0;

  constructor(state: bigint, inc: bigint) {
    this.setState({ state, inc, hasUint32: false, uinteger: 0 });
  }

  /** numpy PCG64(seed_seq): val = generate_state(4, uint64); pcg64_srandom_r((v0<<64)|v1, (v2<<64)|v3). */
  static fromSeedSequence(seq: SeedSequence): Pcg64 {
    const v = seq.generateState64(4);
    return Pcg64.fromSeed((v[0] << 64n) | v[1], (v[2] << 64n) | v[3]);
  }

  /** pcg_setseq_128_srandom_r: state = 0, inc = initseq*2+1, step, state += initstate, step. */
  static fromSeed(initState: bigint, initSeq: bigint): Pcg64 {
    const inc = ((initSeq << 1n) | 1n) & MASK128;
    let state = inc & MASK128; // 0 * mult + inc
    state = (state + initState) & MASK128;
    state = (state * PCG64_MULTIPLIER + inc) & MASK128;
    return new Pcg64(state, inc);
  }

  get state(): Pcg64State {
    const w = this.w;
    const limbs = (o: number): bigint =>
      (BigInt(w[o + 3]) << 96n) | (BigInt(w[o + 2]) << 64n) | (BigInt(w[o + 1]) << 32n) | BigInt(w[o]);
    return { state: limbs(0), inc: limbs(4), hasUint32: this.hasUint32, uinteger: this.uinteger };
  }

  setState(s: Pcg64State): void {
    const w = this.w;
    for (let i = 0; i < 4; i++) {
      w[i] = Number((s.state >> BigInt(32 * i)) & 0xffffffffn);
      w[4 + i] = Number((s.inc >> BigInt(32 * i)) & 0xffffffffn);
    }
    this.hasUint32 = s.hasUint32;
    this.uinteger = s.uinteger >>> 0;
  }

  /**
   * One LCG step and the XSL-RR output. The 64-bit output is left as two uint32 halves,
   * read with `lo` / `hi`. (pcg_setseq_128_xsl_rr_64_random_r)
   */
  step(): void {
    const w = this.w;
    const s0 = w[0], s1 = w[1], s2 = w[2], s3 = w[3];
    // state*M + inc, column by column in 16-bit digits of the result (digits of M are literals).
    // Each digit d and carry are split off with floor, staying in doubles (exact below 2**53).
    let c = s0 * 0xf645 + w[4];
    let q = Math.floor(c * K);
    const d0 = c - q * 65536;
    c = s0 * 0x9fcc + q;
    q = Math.floor(c * K);
    const d1 = c - q * 65536;
    c = s0 * 0xdf64 + s1 * 0xf645 + w[5] + q;
    q = Math.floor(c * K);
    const d2 = c - q * 65536;
    c = s0 * 0x4385 + s1 * 0x9fcc + q;
    q = Math.floor(c * K);
    const d3 = c - q * 65536;
    c = s0 * 0x5da4 + s1 * 0xdf64 + s2 * 0xf645 + w[6] + q;
    q = Math.floor(c * K);
    const d4 = c - q * 65536;
    c = s0 * 0x1fc6 + s1 * 0x4385 + s2 * 0x9fcc + q;
    q = Math.floor(c * K);
    const d5 = c - q * 65536;
    c = s0 * 0xed05 + s1 * 0x5da4 + s2 * 0xdf64 + s3 * 0xf645 + w[7] + q;
    q = Math.floor(c * K);
    const d6 = c - q * 65536;
    c = s0 * 0x2360 + s1 * 0x1fc6 + s2 * 0x4385 + s3 * 0x9fcc + q;
    const d7 = c - Math.floor(c * K) * 65536;
    const n0 = d0 + d1 * 65536, n1 = d2 + d3 * 65536, n2 = d4 + d5 * 65536, n3 = d6 + d7 * 65536;
    w[0] = n0; w[1] = n1; w[2] = n2; w[3] = n3;
    // XSL-RR: rotate (hi64 ^ lo64) right by the top 6 bits of the state. Branch-free, because the
    // rotation is random and mispredicted branches cost more than the extra bit operations.
    const rot = d7 >>> 10;
    const swap = -(rot >>> 5); // all ones when rot >= 32: rotate the swapped halves by rot - 32
    const x = n3 ^ n1, y = n2 ^ n0;
    const a = (x & ~swap) | (y & swap), b = (y & ~swap) | (x & swap);
    const r = rot & 31;
    // (v << (31 - r)) << 1 is v << (32 - r) but gives 0 for r = 0 (JS shift counts are mod 32)
    w[9] = ((a >>> r) | ((b << (31 - r)) << 1)) >>> 0;
    w[8] = ((b >>> r) | ((a << (31 - r)) << 1)) >>> 0;
  }

  /** Low 32 bits of the last `step()` output. */
  get lo(): number { return this.w[8]; }
  /** High 32 bits of the last `step()` output. */
  get hi(): number { return this.w[9]; }

  /** pcg64_next64 as a BigInt (convenience; hot paths use step()/hi/lo). */
  nextUint64(): bigint {
    this.step();
    return (BigInt(this.w[9]) << 32n) | BigInt(this.w[8]);
  }

  /** pcg64_next32: hand out the buffered upper half if there is one, else draw 64 bits. */
  nextUint32(): number {
    if (this.hasUint32) {
      this.hasUint32 = false;
      return this.uinteger;
    }
    this.step();
    this.hasUint32 = true;
    this.uinteger = this.w[9];
    return this.w[8];
  }

  /** next_double: (next_uint64 >> 11) * 2**-53, from the two halves. */
  nextDouble(): number {
    this.step();
    return (this.w[9] * 2097152 + Math.floor(this.w[8] / 2048)) * TWO_M53;
  }

  /** Advance the LCG by `delta` steps (pcg_advance_lcg_128), without producing output. */
  advance(delta: bigint): void {
    let accMult = 1n, accPlus = 0n;
    let curMult = PCG64_MULTIPLIER;
    const s = this.state;
    let curPlus = s.inc;
    let d = delta & MASK128;
    while (d > 0n) {
      if (d & 1n) {
        accMult = (accMult * curMult) & MASK128;
        accPlus = (accPlus * curMult + curPlus) & MASK128;
      }
      curPlus = ((curMult + 1n) * curPlus) & MASK128;
      curMult = (curMult * curMult) & MASK128;
      d >>= 1n;
    }
    this.setState({ ...s, state: (accMult * s.state + accPlus) & MASK128 });
  }
}
