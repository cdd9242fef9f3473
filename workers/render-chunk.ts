/**
 * piscina task: render one chunk [start, end) of a dataset (noise once, static and drifting injections) and write
 * both recordings with positional writes into their preallocated raw files. The chunk is rendered in small
 * tiles (`renderWindowTiles`), each converted at once into a staging buffer per recording that is written when
 * full: everything stays in cache and the worker holds a few MB, not the chunk. The render model arrives in shared
 * memory (the same SharedArrayBuffers for every task), so nothing large is copied per chunk.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { float32ToInt16 } from '../app/formats/int16-gain.ts';
import type { RenderModel } from '../app/render/render-model.ts';
import { renderWindowTiles } from '../app/render/render-window.ts';

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
}

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

// per worker, reused by every chunk: two float32 tiles and one staging buffer per recording (a few MB in all;
// the chunk itself is never held in memory)
const tiles: { static?: Float32Array; drifting?: Float32Array } = {};
let staging: [ArrayBuffer, ArrayBuffer] | null = null;

/** One recording's output of a chunk: tiles are converted into the staging buffer, written when it is full. */
class RecordingWriter {
  private readonly fd: number;
  private readonly itemSize: number;
  private readonly i16: Int16Array;
  private readonly f32: Float32Array;
  private readonly bytes: Uint8Array;
  /** items staged, and the file item index of the first one */
  private used = 0;
  private at: number;
  clipped = 0;
  bytesWritten = 0;
  writeMs = 0;

  constructor(private readonly target: RecordingTarget, buffer: ArrayBuffer, startItem: number) {
    this.fd = openSync(target.rawPath, 'r+');
    this.itemSize = target.dtype === 'int16' ? 2 : 4;
    this.i16 = new Int16Array(buffer);
    this.f32 = new Float32Array(buffer);
    this.bytes = new Uint8Array(buffer);
    this.at = startItem;
  }

  add(data: Float32Array): void {
    const capacity = this.bytes.length / this.itemSize;
    if (this.used + data.length > capacity) this.flush();
    if (this.target.dtype === 'int16') {
      this.clipped += float32ToInt16(data, this.target.gainToUv, this.i16.subarray(this.used, this.used + data.length));
    } else {
      this.f32.set(data, this.used);
    }
    this.used += data.length;
  }

  flush(): void {
    const t = performance.now();
    const n = this.used * this.itemSize, position = this.at * this.itemSize;
    let off = 0;
    while (off < n) off += writeSync(this.fd, this.bytes, off, n - off, position + off);
    this.at += this.used;
    this.used = 0;
    this.bytesWritten += n;
    this.writeMs += performance.now() - t;
  }

  close(): void {
    closeSync(this.fd);
  }
}

export default function renderChunk(task: RenderChunkTask): RenderChunkResult {
  const t0 = performance.now();
  const C = task.model.numChannels;
  const stageBytes = TILES_PER_WRITE * TILE_SAMPLES * C * 4;
  if (!staging || staging[0].byteLength < stageBytes) staging = [new ArrayBuffer(stageBytes), new ArrayBuffer(stageBytes)];
  if (!tiles.static || tiles.static.length < TILE_SAMPLES * C) {
    tiles.static = new Float32Array(TILE_SAMPLES * C);
    tiles.drifting = new Float32Array(TILE_SAMPLES * C);
  }
  const s = new RecordingWriter(task.static, staging[0], task.start * C);
  let d: RecordingWriter;
  try {
    d = new RecordingWriter(task.drifting, staging[1], task.start * C);
  } catch (e) {
    s.close();
    throw e;
  }
  try {
    renderWindowTiles(task.model, task.start, task.end, (_a, _e, st, dr) => { s.add(st); d.add(dr); }, { tileSamples: TILE_SAMPLES, buffers: tiles });
    s.flush();
    d.flush();
  } finally {
    s.close();
    d.close();
  }
  const writeMs = s.writeMs + d.writeMs;
  return {
    start: task.start, end: task.end, clippedStatic: s.clipped, clippedDrifting: d.clipped, bytesWritten: s.bytesWritten + d.bytesWritten,
    renderMs: performance.now() - t0 - writeMs, writeMs,
  };
}
