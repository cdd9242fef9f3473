/**
 * The original recording of a hybrid preset: the preset's `recording` object → the readers' `RecordingSpec`, what the
 * pipeline needs to know of it (opened once and closed; workers open their own), and the reference kept in
 * dataset.json (path, format, sha256 of the first MiB of the samples file) so a dataset names what it was made from.
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { openRecording } from '../formats/readers/open-recording.ts';
import type { RecordingSource, RecordingSpec } from '../formats/readers/types.ts';
import type { HybridRecordingRef } from '../presets/hybrid-types.ts';
import type { OriginalRecordingInfo } from './hybrid-ground-truth-types.ts';

export const FIRST_MIB = 1024 * 1024;

/** The readers' spec for a preset's recording (absolute paths, raw options renamed). */
export function recordingSpecOf(r: HybridRecordingRef): RecordingSpec {
  const path = resolve(r.path);
  switch (r.format) {
    case 'spikeglx': return { format: 'spikeglx', path };
    case 'openephys': return r.stream === undefined ? { format: 'openephys', path } : { format: 'openephys', path, stream: r.stream };
    case 'spikeinterface': return { format: 'spikeinterface', path };
    case 'raw':
      if (r.dtype === undefined || r.num_channels === undefined || r.sampling_frequency === undefined) {
        throw new Error('A raw binary recording needs dtype, num_channels and sampling_frequency in params.recording.');
      }
      return {
        format: 'raw', path, dtype: r.dtype, numChannels: r.num_channels, samplingFrequency: r.sampling_frequency,
        gainToUv: r.gain_to_uV, offsetToUv: r.offset_to_uV, timeAxis: r.time_axis, fileOffset: r.file_offset,
        probePath: r.probe_path === undefined ? undefined : resolve(r.probe_path),
      };
    default:
      throw new Error(`"${String((r as { format: unknown }).format)}" is not a recording format this app reads; use spikeglx, openephys, spikeinterface or raw.`);
  }
}

/** Opens the recording with a sentence for the commonest mistake (a path that is not there). */
export function openOriginal(spec: RecordingSpec): RecordingSource {
  if (!existsSync(spec.path)) {
    throw new Error(`The recording ${spec.path} does not exist; set params.recording.path to the ${spec.format} recording to inject into.`);
  }
  return openRecording(spec);
}

/** Opens, describes and closes the original recording. It must carry a probe: units are placed on its channels. */
export function describeOriginal(ref: HybridRecordingRef): OriginalRecordingInfo {
  const spec = recordingSpecOf(ref);
  const src = openOriginal(spec);
  try {
    if (!src.probe) {
      throw new Error(`The recording ${spec.path} has no probe geometry, so units cannot be placed on its channels${spec.format === 'raw' ? '; give a probeinterface file in params.recording.probe_path' : ''}.`);
    }
    if (src.numSamples < 1) throw new Error(`The recording ${spec.path} holds no samples.`);
    return {
      spec, format: spec.format, samplesPath: src.path, samplingFrequency: src.samplingFrequency, numSamples: src.numSamples,
      numChannels: src.numChannels, channelIds: [...src.channelIds], dtype: src.dtype, gainToUv: Float64Array.from(src.gainToUv),
      offsetToUv: Float64Array.from(src.offsetToUv), probe: src.probe, tStart: src.tStart,
    };
  } finally {
    src.close();
  }
}

/** sha256 (hex) of the first MiB of a file (the whole file when smaller): a cheap identity of a large recording. */
export function sha256FirstMiB(path: string): { sha256: string; bytes: number } {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(Math.min(FIRST_MIB, statSync(path).size));
    let n = 0;
    while (n < buf.length) {
      const r = readSync(fd, buf, n, buf.length - n, n);
      if (r === 0) break;
      n += r;
    }
    return { sha256: createHash('sha256').update(buf.subarray(0, n)).digest('hex'), bytes: n };
  } finally {
    closeSync(fd);
  }
}

/** The `original_recording` entry of dataset.json. */
export function recordingReference(info: OriginalRecordingInfo) {
  const sum = sha256FirstMiB(info.samplesPath);
  return {
    format: info.format, path: info.spec.path, samples_path: info.samplesPath, spec: info.spec,
    sha256_first_mib: sum.sha256, checksum_bytes: sum.bytes, file_bytes: statSync(info.samplesPath).size,
    sampling_frequency: info.samplingFrequency, num_samples: info.numSamples, num_channels: info.numChannels,
    dtype: info.dtype, t_start: info.tStart,
  };
}
