/**
 * piscina task: render one chunk [start, end) of a dataset (noise once, static and drifting injections) and write
 * both recordings with positional writes into their preallocated raw files. The chunk is rendered in small
 * tiles (`renderWindowTiles`), each converted at once into a staging buffer per recording that is written when
 * full: everything stays in cache and the worker holds a few MB, not the chunk. The render model arrives in shared
 * memory (the same SharedArrayBuffers for every task), so nothing large is copied per chunk.
 */
import { dirname } from 'node:path';
import type { MessagePort } from 'node:worker_threads';
import { float32ToInt16 } from '../app/formats/int16-gain.ts';
import { int16InputViews } from '../app/formats/int16-simd.ts';
import type { RenderModel } from '../app/render/render-model.ts';
import { renderWindowTiles } from '../app/render/render-window.ts';
import { allocateStaging, RangeWriter, type Staging } from './range-writer.ts';
import type { SharedPiece } from './shared-pieces.ts';

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

/** samples per render tile: both float32 tiles of 384 channels (1.5 MB) stay in a 2 MB L2 cache */
const TILE_SAMPLES = 512;
/** tiles converted into one staging buffer before each positional write (~3 MB of int16 at 384 channels) */
const TILES_PER_WRITE = 8;

// per worker, reused by every chunk: two float32 tiles and two staging buffers per recording (a few MB in all;
// the chunk itself is never held in memory)
const tiles: { static?: Float32Array; drifting?: Float32Array } = {};
let staging: { folder: string; bytes: number; static: [Staging, Staging]; drifting: [Staging, Staging] } | null = null;

/** One recording's output of a chunk: tiles are converted into the current staging buffer, written a group at a time. */
class RecordingWriter {
  private readonly writer: RangeWriter;
  private readonly itemSize: number;
  clipped = 0;

  constructor(private readonly target: RecordingTarget, stages: [Staging, Staging], startItem: number, onBytes?: (position: number, piece: SharedPiece) => void) {
    this.itemSize = target.dtype === 'int16' ? 2 : 4;
    this.writer = new RangeWriter(target.rawPath, startItem * this.itemSize, stages, onBytes);
  }

  get bytesWritten(): number { return this.writer.bytesWritten; }
  get writeMs(): number { return this.writer.writeMs; }

  add(data: Float32Array): void {
    const n = data.length * this.itemSize;
    const at = this.writer.reserve(n);
    if (this.target.dtype === 'int16') {
      this.clipped += float32ToInt16(data, this.target.gainToUv, new Int16Array(this.writer.buffer, at, data.length));
    } else {
      new Float32Array(this.writer.buffer, at, data.length).set(data);
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
  if (!staging || staging.bytes < stageBytes || staging.folder !== folder) {
    const pair = (): [Staging, Staging] => [allocateStaging(stageBytes, folder), allocateStaging(stageBytes, folder)];
    staging = { folder, bytes: stageBytes, static: pair(), drifting: pair() };
  }
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
  const s = new RecordingWriter(task.static, staging.static, task.start * C, post('static'));
  let d: RecordingWriter;
  try {
    d = new RecordingWriter(task.drifting, staging.drifting, task.start * C, post('drifting'));
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
