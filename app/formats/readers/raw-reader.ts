/**
 * A raw binary file described by the user, as SpikeInterface `read_binary` / `BinaryRecordingExtractor`
 * (core/binaryrecordingextractor.py) takes it: dtype, num_channels, sampling_frequency, `time_axis` (0: samples ×
 * channels, interleaved; 1: channels × samples), `file_offset` bytes of header, `gain_to_uV` / `offset_to_uV` (one
 * value or one per channel; default 1 and 0: the file holds µV), optional channel ids, and a probe from a
 * probeinterface JSON file (its first probe, put in channel order through `device_channel_indices`).
 * Unlike SpikeInterface, which floors, a file that is not a whole number of frames is refused: with a wrong channel
 * count or dtype that is almost always the case, and the sentence says so.
 */
import { readFileSync } from 'node:fs';
import { channelOrder } from '../../probes/channel-locations.ts';
import type { Probe } from '../../probes/probe.ts';
import { getSlice } from '../../probes/probe-ops.ts';
import { readProbeinterfaceJson } from '../../probes/probeinterface-json.ts';
import { fsErrorSentence } from '../fs-errors.ts';
import { binarySource, fileSize, wholeFrames } from './binary-source.ts';
import { DTYPE_BYTES, type RawRecordingOptions, type RecordingSource } from './types.ts';

function perChannel(value: number | ArrayLike<number> | undefined, fallback: number, n: number, what: string): Float64Array {
  if (value === undefined) return new Float64Array(n).fill(fallback);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`The ${what} ${value} is not a number.`);
    return new Float64Array(n).fill(value);
  }
  if (value.length !== n) throw new Error(`${value.length} values of ${what} were given for ${n} channels; give one value or one per channel.`);
  return Float64Array.from(value);
}

function probeFromFile(path: string, n: number): Probe {
  let text: string;
  try { text = readFileSync(path, 'utf8'); } catch (e) { throw fsErrorSentence('read', path, e, 'choose a probeinterface .json file'); }
  const probe = readProbeinterfaceJson(text).probes[0];
  const order = channelOrder(probe);
  if (order.length !== n) {
    throw new Error(`The probe in ${path} has ${order.length} connected contacts but the recording has ${n} channels.`);
  }
  return order.every((c, i) => c === i) ? probe : getSlice(probe, order);
}

export function openRawBinary(path: string, o: RawRecordingOptions): RecordingSource {
  if (!(o.dtype in DTYPE_BYTES)) throw new Error(`The sample type "${o.dtype}" is not supported; use int16, uint16, int32, float32 or float64.`);
  const n = o.numChannels;
  if (!Number.isInteger(n) || n <= 0) throw new Error(`The channel count ${n} is not a positive whole number.`);
  if (!(o.samplingFrequency > 0)) throw new Error(`The sampling frequency ${o.samplingFrequency} is not a positive number.`);
  const offset = o.fileOffset ?? 0;
  if (!Number.isInteger(offset) || offset < 0) throw new Error(`The header size ${offset} is not a whole number of bytes ≥ 0.`);
  const timeAxis = o.timeAxis ?? 0;
  if (timeAxis !== 0 && timeAxis !== 1) throw new Error(`The time axis must be 0 (samples × channels) or 1 (channels × samples), not ${String(timeAxis)}.`);
  const size = fileSize(path, 'raw recording file');
  const numSamples = wholeFrames(path, size, offset, n * DTYPE_BYTES[o.dtype], `${n} ${o.dtype} channels after a ${offset}-byte header`);
  const ids = o.channelIds ? [...o.channelIds] : Array.from({ length: n }, (_, i) => String(i));
  if (ids.length !== n) throw new Error(`${ids.length} channel ids were given for ${n} channels.`);
  return binarySource({
    format: 'raw', path, dtype: o.dtype, samplingFrequency: o.samplingFrequency, numSamples, fileChannels: n,
    dataOffset: offset, timeAxis, columns: Int32Array.from({ length: n }, (_, i) => i), channelIds: ids,
    gains: perChannel(o.gainToUv, 1, n, 'gain_to_uV'), offsets: perChannel(o.offsetToUv, 0, n, 'offset_to_uV'),
    probe: o.probePath ? probeFromFile(o.probePath, n) : null, tStart: o.tStart ?? 0,
  });
}
