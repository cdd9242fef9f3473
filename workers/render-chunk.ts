/**
 * piscina task: render one chunk [start, end) of a dataset (noise once, static and drifting injections) and write
 * both recordings with positional writes into their preallocated raw files. The chunk is rendered in small
 * tiles (`renderWindowTiles`), each converted at once into the current staging buffer of its recording, written
 * (and handed to the hasher) when full: everything stays in cache and the worker holds its tiles and staging pool,
 * not the chunk. With WebAssembly, the tiles and the staging buffers live in the thread's kernel memory
 * (app/wasm/thread-memory.ts): noise, spikes and the int16 conversion are done there in place. The render model
 * arrives in shared memory (the same SharedArrayBuffers for every task), so nothing large is copied per chunk.
 */
import { dirname } from 'node:path';
import type { MessagePort } from 'node:worker_threads';
import { float32ToInt16 } from '../app/formats/int16-gain.ts';
import { int16InputViews } from '../app/formats/int16-simd.ts';
import type { RenderModel } from '../app/render/render-model.ts';
import { renderWindowTiles } from '../app/render/render-window.ts';
import { allocateStaging, DIRECT_BLOCK, directWorksAt, RangeWriter, StagePool, type Staging } from './range-writer.ts';
import { FLAGS_BYTES, FLAGS_REGION, STAGING_BYTES, STAGING_REGION, threadMemory } from '../app/wasm/thread-memory.ts';
import type { SharedPiece } from './shared-pieces.ts';

export { default as templateSteps } from './template-steps.ts';

export interface RecordingTarget {
  rawPath: string;
  dtype: 'int16' | 'float32';
  /** uV per bit for int16 */
  gainToUv: number;
}

export interface RenderChunkTask {
  model: RenderModel;
  start: number;
  end: number;
  static: RecordingTarget;
  drifting: RecordingTarget;
  /** receives every written byte once, in order per recording, as {@link ChunkBytes} (the dataset checksums) */
  bytesPort?: MessagePort;
}

/**
 * A piece of a recording's raw file as written, posted on `bytesPort` in shared memory (range-writer.ts: the
 * receiver releases it once hashed); the last
 * message of a chunk that succeeded is `{ end: true }` (a port's 'close' event is not a reliable signal across
 * piscina's threads).
 */
export type ChunkBytes = { recording: 'static' | 'drifting'; position: number; piece: SharedPiece } | { end: true };

export interface RenderChunkResult {
  start: number;
  end: number;
  clippedStatic: number;
  clippedDrifting: number;
  bytesWritten: number;
  renderMs: number;
  writeMs: number;
}

/** samples per render tile: both float32 tiles of 384 channels take 1.5 MB (256 or 384 samples measured no faster here) */
const TILE_SAMPLES = 512;
/** float32 tiles' worth of bytes converted into one staging buffer before each positional write (~6 MB at 384 channels) */
const TILES_PER_WRITE = 8;

// per worker, reused by every chunk: two float32 tiles and a pool of staging buffers shared by both recordings
// (a few MB of tiles; the chunk itself is never held in memory)
const tiles: { static?: Float32Array; drifting?: Float32Array } = {};
/** the slots of the kernel memory's STAGING region, for groups of up to `bytes` (one pool per thread, whatever the job) */
let shared: { bytes: number; pool: StagePool } | null = null;
/** whether each output folder takes O_DIRECT writes from the STAGING region (probed once per folder) */
const directByFolder = new Map<string, boolean>();

/**
 * The worker's staging buffers for groups of `bytes`: slots of the kernel memory's STAGING region where there is
 * one (shared memory: the int16 kernel converts straight into them and the main thread hashes them as they are,
 * no copy either way; 10 slots of 6 MB at 384 channels), plus ordinary spare buffers, their pieces copied, when
 * every slot waits for the hasher. The slots are never reset while a piece of any job is held: jobs running at
 * the same time share the workers. Where the slots are too small and still in use (a job with more channels
 * than the last), or there is no kernel memory, the chunk gets four ordinary buffers.
 */
function stagePool(bytes: number, folder: string): { pool: StagePool; direct: boolean } {
  const memory = threadMemory();
  const capacity = Math.ceil(bytes / DIRECT_BLOCK) * DIRECT_BLOCK + 2 * DIRECT_BLOCK;
  const count = Math.min(Math.floor(STAGING_BYTES / capacity), FLAGS_BYTES / 4);
  const spare = () => allocateStaging(bytes, folder);
  if (memory && count >= 8) {
    const buffer = memory.buffer as unknown as SharedArrayBuffer;
    let direct = directByFolder.get(folder);
    if (direct === undefined) directByFolder.set(folder, direct = directWorksAt(buffer, STAGING_REGION, folder));
    if (shared && shared.bytes >= bytes) return { pool: shared.pool, direct };
    if (!shared || shared.pool.idle) {
      const flags = new Int32Array(buffer, FLAGS_REGION, count);
      const slots = Array.from({ length: count }, (_, i): Staging => {
        Atomics.store(flags, i, 1);
        return { buffer, offset: STAGING_REGION + i * capacity, capacity, direct: true, flagOffset: FLAGS_REGION + 4 * i };
      });
      shared = { bytes, pool: new StagePool(slots, spare) };
      return { pool: shared.pool, direct };
    }
  }
  const own = new StagePool(Array.from({ length: 4 }, spare));
  return { pool: own, direct: own.stages.every((st) => st.direct) };
}

/** One recording's output of a chunk: tiles are converted into the current staging buffer, written a group at a time. */
class RecordingWriter {
  private readonly writer: RangeWriter;
  private readonly itemSize: number;
  clipped = 0;

  private constructor(private readonly target: RecordingTarget, writer: RangeWriter) {
    this.itemSize = target.dtype === 'int16' ? 2 : 4;
    this.writer = writer;
  }

  static async open(target: RecordingTarget, stages: { pool: StagePool; direct: boolean }, startItem: number, onBytes?: (position: number, piece: SharedPiece) => void): Promise<RecordingWriter> {
    const itemSize = target.dtype === 'int16' ? 2 : 4;
    return new RecordingWriter(target, await RangeWriter.open(target.rawPath, startItem * itemSize, stages.pool, onBytes, stages.direct));
  }

  get bytesWritten(): number { return this.writer.bytesWritten; }
  get writeMs(): number { return this.writer.writeMs; }

  add(data: Float32Array): void {
    const n = data.length * this.itemSize;
    const at = this.writer.reserve(n);
    if (this.target.dtype === 'int16') {
      this.clipped += float32ToInt16(data, this.target.gainToUv, new Int16Array(this.writer.buffer as ArrayBuffer, at, data.length));
    } else {
      new Float32Array(this.writer.buffer as ArrayBuffer, at, data.length).set(data);
    }
    this.writer.commit(n);
  }

  flush(final: boolean): Promise<void> {
    return this.writer.flush(final);
  }

  close(): Promise<void> {
    return this.writer.close();
  }
}

export default async function renderChunk(task: RenderChunkTask): Promise<RenderChunkResult> {
  const t0 = performance.now();
  const C = task.model.numChannels;
  const itemSize = task.static.dtype === 'int16' ? 2 : 4;
  // samples rendered between two writes: 8 float32 tiles' worth of bytes (about 6 MB per recording at 384 channels)
  const groupSamples = TILES_PER_WRITE * TILE_SAMPLES * (4 / itemSize);
  const stageBytes = TILES_PER_WRITE * TILE_SAMPLES * C * 4;
  const folder = dirname(task.static.rawPath);
  const stages = stagePool(stageBytes, folder);
  if (!tiles.static || tiles.static.length < TILE_SAMPLES * C) {
    // int16: the tiles live in the conversion kernel's memory, converted where they are (int16-simd.ts)
    const views = task.static.dtype === 'int16' ? int16InputViews(2, TILE_SAMPLES * C) : null;
    tiles.static = views?.[0] ?? new Float32Array(TILE_SAMPLES * C);
    tiles.drifting = views?.[1] ?? new Float32Array(TILE_SAMPLES * C);
  }
  const port = task.bytesPort;
  const post = (recording: 'static' | 'drifting') => port
    ? (position: number, piece: SharedPiece) => port.postMessage({ recording, position, piece } satisfies ChunkBytes)
    : undefined;
  const s = await RecordingWriter.open(task.static, stages, task.start * C, post('static'));
  let d: RecordingWriter;
  try {
    d = await RecordingWriter.open(task.drifting, stages, task.start * C, post('drifting'));
  } catch (e) {
    await s.close();
    throw e;
  }
  try {
    for (let a = task.start; a < task.end; a += groupSamples) {
      const e = Math.min(task.end, a + groupSamples);
      renderWindowTiles(task.model, a, e, (_a, _e, st, dr) => { s.add(st); d.add(dr); }, { tileSamples: TILE_SAMPLES, buffers: tiles });
      // start this group's writes; go on once the previous group's buffers are free
      await Promise.all([s.flush(e === task.end), d.flush(e === task.end)]);
    }
    port?.postMessage({ end: true } satisfies ChunkBytes);
  } finally {
    await Promise.all([s.close(), d.close()]);
    port?.close();
  }
  const writeMs = s.writeMs + d.writeMs;
  return {
    start: task.start, end: task.end, clippedStatic: s.clipped, clippedDrifting: d.clipped, bytesWritten: s.bytesWritten + d.bytesWritten,
    renderMs: performance.now() - t0 - writeMs, writeMs,
  };
}
