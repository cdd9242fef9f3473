/**
 * One continuous stream of an Open Ephys binary recording, read as neo `OpenEphysBinaryRawIO` and SpikeInterface
 * `read_openephys` return it (rawio/openephysbinaryrawio.py):
 *  - `continuous/<folder_name>/continuous.dat`: int16, interleaved, `num_channels` columns, no header;
 *  - gain = the channel's `bit_volts` in its `units` ("" means µV for neural channels); we scale V/mV to µV as
 *    SpikeInterface's `gain_to_uV` does; offset 0;
 *  - neo moves "ADC" channels (volts, not neural) and a trailing "*_SYNC" channel into separate streams: both are
 *    left out here, the voltage channels keep their names as ids ("CH1", as SpikeInterface);
 *  - t_start = sample_numbers.npy[0] / sample_rate; before GUI 0.6 that file was timestamps.npy holding sample
 *    numbers, read the same way. (A float timestamps.npy is already in seconds and taken as is; neo would divide it.)
 *  - no probe: the geometry of an Open Ephys recording lives in settings.xml (Neuropixels only), not read here.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { binarySource, fileSize, wholeFrames } from './binary-source.ts';
import { readNpyHead } from './npy-head.ts';
import { listOpenEphysStreams, selectOpenEphysStream } from './openephys-streams.ts';
import type { RecordingSource } from './types.ts';

const UNIT_TO_UV: Record<string, number> = { '': 1, uV: 1, 'µV': 1, mV: 1e3, V: 1e6 };

function startTime(streamDir: string, rate: number, numSamples: number): number {
  for (const name of ['sample_numbers.npy', 'timestamps.npy']) {
    const p = join(streamDir, name);
    if (!existsSync(p)) continue;
    const head = readNpyHead(p);
    if (head.length > numSamples) {
      throw new Error(`${join(streamDir, 'continuous.dat')} holds ${numSamples} samples but ${name} lists ${head.length}; continuous.dat is truncated, copy it again.`);
    }
    if (head.length === 0) return 0;
    return head.integer ? head.first / rate : head.first;
  }
  return 0;
}

export function openOpenEphys(path: string, stream?: string): RecordingSource {
  const s = selectOpenEphysStream(listOpenEphysStreams(path), path, stream);
  const info = s.info;
  const streamDir = join(s.recordingDir, 'continuous', s.folderName);
  const datPath = join(streamDir, 'continuous.dat');
  const rate = Number(info.sample_rate);
  const channels = Array.isArray(info.channels) ? info.channels : [];
  const fileChannels = Number(info.num_channels ?? channels.length);
  if (channels.length !== fileChannels || fileChannels <= 0) {
    throw new Error(`structure.oebin of ${s.name}: num_channels is ${info.num_channels} but ${channels.length} channels are described.`);
  }
  const size = fileSize(datPath, 'Open Ephys data file');
  const numSamples = wholeFrames(datPath, size, 0, fileChannels * 2, `${fileChannels} int16 channels from structure.oebin`);

  const columns: number[] = [];
  const gains: number[] = [];
  const ids: string[] = [];
  channels.forEach((ch, col) => {
    const name = String(ch.channel_name);
    if (name.includes('ADC') || name.endsWith('SYNC')) return;
    const units = ch.units ?? '';
    const factor = UNIT_TO_UV[units];
    if (factor === undefined) throw new Error(`structure.oebin of ${s.name}: channel ${name} has units "${units}", not a voltage unit.`);
    columns.push(col);
    gains.push(Number(ch.bit_volts) * factor);
    ids.push(name);
  });
  if (columns.length === 0) throw new Error(`Stream ${s.name} has no neural channels (only ADC/SYNC channels).`);
  return binarySource({
    format: 'openephys', path: datPath, dtype: 'int16', samplingFrequency: rate, numSamples, fileChannels,
    dataOffset: 0, timeAxis: 0, columns: Int32Array.from(columns), channelIds: ids, gains: Float64Array.from(gains),
    offsets: new Float64Array(columns.length), probe: null, tStart: startTime(streamDir, rate, numSamples),
  });
}
