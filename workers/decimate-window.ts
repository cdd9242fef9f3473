/**
 * piscina task: read one window of one recording's raw file and decimate it to min/max per pixel column
 * (app/viewer/min-max-columns.ts), so a trace window leaves the worker as ~2 values per pixel per channel
 * instead of samples × channels. The file is read in blocks of a few MB (one reused buffer). When the window is
 * longer than `maxBytes`, each column is estimated from its first frames only (an overview, `exact: false`).
 * The result buffer is moved, not copied, to the main thread.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { int16MinMaxKernel, SIMD_BLOCK_BYTES } from '../app/viewer/int16-min-max-simd.ts';
import { MinMaxAccumulator, columnStart, planColumns } from '../app/viewer/min-max-columns.ts';
import { movedResult } from './moved-result.ts';

export interface DecimateTask {
  rawPath: string;
  dtype: 'int16' | 'float32';
  numChannels: number;
  gains: number[] | null;
  offsets: number[] | null;
  start: number;
  end: number;
  channelStart: number;
  channelEnd: number;
  pixels: number;
  /** bytes read at most (the whole window when it fits) */
  maxBytes: number;
  /** 'int16' (int16 files only): the stored min/max values, gains applied by the receiver; default µV float32 */
  output?: 'float32' | 'int16';
}

export interface DecimateResult {
  data: Float32Array | Int16Array;
  columns: number;
  exact: boolean;
  framesReadPerColumn: number;
  ms: number;
}

const BLOCK_BYTES = 2 * 1024 * 1024;

// the read buffer is the thread's, reused by every task (only the small result is allocated per window); int16
// blocks are read straight into the SIMD kernel's memory instead when it is there (int16-min-max-simd.ts)
let blockBuffer = new ArrayBuffer(BLOCK_BYTES + 8);

function readInto(fd: number, bytes: Uint8Array, length: number, position: number): void {
  let done = 0;
  while (done < length) {
    const n = readSync(fd, bytes, done, length - done, position + done);
    if (n === 0) throw new Error(`the raw file ends before byte ${position + length}; it is truncated`);
    done += n;
  }
}

export default function decimateWindow(t: DecimateTask): DecimateResult {
  const t0 = performance.now();
  const numFrames = t.end - t.start;
  const plan = planColumns(numFrames, t.pixels);
  const bpv = t.dtype === 'int16' ? 2 : 4;
  const frameBytes = t.numChannels * bpv;
  const int16Out = t.output === 'int16' && t.dtype === 'int16';
  const acc = new MinMaxAccumulator(plan, { numChannels: t.numChannels, channelStart: t.channelStart, channelEnd: t.channelEnd, gains: t.gains, offsets: t.offsets, int16Out });
  const blockFrames = Math.max(1, Math.floor(BLOCK_BYTES / frameBytes));
  const kernel = t.dtype === 'int16' && blockFrames * frameBytes <= SIMD_BLOCK_BYTES ? int16MinMaxKernel() : null;
  if (!kernel && blockFrames * frameBytes > blockBuffer.byteLength) blockBuffer = new ArrayBuffer(blockFrames * frameBytes);
  const bytes = kernel ? kernel.block() : new Uint8Array(blockBuffer);
  const values = t.dtype === 'int16' ? new Int16Array(bytes.buffer, bytes.byteOffset, bytes.byteLength >> 1) : new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength >> 2);
  const exact = numFrames * frameBytes <= t.maxBytes;
  const perColumn = exact ? numFrames : Math.max(1, Math.floor(t.maxBytes / frameBytes / plan.columns));
  const fd = openSync(t.rawPath, 'r');
  try {
    // a run of frames [a, b) of the window, read block by block
    const feed = (a: number, b: number) => {
      for (let f = a; f < b; f += blockFrames) {
        const n = Math.min(blockFrames, b - f);
        readInto(fd, bytes, n * frameBytes, (t.start + f) * frameBytes);
        acc.accumulate(values, f, n);
      }
    };
    if (exact) feed(0, numFrames);
    else for (let c = 0; c < plan.columns; c++) feed(columnStart(plan, c), Math.min(columnStart(plan, c + 1), columnStart(plan, c) + perColumn));
  } finally {
    closeSync(fd);
  }
  const data = int16Out ? acc.finishInt16() : acc.finish();
  return movedResult({ data, columns: plan.columns, exact, framesReadPerColumn: exact ? Math.ceil(numFrames / plan.columns) : perColumn, ms: performance.now() - t0 });
}
