/**
 * The sparse correlation product of correlated noise (noise-correlate.ts) as a WebAssembly SIMD kernel, with
 * the same sums in the same order and the same roundings, so its output is bit for bit the JavaScript loop's.
 *
 * out[t*C + i] = sum over k in row i of values[k] * z[t*C + cols[k]], accumulated in float64, stored as float32.
 * Four samples at a time: the group's z (4 × C float32) is transposed into channel-major scratch so that one
 * 16-byte load gives a channel's four samples; each (value, column) then costs one load, two promotions and two
 * f64x2 multiply-adds for four outputs. f64x2.mul/add are unfused IEEE operations like JavaScript's, f64→f32
 * demotion rounds to nearest even like a Float32Array store: nothing differs but the speed (measured 2-3x).
 * This product was a third of the rendering time of correlated noise (W2), the largest single cost.
 *
 * The module is written out by hand below (WebAssembly core + SIMD opcodes), as int16-min-max-simd.ts.
 */
import { compileKernel, i32FunctionType, leb, section, wasmModule, wasmName } from '../wasm/module-bytes.ts';
import { BLOCK, brIf, END, f32load, f32store, f64load, get, HIGH_TO_LOW, I32, i32, i32load, LOOP, set, simd, tee, v128load } from '../wasm/opcodes.ts';
import type { ScaledFactor } from './noise-correlate.ts';

const { add: ADD, mul: MUL, shl: SHL, ltU: LT_U, geU: GE_U, eqz: EQZ } = I32;
const BR_IF0 = brIf(0);
const V128_LOAD = v128load(), F64X2_SPLAT = simd(0x14), PROMOTE_LOW = simd(0x5f);
const F64X2_MUL = simd(0xf2), F64X2_ADD = simd(0xf0), DEMOTE = 0xb6;
const extract = (lane: number) => [...simd(0x21), lane];
const V128_ZERO = [...simd(0x0c), ...new Array<number>(16).fill(0)];

// params: 0 z, 1 out, 2 C, 3 rowPtr, 4 cols, 5 values, 6 groups, 7 zt (byte addresses; groups of 4 samples)
// locals: 8 g, 9 c, 10 i, 11 k, 12 end, 13 zg, 14 rowBytes, 15 og (i32); 16 a0, 17 a1, 18 q, 19 v (v128); 20 src, 21 dst (i32)
const [Z, OUT, C, ROWPTR, COLS, VALS, GROUPS, ZT] = [0, 1, 2, 3, 4, 5, 6, 7];
const [G, CH, I, K, ENDK, ZG, ROWB, OG, A0, A1, Q, V, SRC, DST] = [8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21];
const BODY = [
  0x03, 0x08, 0x7f, 0x04, 0x7b, 0x02, 0x7f, // locals: 8 × i32, 4 × v128, 2 × i32
  ...get(C), ...i32(2), SHL, ...set(ROWB), // rowBytes = C * 4
  ...BLOCK,
  ...get(GROUPS), EQZ, ...BR_IF0,
  ...LOOP, // groups
  ...get(G), ...get(ROWB), MUL, ...i32(2), SHL, ...tee(ZG), ...get(OUT), ADD, ...set(OG), // og = out + g * 4 * rowBytes
  ...get(ZG), ...get(Z), ADD, ...set(ZG), // zg = z + g * 4 * rowBytes
  ...i32(0), ...set(CH),
  ...LOOP, // transpose the group's 4 samples: zt[c][j] = z[j][c]
  ...get(ZG), ...get(CH), ...i32(2), SHL, ADD, ...set(SRC),
  ...get(ZT), ...get(CH), ...i32(4), SHL, ADD, ...set(DST),
  ...get(DST), ...get(SRC), ...f32load(), ...f32store(0),
  ...get(DST), ...get(SRC), ...get(ROWB), ADD, ...f32load(), ...f32store(4),
  ...get(DST), ...get(SRC), ...get(ROWB), ...i32(1), SHL, ADD, ...f32load(), ...f32store(8),
  ...get(DST), ...get(SRC), ...get(ROWB), ...i32(3), MUL, ADD, ...f32load(), ...f32store(12),
  ...get(CH), ...i32(1), ADD, ...tee(CH), ...get(C), LT_U, ...BR_IF0,
  END,
  ...i32(0), ...set(K), ...i32(0), ...set(I),
  ...LOOP, // rows
  ...get(ROWPTR), ...get(I), ...i32(2), SHL, ADD, ...i32load(4), ...set(ENDK), // end = rowPtr[i + 1]
  ...V128_ZERO, ...tee(A0), ...set(A1),
  ...BLOCK,
  ...get(K), ...get(ENDK), GE_U, ...BR_IF0,
  ...LOOP, // nonzeros of row i
  ...get(VALS), ...get(K), ...i32(3), SHL, ADD, ...f64load(), ...F64X2_SPLAT, ...set(V),
  ...get(ZT), ...get(COLS), ...get(K), ...i32(2), SHL, ADD, ...i32load(0), ...i32(4), SHL, ADD, ...V128_LOAD, ...set(Q),
  ...get(A0), ...get(V), ...get(Q), ...PROMOTE_LOW, ...F64X2_MUL, ...F64X2_ADD, ...set(A0),
  ...get(A1), ...get(V), ...get(Q), ...get(Q), ...HIGH_TO_LOW, ...PROMOTE_LOW, ...F64X2_MUL, ...F64X2_ADD, ...set(A1),
  ...get(K), ...i32(1), ADD, ...tee(K), ...get(ENDK), LT_U, ...BR_IF0,
  END,
  END,
  ...get(OG), ...get(I), ...i32(2), SHL, ADD, ...set(SRC), // the row's output address in sample 0 of the group
  ...get(SRC), ...get(A0), ...extract(0), DEMOTE, ...f32store(0),
  ...get(SRC), ...get(ROWB), ADD, ...get(A0), ...extract(1), DEMOTE, ...f32store(0),
  ...get(SRC), ...get(ROWB), ...i32(1), SHL, ADD, ...get(A1), ...extract(0), DEMOTE, ...f32store(0),
  ...get(SRC), ...get(ROWB), ...i32(3), MUL, ADD, ...get(A1), ...extract(1), DEMOTE, ...f32store(0),
  ...get(I), ...i32(1), ADD, ...tee(I), ...get(C), LT_U, ...BR_IF0,
  END,
  ...get(G), ...i32(1), ADD, ...tee(G), ...get(GROUPS), LT_U, ...BR_IF0,
  END,
  END,
  END,
];

function moduleBytes(): Uint8Array<ArrayBuffer> {
  return wasmModule(
    section(1, i32FunctionType(8)), // (i32 × 8) → ()
    section(2, [0x01, ...wasmName('env'), ...wasmName('memory'), 0x02, 0x00, 0x01]), // imports env.memory (≥ 1 page)
    section(3, [0x01, 0x00]),
    section(7, [0x01, ...wasmName('correlate4'), 0x00, 0x00]),
    section(10, [0x01, ...leb(BODY.length), ...BODY]),
  );
}

/** samples per call: the z and out slices of this many samples live in the kernel's memory */
const SLICE = 512;

interface Kernel {
  memory: WebAssembly.Memory;
  correlate4: (z: number, out: number, C: number, rowPtr: number, cols: number, values: number, groups: number, zt: number) => void;
  /** the factor whose arrays are in memory, and where */
  factor: ScaledFactor;
  layout: { rowPtr: number; cols: number; values: number; zt: number; z: number; out: number; C: number };
}

let module: WebAssembly.Module | null | undefined;
let kernel: Kernel | null = null;

/**
 * A kernel instance whose memory holds `f`, the transpose scratch and the z/out slices for C channels. The
 * memory is made at its full size, never grown: growing a WebAssembly memory detaches its old ArrayBuffer, and
 * the first detached ArrayBuffer of a thread makes V8 guard every typed-array loop of that thread from then on
 * (measured: the int16 conversion 40% slower). A new factor or channel count gets a new instance.
 */
function kernelFor(f: ScaledFactor, C: number): Kernel | null {
  if (kernel && kernel.factor === f && kernel.layout.C === C) return kernel;
  if (module === undefined) module = compileKernel(moduleBytes());
  if (!module) return null;
  const align = (n: number) => Math.ceil(n / 16) * 16;
  const rowPtr = 0, cols = align(rowPtr + f.rowPtr.length * 4), values = align(cols + f.cols.length * 4);
  const zt = align(values + f.values.length * 8), z = align(zt + C * 16), out = align(z + SLICE * C * 4), end = out + SLICE * C * 4;
  const memory = new WebAssembly.Memory({ initial: Math.ceil(end / 65536) });
  const instance = new WebAssembly.Instance(module, { env: { memory } });
  const buf = memory.buffer;
  new Int32Array(buf, rowPtr, f.rowPtr.length).set(f.rowPtr);
  new Int32Array(buf, cols, f.cols.length).set(f.cols);
  new Float64Array(buf, values, f.values.length).set(f.values);
  kernel = { memory, correlate4: instance.exports.correlate4 as Kernel['correlate4'], factor: f, layout: { rowPtr, cols, values, zt, z, out, C } };
  return kernel;
}

/**
 * The first 4·floor(numSamples / 4) samples of the product with the kernel; returns how many samples it did (0
 * where WebAssembly SIMD is missing: the caller's loop does them all).
 */
export function correlateSamplesSimd(f: ScaledFactor, z: Float32Array, out: Float32Array, numSamples: number, C: number): number {
  if (numSamples < 4) return 0;
  const k = kernelFor(f, C);
  if (!k) return 0;
  const { rowPtr, cols, values, zt } = k.layout;
  const done = numSamples - (numSamples % 4);
  const zIn = new Float32Array(k.memory.buffer, k.layout.z, SLICE * C), res = new Float32Array(k.memory.buffer, k.layout.out, SLICE * C);
  for (let t = 0; t < done; t += SLICE) {
    const n = Math.min(SLICE, done - t);
    zIn.set(z.subarray(t * C, (t + n) * C));
    k.correlate4(k.layout.z, k.layout.out, C, rowPtr, cols, values, n / 4, zt);
    out.set(res.subarray(0, n * C), t * C);
  }
  return done;
}
