/**
 * numpy's float32 normal stream (noise-white.ts: PCG64 + the float32 ziggurat `random_standard_normal_f`, scaled
 * by the channel's noise level) as a WebAssembly kernel, bit for bit the JavaScript loop's output.
 *
 * Why: in JavaScript the 128-bit LCG step of PCG64 has to be emulated with 16-bit digits in doubles (~9 ns per
 * normal, the largest cost of white-noise rendering: 106 of 169 ms per 1 s chunk of 384 channels). WebAssembly
 * has 64-bit integer multiplies: the step is seven `i64.mul` (the high half of the 64 × 64 product from four
 * 32 × 32 products), the XSL-RR output one `i64.rotr`.
 *
 * The draws are made through a small buffer of uint32 in stream order (PCG64's next_uint32: the low half of each
 * 64-bit output, then its high half), so that the ziggurat can take them four at a time with SIMD:
 *  - each turn of the loop adds two steps (four values) to the buffer and takes a group of four from it: the
 *    strip test `rabs < ki[idx]` of the four at once (one 8-byte load per strip fetches its ki and wi), and where
 *    all four pass (95% of groups) their four outputs at once;
 *  - a group where one fails goes through the one-at-a-time code below for its first value (wedge, tail), and
 *    the loop goes on from the next value.
 *  Measured on one 1 s × 384-channel block written into a worker tile: 36.0 ms with one value at a time, 27.5 ms.
 * The buffer never holds a value the stream would not have drawn yet by the end of the call: it gets at most as
 * many values as outputs remain, plus one (each output takes at least one value), so at the end at most one is
 * left, which is exactly numpy's buffered upper half (has_uint32 / uinteger).
 *
 * Exactly numpy's arithmetic (numpy/random/src/distributions/distributions.c, random_standard_normal_f):
 *  - one next_uint32 per try: idx = r & 0xff, sign = bit 8, rabs = (r >> 9) & 0x7fffff; accept at once if
 *    rabs < ki[idx]; x = float(rabs * wi[idx]): a 23-bit integer times a float, one rounding to float (f32.mul);
 *  - otherwise the wedge: y = float(float(float(fi[idx-1] - fi[idx]) * next_float) + fi[idx]) (f32 arithmetic
 *    rounds like C's float expressions), accepted if y < exp(-0.5 x²) in double;
 *  - or, for idx 0, the tail: xx = float(-inv_r * log1pf(-next_float)), yy = -log1pf(-next_float) until
 *    float(yy + yy) > float(xx * xx), then float(r + xx) with the sign of bit 8 of rabs.
 *  `exp` and `log1pf` are imported from JavaScript (Math.exp and app/rng/log1pf.ts, the functions the
 *  JavaScript path calls); they serve the ~1.2% of draws that leave the strip.
 * The scaling `float(float64(x) * level)` with the sign applied after the product (negation is exact and
 * rounding to nearest is symmetric, so it is the same bits as numpy's multiply of the signed value; only the sign
 * bit of a NaN, from a level that is itself NaN or infinite, may differ).
 *
 * Memory: the thread's kernel memory (app/wasm/thread-memory.ts), its NOISE region:
 *   0   state: s (u64 lo, u64 hi), inc (lo, hi), has_uint32 (i32), uinteger (i32)
 *   64  ki (u32 × 256) · 1088 wi (f32 × 256) · 2112 fi (f32 × 256) · 3136 the uint32 buffer
 *   then levels (f64 × channels, and the first three again, so that four consecutive levels can be read at any
 *   channel) · then the output slice
 */
import { FI_FLOAT, KI_FLOAT, NOR_INV_R_F, NOR_R_F, WI_FLOAT } from '../rng/ziggurat-normal-tables.ts';
import { log1pf } from '../rng/log1pf.ts';
import { leb, section, wasmModule, wasmName } from '../wasm/module-bytes.ts';
import {
  BLOCK, br, brIf, call, ELSE, END, f32const, f32load, f32store, f64const, f64load, get, HIGH_TO_LOW, I32, i32, i32load, i32store, i64, i64load,
  i64store, IF, JOIN_LOW, LOOP, set, shuffle, simd, tee, v128load, v128store,
} from '../wasm/opcodes.ts';
import { NOISE_BYTES, NOISE_REGION, memoryImport, instantiateInThreadMemory } from '../wasm/thread-memory.ts';

// the opcodes only this kernel uses (app/wasm/opcodes.ts has the shared ones)
const I64 = { ltU: 0x54, add: 0x7c, mul: 0x7e, and: 0x83, xor: 0x85, shrU: 0x88, rotr: 0x8a, extendU: 0xad };
const I32_NE = 0x47, I32_GT_S = 0x4a, I32_GE_S = 0x4e, SELECT = 0x1b;
const F32 = { gt: 0x5e, add: 0x92, sub: 0x93, mul: 0x94, fromU32: 0xb3, demote: 0xb6, asI32: 0xbc, fromI32Bits: 0xbe };
const F64 = { lt: 0x63, gt: 0x64, neg: 0x9a, nearest: 0x9e, add: 0xa0, sub: 0xa1, mul: 0xa2, toI64: 0xb0, fromU32: 0xb8, promote: 0xbb, fromI64Bits: 0xbf };
const I64_SHL = 0x86;
const V128_AND = simd(0x4e), V128_XOR = simd(0x51), I32X4_SHL = simd(0xab), I32X4_SHR_U = simd(0xad);
// signed forms where the values are below 2³¹ (rabs and ki are, < 2²³): one x64 instruction each, the unsigned ones several
const I32X4_GT_S = simd(0x3b), I32X4_BITMASK = simd(0xa4), F32X4_FROM_I32 = simd(0xfa), F32X4_MUL = simd(0xe6);
const F64X2_MUL = simd(0xf2), PROMOTE_LOW = simd(0x5f), DEMOTE_ZERO = simd(0x5e);
/** a constant vector of four equal i32 lanes */
const v128i32 = (v: number) => [...simd(0x0c), ...new Uint8Array(new Int32Array([v, v, v, v]).buffer)];
const i32load8u = (o: number) => [0x2d, 0, ...leb(o)];
const load64Zero = (o: number) => [...simd(0x5d), 3, ...leb(o)];
const load64Lane = (o: number, k: number) => [...simd(0x57), 3, ...leb(o), k];

// PCG_DEFAULT_MULTIPLIER_128 = MHI · 2⁶⁴ + MLO; MLO = B1 · 2³² + B0
const MLO = 4865540595714422341n, MHI = 2549297995355413924n;
const B0 = MLO & 0xffffffffn, B1 = MLO >> 32n;

/** ki and wi side by side (u32, f32 per strip): one 8-byte load fetches both */
export const KW_ADDR = 64, FI_ADDR = 2112, ELEM_ADDR = 3136;
// the uint32 buffer: refilled at its end until past ELEM_LIMIT, then moved back; 16-byte reads may look 28 bytes past its last value
const ELEM_BYTES = 4096 + 64, ELEM_LIMIT = ELEM_ADDR + 4096;
export const LEVELS_ADDR = ELEM_ADDR + ELEM_BYTES;
/** channels whose levels fit in the kernel's memory; more channels take the JavaScript loop */
export const MAX_CHANNELS = 8192;
export const OUT_ADDR = LEVELS_ADDR + 8 * (MAX_CHANNELS + 4);
/** float32 values per call (the output slice in the kernel's memory, copied out by the caller) */
export const SLICE_VALUES = 65536;
if (OUT_ADDR + 4 * SLICE_VALUES > NOISE_REGION + NOISE_BYTES || LEVELS_ADDR % 16 !== 0) throw new Error('normals-wasm: the layout outgrows its region');

// params: 0 out, 1 i, 2 n, 3 C, 4 c, 5 dup (i32: bytes from an output to its copy, 0 for none) → the index
// reached (n), or -1 if the buffer was overdrawn (a bug)
const [OUT, I, N, C, CH, DUP] = [0, 1, 2, 3, 4, 5];
// locals: i64 6..14; i32 15..31; f64 32..35; f32 36, 37; v128 38..41
const [SLO, SHI, ILO, IHI, LO, A0, A1, MID, O64] = [6, 7, 8, 9, 10, 11, 12, 13, 14];
const [R, IDX, RABS, U, O, O_END, LP, L_END, EP, EE, T, SGN, VEC_END, G0, G1, G2, G3] = [15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31];
const [X, TT, EA, YD] = [32, 33, 34, 35];
const XX = 36, YY = 37;
const [V, RA, KV, XV] = [38, 39, 40, 41];
const LOCALS = [0x05, 9, 0x7e, 17, 0x7f, 4, 0x7c, 2, 0x7d, 4, 0x7b];
const M32 = i64(0xffffffffn);
const EXP = 0, LOG1PF = 1;

/**
 * pcg_setseq_128_step_r then pcg_output_xsl_rr_128_64: s = s · M + inc (mod 2¹²⁸), o64 = rotr(hi ^ lo, hi >> 58).
 * The high half of slo · MLO from 32-bit halves (slo = a1·2³² + a0, MLO = B1·2³² + B0), the schoolbook way:
 * t = a0·B0, u = a1·B0 + hi32(t), w = a0·B1 + lo32(u), mulhi = a1·B1 + hi32(u) + hi32(w) (no sum overflows 64 bits).
 */
const STEP = [
  ...get(SLO), ...M32, I64.and, ...set(A0),
  ...get(SLO), ...i64(32n), I64.shrU, ...set(A1),
  // u = a1·B0 + hi32(a0·B0)
  ...get(A1), ...i64(B0), I64.mul, ...get(A0), ...i64(B0), I64.mul, ...i64(32n), I64.shrU, I64.add, ...set(MID),
  // new hi (before the carry of the low add): slo·MHI + a1·B1 + hi32(u) + hi32(a0·B1 + lo32(u)) + ihi + shi·MLO
  ...get(SLO), ...i64(MHI), I64.mul,
  ...get(A1), ...i64(B1), I64.mul, I64.add,
  ...get(MID), ...i64(32n), I64.shrU, I64.add,
  ...get(A0), ...i64(B1), I64.mul, ...get(MID), ...M32, I64.and, I64.add, ...i64(32n), I64.shrU, I64.add,
  ...get(IHI), I64.add,
  ...get(SHI), ...i64(MLO), I64.mul, I64.add, // last: the only term that waits for the previous high half
  // new lo = slo·MLO + ilo, carry = (new lo < ilo)
  ...get(SLO), ...i64(MLO), I64.mul, ...get(ILO), I64.add, ...tee(LO), ...get(ILO), I64.ltU, I64.extendU, I64.add,
  ...set(SHI), ...get(LO), ...set(SLO),
  ...get(SHI), ...get(SLO), I64.xor, ...get(SHI), ...i64(58n), I64.shrU, I64.rotr, ...set(O64),
];

/**
 * Appending to the buffer: near its end, the (at most 8) values left move back to its start first; a step's
 * 64-bit output is stored little-endian, its low half then its high half, the order next_uint32 hands them out.
 */
const MOVE_BACK = [
  ...get(EE), ...i32(ELEM_LIMIT), I32.gtU, ...IF,
  ...get(EP), ...v128load(0), ...set(V), ...get(EP), ...v128load(16), ...set(RA),
  ...i32(ELEM_ADDR), ...get(V), ...v128store(0), ...i32(ELEM_ADDR), ...get(RA), ...v128store(16),
  ...get(EE), ...get(EP), I32.sub, ...i32(ELEM_ADDR), I32.add, ...set(EE),
  ...i32(ELEM_ADDR), ...set(EP),
  END,
];
const APPEND_STEP = [
  ...STEP,
  ...get(EE), ...get(O64), ...i64store(0),
  ...get(EE), ...i32(8), I32.add, ...set(EE),
];
/** one step */
const REFILL_1 = [...MOVE_BACK, ...APPEND_STEP];

/** next_uint32 into local `dst`: the next buffered value; one step first if none is left */
const NEXT = (dst: number) => [
  ...get(EE), ...get(EP), I32.eq, ...IF, ...REFILL_1, END,
  ...get(EP), ...i32load(0), ...set(dst),
  ...get(EP), ...i32(4), I32.add, ...set(EP),
];

/** next_float of the value in local `u` as a double: (u >> 8) · 2⁻²⁴ */
const nextFloat64 = (u: number) => [...get(u), ...i32(8), I32.shrU, F64.fromU32, ...f64const(2 ** -24), F64.mul];

/** level address += `bytes`, back by C levels once past the last channel */
const advanceLevel = (bytes: number) => [
  ...get(LP), ...i32(bytes), I32.add, ...tee(LP), ...get(L_END), I32.geU, ...IF,
  ...get(LP), ...get(L_END), I32.sub, ...i32(LEVELS_ADDR), I32.add, ...set(LP), // lp -= 8C
  END,
];

/**
 * Before each turn of the draw loop: with fewer than 8 values buffered, two more steps (four values, what a group
 * uses), or one, or none: never more than (outputs left - values left + 1) / 2 steps, so that the buffer never
 * holds a value the stream would not have drawn by the end of the call. (Filling the buffer 512 steps at a time
 * measured no faster, and needed a larger buffer.)
 */
const TOP_UP = [
  ...get(EE), ...get(EP), I32.sub, ...i32(32), I32.ltU, ...IF,
  // outputs left - values left (bytes): >= 3 values → two steps, 1 or 2 → one step
  ...get(O_END), ...get(O), I32.sub, ...get(EE), ...get(EP), I32.sub, I32.sub, ...tee(T), ...i32(12), I32_GE_S, ...IF,
  ...MOVE_BACK, ...APPEND_STEP, ...APPEND_STEP,
  ELSE,
  ...get(T), ...i32(0), I32_GT_S, ...IF, ...REFILL_1, END,
  END,
  END,
];

/** the four byte offsets (idx · 8) of the group at EP, into G0..G3: idx is each value's low byte */
const GROUP_OFFSETS = [0, 1, 2, 3].flatMap((k) => [...get(EP), ...i32load8u(4 * k), ...i32(3), I32.shl, ...set(G0 + k)]);
/** the (ki, wi) pairs at G0..G3: [ki0, wi0, ki1, wi1] into KV, [ki2, wi2, ki3, wi3] into XV */
const GATHER = [
  ...get(G0), ...load64Zero(KW_ADDR), ...set(KV), ...get(G1), ...get(KV), ...load64Lane(KW_ADDR, 1), ...set(KV),
  ...get(G2), ...load64Zero(KW_ADDR), ...set(XV), ...get(G3), ...get(XV), ...load64Lane(KW_ADDR, 1), ...set(XV),
];
const EVEN_LANES = shuffle([0, 1, 2, 3, 8, 9, 10, 11, 16, 17, 18, 19, 24, 25, 26, 27]);
const ODD_LANES = shuffle([4, 5, 6, 7, 12, 13, 14, 15, 20, 21, 22, 23, 28, 29, 30, 31]);

/**
 * Four draws at once, inside BLOCK "scalar" (depth 0; 1 = the draw loop): if there are 4 values and 4 outputs
 * left and all four pass the strip test, their outputs are stored and the loop goes on; else to the scalar code.
 */
const GROUP = [
  ...get(O), ...get(VEC_END), I32.gtU, ...brIf(0),
  ...get(EE), ...get(EP), I32.sub, ...i32(16), I32.ltU, ...brIf(0),
  ...get(EP), ...v128load(0), ...set(V),
  ...GROUP_OFFSETS,
  ...get(V), ...i32(9), ...I32X4_SHR_U, ...v128i32(0x7fffff), ...V128_AND, ...set(RA),
  ...GATHER,
  ...get(KV), ...get(XV), ...EVEN_LANES, ...get(RA), ...I32X4_GT_S, ...I32X4_BITMASK, ...i32(15), I32_NE, ...brIf(0),
  ...get(RA), ...F32X4_FROM_I32, ...get(KV), ...get(XV), ...ODD_LANES, ...F32X4_MUL, ...set(XV),
  // outputs: float(double(x) · level) per lane, two lanes per f64x2, then the sign bits (bit 8 → bit 31);
  // stored at o and at o + dup (the copy; the same place when there is none)
  ...get(O),
  ...get(XV), ...PROMOTE_LOW, ...get(LP), ...v128load(0), ...F64X2_MUL, ...DEMOTE_ZERO,
  ...get(XV), ...get(XV), ...HIGH_TO_LOW, ...PROMOTE_LOW, ...get(LP), ...v128load(16), ...F64X2_MUL, ...DEMOTE_ZERO,
  ...JOIN_LOW,
  ...get(V), ...v128i32(0x100), ...V128_AND, ...i32(23), ...I32X4_SHL, ...V128_XOR, ...tee(XV),
  ...v128store(0),
  ...get(O), ...get(DUP), I32.add, ...get(XV), ...v128store(0),
  ...get(O), ...i32(16), I32.add, ...set(O),
  ...get(EP), ...i32(16), I32.add, ...set(EP),
  ...advanceLevel(32),
  ...br(1),
];

/** 1/n! for the Taylor series of exp on |r| <= ln2 / 2, to r⁹ (its remainder < 1e-11 relative: 9.4e-12 measured against Math.exp) */
const EXP_TAYLOR = [1 / 362880, 1 / 40320, 1 / 5040, 1 / 720, 1 / 120, 1 / 24, 1 / 6, 1 / 2, 1, 1];

/**
 * The wedge's decision `y < exp(t)` (YD, TT; t = -0.5 x² in [-6.7, 0]) without calling exp for nearly every
 * draw: EA = 2^k · p(r) (k = round(t / ln2), r = t - k ln2, p the Taylor polynomial) is within 1e-11 of exp(t)
 * relative (series remainder, rounding, Math.exp's own < 1 ulp), so y below EA · (1 - margin) or above
 * EA · (1 + margin) is decided as Math.exp would decide it; only y within the margin calls Math.exp (with
 * margin 2e-9, of the order of one wedge in a million). Falls through when rejected, branches to depth 0 when accepted.
 * (Math.exp from the kernel was 4% of all the CPU time of a white-noise generation.)
 */
const wedgeTest = (margin: number) => [
  ...get(TT), ...f64const(Math.LOG2E), F64.mul, F64.nearest, ...set(EA), // k
  // r = t - k ln2 (into TT)
  ...get(TT), ...get(EA), ...f64const(Math.LN2), F64.mul, F64.sub, ...set(TT),
  // 2^k as bits: (k + 1023) << 52
  ...get(EA), F64.toI64, ...i64(1023n), I64.add, ...i64(52n), I64_SHL, F64.fromI64Bits, ...set(EA),
  ...f64const(EXP_TAYLOR[0]),
  ...EXP_TAYLOR.slice(1).flatMap((c) => [...get(TT), F64.mul, ...f64const(c), F64.add]),
  ...get(EA), F64.mul, ...set(EA),
  ...get(YD), ...get(EA), ...f64const(1 - margin), F64.mul, F64.lt, ...brIf(0),
  ...BLOCK,
  ...get(YD), ...get(EA), ...f64const(1 + margin), F64.mul, F64.gt, ...brIf(0),
  // too close to call: Math.exp, as the JavaScript loop does (t recomputed, as it was overwritten by r)
  ...get(YD), ...f64const(-0.5), ...get(X), F64.mul, ...get(X), F64.mul, ...call(EXP), F64.lt, ...brIf(1),
  END,
];

/**
 * One draw at a time (a group that failed, or the last values of the call), at depth 0 = the draw loop: the
 * value in R, its strip test, else the tail (idx 0) or the wedge; a rejected wedge goes back to the loop top.
 */
const scalar = (margin: number) => [
  ...NEXT(R),
  ...BLOCK, // accepted (0; 1 = the draw loop)
  ...get(R), ...i32(0xff), I32.and, ...set(IDX),
  ...get(R), ...i32(9), I32.shrU, ...i32(0x7fffff), I32.and, ...set(RABS),
  ...get(R), ...i32(0x100), I32.and, ...i32(23), I32.shl, ...set(SGN),
  // x = float(rabs · wi[idx]), kept as a double
  ...get(RABS), F32.fromU32, ...get(IDX), ...i32(3), I32.shl, ...f32load(KW_ADDR + 4), F32.mul, F64.promote, ...set(X),
  ...get(RABS), ...get(IDX), ...i32(3), I32.shl, ...i32load(KW_ADDR), I32.ltU, ...brIf(0),
  // the tail (idx 0): until float(yy + yy) > float(xx · xx); sign from bit 8 of rabs (bit 17 of r)
  ...get(IDX), I32.eqz, ...IF, // (0 = if, 1 = accepted)
  ...get(R), ...i32(14), I32.shl, ...i32(0x80000000 | 0), I32.and, ...set(SGN),
  ...LOOP, // (0 = tail loop, 1 = if, 2 = accepted)
  ...NEXT(U), ...nextFloat64(U), F64.neg, ...call(LOG1PF), ...f64const(-NOR_INV_R_F), F64.mul, F32.demote, ...set(XX),
  ...NEXT(U), ...nextFloat64(U), F64.neg, ...call(LOG1PF), F64.neg, F32.demote, ...set(YY),
  ...get(YY), ...get(YY), F32.add, ...get(XX), ...get(XX), F32.mul, F32.gt, ...IF,
  ...f32const(NOR_R_F), ...get(XX), F32.add, F64.promote, ...set(X), ...br(3),
  END,
  ...br(0),
  END,
  END,
  // the wedge: y = float(float(float(fi[idx-1] - fi[idx]) · next_float) + fi[idx]) < exp(-0.5 · x · x)
  ...NEXT(U),
  ...get(IDX), ...i32(2), I32.shl, ...f32load(FI_ADDR - 4),
  ...get(IDX), ...i32(2), I32.shl, ...f32load(FI_ADDR), F32.sub,
  ...get(U), ...i32(8), I32.shrU, F32.fromU32, ...f32const(2 ** -24), F32.mul,
  F32.mul,
  ...get(IDX), ...i32(2), I32.shl, ...f32load(FI_ADDR), F32.add, F64.promote, ...set(YD),
  ...f64const(-0.5), ...get(X), F64.mul, ...get(X), F64.mul, ...set(TT), // -0.5 · x · x
  ...wedgeTest(margin),
  ...br(1), // rejected: draw again
  END,
  // *o = float(x · *lp) with the sign bit applied
  ...get(O),
  ...get(X), ...get(LP), ...f64load(0), F64.mul, F32.demote, F32.asI32, ...get(SGN), I32.xor, ...tee(SGN), F32.fromI32Bits,
  ...f32store(0),
  ...get(O), ...get(DUP), I32.add, ...get(SGN), ...i32store(0),
  ...get(O), ...i32(4), I32.add, ...set(O),
  ...advanceLevel(8),
];

const body = (margin: number) => [
  ...LOCALS,
  ...i32(0), ...i64load(0), ...set(SLO), ...i32(0), ...i64load(8), ...set(SHI),
  ...i32(0), ...i64load(16), ...set(ILO), ...i32(0), ...i64load(24), ...set(IHI),
  // the buffer starts with numpy's kept upper half, if there is one
  ...i32(ELEM_ADDR), ...set(EP), ...i32(ELEM_ADDR), ...set(EE),
  ...i32(0), ...i32load(32), ...IF, ...i32(ELEM_ADDR), ...i32(0), ...i32load(36), ...i32store(0), ...i32(ELEM_ADDR + 4), ...set(EE), END,
  ...get(OUT), ...get(I), ...i32(2), I32.shl, I32.add, ...set(O),
  ...get(OUT), ...get(N), ...i32(2), I32.shl, I32.add, ...set(O_END),
  ...get(CH), ...i32(3), I32.shl, ...i32(LEVELS_ADDR), I32.add, ...set(LP),
  ...get(C), ...i32(3), I32.shl, ...i32(LEVELS_ADDR), I32.add, ...set(L_END),
  // groups while 4 outputs are left, with at least 4 channels (so that one step back by C levels is enough)
  ...get(O_END), ...i32(16), I32.sub, ...i32(0), ...get(C), ...i32(4), I32_GE_S, SELECT, ...set(VEC_END),
  ...BLOCK, // exit
  ...LOOP, // one output per turn of the scalar code, four per turn of the group code
  ...get(O), ...get(O_END), I32.geU, ...brIf(1),
  ...TOP_UP,
  ...BLOCK, ...GROUP, END,
  ...scalar(margin),
  ...br(0),
  END,
  END,
  ...i32(0), ...get(SLO), ...i64store(0), ...i32(0), ...get(SHI), ...i64store(8),
  // what is left (0 or 1 value) is numpy's kept upper half; more would be values the stream has not drawn
  ...i32(0), ...get(EE), ...get(EP), I32_NE, ...i32store(32),
  ...get(EE), ...i32(ELEM_ADDR), I32_NE, ...IF, ...i32(0), ...get(EE), ...i32(4), I32.sub, ...i32load(0), ...i32store(36), END, // the high half of the last step (numpy keeps it even once used)
  ...get(EE), ...get(EP), I32.sub, ...i32(4), I32.gtU, ...IF, ...i32(-1), 0x0f, END, // return -1
  ...get(O), ...get(OUT), I32.sub, ...i32(2), I32.shrU,
  END,
];

function moduleBytes(margin: number): Uint8Array<ArrayBuffer> {
  const bodyBytes = body(margin);
  return wasmModule(
    // type 0: (f64) → f64 (exp, log1pf); type 1: (i32 × 6) → i32 (fill)
    section(1, [0x02, 0x60, 0x01, 0x7c, 0x01, 0x7c, 0x60, 0x06, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x01, 0x7f]),
    section(2, [0x03, ...wasmName('env'), ...wasmName('exp'), 0x00, 0x00, ...wasmName('env'), ...wasmName('log1pf'), 0x00, 0x00,
      ...memoryImport(wasmName, leb)]),
    section(3, [0x01, 0x01]),
    section(7, [0x01, ...wasmName('fill'), 0x00, 0x02]), // function 2 (0 and 1 are the imports)
    section(10, [0x01, ...leb(bodyBytes.length), ...bodyBytes]),
  );
}

export interface NormalsKernel {
  /**
   * fill(outAddress, i, n, C, c, dup): normals for out[i..n) of the slice, also written `dup` bytes further on (0:
   * no copy); returns n (-1: the kernel overdrew its buffer, a bug)
   */
  fill: (out: number, i: number, n: number, C: number, c: number, dup: number) => number;
  memory: WebAssembly.Memory;
  /** the state words (u32 limbs of s, then of inc) */
  state: Uint32Array;
  /** has_uint32, uinteger */
  flags: Int32Array;
  /** the levels of the C channels, then the first three again (see setLevels) */
  levels: Float64Array;
  out: Float32Array;
}

/** The levels of a call into the kernel's memory: the C levels, then levels[0..3) (mod C) again. */
export function setLevels(k: NormalsKernel, levels: Float64Array): void {
  const C = levels.length;
  k.levels.set(levels);
  for (let j = 0; j < 3; j++) k.levels[C + j] = levels[j % C];
}

let kernel: NormalsKernel | null | undefined;

/** the wedge's margin around the approximate exp within which Math.exp decides (see wedgeTest) */
const WEDGE_MARGIN = 2e-9;

/** This thread's kernel (in the thread's kernel memory), or null where WebAssembly is not available (SPIKEGEN_SIMD=0). */
export function normalsKernel(): NormalsKernel | null {
  if (kernel === undefined) kernel = makeNormalsKernel(WEDGE_MARGIN);
  return kernel;
}

/**
 * A kernel whose wedge calls Math.exp whenever y is within `margin` (relative) of the approximate exp. Tests
 * use Infinity (every wedge decided by Math.exp) to check that path, which real draws almost never take.
 */
export function makeNormalsKernel(margin: number): NormalsKernel | null {
  const made = instantiateInThreadMemory(() => moduleBytes(margin), { exp: Math.exp, log1pf });
  if (!made) return null;
  const { instance, memory } = made;
  const buf = memory.buffer;
  const ki = new Uint32Array(buf, KW_ADDR, 512), wi = new Float32Array(buf, KW_ADDR, 512);
  for (let j = 0; j < 256; j++) { ki[2 * j] = KI_FLOAT[j]; wi[2 * j + 1] = WI_FLOAT[j]; }
  new Float32Array(buf, FI_ADDR, 256).set(FI_FLOAT);
  return {
    fill: instance.exports.fill as NormalsKernel['fill'], memory,
    state: new Uint32Array(buf, 0, 8), flags: new Int32Array(buf, 32, 2),
    levels: new Float64Array(buf, LEVELS_ADDR, MAX_CHANNELS + 3), out: new Float32Array(buf, OUT_ADDR, SLICE_VALUES),
  };
}
