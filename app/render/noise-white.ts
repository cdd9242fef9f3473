/**
 * White noise of one block, bit for bit SpikeInterface's `NoiseGeneratorRecordingSegment.get_traces`
 * (strategy "on_the_fly", generation/noise_tools.py):
 *
 *     rng = np.random.default_rng(seed=(segment_seed, block_index))
 *     noise_block = rng.standard_normal(size=(block_size, num_channels), dtype=np.float32)
 *     noise_block *= noise_levels          # float32 *= float64 (1, C): float64 multiply, cast to float32
 *
 * `standard_normal(dtype=float32)` is numpy's float32 ziggurat `random_standard_normal_f` on `next_uint32`
 * (the low half of each 64-bit PCG64 output first, the high half buffered). app/rng's Generator does the same
 * at ~30 M values/s; this file is the same algorithm restructured for speed (~110 M values/s):
 *  - the PCG64 state lives in local doubles (no object field or method per draw) and the 128-bit LCG step is
 *    the 16-bit-digit double arithmetic of app/rng/pcg64.ts (`Pcg64.step`), inlined;
 *  - the sign is applied without a branch (a random sign is a 50% mispredicted branch, half the time spent);
 *  - the scaling `fround(float64(x) * level)` is fused into the store (a Float32Array store rounds once,
 *    exactly like numpy's cast of the float64 product).
 * The rare (1.5%) rejections leave the hot loop: the state is saved to an array and `slowNormal` replays
 * numpy's tail / wedge code (app/rng/normal.ts `normalSlowF`) on it. Tests compare with app/rng and numpy.
 *
 * Where WebAssembly is available, `fillScaledNormalsF32` runs the same stream in a kernel (normals-wasm.ts: 64-bit
 * integer multiplies instead of 16-bit digits, ~3x faster, tested equal to this loop bit for bit); this loop
 * (`fillScaledNormalsF32Js`) is its reference and its fallback.
 */
import { defaultRng, log1pf } from '../rng/index.ts';
import { FI_FLOAT, KI_FLOAT, NOR_INV_R_F, NOR_R_F, WI_FLOAT } from '../rng/ziggurat-normal-tables.ts';
import { MAX_CHANNELS, normalsKernel, setLevels, SLICE_VALUES, type NormalsKernel } from './normals-wasm.ts';
import { inTiles } from '../wasm/thread-memory.ts';

const fr = Math.fround;
const K = 1 / 65536;
// Module-local copies: V8 reads an imported binding through its module cell (with a hole check) on every use,
// which halves the speed of the hot loop.
const KI = Float64Array.from(KI_FLOAT);
const WI = Float64Array.from(WI_FLOAT);

/** [state limbs 0..3 (low first), increment limbs 0..3, has buffered uint32 (0/1), buffered uint32, last failed uint32] */
export type PcgWords = Float64Array;

/**
 * The PCG64 state of `default_rng(entropy)` as limbs, e.g. entropy = (segment_seed, block_index) as
 * SpikeInterface seeds block b (SeedSequence hashing: once per block, negligible).
 */
export function blockGeneratorState(entropy: readonly (number | bigint)[], into: PcgWords = new Float64Array(11)): PcgWords {
  const { state, inc } = defaultRng(entropy).bitGenerator.state;
  for (let i = 0; i < 4; i++) {
    into[i] = Number((state >> BigInt(32 * i)) & 0xffffffffn);
    into[4 + i] = Number((inc >> BigInt(32 * i)) & 0xffffffffn);
  }
  into[8] = 0;
  into[9] = 0;
  into[10] = 0;
  return into;
}

/** pcg64_next32 on the array state (slow path only; the hot loop inlines the same step). */
function nextUint32(w: PcgWords): number {
  if (w[8]) { w[8] = 0; return w[9]; }
  const s0 = w[0], s1 = w[1], s2 = w[2], s3 = w[3];
  let c = s0 * 0xf645 + w[4];
  let q = Math.floor(c * K); const d0 = c - q * 65536;
  c = s0 * 0x9fcc + q; q = Math.floor(c * K); const d1 = c - q * 65536;
  c = s0 * 0xdf64 + s1 * 0xf645 + w[5] + q; q = Math.floor(c * K); const d2 = c - q * 65536;
  c = s0 * 0x4385 + s1 * 0x9fcc + q; q = Math.floor(c * K); const d3 = c - q * 65536;
  c = s0 * 0x5da4 + s1 * 0xdf64 + s2 * 0xf645 + w[6] + q; q = Math.floor(c * K); const d4 = c - q * 65536;
  c = s0 * 0x1fc6 + s1 * 0x4385 + s2 * 0x9fcc + q; q = Math.floor(c * K); const d5 = c - q * 65536;
  c = s0 * 0xed05 + s1 * 0x5da4 + s2 * 0xdf64 + s3 * 0xf645 + w[7] + q; q = Math.floor(c * K); const d6 = c - q * 65536;
  c = s0 * 0x2360 + s1 * 0x1fc6 + s2 * 0x4385 + s3 * 0x9fcc + q; const d7 = c - Math.floor(c * K) * 65536;
  const n0 = d0 + d1 * 65536, n1 = d2 + d3 * 65536, n2 = d4 + d5 * 65536, n3 = d6 + d7 * 65536;
  w[0] = n0; w[1] = n1; w[2] = n2; w[3] = n3;
  const rot = d7 >>> 10, swap = -(rot >>> 5), x = n3 ^ n1, y = n2 ^ n0;
  const a = (x & ~swap) | (y & swap), b = (y & ~swap) | (x & swap), r = rot & 31;
  w[8] = 1;
  w[9] = (a >>> r) | ((b << (31 - r)) << 1);
  return (b >>> r) | ((a << (31 - r)) << 1);
}

/** next_float */
function nextFloat(w: PcgWords): number {
  return (nextUint32(w) >>> 8) * 5.9604644775390625e-8;
}

/** numpy's rare paths of random_standard_normal_f after a failed strip test; NaN = rejected, draw again. */
function slowNormal(w: PcgWords, idx: number, x: number, tailNegative: number): number {
  if (idx === 0) {
    for (;;) {
      const xx = fr(-NOR_INV_R_F * log1pf(-nextFloat(w)));
      const yy = -log1pf(-nextFloat(w));
      if (fr(yy + yy) > fr(xx * xx)) return tailNegative ? -fr(NOR_R_F + xx) : fr(NOR_R_F + xx);
    }
  }
  const y = fr(fr(fr(FI_FLOAT[idx - 1] - FI_FLOAT[idx]) * nextFloat(w)) + FI_FLOAT[idx]);
  return y < Math.exp(-0.5 * x * x) ? x : NaN;
}

/**
 * The hot loop: fills out[i..n) while every draw takes the fast strip test; stops at the first one that does
 * not and returns its position, with the stream saved in `w` and the failed uint32 in w[10]. Kept apart from
 * the slow path so V8 compiles a small loop with the whole state in registers.
 */
function fastRun(w: PcgWords, out: Float32Array, start: number, n: number, levels: Float64Array): number {
  const C = levels.length;
  let s0 = w[0], s1 = w[1], s2 = w[2], s3 = w[3];
  const i0 = w[4], i1 = w[5], i2 = w[6], i3 = w[7];
  let has = w[8] !== 0, buf = w[9] | 0, c = start % C, i = start;
  while (i < n) {
    let r: number;
    if (has) { r = buf; has = false; } else {
      // Pcg64.step (app/rng/pcg64.ts), inlined on locals
      let v = s0 * 0xf645 + i0;
      let q = Math.floor(v * K); const d0 = v - q * 65536;
      v = s0 * 0x9fcc + q; q = Math.floor(v * K); const d1 = v - q * 65536;
      v = s0 * 0xdf64 + s1 * 0xf645 + i1 + q; q = Math.floor(v * K); const d2 = v - q * 65536;
      v = s0 * 0x4385 + s1 * 0x9fcc + q; q = Math.floor(v * K); const d3 = v - q * 65536;
      v = s0 * 0x5da4 + s1 * 0xdf64 + s2 * 0xf645 + i2 + q; q = Math.floor(v * K); const d4 = v - q * 65536;
      v = s0 * 0x1fc6 + s1 * 0x4385 + s2 * 0x9fcc + q; q = Math.floor(v * K); const d5 = v - q * 65536;
      v = s0 * 0xed05 + s1 * 0x5da4 + s2 * 0xdf64 + s3 * 0xf645 + i3 + q; q = Math.floor(v * K); const d6 = v - q * 65536;
      v = s0 * 0x2360 + s1 * 0x1fc6 + s2 * 0x4385 + s3 * 0x9fcc + q; const d7 = v - Math.floor(v * K) * 65536;
      s0 = d0 + d1 * 65536; s1 = d2 + d3 * 65536; s2 = d4 + d5 * 65536; s3 = d6 + d7 * 65536;
      const rot = d7 >>> 10, swap = -(rot >>> 5), x = s3 ^ s1, y = s2 ^ s0;
      const a = (x & ~swap) | (y & swap), b = (y & ~swap) | (x & swap), rr = rot & 31;
      buf = (a >>> rr) | ((b << (31 - rr)) << 1); // int32 bit patterns (signed), like w[9] and w[10]
      r = (b >>> rr) | ((a << (31 - rr)) << 1);
      has = true;
    }
    const idx = r & 0xff;
    const rabs = (r >>> 9) & 0x7fffff;
    if (rabs >= KI[idx]) { w[10] = r; break; }
    // fround(rabs * wi) is numpy's float x; * (+-1) is exact; * level, then ONE rounding to float32 on store
    out[i++] = fr(rabs * WI[idx]) * (1 - ((r >>> 7) & 2)) * levels[c];
    if (++c === C) c = 0;
  }
  w[0] = s0; w[1] = s1; w[2] = s2; w[3] = s3; w[8] = has ? 1 : 0; w[9] = buf;
  return i;
}

/**
 * out[i] = float32(z_i * levels[i % levels.length]) for i < n, z the float32 standard normals of the stream
 * `w` (advanced in place). With levels all 1 this is exactly `standard_normal(n, dtype=float32)`. `copy`, if
 * given, receives the same n values (written with them where both are in the kernel's memory).
 */
export function fillScaledNormalsF32(w: PcgWords, out: Float32Array, n: number, levels: Float64Array, copy?: Float32Array): void {
  if (w.length < 11) throw new Error('fillScaledNormalsF32: the state array needs 11 slots (blockGeneratorState).');
  if (n > out.length) throw new Error(`fillScaledNormalsF32: ${n} values do not fit in an output of ${out.length}.`);
  if (copy && n > copy.length) throw new Error(`fillScaledNormalsF32: ${n} values do not fit in a copy of ${copy.length}.`);
  const k = n >= WASM_MIN_VALUES && levels.length <= MAX_CHANNELS ? normalsKernel() : null;
  if (k) fillWithKernel(k, w, out, n, levels, copy);
  else {
    fillScaledNormalsF32Js(w, out, n, levels);
    copy?.set(out.subarray(0, n));
  }
}

/** Below this many values the kernel's set-up (state and levels in, state out) is not worth it. */
const WASM_MIN_VALUES = 256;

/**
 * The same stream with the WebAssembly kernel (normals-wasm.ts), in place where the output is in the kernel's
 * memory (a worker's tile), else slice by slice through its memory. Exported for the kernel's tests (any n).
 */
export function fillWithKernel(k: NormalsKernel, w: PcgWords, out: Float32Array, n: number, levels: Float64Array, copy?: Float32Array): void {
  const C = levels.length, st = k.state, fl = k.flags;
  for (let j = 0; j < 8; j++) st[j] = w[j];
  fl[0] = w[8]; fl[1] = w[9];
  setLevels(k, levels);
  const inside = inTiles(out);
  // a copy in the kernel's memory too (the drifting tile beside the static one) is written with the output
  const apart = copy !== undefined && Math.abs(copy.byteOffset - out.byteOffset) >= 4 * n;
  const dup = inside && apart && inTiles(copy) ? copy.byteOffset - out.byteOffset : 0;
  const step = inside ? n : SLICE_VALUES;
  for (let s = 0; s < n; s += step) {
    const m = Math.min(step, n - s);
    const mem = inside ? out.subarray(s, s + m) : k.out;
    if (k.fill(mem.byteOffset, 0, m, C, s % C, dup) !== m) throw new Error('fillScaledNormalsF32: the normal kernel lost its place in the stream (a bug; SPIKEGEN_SIMD=0 avoids it).');
    if (!inside) out.set(m === SLICE_VALUES ? mem : mem.subarray(0, m), s);
  }
  if (copy && dup === 0) copy.set(out.subarray(0, n));
  for (let j = 0; j < 4; j++) w[j] = st[j];
  w[8] = fl[0]; w[9] = fl[1];
}

/** The JavaScript loop (the reference the kernel is tested against, and the path where WebAssembly is missing). */
export function fillScaledNormalsF32Js(w: PcgWords, out: Float32Array, n: number, levels: Float64Array): void {
  const C = levels.length;
  let i = 0;
  for (;;) {
    i = fastRun(w, out, i, n, levels);
    if (i >= n) return;
    const r = w[10];
    const idx = r & 0xff, rabs = (r >>> 9) & 0x7fffff;
    const z = slowNormal(w, idx, fr(rabs * WI_FLOAT[idx]) * (1 - ((r >>> 7) & 2)), (rabs >>> 8) & 1);
    if (z === z) { out[i] = z * levels[i % C]; i++; }
  }
}

/** The white block of SpikeInterface: levels (length C) scale channel i % C of the interleaved block. */
export function whiteNoiseBlock(segmentSeed: bigint, blockIndex: number, levels: Float64Array, out: Float32Array, n = out.length, w?: PcgWords): void {
  fillScaledNormalsF32(blockGeneratorState([segmentSeed, blockIndex], w), out, n, levels);
}
