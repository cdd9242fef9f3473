/**
 * Data shapes of the viewers (issue "Viewers and visual QC"): trace windows, spike markers, drift and template QC,
 * previews and reports. Bulk numbers travel as a BinaryResult `{meta, data: ArrayBuffer}` (binary frames in web
 * mode, a transferred ArrayBuffer over Electron IPC); everything else is small JSON.
 */

export type RecordingName = 'static' | 'drifting';

/** A result carrying bulk numbers: JSON `meta` plus raw little-endian bytes described by it. */
export interface BinaryResult<M> {
  meta: M;
  data: ArrayBuffer;
}

export function isBinaryResult(v: unknown): v is BinaryResult<unknown> {
  return typeof v === 'object' && v !== null && (v as BinaryResult<unknown>).data instanceof ArrayBuffer && 'meta' in v;
}

export interface TraceInfo {
  datasetId: string;
  name: string;
  path: string;
  numChannels: number;
  numSamples: number;
  samplingFrequency: number;
  durationSeconds: number;
  dtype: 'int16' | 'float32';
  /** (numChannels, 2) flattened x, y in µm */
  channelLocations: number[];
  numUnits: number;
  numSpikes: number;
  unitIds: string[];
  /** per unit: the peak (most negative) value of its static template on its max channel, µV */
  unitPeakUv: number[];
  /** median noise level over channels, µV (a sensible default gain) */
  noiseLevelUv: number;
  /**
   * display names of the dataset's two recordings, in the order of the windows' blocks (the 'static' and
   * 'drifting' kinds of traces.window): ['static', 'drifting'] for generated datasets, e.g. ['original', 'hybrid']
   * for hybrid ones
   */
  recordings: string[];
}

/**
 * One decimated window: Float32 data laid out [recording][channel][column][min, max] in µV. Column i covers the
 * samples [startSample + floor(i n / columns), startSample + floor((i + 1) n / columns)) with n = end - start;
 * when the window holds fewer samples than pixels, columns = n and min = max = the sample.
 */
export interface TraceWindowMeta {
  startSample: number;
  endSample: number;
  samplingFrequency: number;
  channelStart: number;
  channelEnd: number;
  columns: number;
  recordings: RecordingName[];
  /** false when the window was too long to read whole: each column's min/max is then over its first framesRead samples */
  exact: boolean;
  framesReadPerColumn: number;
  elapsedMs: number;
  /**
   * Present when `data` holds the recordings' stored int16 values instead of float32 µV (int16 recordings: half
   * the bytes on the wire). gains/offsets are [recording][channel - channelStart]: µV = value × gain + offset
   * (app/viewer/int16-window.ts decodes).
   */
  int16?: { gains: number[][]; offsets: number[][] };
}

export interface SpikeMarkers {
  /** sample of each spike (the template peak sits there) */
  sampleIndex: number[];
  unitIndex: number[];
  /** template peak on the max channel × amplitude factor, µV */
  amplitudeUv: number[];
  /** the unit's displacement (dx, dy) at the spike's time bin, µm */
  displacementX: number[];
  displacementY: number[];
  /** nearest channel of the unit at rest (static) and displaced (drifting) */
  staticChannel: number[];
  driftingChannel: number[];
  /** more spikes were in the window than maxSpikes: the first maxSpikes are returned */
  truncated: boolean;
}

export interface UnitQc {
  index: number;
  id: string;
  x: number;
  y: number;
  z: number;
  maxChannel: number;
  /** peak-to-peak of the static template on its max channel, µV */
  amplitudeUv: number;
  numSpikes: number;
  firingRate: number;
}

export interface UnitsQc {
  units: UnitQc[];
  /** (numChannels, 2) flattened */
  channelLocations: number[];
  /** probe contour (n, 2) flattened, or [] */
  contour: number[];
  contactRadiusUm: number;
  /** displacement (dx, dy) of each template step, flattened */
  steps: number[];
  staticStep: number;
}

export interface DriftQc {
  /** seconds of each displacement sample */
  times: number[];
  /** y displacement of each motion (before the per-unit factor), µm */
  motions: { label: string; dy: number[] }[];
  /** sum over motions */
  sum: number[];
  units: { index: number; dy: number[] }[];
}

/** Float32 columns of length numSpikes: time (s), static depth (µm), drifting depth (µm), amplitude (µV), unit index. */
export interface RasterMeta {
  numSpikes: number;
  totalSpikes: number;
  /** every stride-th spike is kept */
  stride: number;
  columns: ['time_s', 'static_depth_um', 'drifting_depth_um', 'amplitude_uv', 'unit'];
}

/** Float32 data [step][channel k][sample] of the unit's template on `channels`, µV. */
export interface TemplatesMeta {
  unit: number;
  numSamples: number;
  nbefore: number;
  samplingFrequency: number;
  channels: number[];
  steps: number[];
  /** (dx, dy) of each returned step */
  displacements: number[];
}

export type FigureName = 'drift' | 'raster' | 'templates' | 'traces' | 'amplitudes';

export interface ReportInfo {
  path: string;
  bytes: number;
  figures: string[];
}
