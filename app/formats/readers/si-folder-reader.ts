/**
 * A SpikeInterface binary folder (`binary.json` + `traces_cached_seg0.raw`, our own and SpikeInterface's
 * `recording.save(format="binary")`), described by `readBinaryFolderInfo` (../si-binary-folder-read.ts), which
 * resolves the folder the way SpikeInterface 0.105 `BinaryFolderRecording` does. Gains: `gain_to_uV` /
 * `offset_to_uV` per channel when the folder stores them (our int16 folders); otherwise the samples are taken as
 * microvolts (gain 1, offset 0) — SpikeInterface's float32 folders hold µV, and its int16 `save(dtype="int16")`
 * holds µV truncated to integers (tests/fixtures/reference/formats/README.md). Segment 0 only; its start time is
 * `t_starts[0]` of binary.json when set (BinaryRecordingExtractor), else 0. The probe is put in channel order
 * through its `device_channel_indices`, as SpikeInterface `set_probe` does.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { channelOrder } from '../../probes/channel-locations.ts';
import type { Probe } from '../../probes/probe.ts';
import { getSlice } from '../../probes/probe-ops.ts';
import { readBinaryFolderInfo } from '../si-binary-folder-read.ts';
import { binarySource } from './binary-source.ts';
import type { RecordingSource } from './types.ts';

function tStart(dir: string): number {
  try {
    const kw = (JSON.parse(readFileSync(join(dir, 'binary.json'), 'utf8')) as { kwargs?: { t_starts?: (number | null)[] | null } }).kwargs;
    const t = kw?.t_starts?.[0];
    return typeof t === 'number' && Number.isFinite(t) ? t : 0;
  } catch {
    return 0; // readBinaryFolderInfo has already read this file; a failure here only loses the start time
  }
}

function inChannelOrder(probe: Probe | null, n: number): Probe | null {
  if (!probe) return null;
  const order = channelOrder(probe);
  if (order.length !== n) return null;
  return order.every((c, i) => c === i) ? probe : getSlice(probe, order);
}

export function openSpikeInterfaceFolder(dir: string): RecordingSource {
  const info = readBinaryFolderInfo(dir);
  const n = info.numChannels;
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${dir}: binary.json gives no usable channel count.`);
  const gains = info.gains ?? new Float64Array(n).fill(1);
  const offsets = info.offsets ?? new Float64Array(n);
  if (gains.length !== n || offsets.length !== n) {
    throw new Error(`${dir}: ${gains.length} gains and ${offsets.length} offsets are stored for ${n} channels.`);
  }
  return binarySource({
    format: 'spikeinterface', path: info.rawPath, dtype: info.dtype, samplingFrequency: info.samplingFrequency,
    numSamples: info.numSamples, fileChannels: n, dataOffset: 0, timeAxis: 0,
    columns: Int32Array.from({ length: n }, (_, i) => i), channelIds: info.channelIds, gains, offsets,
    probe: inChannelOrder(info.probe, n), tStart: tStart(dir),
  });
}
