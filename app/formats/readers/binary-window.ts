/**
 * Lazy window reads from a flat binary file of samples, the layout every supported format shares
 * (SpikeInterface core/binaryrecordingextractor.py: `file_offset` bytes of header, then C-order
 * (num_samples, num_channels) for `time_axis=0`, or (num_channels, num_samples) for `time_axis=1`).
 * A window is one positional read (`fs.readSync(fd, buf, 0, len, position)`) of exactly its byte range, then one
 * tight loop that picks the file columns of the wanted channels and scales them to µV. Files are never mapped or
 * loaded whole. Little-endian hosts only, like the rest of app/formats: the typed array's bytes are the file's.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { fsErrorSentence } from '../fs-errors.ts';
import { DTYPE_BYTES, type RawSamples, type SampleDtype } from './types.ts';

export interface BinaryLayout {
  path: string;
  dtype: SampleDtype;
  /** channels stored in the file per sample (SpikeGLX: including SY0) */
  fileChannels: number;
  numSamples: number;
  /** bytes before the first sample */
  dataOffset: number;
  timeAxis: 0 | 1;
  /** file column of each exposed channel (the sync column of SpikeGLX is simply not listed) */
  columns: Int32Array;
  gains: Float64Array;
  offsets: Float64Array;
}

const SCRATCH_LIMIT = 64 * 1024 * 1024;

function typedView(dtype: SampleDtype, buf: ArrayBuffer, length: number): RawSamples {
  switch (dtype) {
    case 'int16': return new Int16Array(buf, 0, length);
    case 'uint16': return new Uint16Array(buf, 0, length);
    case 'int32': return new Int32Array(buf, 0, length);
    case 'float32': return new Float32Array(buf, 0, length);
    case 'float64': return new Float64Array(buf, 0, length);
  }
}

export class BinaryWindowReader {
  readonly layout: BinaryLayout;
  #fd: number | null;
  #scratch: Buffer | null = null;

  constructor(layout: BinaryLayout) {
    this.layout = layout;
    try {
      this.#fd = openSync(layout.path, 'r');
    } catch (e) {
      throw fsErrorSentence('open', layout.path, e, 'check that the recording file exists and is readable');
    }
  }

  /**
   * Reads `length` bytes at `position` into the reader's scratch buffer and returns its (8-byte-aligned) ArrayBuffer.
   * The scratch is reused from call to call: fresh memory costs a page fault per 4 KiB on first touch, which for a
   * 23 MB window (1 s × 385 int16 channels) is as slow as the read itself. Windows above 64 MiB get their own buffer.
   */
  #readBytes(position: number, length: number): ArrayBuffer {
    if (this.#fd === null) throw new Error(`${this.layout.path} is closed; open the recording again.`);
    let buf = this.#scratch;
    if (buf === null || buf.length < length) {
      buf = Buffer.allocUnsafeSlow(length); // own ArrayBuffer at offset 0, not zero-filled
      this.#scratch = length <= SCRATCH_LIMIT ? buf : null;
    }
    let done = 0;
    while (done < length) {
      const n = readSync(this.#fd, buf, done, length - done, position + done);
      if (n === 0) {
        throw new Error(`${this.layout.path} ends at byte ${position + done} but the window needs bytes up to ${position + length}; the file is truncated or the recording settings do not match it.`);
      }
      done += n;
    }
    return buf.buffer as ArrayBuffer;
  }

  #checkWindow(start: number, end: number): void {
    const n = this.layout.numSamples;
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > n || start > end) {
      throw new Error(`The window [${start}, ${end}) is not inside the recording's ${n} samples; use whole sample numbers with 0 ≤ start ≤ end ≤ ${n}.`);
    }
  }

  /** File columns of the chosen channel indices (all exposed channels when `channels` is absent). */
  #pick(channels?: ArrayLike<number>): Int32Array {
    const cols = this.layout.columns;
    if (channels === undefined) return cols;
    const out = new Int32Array(channels.length);
    for (let j = 0; j < channels.length; j++) {
      const c = channels[j];
      if (!Number.isInteger(c) || c < 0 || c >= cols.length) {
        throw new Error(`Channel index ${c} does not exist; this recording has channels 0 to ${cols.length - 1}.`);
      }
      out[j] = cols[c];
    }
    return out;
  }

  /** Samples of the window as stored, in the file's dtype, one row per sample (samples × channels). */
  readRaw(start: number, end: number, channels?: ArrayLike<number>): RawSamples {
    this.#checkWindow(start, end);
    const { dtype, fileChannels, timeAxis, dataOffset, numSamples } = this.layout;
    const cols = this.#pick(channels);
    const frames = end - start;
    const m = cols.length;
    const size = DTYPE_BYTES[dtype];
    const out = typedView(dtype, new ArrayBuffer(frames * m * size), frames * m);
    if (frames === 0 || m === 0) return out;
    if (timeAxis === 1) {
      // one contiguous run per channel
      for (let j = 0; j < m; j++) {
        const run = typedView(dtype, this.#readBytes(dataOffset + (cols[j] * numSamples + start) * size, frames * size), frames);
        for (let i = 0; i < frames; i++) out[i * m + j] = run[i];
      }
      return out;
    }
    const block = typedView(dtype, this.#readBytes(dataOffset + start * fileChannels * size, frames * fileChannels * size), frames * fileChannels);
    for (let i = 0; i < frames; i++) {
      const row = i * fileChannels;
      const o = i * m;
      for (let j = 0; j < m; j++) out[o + j] = block[row + cols[j]];
    }
    return out;
  }

  /**
   * The window in µV: raw × gain + offset per channel, as SpikeInterface `get_traces(return_in_uV=True)`. A caller
   * streaming windows passes its own `out` (≥ frames × channels values) to avoid fresh memory on every call.
   */
  readWindow(start: number, end: number, channels?: ArrayLike<number>, out?: Float32Array): Float32Array {
    this.#checkWindow(start, end);
    const { dtype, fileChannels, timeAxis, dataOffset, numSamples, gains, offsets } = this.layout;
    const idx = channels === undefined ? null : Array.from(channels);
    const cols = this.#pick(channels);
    const m = cols.length;
    const g = new Float64Array(m);
    const b = new Float64Array(m);
    for (let j = 0; j < m; j++) { const c = idx ? idx[j] : j; g[j] = gains[c]; b[j] = offsets[c]; }
    const frames = end - start;
    if (out && out.length < frames * m) {
      throw new Error(`The output buffer holds ${out.length} values but the window needs ${frames * m} (${frames} samples × ${m} channels).`);
    }
    const dest = out ? out.subarray(0, frames * m) : new Float32Array(frames * m);
    if (frames === 0 || m === 0) return dest;
    const size = DTYPE_BYTES[dtype];
    if (timeAxis === 1) {
      for (let j = 0; j < m; j++) {
        const run = typedView(dtype, this.#readBytes(dataOffset + (cols[j] * numSamples + start) * size, frames * size), frames);
        const gj = g[j], bj = b[j];
        for (let i = 0; i < frames; i++) dest[i * m + j] = run[i] * gj + bj;
      }
      return dest;
    }
    const block = typedView(dtype, this.#readBytes(dataOffset + start * fileChannels * size, frames * fileChannels * size), frames * fileChannels);
    scaleRows(block, fileChannels, cols, g, b, dest, frames);
    return dest;
  }

  close(): void {
    if (this.#fd !== null) { closeSync(this.#fd); this.#fd = null; }
    this.#scratch = null;
  }
}

/**
 * The hot loop, kept apart so V8 sees one typed-array kind per call site. Two fast paths matter for speed (measured
 * on 1 s × 384 int16 channels: ~12 ms uniform, ~19 ms per-channel gains, ~25 ms general): the usual case of
 * consecutive file columns (every channel, or a contiguous block) with one gain and offset, then consecutive columns
 * with per-channel gains; the general path indexes through `cols`.
 */
function scaleRows(
  block: ArrayLike<number>, stride: number, cols: Int32Array, g: Float64Array, b: Float64Array, out: Float32Array, frames: number,
): void {
  const m = cols.length;
  const c0 = cols[0];
  let contiguous = true;
  for (let j = 1; j < m && contiguous; j++) contiguous = cols[j] === c0 + j;
  let uniform = true;
  for (let j = 1; j < m && uniform; j++) uniform = g[j] === g[0] && b[j] === b[0];
  if (contiguous && uniform) {
    const gain = g[0], offset = b[0];
    for (let i = 0, row = c0, o = 0; i < frames; i++, row += stride, o += m) {
      for (let j = 0; j < m; j++) out[o + j] = block[row + j] * gain + offset;
    }
  } else if (contiguous) {
    for (let i = 0, row = c0, o = 0; i < frames; i++, row += stride, o += m) {
      for (let j = 0; j < m; j++) out[o + j] = block[row + j] * g[j] + b[j];
    }
  } else {
    for (let i = 0, row = 0, o = 0; i < frames; i++, row += stride, o += m) {
      for (let j = 0; j < m; j++) out[o + j] = block[row + cols[j]] * g[j] + b[j];
    }
  }
}
