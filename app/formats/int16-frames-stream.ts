/**
 * Streams a recording's raw file as int16 frames, chunk by chunk, for the exports: int16 sources are passed
 * through unchanged; float32 sources (microvolts) are converted with `float32ToInt16` (round, saturate, count).
 */
import { closeSync, openSync } from 'node:fs';
import { float32ToInt16 } from './int16-gain.ts';
import { readFrames } from './raw-positional-io.ts';
import type { BinaryFolderInfo } from './si-binary-folder-read.ts';
import { withFsErrors } from './fs-errors.ts';

/** About 8 MiB of int16 per chunk, whatever the channel count. */
const CHUNK_BYTES = 8 * 1024 * 1024;

/** The gain of the int16 values streamed: the folder's own (uniform) gain, or `gainForFloat32` for float32. */
export function int16GainOf(info: BinaryFolderInfo, gainForFloat32?: number): number {
  if (info.dtype === 'float32') {
    if (!(gainForFloat32 && gainForFloat32 > 0)) {
      throw new Error('Exporting a float32 recording as int16 needs a gain (µV per bit); pass the one chosen with chooseInt16Gain.');
    }
    return gainForFloat32;
  }
  const g = info.gains;
  if (!g || !g.every((v) => v === g[0])) {
    throw new Error(`${info.dir} has no single gain_to_uV for all channels; the export formats store one gain.`);
  }
  if (info.offsets && info.offsets.some((v) => v !== 0)) throw new Error(`${info.dir} has a non-zero offset_to_uV; the export formats store none.`);
  return g[0];
}

/** Calls `onChunk(frames, startFrame)` with consecutive int16 chunks; returns the number of clipped samples. */
export function streamInt16Frames(
  info: BinaryFolderInfo, gain: number, onChunk: (frames: Int16Array, startFrame: number) => void,
): number {
  const framesPerChunk = Math.max(1, Math.floor(CHUNK_BYTES / (2 * info.numChannels)));
  const fd = withFsErrors('open', info.rawPath, () => openSync(info.rawPath, 'r'), 'the recording folder is incomplete');
  let clipped = 0;
  try {
    const scratch = new Int16Array(framesPerChunk * info.numChannels);
    for (let start = 0; start < info.numSamples; start += framesPerChunk) {
      const count = Math.min(framesPerChunk, info.numSamples - start);
      const frames = readFrames(fd, start, count, info.numChannels, info.dtype);
      if (frames instanceof Int16Array) {
        onChunk(frames, start);
      } else {
        const out = scratch.subarray(0, frames.length);
        clipped += float32ToInt16(frames, gain, out);
        onChunk(out, start);
      }
    }
  } finally {
    closeSync(fd);
  }
  return clipped;
}
