/**
 * Min/max decimation of an interleaved (frames × channels) window into pixel columns, as uPlot and every trace
 * viewer does it (one vertical segment per pixel column keeps every peak visible while holding two values per
 * pixel per channel). Column i of a window of n frames covers frames [floor(i n / C), floor((i + 1) n / C)), so
 * every frame belongs to exactly one column and column widths differ by at most one frame.
 *
 * The kernel streams: blocks of frames (read from a file or rendered) are fed in order with `accumulate`; the
 * min/max of the current column stay in a per-channel scratch row (cache-resident) and are flushed to the output
 * once the column is complete. Output layout: [channel - channelStart][column][min, max], µV after gain/offset.
 */

import { int16MinMaxKernel, kernelCanScan } from './int16-min-max-simd.ts';

export interface ColumnPlan {
  /** frames in the window */
  numFrames: number;
  /** columns: min(pixels, numFrames) */
  columns: number;
}

export function planColumns(numFrames: number, pixels: number): ColumnPlan {
  if (!(Number.isInteger(numFrames) && numFrames > 0)) throw new Error(`a window needs at least one frame, got ${numFrames}`);
  return { numFrames, columns: Math.max(1, Math.min(Math.floor(pixels), numFrames)) };
}

/** First frame (relative to the window) of column i; columnStart(plan, columns) = numFrames. */
export function columnStart(plan: ColumnPlan, i: number): number {
  return Math.floor((i * plan.numFrames) / plan.columns);
}

/** The column that frame f (relative to the window) falls in. */
export function columnOf(plan: ColumnPlan, f: number): number {
  return Math.ceil(((f + 1) * plan.columns) / plan.numFrames) - 1;
}

export interface MinMaxOptions {
  numChannels: number;
  channelStart: number;
  channelEnd: number;
  /** µV per stored unit, per channel (int16 files); null for values already in µV */
  gains?: ArrayLike<number> | null;
  offsets?: ArrayLike<number> | null;
  /**
   * int16 blocks only: keep the stored values (`finishInt16`, same layout) instead of µV — half the bytes to send;
   * gains and offsets are then applied by the receiver (int16-window.ts)
   */
  int16Out?: boolean;
}

export class MinMaxAccumulator {
  readonly out: Float32Array;
  private readonly out16: Int16Array | null;
  private readonly lo: Float64Array;
  private readonly hi: Float64Array;
  // int16 blocks keep their column's min/max in int16 scratch rows (integer compares, a quarter of the bytes)
  private readonly lo16: Int16Array;
  private readonly hi16: Int16Array;
  /** which scratch the current column is in: 0 none yet (not fed), 1 float, 2 int16 */
  private fed = 0;
  private column = -1;
  private readonly nc: number;

  constructor(readonly plan: ColumnPlan, private readonly o: MinMaxOptions, out?: Float32Array) {
    if (!(o.channelStart >= 0 && o.channelEnd <= o.numChannels && o.channelStart < o.channelEnd)) {
      throw new Error(`channels ${o.channelStart}-${o.channelEnd} are not inside 0-${o.numChannels}`);
    }
    this.nc = o.channelEnd - o.channelStart;
    const n = this.nc * plan.columns * 2;
    this.out16 = o.int16Out ? new Int16Array(n) : null;
    this.out = o.int16Out ? new Float32Array(0) : out ? out.subarray(0, n) : new Float32Array(n);
    this.out.fill(NaN);
    this.lo = new Float64Array(this.nc);
    this.hi = new Float64Array(this.nc);
    this.lo16 = new Int16Array(this.nc);
    this.hi16 = new Int16Array(this.nc);
  }

  /**
   * Adds `numFrames` consecutive frames of `block` (interleaved, numChannels per frame, starting at `offset`
   * values) that are frames [firstFrame, firstFrame + numFrames) of the window.
   */
  accumulate(block: ArrayLike<number>, firstFrame: number, numFrames: number, offset = 0): void {
    const { numChannels, channelStart } = this.o;
    const nc = this.nc, plan = this.plan;
    const int16 = block instanceof Int16Array;
    let f = firstFrame;
    const end = firstFrame + numFrames;
    while (f < end) {
      const col = columnOf(plan, f);
      if (col !== this.column) {
        this.flush();
        this.column = col;
        this.fed = 0;
      }
      const stop = Math.min(end, columnStart(plan, col + 1));
      const from = offset + (f - firstFrame) * numChannels + channelStart, frames = stop - f;
      // the column's first frame initialises the scratch row (no ±Infinity fill), in the block's own type
      if (int16) {
        if (this.fed === 1) this.toFloat();
        if (this.fed === 0) { initInt16(block, from, nc, this.lo16, this.hi16); this.fed = 2; }
        // blocks read into the SIMD kernel's memory are scanned eight channels at a time (int16-min-max-simd.ts)
        const kernel = int16MinMaxKernel();
        if (kernelCanScan(kernel, block, nc)) kernel.scan(block, from, frames, numChannels, this.lo16, this.hi16);
        else scanInt16(block, from, frames, numChannels, nc, this.lo16, this.hi16);
      } else {
        if (this.fed === 2) this.toFloat();
        if (this.fed === 0) { this.lo.fill(Infinity); this.hi.fill(-Infinity); this.fed = 1; }
        // one monomorphic loop per array type: V8 keeps each tight (int16 files and float32 renders)
        if (block instanceof Float32Array) scanFloat32(block, from, frames, numChannels, nc, this.lo, this.hi);
        else scanAny(block, from, frames, numChannels, nc, this.lo, this.hi);
      }
      f = stop;
    }
  }

  /** moves an int16 column's scratch to the float one (a column fed blocks of both types: never in practice) */
  private toFloat(): void {
    if (this.fed === 2) for (let k = 0; k < this.nc; k++) { this.lo[k] = this.lo16[k]; this.hi[k] = this.hi16[k]; }
    this.fed = 1;
  }

  /** Writes the current column (also called by accumulate when a new column starts, and by finish). */
  private flush(): void {
    const col = this.column;
    if (col < 0 || this.fed === 0) return;
    const { gains, offsets, channelStart } = this.o;
    const C = this.plan.columns, out = this.out;
    if (this.out16) {
      if (this.fed !== 2) throw new Error('int16Out needs int16 blocks');
      for (let k = 0; k < this.nc; k++) { const i = (k * C + col) * 2; this.out16[i] = this.lo16[k]; this.out16[i + 1] = this.hi16[k]; }
      return;
    }
    const lo = this.fed === 2 ? this.lo16 : this.lo, hi = this.fed === 2 ? this.hi16 : this.hi;
    for (let k = 0; k < this.nc; k++) {
      const g = gains ? gains[channelStart + k] : 1, b = offsets ? offsets[channelStart + k] : 0;
      const a = lo[k] * g + b, z = hi[k] * g + b;
      const i = (k * C + col) * 2;
      out[i] = a < z ? a : z;
      out[i + 1] = a < z ? z : a;
    }
  }

  /** With `int16Out`: flushes the last column; returns the stored-value output (columns never fed stay 0). */
  finishInt16(): Int16Array {
    if (!this.out16) throw new Error('finishInt16 needs the int16Out option');
    this.finish();
    return this.out16;
  }

  /** Flushes the last column; returns the output (columns never fed stay NaN). */
  finish(): Float32Array {
    this.flush();
    this.column = -1;
    this.fed = 0;
    return this.out;
  }
}

/** One-shot: decimates a whole interleaved window held in memory. */
export function minMaxColumns(window: ArrayLike<number>, numFrames: number, pixels: number, o: MinMaxOptions): { plan: ColumnPlan; data: Float32Array } {
  const plan = planColumns(numFrames, pixels);
  const acc = new MinMaxAccumulator(plan, o);
  acc.accumulate(window, 0, numFrames);
  return { plan, data: acc.finish() };
}

function initInt16(b: Int16Array, from: number, nc: number, lo: Int16Array, hi: Int16Array): void {
  for (let k = 0; k < nc; k++) { const v = b[from + k]; lo[k] = v; hi[k] = v; }
}

/** min/max over `frames` frames of channels [0, nc) starting at `from`, into lo/hi (three copies: see accumulate). */
function scanInt16(b: Int16Array, from: number, frames: number, stride: number, nc: number, lo: Int16Array, hi: Int16Array): void {
  for (let r = 0, base = from; r < frames; r++, base += stride) {
    for (let k = 0; k < nc; k++) {
      const v = b[base + k];
      if (v < lo[k]) lo[k] = v;
      else if (v > hi[k]) hi[k] = v;
    }
  }
}

function scanFloat32(b: Float32Array, from: number, frames: number, stride: number, nc: number, lo: Float64Array, hi: Float64Array): void {
  for (let r = 0, base = from; r < frames; r++, base += stride) {
    for (let k = 0; k < nc; k++) {
      const v = b[base + k];
      if (v < lo[k]) lo[k] = v;
      if (v > hi[k]) hi[k] = v;
    }
  }
}

function scanAny(b: ArrayLike<number>, from: number, frames: number, stride: number, nc: number, lo: Float64Array, hi: Float64Array): void {
  for (let r = 0, base = from; r < frames; r++, base += stride) {
    for (let k = 0; k < nc; k++) {
      const v = b[base + k];
      if (v < lo[k]) lo[k] = v;
      if (v > hi[k]) hi[k] = v;
    }
  }
}
