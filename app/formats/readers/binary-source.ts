/**
 * Turns what a format reader learned from its metadata into a `RecordingSource` backed by a `BinaryWindowReader`,
 * and the file-size arithmetic every reader shares (SpikeInterface `BinaryRecordingSegment`, neo `get_memmap_shape`:
 * num_samples = (file size − header) // (channels × item size)).
 */
import { statSync } from 'node:fs';
import type { Probe } from '../../probes/probe.ts';
import { fsErrorSentence } from '../fs-errors.ts';
import { BinaryWindowReader } from './binary-window.ts';
import type { RecordingFormat, RecordingSource, SampleDtype } from './types.ts';

/** Size in bytes of a file, or a sentence saying it is missing. */
export function fileSize(path: string, what: string): number {
  try {
    const st = statSync(path);
    if (!st.isFile()) throw Object.assign(new Error(`${path} is not a file`), { code: 'EISDIR' });
    return st.size;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`The ${what} ${path} does not exist.`);
    throw fsErrorSentence('read', path, e, `check the ${what}`);
  }
}

/**
 * Whole frames in `bytes` after `offset`. A remainder means the channel count or dtype does not match the file
 * (or the file was cut mid-frame): a sentence says which numbers disagree instead of silently flooring.
 */
export function wholeFrames(path: string, bytes: number, offset: number, frameBytes: number, setting: string): number {
  const payload = bytes - offset;
  if (payload < 0) throw new Error(`${path} holds ${bytes} bytes, fewer than its ${offset}-byte header.`);
  if (payload % frameBytes !== 0) {
    throw new Error(`${path} holds ${payload} bytes of samples, which is not a whole number of ${frameBytes}-byte frames (${setting}); the settings do not match the file or it is truncated.`);
  }
  return payload / frameBytes;
}

export interface SourceParts {
  format: RecordingFormat;
  path: string;
  dtype: SampleDtype;
  samplingFrequency: number;
  numSamples: number;
  fileChannels: number;
  dataOffset: number;
  timeAxis: 0 | 1;
  columns: Int32Array;
  channelIds: string[];
  gains: Float64Array;
  offsets: Float64Array;
  probe: Probe | null;
  tStart: number;
}

export function binarySource(p: SourceParts): RecordingSource {
  if (p.columns.length !== p.channelIds.length || p.gains.length !== p.channelIds.length || p.offsets.length !== p.channelIds.length) {
    throw new Error(`${p.path}: ${p.channelIds.length} channel ids, ${p.gains.length} gains and ${p.offsets.length} offsets do not agree.`);
  }
  if (p.probe && p.probe.getContactCount() !== p.channelIds.length) {
    throw new Error(`${p.path}: the probe has ${p.probe.getContactCount()} contacts but the recording has ${p.channelIds.length} channels.`);
  }
  if (!(p.samplingFrequency > 0)) throw new Error(`${p.path}: the sampling frequency ${p.samplingFrequency} is not a positive number.`);
  const reader = new BinaryWindowReader({
    path: p.path, dtype: p.dtype, fileChannels: p.fileChannels, numSamples: p.numSamples, dataOffset: p.dataOffset,
    timeAxis: p.timeAxis, columns: p.columns, gains: p.gains, offsets: p.offsets,
  });
  return {
    format: p.format,
    path: p.path,
    samplingFrequency: p.samplingFrequency,
    numSamples: p.numSamples,
    numChannels: p.channelIds.length,
    channelIds: p.channelIds,
    gainToUv: p.gains,
    offsetToUv: p.offsets,
    dtype: p.dtype,
    probe: p.probe,
    tStart: p.tStart,
    readWindow: (start, end, channels, out) => reader.readWindow(start, end, channels, out),
    readRaw: (start, end, channels) => reader.readRaw(start, end, channels),
    close: () => reader.close(),
  };
}
