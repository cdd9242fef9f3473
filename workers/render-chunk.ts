/**
 * piscina task: render one chunk [start, end) of a dataset (noise once, static and drifting injections) and write
 * both recordings with positional writes into their preallocated raw files. The render model arrives in shared
 * memory (the same SharedArrayBuffers for every task), so nothing large is copied per chunk.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { float32ToInt16 } from '../app/formats/int16-gain.ts';
import type { RenderModel } from '../app/render/render-model.ts';
import { renderWindow } from '../app/render/render-window.ts';

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

let int16Scratch: Int16Array | null = null;
// one pair of float32 buffers per worker, reused by every chunk of the same size or smaller
const buffers: { static?: Float32Array; drifting?: Float32Array } = {};

function writeRecording(target: RecordingTarget, data: Float32Array, start: number, numChannels: number): { clipped: number; bytes: number } {
  let bytes: Uint8Array;
  let clipped = 0;
  if (target.dtype === 'int16') {
    if (!int16Scratch || int16Scratch.length < data.length) int16Scratch = new Int16Array(data.length);
    const view = int16Scratch.subarray(0, data.length);
    clipped = float32ToInt16(data, target.gainToUv, view);
    bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
  } else {
    bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  }
  const itemSize = target.dtype === 'int16' ? 2 : 4;
  const fd = openSync(target.rawPath, 'r+');
  try {
    let off = 0;
    const position = start * numChannels * itemSize;
    while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off, position + off);
  } finally {
    closeSync(fd);
  }
  return { clipped, bytes: bytes.length };
}

export default function renderChunk(task: RenderChunkTask): RenderChunkResult {
  const t0 = performance.now();
  const n = (task.end - task.start) * task.model.numChannels;
  if (!buffers.static || buffers.static.length < n) { buffers.static = new Float32Array(n); buffers.drifting = new Float32Array(n); }
  const w = renderWindow(task.model, task.start, task.end, { withNoise: false, buffers });
  const t1 = performance.now();
  const C = task.model.numChannels;
  const s = writeRecording(task.static, w.static, task.start, C);
  const d = writeRecording(task.drifting, w.drifting, task.start, C);
  return {
    start: task.start, end: task.end, clippedStatic: s.clipped, clippedDrifting: d.clipped, bytesWritten: s.bytes + d.bytes,
    renderMs: t1 - t0, writeMs: performance.now() - t1,
  };
}
