/**
 * piscina task: read one window of one recording's raw file and decimate it to min/max per pixel column
 * (app/viewer/min-max-columns.ts), so a trace window leaves the worker as ~2 values per pixel per channel
 * instead of samples × channels. The file is read in blocks of a few MB (one reused buffer). When the window is
 * longer than `maxBytes`, each column is estimated from its first frames only (an overview, `exact: false`).
 * The result buffer is moved, not copied, to the main thread.
 */
import { closeSync, constants, openSync, readSync } from 'node:fs';
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
  /** the window was read with O_DIRECT (around the page cache) */
  direct: boolean;
  ms: number;
}

const BLOCK_BYTES = 2 * 1024 * 1024;

// the read buffer is the thread's, reused by every task (only the small result is allocated per window); int16
// blocks are read straight into the SIMD kernel's memory instead when it is there (int16-min-max-simd.ts)
let blockBuffer = new ArrayBuffer(BLOCK_BYTES + 8);

/**
 * Reads at least `need` bytes (default: all `length`) at `position` into `bytes`. A direct read asks for whole pages
 * (`length` a page multiple, which may run past the end of the file: the last read is short there).
 */
function readInto(fd: number, bytes: Uint8Array, length: number, position: number, need = length): void {
  let done = 0;
  while (done < need) {
    const n = readSync(fd, bytes, done, length - done, position + done);
    if (n === 0) throw new Error(`the raw file ends before byte ${position + need}; it is truncated`);
    done += n;
  }
}

/**
 * Windows of at least this many bytes (int16, whole window) are read with O_DIRECT, around the page cache. Why: on
 * the machines we measured, ordinary reads of random windows run at disk speed (~25 ms per 1 s window pair of 384
 * channels) only until the page cache fills (~1.4 GB of windows); then reclaiming it made every read 3-4x slower
 * (90-100 ms per pair), for the rest of the session. Direct reads stay at ~36 ms per pair throughout
 * (`node --import tsx bench/window-read.ts --keep-cache --sequence --windows 40`). What they give up, a
 * window seen again served from the cache, is a re-read at the same ~36 ms.
 */
const DIRECT_MIN_BYTES = 4 * 1024 * 1024;
const O_DIRECT: number | undefined = (constants as Record<string, number>).O_DIRECT;
const PAGE = 4096;

/** A descriptor for direct reads of `path`, or -1 where O_DIRECT is not available (or SPIKEGEN_DIRECT_IO=0). */
function openDirect(path: string): number {
  if (O_DIRECT === undefined || process.env.SPIKEGEN_DIRECT_IO === '0') return -1;
  try { return openSync(path, constants.O_RDONLY | O_DIRECT); } catch { return -1; }
}

export default function decimateWindow(t: DecimateTask): DecimateResult {
  const t0 = performance.now();
  const numFrames = t.end - t.start;
  const plan = planColumns(numFrames, t.pixels);
  const bpv = t.dtype === 'int16' ? 2 : 4;
  const frameBytes = t.numChannels * bpv;
  const int16Out = t.output === 'int16' && t.dtype === 'int16';
  const accumulator = () => new MinMaxAccumulator(plan, { numChannels: t.numChannels, channelStart: t.channelStart, channelEnd: t.channelEnd, gains: t.gains, offsets: t.offsets, int16Out });
  let acc = accumulator();
  const blockFrames = Math.max(1, Math.floor(BLOCK_BYTES / frameBytes));
  const kernel = t.dtype === 'int16' && blockFrames * frameBytes <= SIMD_BLOCK_BYTES ? int16MinMaxKernel() : null;
  if (!kernel && blockFrames * frameBytes > blockBuffer.byteLength) blockBuffer = new ArrayBuffer(blockFrames * frameBytes);
  const bytes = kernel ? kernel.block() : new Uint8Array(blockBuffer);
  const values = t.dtype === 'int16' ? new Int16Array(bytes.buffer, bytes.byteOffset, bytes.byteLength >> 1) : new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength >> 2);
  const exact = numFrames * frameBytes <= t.maxBytes;
  const perColumn = exact ? numFrames : Math.max(1, Math.floor(t.maxBytes / frameBytes / plan.columns));
  const fd = openSync(t.rawPath, 'r');
  let direct = false;
  // the kernel's block is page-aligned (it starts on a page of a WebAssembly memory)
  const directFd = kernel && exact && numFrames * frameBytes >= DIRECT_MIN_BYTES ? openDirect(t.rawPath) : -1;
  try {
    // a run of frames [a, b) of the window, read block by block
    const feed = (a: number, b: number) => {
      for (let f = a; f < b; f += blockFrames) {
        const n = Math.min(blockFrames, b - f);
        readInto(fd, bytes, n * frameBytes, (t.start + f) * frameBytes);
        acc.accumulate(values, f, n);
      }
    };
    // the same with direct reads: each block starts on the page holding its first frame, so it begins `head`
    // bytes into the buffer (pages re-read at block edges: under 0.2% more bytes)
    const feedDirect = (a: number, b: number) => {
      for (let f = a; f < b;) {
        const first = (t.start + f) * frameBytes, page = Math.floor(first / PAGE) * PAGE, head = first - page;
        const n = Math.min(Math.floor((bytes.length - PAGE - head) / frameBytes), b - f);
        const need = head + n * frameBytes;
        readInto(directFd, bytes, Math.ceil(need / PAGE) * PAGE, page, need);
        acc.accumulate(values, f, n, head / bpv);
        f += n;
      }
    };
    if (directFd >= 0) {
      try {
        feedDirect(0, numFrames);
        direct = true;
      } catch (e) {
        // a file system that opens with O_DIRECT but refuses the reads: ordinary reads, from the start
        if ((e as NodeJS.ErrnoException).code !== 'EINVAL') throw e;
        acc = accumulator();
        feed(0, numFrames);
      }
    } else if (exact) feed(0, numFrames);
    else for (let c = 0; c < plan.columns; c++) feed(columnStart(plan, c), Math.min(columnStart(plan, c + 1), columnStart(plan, c) + perColumn));
  } finally {
    closeSync(fd);
    if (directFd >= 0) closeSync(directFd);
  }
  const data = int16Out ? acc.finishInt16() : acc.finish();
  return movedResult({ data, columns: plan.columns, exact, framesReadPerColumn: exact ? Math.ceil(numFrames / plan.columns) : perColumn, direct, ms: performance.now() - t0 });
}
