/**
 * One interface for every real recording the hybrid pipeline reads (SpikeGLX, Open Ephys binary, SpikeInterface
 * binary folders, raw binary). It mirrors what SpikeInterface's `BaseRecording` exposes to its consumers —
 * `get_traces(start_frame, end_frame, channel_ids, return_in_uV=True)`, `get_channel_gains/offsets`, the probe and
 * `get_times()[0]` — but reads lazily: a source keeps an open file descriptor and reads only the byte range of the
 * window it is asked for.
 */
import type { Probe } from '../../probes/probe.ts';

export type RecordingFormat = 'spikeglx' | 'openephys' | 'spikeinterface' | 'raw';

/** Sample types on disk (numpy names); all little-endian. */
export type SampleDtype = 'int16' | 'uint16' | 'int32' | 'float32' | 'float64';

export const DTYPE_BYTES: Readonly<Record<SampleDtype, number>> = {
  int16: 2, uint16: 2, int32: 4, float32: 4, float64: 8,
};

/** The raw samples of `readRaw`, in the file's own type. */
export type RawSamples = Int16Array | Uint16Array | Int32Array | Float32Array | Float64Array;

export interface RecordingSource {
  readonly format: RecordingFormat;
  /** the file holding the samples (the .bin, continuous.dat, traces_cached_seg0.raw or raw file) */
  readonly path: string;
  readonly samplingFrequency: number;
  readonly numSamples: number;
  /** voltage channels only: SpikeGLX's SY0 and Open Ephys SYNC/ADC channels are not counted */
  readonly numChannels: number;
  readonly channelIds: readonly string[];
  /** per channel: µV = raw × gain + offset (SpikeInterface `gain_to_uV` / `offset_to_uV`) */
  readonly gainToUv: Float64Array;
  readonly offsetToUv: Float64Array;
  readonly dtype: SampleDtype;
  /** contacts in channel order (contact k = channel k), or null when the format stores no geometry */
  readonly probe: Probe | null;
  /** time of sample 0 in seconds (SpikeInterface `get_times()[0]`) */
  readonly tStart: number;
  /**
   * Samples [startSample, endSample) of the chosen channels (default all), in µV, samples × channels interleaved.
   * `channels` are indices into `channelIds`. `out`, when given (≥ samples × channels values), receives the window
   * and a view of it is returned: streaming callers reuse one buffer (fresh memory is as slow as the read).
   */
  readWindow(startSample: number, endSample: number, channels?: ArrayLike<number>, out?: Float32Array): Float32Array;
  /** The same window, unscaled, in the file's own dtype. */
  readRaw(startSample: number, endSample: number, channels?: ArrayLike<number>): RawSamples;
  close(): void;
}

/** Options of a raw binary file: everything the file itself does not say (SpikeInterface `read_binary`). */
export interface RawRecordingOptions {
  dtype: SampleDtype;
  numChannels: number;
  samplingFrequency: number;
  /** µV per bit, one for all channels or one per channel (default 1: the file holds µV) */
  gainToUv?: number | ArrayLike<number>;
  offsetToUv?: number | ArrayLike<number>;
  /** 0 = samples × channels (interleaved, the default); 1 = channels × samples (one channel after another) */
  timeAxis?: 0 | 1;
  /** bytes to skip at the start of the file (a header) */
  fileOffset?: number;
  /** path of a probeinterface JSON file whose first probe describes the channels */
  probePath?: string;
  tStart?: number;
  channelIds?: readonly string[];
}

export type RecordingSpec =
  /** `path`: the .ap.bin, its .meta, or a folder holding exactly one .ap.bin */
  | { format: 'spikeglx'; path: string }
  /** `path`: a session, Record Node, experiment or recording folder, or a structure.oebin; `stream` picks one */
  | { format: 'openephys'; path: string; stream?: string }
  /** `path`: the folder holding binary.json (and si_folder.json) */
  | { format: 'spikeinterface'; path: string }
  | ({ format: 'raw'; path: string } & RawRecordingOptions);
