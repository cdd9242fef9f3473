/**
 * Positional I/O on a raw traces file (`traces_cached_seg0.raw`: no header, little-endian samples, C order
 * (num_samples, num_channels), interleaved by sample — core/binaryrecordingextractor.py, `time_axis=0`,
 * `file_offset=0`). Workers write disjoint frame ranges of the same preallocated file through their own
 * descriptors with `fs.writeSync(fd, buf, 0, len, byteOffset)`, which needs no locking.
 */
import { closeSync, openSync, readSync, writeSync } from 'node:fs';

export type RawDtype = 'int16' | 'float32';

/** numpy's `dtype.str` of each raw dtype, as written in binary.json (`"<i2"`, `"<f4"`). */
export const NUMPY_DTYPE_STR: Record<RawDtype, '<i2' | '<f4'> = { int16: '<i2', float32: '<f4' };

export const BYTES_PER_VALUE: Record<RawDtype, number> = { int16: 2, float32: 4 };

/** Opens an existing raw file for positional writes (no truncation, no append mode). */
export function openForPositionalWrites(rawPath: string): number {
  try {
    return openSync(rawPath, 'r+');
  } catch (e) {
    throw new Error(`cannot open ${rawPath} for writing: ${(e as Error).message}; check that the dataset folder still exists and is writable`);
  }
}

export function closeRaw(fd: number): void {
  closeSync(fd);
}

/**
 * Writes `data` (frames × numChannels, interleaved) at frame `startSample`. Little-endian hosts only (every
 * platform Node supports today): the typed array's bytes are the file's bytes.
 */
export function writeFrames(fd: number, startSample: number, data: Int16Array | Float32Array, numChannels: number): void {
  if (data.length % numChannels !== 0) {
    throw new Error(`writeFrames: ${data.length} values are not a whole number of ${numChannels}-channel frames.`);
  }
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  let position = startSample * numChannels * data.BYTES_PER_ELEMENT;
  let done = 0;
  while (done < bytes.length) {
    const n = writeSync(fd, bytes, done, bytes.length - done, position);
    done += n;
    position += n;
  }
}

/** Reads `numFrames` frames from frame `startSample` (for checks, exports and the viewer). */
export function readFrames(
  fd: number, startSample: number, numFrames: number, numChannels: number, dtype: RawDtype,
): Int16Array | Float32Array {
  const out = dtype === 'int16' ? new Int16Array(numFrames * numChannels) : new Float32Array(numFrames * numChannels);
  const bytes = new Uint8Array(out.buffer);
  let position = startSample * numChannels * out.BYTES_PER_ELEMENT;
  let done = 0;
  while (done < bytes.length) {
    const n = readSync(fd, bytes, done, bytes.length - done, position);
    if (n === 0) throw new Error(`the raw file ends before frame ${startSample + numFrames}; it is truncated`);
    done += n;
    position += n;
  }
  return out;
}
