/**
 * `float32ToInt16` (int16-gain.ts) as a WebAssembly SIMD kernel, eight samples per turn, with the same bits: for
 * every sample in range the JavaScript loop computes `((x · inv + 32768.5) | 0) - 32768` in doubles, and so does
 * the kernel (f32 → f64 promotion, f64x2 multiply and add, truncation to i32, subtraction, narrowing to i16). A
 * group of eight with any sample near or past full scale (|x| > `inRangeLimit`), or NaN, is left to the caller's
 * loop, which saturates and counts it: the kernel returns that group's index. At 384 channels this is ~10x the speed of
 * the JavaScript loop, which was a fifth of the rendering time of a 1 s chunk (2 × 17 ms).
 *
 * Memory: the thread's kernel memory (app/wasm/thread-memory.ts). Inputs in its TILES region (`int16InputViews`: a
 * worker's tiles) are converted where they are, others copied in slice by slice; outputs in its STAGING region (a
 * worker's staging buffers) are written where they are, others through the INT16_OUT region.
 */
import { leb, section, wasmModule, wasmName } from '../wasm/module-bytes.ts';
import { BLOCK, brIf, END, f64const, get, HIGH_TO_LOW, I32, i32, JOIN_LOW, LOOP, set, simd, tee, v128load, v128store } from '../wasm/opcodes.ts';
import { INT16_OUT_BYTES, INT16_OUT_REGION, inStaging, memoryImport, TILES_BYTES, TILES_REGION, inTiles, instantiateInThreadMemory } from '../wasm/thread-memory.ts';

const { add: ADD, shl: SHL, ltU: LT_U, geU: GE_U, eqz: EQZ } = I32;
const load = v128load, store = v128store();
const F64X2_SPLAT = simd(0x14), I32X4_SPLAT = simd(0x11), PROMOTE_LOW = simd(0x5f);
const F64X2_MUL = simd(0xf2), F64X2_ADD = simd(0xf0), F32X4_SPLAT = simd(0x13), F32X4_ABS = simd(0xe0), F32X4_LE = simd(0x45);
const V128_AND = simd(0x4e), I32X4_ALL_TRUE = simd(0xa3), TRUNC_SAT_ZERO = simd(0xfc), I32X4_SUB = simd(0xb1);
const NARROW_S = simd(0x85);

// params: 0 src, 1 dst (byte addresses), 2 groups of 8, 3 inv (f64), 4 limit (f32) → the first group not done
// locals: 5 g, 6 s (i32); 7 inv, 8 limit, 9 off, 10 bias, 11 a, 12 b, 13 v0, 14 v1, 15 v2, 16 v3 (v128)
const [SRC, DST, GROUPS, INV, LIMIT, G, S] = [0, 1, 2, 3, 4, 5, 6];
const [VINV, VLIMIT, OFF, BIAS, A, B, V0, V1, V2, V3] = [7, 8, 9, 10, 11, 12, 13, 14, 15, 16];
const fixed = (v: number) => [...get(v), ...get(OFF), ...F64X2_ADD, ...TRUNC_SAT_ZERO];
const BODY = [
  0x02, 0x02, 0x7f, 0x0a, 0x7b, // locals: 2 × i32, 10 × v128
  ...get(INV), ...F64X2_SPLAT, ...set(VINV),
  ...get(LIMIT), ...F32X4_SPLAT, ...set(VLIMIT),
  ...f64const(32768.5), ...F64X2_SPLAT, ...set(OFF),
  ...i32(32768), ...I32X4_SPLAT, ...set(BIAS),
  ...BLOCK,
  ...get(G), ...get(GROUPS), GE_U, ...brIf(0),
  ...LOOP,
  ...get(SRC), ...get(G), ...i32(5), SHL, ADD, ...tee(S), ...load(0), ...set(A),
  ...get(S), ...load(16), ...set(B),
  // every |x| <= limit (false for NaN), which puts x · inv well inside the loop's in-range test; else stop here
  ...get(A), ...F32X4_ABS, ...get(VLIMIT), ...F32X4_LE, ...get(B), ...F32X4_ABS, ...get(VLIMIT), ...F32X4_LE, ...V128_AND,
  ...I32X4_ALL_TRUE, EQZ, ...brIf(1),
  ...get(A), ...PROMOTE_LOW, ...get(VINV), ...F64X2_MUL, ...set(V0),
  ...get(A), ...get(A), ...HIGH_TO_LOW, ...PROMOTE_LOW, ...get(VINV), ...F64X2_MUL, ...set(V1),
  ...get(B), ...PROMOTE_LOW, ...get(VINV), ...F64X2_MUL, ...set(V2),
  ...get(B), ...get(B), ...HIGH_TO_LOW, ...PROMOTE_LOW, ...get(VINV), ...F64X2_MUL, ...set(V3),
  ...get(DST), ...get(G), ...i32(4), SHL, ADD,
  ...fixed(V0), ...fixed(V1), ...JOIN_LOW, ...get(BIAS), ...I32X4_SUB,
  ...fixed(V2), ...fixed(V3), ...JOIN_LOW, ...get(BIAS), ...I32X4_SUB,
  ...NARROW_S, ...store,
  ...get(G), ...i32(1), ADD, ...tee(G), ...get(GROUPS), LT_U, ...brIf(0),
  END,
  END,
  ...get(G),
  END,
];

/** float32 values of the input area (the thread memory's tiles region) */
export const INPUT_VALUES = TILES_BYTES / 4;
/** values converted per call (the output area) */
export const SLICE_VALUES = INT16_OUT_BYTES / 2;
const IN_ADDR = TILES_REGION;

function moduleBytes(): Uint8Array<ArrayBuffer> {
  return wasmModule(
    section(1, [0x01, 0x60, 0x05, 0x7f, 0x7f, 0x7f, 0x7c, 0x7d, 0x01, 0x7f]), // (i32, i32, i32, f64, f32) → i32
    section(2, [0x01, ...memoryImport(wasmName, leb)]),
    section(3, [0x01, 0x00]),
    section(7, [0x01, ...wasmName('convert'), 0x00, 0x00]),
    section(10, [0x01, ...leb(BODY.length), ...BODY]),
  );
}

export interface Int16Kernel {
  memory: WebAssembly.Memory;
  convert: (src: number, dst: number, groups: number, inv: number, limit: number) => number;
  input: Float32Array;
  output: Int16Array;
}

let kernel: Int16Kernel | null | undefined;

/** This thread's kernel, or null where WebAssembly SIMD is not available (or SPIKEGEN_SIMD=0). */
export function int16Kernel(): Int16Kernel | null {
  if (kernel !== undefined) return kernel;
  const made = instantiateInThreadMemory(moduleBytes);
  if (!made) return (kernel = null);
  const { instance, memory } = made;
  kernel = {
    memory, convert: instance.exports.convert as Int16Kernel['convert'],
    input: new Float32Array(memory.buffer, IN_ADDR, INPUT_VALUES), output: new Int16Array(memory.buffer, INT16_OUT_REGION, SLICE_VALUES),
  };
  return kernel;
}

/**
 * Float32 buffers of `length` values inside the kernel's input area (converted there without a copy), or null
 * when WebAssembly SIMD is missing or they do not fit.
 */
export function int16InputViews(count: number, length: number): Float32Array[] | null {
  const k = int16Kernel();
  if (!k || count * length > INPUT_VALUES) return null;
  return Array.from({ length: count }, (_, i) => k.input.subarray(i * length, (i + 1) * length));
}

/**
 * The largest float32 L ≤ 32766 · gain: for |x| ≤ L, x · (1/gain) ≤ 32766 (1 + 2⁻⁵²) is inside the loop's in-range
 * test (-32767.5, 32766.5), so one f32 comparison per value replaces two f64 ones. Groups with a larger |x| (near
 * full scale: rare with the gain's headroom) or NaN go to the loop.
 */
export function inRangeLimit(gain: number): number {
  const f = Math.fround(32766 * gain);
  if (f <= 32766 * gain) return f;
  const b = new Float32Array([f]);
  new Uint32Array(b.buffer)[0]--; // the next float32 toward zero (f > 0)
  return b[0];
}

/** The scalar loop for the values the kernel leaves: src[from, from + count) into dst from dstFrom; returns the clipped count. */
export type ScalarConvert = (src: Float32Array, from: number, count: number, inv: number, dst: Int16Array, dstFrom: number) => number;

/**
 * Converts src into dst (`dst[i] = round(src[i] / gain)`, saturated) with the kernel; the groups of eight it
 * leaves and the last n mod 8 values go through `scalar`, into the kernel's output area, so each slice leaves in
 * one copy. Returns the clipped count, or -1 where there is no kernel (nothing done).
 */
export function convertWithKernel(src: Float32Array, gain: number, dst: Int16Array, scalar: ScalarConvert): number {
  const k = int16Kernel();
  if (!k) return -1;
  const n = src.length, inv = 1 / gain, limit = inRangeLimit(gain);
  const inside = inTiles(src);
  // a destination in the kernel memory's STAGING region (a worker's staging buffer) is written where it is; others
  // via the output area
  const outInside = inStaging(dst);
  let clipped = 0;
  for (let s = 0; s < n; s += SLICE_VALUES) {
    const m = Math.min(SLICE_VALUES, n - s), groups = m >> 3;
    const from = inside ? src.subarray(s, s + m) : k.input.subarray(0, m);
    if (!inside) from.set(src.subarray(s, s + m));
    const out = outInside ? dst.subarray(s, s + m) : k.output;
    const addr = from.byteOffset, outAddr = out.byteOffset;
    for (let g = 0; g < groups;) {
      g += k.convert(addr + 32 * g, outAddr + 16 * g, groups - g, inv, limit);
      if (g < groups) { clipped += scalar(from, 8 * g, 8, inv, out, 8 * g); g++; }
    }
    if (m > 8 * groups) clipped += scalar(from, 8 * groups, m - 8 * groups, inv, out, 8 * groups);
    if (!outInside) dst.set(m === SLICE_VALUES ? out : out.subarray(0, m), s);
  }
  return clipped;
}
