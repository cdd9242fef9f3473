/**
 * `injectSpikes` (inject.ts) as a WebAssembly SIMD kernel, for windows that live in the thread's kernel memory
 * (a worker's tiles, app/wasm/thread-memory.ts), with the same bits: every output value receives the same float32
 * additions in the same spike order, four channels at a time along each run of consecutive channels. Scaled
 * spikes compute `float(float64(w) · amplitude)` per value (f32 → f64 promotion, f64x2 multiply, demotion), as
 * the JavaScript loop's `fround(w * amp)`.
 *
 * The templates of a 384-channel drifting model are ~200 MB (every displacement step of every unit), too much to
 * copy into each thread's kernel memory. A window only needs the (step, unit) blocks of its spikes, so the blocks
 * are copied in on first use into the TEMPLATES region and kept while the templates stay the same (the caller's
 * key: the render model's id, since every task brings a fresh clone of the model's arrays); when the region
 * is full it is emptied (after the spikes already listed are added) and filled again.
 *
 * Per call, the spikes are listed in the SPIKES region, 40 bytes each:
 *   i32 t0 (window row of template sample 0), sFrom, sTo (template samples inside the window), waveform address,
 *   nnz, runs address, run count, unused; f64 amplitude
 * and a block in the TEMPLATES region is its waveforms (W × nnz float32) then its runs (start channel, k, length).
 */
import type { SparseTemplates } from '../generation/sparse-templates.ts';
import { leb, section, wasmModule, wasmName } from '../wasm/module-bytes.ts';
import { BLOCK, br, brIf, ELSE, END, f32load, f32store, f64load, get, HIGH_TO_LOW, I32, i32, i32load, IF, JOIN_LOW, LOOP, set, simd, tee, v128load, v128store } from '../wasm/opcodes.ts';
import { SPIKES_BYTES, SPIKES_REGION, TEMPLATES_BYTES, TEMPLATES_REGION, memoryImport, inTiles, instantiateInThreadMemory } from '../wasm/thread-memory.ts';
import type { ChannelRuns } from './inject.ts';

const { add: ADD, mul: MUL, shl: SHL, ltU: LT_U, gtU: GT_U, geU: GE_U, eqz: EQZ } = I32;
const F32_ADD = 0x92, F64_MUL = 0xa2, PROMOTE = 0xbb, DEMOTE = 0xb6;
const V128_LOAD = v128load(), V128_STORE = v128store();
const F32X4_ADD = simd(0xe4), F64X2_MUL = simd(0xf2), F64X2_SPLAT = simd(0x14);
const PROMOTE_LOW = simd(0x5f), DEMOTE_ZERO = simd(0x5e);

// params: 0 out, 1 C, 2 count, 3 spikes, 4 scaled (i32)
// locals: i32 5 idx, 6 sp, 7 t0, 8 sFrom, 9 sTo, 10 wBase, 11 nnz4, 12 runAddr, 13 runEnd, 14 row, 15 w, 16 r, 17 o,
//         18 wr, 19 run bytes, 20 C4, 21 rows (the row counter), 22 end of o; f64 23 amp; v128 24 ampv, 25 wv
const [OUT, C, COUNT, SPIKES, SCALED] = [0, 1, 2, 3, 4];
const [IDX, SP, T0, S, STO, WBASE, NNZ4, RUNS, RUN_END, ROW, W, R, O, WR, E, C4, ROWS, END_O, AMP, AMPV, WV] =
  [5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25];

/** the four template values at wr, times the amplitude when scaled (float(f64(w) · amp) per lane) */
const vectorValues = (scaled: boolean) => scaled
  ? [...get(WR), ...V128_LOAD, ...tee(WV), ...PROMOTE_LOW, ...get(AMPV), ...F64X2_MUL, ...DEMOTE_ZERO,
    ...get(WV), ...get(WV), ...HIGH_TO_LOW, ...PROMOTE_LOW, ...get(AMPV), ...F64X2_MUL, ...DEMOTE_ZERO, ...JOIN_LOW]
  : [...get(WR), ...V128_LOAD];
const scalarValue = (scaled: boolean) => scaled
  ? [...get(WR), ...f32load(), PROMOTE, ...get(AMP), F64_MUL, DEMOTE]
  : [...get(WR), ...f32load()];

/**
 * The current spike, run by run (the run's channels, its template values and the row count loaded once), row by
 * row within a run: four channels at a time, then the last 0-3. Each output value still gets this spike's one
 * addition, so the order of additions per value (spike by spike) is the loop's.
 */
const runsLoop = (scaled: boolean) => [
  ...get(RUNS), ...set(R),
  ...LOOP, // runs
  // ROW: the run's first channel in the spike's first row; W: its first template value in that row; E: bytes of the run
  ...get(OUT), ...get(T0), ...get(S), ADD, ...get(C4), MUL, ADD, ...get(R), ...i32load(0), ...i32(2), SHL, ADD, ...set(ROW),
  ...get(WBASE), ...get(S), ...get(NNZ4), MUL, ADD, ...get(R), ...i32load(4), ...i32(2), SHL, ADD, ...set(W),
  ...get(R), ...i32load(8), ...i32(2), SHL, ...set(E),
  ...get(S), ...set(ROWS),
  ...LOOP, // rows
  ...get(ROW), ...set(O), ...get(W), ...set(WR), ...get(ROW), ...get(E), ADD, ...set(END_O),
  ...BLOCK, ...LOOP, // four channels at a time
  ...get(O), ...i32(16), ADD, ...get(END_O), GT_U, ...brIf(1),
  ...get(O), ...get(O), ...V128_LOAD, ...vectorValues(scaled), ...F32X4_ADD, ...V128_STORE,
  ...get(O), ...i32(16), ADD, ...set(O), ...get(WR), ...i32(16), ADD, ...set(WR),
  ...br(0),
  END, END,
  ...BLOCK, ...LOOP, // the rest, one channel at a time
  ...get(O), ...get(END_O), GE_U, ...brIf(1),
  ...get(O), ...get(O), ...f32load(), ...scalarValue(scaled), F32_ADD, ...f32store(),
  ...get(O), ...i32(4), ADD, ...set(O), ...get(WR), ...i32(4), ADD, ...set(WR),
  ...br(0),
  END, END,
  ...get(ROW), ...get(C4), ADD, ...set(ROW), ...get(W), ...get(NNZ4), ADD, ...set(W),
  ...get(ROWS), ...i32(1), ADD, ...tee(ROWS), ...get(STO), LT_U, ...brIf(0),
  END,
  ...get(R), ...i32(12), ADD, ...tee(R), ...get(RUN_END), LT_U, ...brIf(0),
  END,
];

const BODY = [
  0x03, 0x12, 0x7f, 0x01, 0x7c, 0x02, 0x7b, // locals: 18 × i32, 1 × f64, 2 × v128
  ...get(C), ...i32(2), SHL, ...set(C4),
  ...BLOCK,
  ...get(COUNT), EQZ, ...brIf(0),
  ...LOOP, // spikes, in order
  ...get(SPIKES), ...get(IDX), ...i32(40), MUL, ADD, ...set(SP),
  ...get(SP), ...i32load(0), ...set(T0), ...get(SP), ...i32load(4), ...set(S), ...get(SP), ...i32load(8), ...set(STO),
  ...get(SP), ...i32load(12), ...set(WBASE), ...get(SP), ...i32load(16), ...i32(2), SHL, ...set(NNZ4),
  ...get(SP), ...i32load(20), ...tee(RUNS), ...get(SP), ...i32load(24), ...i32(12), MUL, ADD, ...set(RUN_END),
  ...get(SP), ...f64load(32), ...tee(AMP), ...F64X2_SPLAT, ...set(AMPV),
  ...BLOCK,
  ...get(S), ...get(STO), GE_U, ...brIf(0),
  ...get(SCALED), ...IF, ...runsLoop(true), ELSE, ...runsLoop(false), END,
  END,
  ...get(IDX), ...i32(1), ADD, ...tee(IDX), ...get(COUNT), LT_U, ...brIf(0),
  END,
  END,
  END,
];

function moduleBytes(): Uint8Array<ArrayBuffer> {
  return wasmModule(
    section(1, [0x01, 0x60, 0x05, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x00]), // (i32 × 5) → ()
    section(2, [0x01, ...memoryImport(wasmName, leb)]),
    section(3, [0x01, 0x00]),
    section(7, [0x01, ...wasmName('inject'), 0x00, 0x00]),
    section(10, [0x01, ...leb(BODY.length), ...BODY]),
  );
}

const SPIKE_BYTES = 40;
const MAX_SPIKES = Math.floor(SPIKES_BYTES / SPIKE_BYTES);

interface Kernel {
  memory: WebAssembly.Memory;
  inject: (out: number, C: number, count: number, spikes: number, scaled: number) => void;
  words: Int32Array;
  amps: Float64Array;
  /** the template blocks in the TEMPLATES region: whose (a templates key, or the waveforms array), where, and the next free byte */
  owner: unknown;
  blocks: Map<number, number>;
  next: number;
  /** bytes of the owner's largest block: one that does not fit the region sends its windows to the loop */
  largestBlock: number;
}

let kernel: Kernel | null | undefined;

function injectKernel(): Kernel | null {
  if (kernel !== undefined) return kernel;
  const made = instantiateInThreadMemory(moduleBytes);
  if (!made) return (kernel = null);
  const { instance, memory } = made;
  kernel = {
    memory, inject: instance.exports.inject as Kernel['inject'],
    words: new Int32Array(memory.buffer, SPIKES_REGION, SPIKES_BYTES / 4), amps: new Float64Array(memory.buffer, SPIKES_REGION, SPIKES_BYTES / 8),
    owner: null, blocks: new Map(), next: TEMPLATES_REGION, largestBlock: 0,
  };
  return kernel;
}

/** Whether `out` is a window the kernel can fill: it lives in the TILES region of this thread's kernel memory. */
export function injectable(out: Float32Array): boolean {
  const k = injectKernel();
  return k !== null && inTiles(out);
}

/** the bytes of the TEMPLATES region in use: all of it, or less in the tests of its overflow */
let arenaBytes = TEMPLATES_BYTES;

/** Tests only: use `bytes` of the TEMPLATES region (null: all of it), to exercise emptying it and oversized blocks. */
export function limitTemplateRegionForTests(bytes: number | null): void {
  arenaBytes = bytes === null ? TEMPLATES_BYTES : Math.min(bytes, TEMPLATES_BYTES);
  if (kernel) { kernel.owner = null; kernel.blocks.clear(); kernel.next = TEMPLATES_REGION; kernel.largestBlock = 0; }
}

/** Bytes block b takes in the TEMPLATES region (16-aligned). */
function blockBytes(W: number, nnz: number, runCount: number): number {
  return Math.ceil((4 * W * nnz + 12 * runCount) / 16) * 16;
}

/**
 * The block's address in the TEMPLATES region, copying it in if needed; -1 when the region has no room left
 * (the caller adds the spikes listed so far, empties the region and asks again).
 */
function blockAddress(k: Kernel, t: SparseTemplates, runs: ChannelRuns, b: number): number {
  const at = k.blocks.get(b);
  if (at !== undefined) return at;
  const W = t.numSamples, lo = t.channelOffsets[b], nnz = t.channelOffsets[b + 1] - lo;
  const r0 = runs.offsets[b], rc = runs.offsets[b + 1] - r0;
  const size = blockBytes(W, nnz, rc);
  if (k.next + size > TEMPLATES_REGION + arenaBytes) return -1;
  const addr = k.next;
  new Float32Array(k.memory.buffer, addr, W * nnz).set(t.waveforms.subarray(lo * W, (lo + nnz) * W));
  const words = new Int32Array(k.memory.buffer, addr + 4 * W * nnz, 3 * rc);
  for (let r = 0; r < rc; r++) {
    words[3 * r] = runs.start[r0 + r];
    words[3 * r + 1] = runs.k[r0 + r];
    words[3 * r + 2] = runs.length[r0 + r];
  }
  k.blocks.set(b, addr);
  k.next += size;
  return addr;
}

export interface SimdSpikes {
  /** spike indices first .. last of the spike table, their blocks and window rows */
  first: number;
  last: number;
  block: (i: number) => number;
  sampleIndex: Float64Array;
  amplitudeFactor: Float64Array | null;
}

/**
 * Adds spikes first .. last into `out` (rows startSample .. +rows, C channels; `injectable(out)` must hold),
 * exactly as inject.ts's loop does. Templates with a block bigger than the whole TEMPLATES region (never on real
 * probes) make it return false before touching `out`, and the caller takes the JavaScript loop.
 */
export function injectWithKernel(out: Float32Array, startSample: number, rows: number, nbefore: number, t: SparseTemplates,
  runs: ChannelRuns, owner: unknown, sp: SimdSpikes): boolean {
  const k = injectKernel()!;
  const W = t.numSamples, C = t.numChannels;
  if (k.owner !== owner) {
    k.owner = owner; k.blocks.clear(); k.next = TEMPLATES_REGION;
    k.largestBlock = 0;
    for (let b = 0; b + 1 < t.channelOffsets.length; b++) {
      k.largestBlock = Math.max(k.largestBlock, blockBytes(W, t.channelOffsets[b + 1] - t.channelOffsets[b], runs.offsets[b + 1] - runs.offsets[b]));
    }
  }
  if (k.largestBlock > arenaBytes) return false;
  const scaled = sp.amplitudeFactor !== null ? 1 : 0;
  let count = 0;
  const flush = () => { if (count) k.inject(out.byteOffset, C, count, SPIKES_REGION, scaled); count = 0; };
  for (let i = sp.first; i < sp.last; i++) {
    const b = sp.block(i);
    const lo = t.channelOffsets[b], nnz = t.channelOffsets[b + 1] - lo;
    if (nnz === 0) continue;
    let addr = blockAddress(k, t, runs, b);
    if (addr < 0) { flush(); k.blocks.clear(); k.next = TEMPLATES_REGION; addr = blockAddress(k, t, runs, b); }
    const t0 = sp.sampleIndex[i] - nbefore - startSample;
    const w = k.words, o = count * 10;
    w[o] = t0;
    w[o + 1] = t0 < 0 ? -t0 : 0;
    w[o + 2] = t0 + W > rows ? rows - t0 : W;
    w[o + 3] = addr;
    w[o + 4] = nnz;
    w[o + 5] = addr + 4 * W * nnz;
    w[o + 6] = runs.offsets[b + 1] - runs.offsets[b];
    k.amps[count * 5 + 4] = scaled ? sp.amplitudeFactor![i] : 1;
    if (++count === MAX_SPIKES) flush();
  }
  flush();
  return true;
}
