/**
 * piscina task: render one chunk [start, end) of a hybrid recording — read the original recording window by window,
 * add the injected templates (app/hybrid/hybrid-render.ts), convert to the stored dtype and write with positional
 * writes into the preallocated raw file. Each task opens the recording itself (cheap: metadata only) and closes it,
 * so no file stays open in an idle worker. Tiles keep the worker's memory at a few MB whatever the chunk length.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import type { RecordingSpec } from '../app/formats/readers/types.ts';
import { openRecording } from '../app/formats/readers/open-recording.ts';
import { microvoltsToInt16, type Int16Scaling } from '../app/hybrid/hybrid-int16.ts';
import { renderHybridWindow, type HybridRenderModel } from '../app/hybrid/hybrid-render.ts';

export interface HybridTarget {
  rawPath: string;
  dtype: 'int16' | 'float32';
  /** per-channel scaling for int16 */
  scaling: Int16Scaling | null;
}

export interface RenderHybridChunkTask {
  model: HybridRenderModel;
  recording: RecordingSpec;
  start: number;
  end: number;
  target: HybridTarget;
}

export interface RenderHybridChunkResult {
  start: number;
  end: number;
  clipped: number;
  bytesWritten: number;
  readRenderMs: number;
  writeMs: number;
}

/** samples per tile: 2048 × 384 channels × 4 B = 3 MB of float32, written as one positional write */
const TILE_SAMPLES = 2048;
let tile: Float32Array | null = null;
let staging: ArrayBuffer | null = null;

export default function renderHybridChunk(task: RenderHybridChunkTask): RenderHybridChunkResult {
  const t0 = performance.now();
  const C = task.model.numChannels;
  if (!tile || tile.length < TILE_SAMPLES * C) { tile = new Float32Array(TILE_SAMPLES * C); staging = new ArrayBuffer(TILE_SAMPLES * C * 4); }
  const itemSize = task.target.dtype === 'int16' ? 2 : 4;
  const i16 = new Int16Array(staging!), f32 = new Float32Array(staging!), bytes = new Uint8Array(staging!);
  const source = openRecording(task.recording);
  let fd = -1;
  let clipped = 0, bytesWritten = 0, writeMs = 0;
  try {
    fd = openSync(task.target.rawPath, 'r+');
    for (let s = task.start; s < task.end; s += TILE_SAMPLES) {
      const e = Math.min(task.end, s + TILE_SAMPLES);
      const { window } = renderHybridWindow(task.model, source, s, e, tile);
      if (task.target.dtype === 'int16') clipped += microvoltsToInt16(window, C, task.target.scaling!, i16);
      else f32.set(window);
      const tw = performance.now();
      const n = window.length * itemSize, position = s * C * itemSize;
      let off = 0;
      while (off < n) off += writeSync(fd, bytes, off, n - off, position + off);
      bytesWritten += n;
      writeMs += performance.now() - tw;
    }
  } finally {
    if (fd >= 0) closeSync(fd);
    source.close();
  }
  return { start: task.start, end: task.end, clipped, bytesWritten, readRenderMs: performance.now() - t0 - writeMs, writeMs };
}
