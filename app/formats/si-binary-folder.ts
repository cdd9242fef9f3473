/**
 * A SpikeInterface binary folder (BinaryFolderRecording, core/binaryfolder.py) prepared before its samples exist:
 * every JSON and property file is written first and `traces_cached_seg0.raw` is created at its final size
 * (ftruncate, sparse), so workers can fill disjoint frame ranges with positional writes (raw-positional-io.ts).
 *
 * Files, as SpikeInterface 0.105 `recording.save(folder=..., format="binary")` writes them (provenance.json/.pkl
 * omitted: `si.load` does not need it): traces_cached_seg0.raw, binary.json, si_folder.json, probegroup.json,
 * properties/group.npy (+ gain_to_uV.npy, offset_to_uV.npy when a gain is stored), and probe.json (ours: the
 * same probe as a standalone probeinterface file).
 */
import { closeSync, existsSync, ftruncateSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import type { Probe } from '../probes/probe.ts';
import { writeFileSynced } from './atomic-folder.ts';
import { BINARY_FOLDER_FILES, rawFileName } from './dataset-layout.ts';
import { withFsErrors } from './fs-errors.ts';
import { encodeNpy } from './npy.ts';
import { pythonJsonDumps } from './python-json.ts';
import { BYTES_PER_VALUE, type RawDtype } from './raw-positional-io.ts';
import { binaryJsonDict, siFolderJsonDict, type RecordingJsonInput } from './si-recording-json.ts';
import { probeInChannelOrder, probeinterfaceFileText } from './si-probe-json.ts';

export { closeRaw, openForPositionalWrites, readFrames, writeFrames, type RawDtype } from './raw-positional-io.ts';
export { readBinaryFolderInfo, type BinaryFolderInfo } from './si-binary-folder-read.ts';

export interface BinaryFolderOptions {
  numSamples: number;
  numChannels: number;
  dtype: RawDtype;
  samplingFrequency: number;
  /** wired to channels 0..numChannels-1 (device_channel_indices); stored in channel order */
  probe: Probe;
  /** µV per stored unit (required for int16): one value for all channels or one per channel */
  gainToUv?: number | ArrayLike<number>;
  /** µV added after the gain (default 0 when a gain is given) */
  offsetToUv?: number | ArrayLike<number>;
  /** default "0".."n-1", as generate_drifting_recording names channels */
  channelIds?: string[];
}

export interface PreallocatedBinaryFolder {
  dir: string;
  rawPath: string;
  /** bytes of one sample of all channels (SpikeInterface's `bytes_per_sample` = num_channels × itemsize) */
  bytesPerSample: number;
  bytesPerValue: number;
  rawSizeBytes: number;
  numSamples: number;
  numChannels: number;
  dtype: RawDtype;
  gains: Float64Array | null;
  offsets: Float64Array | null;
}

function perChannel(v: number | ArrayLike<number>, n: number, name: string): Float64Array {
  const out = typeof v === 'number' ? new Float64Array(n).fill(v) : Float64Array.from(v);
  if (out.length !== n) throw new Error(`${name} has ${out.length} values for ${n} channels.`);
  if (!out.every(Number.isFinite)) throw new Error(`${name} must hold finite numbers.`);
  return out;
}

function checkOptions(o: BinaryFolderOptions): void {
  if (!Number.isInteger(o.numSamples) || o.numSamples < 0) throw new Error(`The number of samples must be a whole number ≥ 0, not ${o.numSamples}.`);
  if (!Number.isInteger(o.numChannels) || o.numChannels < 1) throw new Error(`The number of channels must be a whole number ≥ 1, not ${o.numChannels}.`);
  if (!(o.samplingFrequency > 0)) throw new Error(`The sampling frequency must be positive, not ${o.samplingFrequency}.`);
  if (o.dtype !== 'int16' && o.dtype !== 'float32') throw new Error(`The dtype must be "int16" or "float32", not "${String(o.dtype)}".`);
  if (o.dtype === 'int16' && o.gainToUv === undefined) {
    throw new Error('An int16 recording needs a gain (µV per bit) so that SpikeInterface can return microvolts.');
  }
  if (o.channelIds && o.channelIds.length !== o.numChannels) {
    throw new Error(`${o.channelIds.length} channel ids were given for ${o.numChannels} channels.`);
  }
}

/** Creates `dir` with every metadata file and a raw file of the final size; returns where to write samples. */
export function preallocateBinaryFolder(dir: string, options: BinaryFolderOptions): PreallocatedBinaryFolder {
  checkOptions(options);
  const { numSamples, numChannels, dtype } = options;
  const probe = probeInChannelOrder(options.probe);
  if (probe.getContactCount() !== numChannels) {
    throw new Error(`The probe has ${probe.getContactCount()} wired contacts but the recording has ${numChannels} channels.`);
  }
  const gains = options.gainToUv === undefined ? null : perChannel(options.gainToUv, numChannels, 'gain_to_uV');
  const offsets = gains ? perChannel(options.offsetToUv ?? 0, numChannels, 'offset_to_uV') : null;
  const json: RecordingJsonInput = {
    numChannels, dtype, samplingFrequency: options.samplingFrequency, gains, offsets,
    channelIds: options.channelIds ?? Array.from({ length: numChannels }, (_, i) => String(i)),
  };

  const rawPath = join(dir, rawFileName(0));
  if (existsSync(join(dir, BINARY_FOLDER_FILES.binaryJson)) || existsSync(rawPath)) {
    throw new Error(`cannot create ${dir}: it already holds a recording; choose another output folder`);
  }
  const propDir = join(dir, BINARY_FOLDER_FILES.properties);
  withFsErrors('create', dir, () => mkdirSync(propDir, { recursive: true }));

  const write = (name: string, data: Uint8Array | string) =>
    withFsErrors('write', join(dir, name), () => writeFileSynced(join(dir, name), data));
  // indent 4, as BaseExtractor.dump_to_json
  write(BINARY_FOLDER_FILES.binaryJson, pythonJsonDumps(binaryJsonDict(json), 4));
  write(BINARY_FOLDER_FILES.siFolderJson, pythonJsonDumps(siFolderJsonDict(json, probe), 4));
  const probeText = probeinterfaceFileText(probe);
  write(BINARY_FOLDER_FILES.probegroupJson, probeText);
  write(BINARY_FOLDER_FILES.probeJson, probeText);
  // save_metadata_to_folder: np.save(properties/<key>.npy) — group is int64 zeros (set_probe, group_mode "by_probe")
  write(join(BINARY_FOLDER_FILES.properties, 'group.npy'), encodeNpy(new BigInt64Array(numChannels)));
  if (gains && offsets) {
    write(join(BINARY_FOLDER_FILES.properties, 'gain_to_uV.npy'), encodeNpy(gains));
    write(join(BINARY_FOLDER_FILES.properties, 'offset_to_uV.npy'), encodeNpy(offsets));
  }

  const bytesPerValue = BYTES_PER_VALUE[dtype];
  const rawSizeBytes = numSamples * numChannels * bytesPerValue;
  withFsErrors('create', rawPath, () => {
    const fd = openSync(rawPath, 'w');
    try { ftruncateSync(fd, rawSizeBytes); } finally { closeSync(fd); }
  });
  return {
    dir, rawPath, bytesPerSample: numChannels * bytesPerValue, bytesPerValue, rawSizeBytes,
    numSamples, numChannels, dtype, gains, offsets,
  };
}
