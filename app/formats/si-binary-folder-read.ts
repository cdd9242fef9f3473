/**
 * Reads what a BinaryFolderRecording says about itself, in the order SpikeInterface 0.105 resolves it
 * (core/binaryfolder.py): binary.json kwargs first (`num_channels`, or the legacy `num_chan`; `dtype`;
 * `sampling_frequency`; `gain_to_uV`/`offset_to_uV`), then properties/*.npy override properties, then the probe
 * from probegroup.json (or the legacy probe.json). The number of samples comes from the raw file size, as
 * BinaryRecordingSegment computes it. Works for our folders and for SpikeInterface's own.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Probe } from '../probes/probe.ts';
import { readProbeinterfaceJson } from '../probes/probeinterface-json.ts';
import { BINARY_FOLDER_FILES } from './dataset-layout.ts';
import { withFsErrors } from './fs-errors.ts';
import { decodeNpy } from './npy.ts';
import { BYTES_PER_VALUE, type RawDtype } from './raw-positional-io.ts';

export interface BinaryFolderInfo {
  dir: string;
  rawPath: string;
  numChannels: number;
  numSamples: number;
  dtype: RawDtype;
  samplingFrequency: number;
  channelIds: string[];
  /** per channel, or null when the folder stores no gain (float32 folders hold microvolts) */
  gains: Float64Array | null;
  offsets: Float64Array | null;
  bytesPerSample: number;
  probe: Probe | null;
  siVersion: string | null;
}

const DTYPES: Record<string, RawDtype> = { '<i2': 'int16', int16: 'int16', '<f4': 'float32', float32: 'float32' };

function readJson(path: string): Record<string, unknown> {
  const text = withFsErrors('read', path, () => readFileSync(path, 'utf8'), 'check that this is a SpikeInterface binary folder');
  // Python's json writes NaN/Infinity bare; they never occur in these fields, but keep the parse from failing
  return JSON.parse(text.replace(/\bNaN\b/g, 'null').replace(/-?\bInfinity\b/g, 'null')) as Record<string, unknown>;
}

function numbers(v: unknown, n: number): Float64Array | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return new Float64Array(n).fill(v);
  return Float64Array.from(v as number[]);
}

function propertyNpy(dir: string, key: string): Float64Array | null {
  const p = join(dir, BINARY_FOLDER_FILES.properties, `${key}.npy`);
  if (!existsSync(p)) return null;
  const a = decodeNpy(new Uint8Array(readFileSync(p)));
  return Float64Array.from(a.data as ArrayLike<number | bigint>, Number);
}

export function readBinaryFolderInfo(dir: string): BinaryFolderInfo {
  const bin = readJson(join(dir, BINARY_FOLDER_FILES.binaryJson));
  if (typeof bin.class !== 'string' || !bin.class.endsWith('.BinaryRecordingExtractor')) {
    throw new Error(`${dir} is not a SpikeInterface binary folder (binary.json does not describe a BinaryRecordingExtractor).`);
  }
  const kw = bin.kwargs as Record<string, unknown>;
  const numChannels = Number(kw.num_channels ?? kw.num_chan);
  const dtype = DTYPES[String(kw.dtype)];
  if (!dtype) throw new Error(`${dir}: dtype ${String(kw.dtype)} is not supported (int16 or float32).`);
  if (Number(kw.time_axis ?? 0) !== 0) throw new Error(`${dir}: only time_axis 0 (samples × channels) is supported.`);
  const files = kw.file_paths as string[] | string;
  const first = Array.isArray(files) ? files[0] : files;
  const rawPath = bin.relative_paths ? join(dir, first) : first;
  const fileOffset = Number(kw.file_offset ?? 0);
  const bytesPerSample = numChannels * BYTES_PER_VALUE[dtype];
  const size = withFsErrors('read', rawPath, () => statSync(rawPath).size, 'the raw traces file is missing');
  const numSamples = Math.floor((size - fileOffset) / bytesPerSample);

  const gains = propertyNpy(dir, 'gain_to_uV') ?? numbers(kw.gain_to_uV, numChannels);
  const offsets = propertyNpy(dir, 'offset_to_uV') ?? numbers(kw.offset_to_uV, numChannels);
  const ids = kw.channel_ids as (string | number)[] | null;
  const channelIds = ids ? ids.map(String) : Array.from({ length: numChannels }, (_, i) => String(i));

  let probe: Probe | null = null;
  for (const name of [BINARY_FOLDER_FILES.probegroupJson, BINARY_FOLDER_FILES.probeJson]) {
    const p = join(dir, name);
    if (existsSync(p)) { probe = readProbeinterfaceJson(readFileSync(p, 'utf8')).probes[0] ?? null; break; }
  }
  return {
    dir, rawPath, numChannels, numSamples, dtype, samplingFrequency: Number(kw.sampling_frequency), channelIds,
    gains, offsets, bytesPerSample, probe, siVersion: typeof bin.version === 'string' ? bin.version : null,
  };
}
