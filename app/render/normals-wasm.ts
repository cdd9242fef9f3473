/**
 * numpy's float32 normal stream (noise-white.ts: PCG64 + the float32 ziggurat `random_standard_normal_f`, scaled
 * by the channel's noise level) as a WebAssembly kernel, bit for bit the JavaScript loop's output.
 *
 * Why: in JavaScript the 128-bit LCG step of PCG64 has to be emulated with 16-bit digits in doubles (~9 ns per
 * normal, the largest cost of white-noise rendering: 106 of 169 ms per 1 s chunk of 384 channels). WebAssembly
 * has 64-bit integer multiplies: the step is seven `i64.mul` (the high half of the 64 × 64 product from four
 * 32 × 32 products), the XSL-RR output one `i64.rotr`.
 *
 * Exactly numpy's arithmetic (numpy/random/src/distributions/distributions.c, random_standard_normal_f):
 *  - one next_uint32 per try: the low half of a 64-bit output first, the high half kept (has_uint32/uinteger);
 *  - idx = r & 0xff, sign = bit 8, rabs = (r >> 9) & 0x7fffff; accept at once if rabs < ki[idx];
 *    x = float(rabs * wi[idx]) (the product of a 23-bit integer and a float is exact in double: one rounding);
 *  - otherwise the wedge test, also here: y = float(float(float(fi[idx-1] - fi[idx]) * next_float) + fi[idx])
 *    (f32 arithmetic rounds like C's float expressions), accepted if y < exp(-0.5 x²) in double. `exp` is
 *    imported from JavaScript (Math.exp), the same function the JavaScript path calls;
 *  - the tail (idx 0, ~1 in 10⁴ draws) needs log1pf: the kernel stops there and the caller finishes that draw
 *    with the JavaScript code (noise-white.ts `slowNormal`), then calls again.
 * The scaling `float(float64(x) * level)` with the sign applied after the product (negation is exact and
 * rounding to nearest is symmetric, so it is the same bits as numpy's multiply of the signed value; only the sign
 * bit of a NaN, from a level that is itself NaN or infinite, may differ).
 *
 * Memory: the thread's kernel memory (app/wasm/thread-memory.ts), its NOISE region:
 *   0   state: s (u64 lo, u64 hi), inc (lo, hi), has_uint32 (i32), uinteger (i32), failed r (i32)
 *   64  ki (u32 × 256) · 1088 wi (f64 × 256) · 3136 fi (f32 × 256) · 4160 levels (f64 × MAX_CHANNELS) · then out
 */
import { FI_FLOAT, KI_FLOAT, WI_FLOAT } from '../rng/ziggurat-normal-tables.ts';
import { leb, section, wasmModule, wasmName } from '../wasm/module-bytes.ts';
import {
  BLOCK, br, brIf, call, ELSE, END, f32const, f32load, f32store, f64const, f64load, get, I32, i32, i32load, i32store, i64, i64load, i64store, IF,
  LOOP, set, tee,
} from '../wasm/opcodes.ts';
import { NOISE_BYTES, NOISE_REGION, memoryImport, instantiateInThreadMemory } from '../wasm/thread-memory.ts';

// the opcodes only this kernel uses (app/wasm/opcodes.ts has the shared ones)
const I64 = { ltU: 0x54, add: 0x7c, mul: 0x7e, and: 0x83, xor: 0x85, shrU: 0x88, rotr: 0x8a, extendU: 0xad, wrap: 0xa7 };
const F32 = { lt: 0x5d, add: 0x92, sub: 0x93, mul: 0x94, fromU32: 0xb3, demote: 0xb6, asI32: 0xbc, fromI32Bits: 0xbe };
const F64 = { lt: 0x63, mul: 0xa2, fromU32: 0xb8, promote: 0xbb };

// PCG_DEFAULT_MULTIPLIER_128 = MHI · 2⁶⁴ + MLO; MLO = B1 · 2³² + B0
const MLO = 4865540595714422341n, MHI = 2549297995355413924n;
const B0 = MLO & 0xffffffffn, B1 = MLO >> 32n;

export const KI_ADDR = 64, WI_ADDR = 1088, FI_ADDR = 3136, LEVELS_ADDR = 4160;
/** channels whose levels fit in the kernel's memory; more channels take the JavaScript loop */
export const MAX_CHANNELS = 8192;
export const OUT_ADDR = LEVELS_ADDR + 8 * MAX_CHANNELS;
/** float32 values per call (the output slice in the kernel's memory, copied out by the caller) */
export const SLICE_VALUES = 65536;
if (OUT_ADDR + 4 * SLICE_VALUES > NOISE_REGION + NOISE_BYTES) throw new Error('normals-wasm: the layout outgrows its region');

// params: 0 out, 1 i, 2 n, 3 C, 4 c (i32) → the index reached (n, or the index of a tail draw left to the caller)
const [OUT, I, N, C, CH] = [0, 1, 2, 3, 4];
// locals: i64 5 slo, 6 shi, 7 ilo, 8 ihi, 9 lo, 10 a0, 11 a1, 12 p01, 13 p10, 14 o64; i32 15 has, 16 buf, 17 r,
// 18 idx, 19 rabs, 20 u, 21 o (output address), 22 oEnd, 23 lp (level address), 24 lEnd; f64 25 x
const [SLO, SHI, ILO, IHI, LO, A0, A1, P01, P10, O64] = [5, 6, 7, 8, 9, 10, 11, 12, 13, 14];
const [HAS, BUF, R, IDX, RABS, U, O, O_END, LP, L_END] = [15, 16, 17, 18, 19, 20, 21, 22, 23, 24];
const X = 25;
const M32 = i64(0xffffffffn);

/**
 * pcg_setseq_128_step_r then pcg_output_xsl_rr_128_64: s = s · M + inc (mod 2¹²⁸), o64 = rotr(hi ^ lo, hi >> 58).
 * The high half of slo · MLO is built from 32-bit halves: a1·B1 + hi32(a0·B1) + hi32(a1·B0) + carries of the middle.
 */
const STEP = [
  ...get(SLO), ...M32, I64.and, ...set(A0),
  ...get(SLO), ...i64(32n), I64.shrU, ...set(A1),
  ...get(A0), ...i64(B1), I64.mul, ...set(P01),
  ...get(A1), ...i64(B0), I64.mul, ...set(P10),
  // new hi (before the carry of the low add): shi·MLO + slo·MHI + a1·B1 + hi32(p01) + hi32(p10) + hi32(mid) + ihi
  ...get(SHI), ...i64(MLO), I64.mul,
  ...get(SLO), ...i64(MHI), I64.mul, I64.add,
  ...get(A1), ...i64(B1), I64.mul, I64.add,
  ...get(P01), ...i64(32n), I64.shrU, I64.add,
  ...get(P10), ...i64(32n), I64.shrU, I64.add,
  // mid = hi32(a0·B0) + lo32(p01) + lo32(p10) (< 3 · 2³², no overflow)
  ...get(A0), ...i64(B0), I64.mul, ...i64(32n), I64.shrU,
  ...get(P01), ...M32, I64.and, I64.add,
  ...get(P10), ...M32, I64.and, I64.add,
  ...i64(32n), I64.shrU, I64.add,
  ...get(IHI), I64.add,
  // new lo = slo·MLO + ilo, carry = (new lo < ilo)
  ...get(SLO), ...i64(MLO), I64.mul, ...get(ILO), I64.add, ...tee(LO), ...get(ILO), I64.ltU, I64.extendU, I64.add,
  ...set(SHI), ...get(LO), ...set(SLO),
  ...get(SHI), ...get(SLO), I64.xor, ...get(SHI), ...i64(58n), I64.shrU, I64.rotr, ...set(O64),
];

/** pcg64_next32 into local `dst`: the kept high half if there is one, else a step (low half out, high half kept) */
const next32 = (dst: number) => [
  ...get(HAS), ...IF,
  ...get(BUF), ...set(dst), ...i32(0), ...set(HAS),
  ELSE,
  ...STEP,
  ...get(O64), I64.wrap, ...set(dst),
  ...get(O64), ...i64(32n), I64.shrU, I64.wrap, ...set(BUF), ...i32(1), ...set(HAS),
  END,
];

/**
 * One try of random_standard_normal_f on the uint32 in R, at relative label depth `d` of the draw loop (`d` + 1:
 * the exit block): accepted values are stored (o, lp advanced), a rejected wedge goes back to the loop top, a
 * tail draw exits with r saved.
 */
const TRY = (d: number) => [
  ...get(R), ...i32(0xff), I32.and, ...set(IDX),
  ...get(R), ...i32(9), I32.shrU, ...i32(0x7fffff), I32.and, ...set(RABS),
  // x = float(rabs · wi[idx]), kept as a double
  ...get(RABS), F64.fromU32, ...get(IDX), ...i32(3), I32.shl, ...f64load(WI_ADDR), F64.mul, F32.demote, F64.promote, ...set(X),
  ...BLOCK, // accepted
  ...get(RABS), ...get(IDX), ...i32(2), I32.shl, ...i32load(KI_ADDR), I32.ltU, ...brIf(0),
  // the tail: left to the caller (r saved, the index returned)
  ...get(IDX), I32.eqz, ...IF, ...i32(0), ...get(R), ...i32store(40), ...br(d + 3), END,
  // the wedge: y = float(float(float(fi[idx-1] - fi[idx]) · next_float) + fi[idx]) < exp(-0.5 · x · x)
  ...next32(U),
  ...get(IDX), ...i32(2), I32.shl, ...f32load(FI_ADDR - 4),
  ...get(IDX), ...i32(2), I32.shl, ...f32load(FI_ADDR), F32.sub,
  ...get(U), ...i32(8), I32.shrU, F32.fromU32, ...f32const(2 ** -24), F32.mul,
  F32.mul,
  ...get(IDX), ...i32(2), I32.shl, ...f32load(FI_ADDR), F32.add, F64.promote,
  ...f64const(-0.5), ...get(X), F64.mul, ...get(X), F64.mul, ...call(0), // exp(-0.5 · x · x)
  F64.lt, ...brIf(0),
  ...br(d + 1), // rejected: draw again
  END,
  // *o = float(x · *lp) with r's sign bit (bit 8) moved to bit 31
  ...get(O),
  ...get(X), ...get(LP), ...f64load(0), F64.mul, F32.demote, F32.asI32,
  ...get(R), ...i32(0x100), I32.and, ...i32(23), I32.shl, I32.xor, F32.fromI32Bits,
  ...f32store(0),
  ...get(O), ...i32(4), I32.add, ...set(O),
  ...get(LP), ...i32(8), I32.add, ...tee(LP), ...get(L_END), I32.eq, ...IF, ...i32(LEVELS_ADDR), ...set(LP), END,
];

const BODY = [
  0x03, 0x0a, 0x7e, 0x0a, 0x7f, 0x01, 0x7c, // locals: 10 × i64, 10 × i32, 1 × f64
  ...i32(0), ...i64load(0), ...set(SLO), ...i32(0), ...i64load(8), ...set(SHI),
  ...i32(0), ...i64load(16), ...set(ILO), ...i32(0), ...i64load(24), ...set(IHI),
  ...i32(0), ...i32load(32), ...set(HAS), ...i32(0), ...i32load(36), ...set(BUF),
  ...get(OUT), ...get(I), ...i32(2), I32.shl, I32.add, ...set(O),
  ...get(OUT), ...get(N), ...i32(2), I32.shl, I32.add, ...set(O_END),
  ...get(CH), ...i32(3), I32.shl, ...i32(LEVELS_ADDR), I32.add, ...set(LP),
  ...get(C), ...i32(3), I32.shl, ...i32(LEVELS_ADDR), I32.add, ...set(L_END),
  ...BLOCK, // exit
  ...LOOP, // one 64-bit draw per turn: its low half, then its high half (unless a wedge used it)
  ...get(O), ...get(O_END), I32.geU, ...brIf(1),
  // a high half kept from before (the call started after an odd count, or a wedge took a low half): it first
  ...get(HAS), ...IF,
  ...get(BUF), ...set(R), ...i32(0), ...set(HAS),
  ...TRY(1),
  ...br(1),
  END,
  ...STEP,
  ...get(O64), I64.wrap, ...set(R),
  ...get(O64), ...i64(32n), I64.shrU, I64.wrap, ...set(BUF), ...i32(1), ...set(HAS),
  ...TRY(0),
  // the high half, if the try did not use it (a wedge takes the next uint32) and there is room
  ...get(HAS), ...get(O), ...get(O_END), I32.ltU, I32.and, ...IF,
  ...get(BUF), ...set(R), ...i32(0), ...set(HAS),
  ...TRY(1),
  END,
  ...br(0),
  END,
  END,
  ...i32(0), ...get(SLO), ...i64store(0), ...i32(0), ...get(SHI), ...i64store(8),
  ...i32(0), ...get(HAS), ...i32store(32), ...i32(0), ...get(BUF), ...i32store(36),
  ...get(O), ...get(OUT), I32.sub, ...i32(2), I32.shrU,
  END,
];

function moduleBytes(): Uint8Array<ArrayBuffer> {
  return wasmModule(
    // type 0: (f64) → f64 (exp); type 1: (i32 × 5) → i32 (fill)
    section(1, [0x02, 0x60, 0x01, 0x7c, 0x01, 0x7c, 0x60, 0x05, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x01, 0x7f]),
    section(2, [0x02, ...wasmName('env'), ...wasmName('exp'), 0x00, 0x00, ...memoryImport(wasmName, leb)]),
    section(3, [0x01, 0x01]),
    section(7, [0x01, ...wasmName('fill'), 0x00, 0x01]), // function 1 (0 is the import)
    section(10, [0x01, ...leb(BODY.length), ...BODY]),
  );
}

export interface NormalsKernel {
  /** fill(outAddress, i, n, C, c): normals for out[i..n) of the slice; returns n, or the index of a tail draw */
  fill: (out: number, i: number, n: number, C: number, c: number) => number;
  memory: WebAssembly.Memory;
  /** the state words (u32 limbs of s, then of inc), has_uint32, uinteger, failed r */
  state: Uint32Array;
  flags: Int32Array;
  levels: Float64Array;
  out: Float32Array;
}

let kernel: NormalsKernel | null | undefined;

/** This thread's kernel (in the thread's kernel memory), or null where WebAssembly is not available (SPIKEGEN_SIMD=0). */
export function normalsKernel(): NormalsKernel | null {
  if (kernel !== undefined) return kernel;
  const made = instantiateInThreadMemory(moduleBytes, { exp: Math.exp });
  if (!made) return (kernel = null);
  const { instance, memory } = made;
  const buf = memory.buffer;
  new Uint32Array(buf, KI_ADDR, 256).set(KI_FLOAT);
  new Float64Array(buf, WI_ADDR, 256).set(WI_FLOAT);
  new Float32Array(buf, FI_ADDR, 256).set(FI_FLOAT);
  kernel = {
    fill: instance.exports.fill as NormalsKernel['fill'], memory,
    state: new Uint32Array(buf, 0, 8), flags: new Int32Array(buf, 32, 3),
    levels: new Float64Array(buf, LEVELS_ADDR, MAX_CHANNELS), out: new Float32Array(buf, OUT_ADDR, SLICE_VALUES),
  };
  return kernel;
}
