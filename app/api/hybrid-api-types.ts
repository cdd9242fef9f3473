/**
 * Data shapes of the hybrid side of the contract (issue "Hybrid recordings"): what the back end found in a recording
 * the user points at, and the template database's rows and thumbnails for the template browser.
 */

export interface RecordingInspection {
  format: string;
  /** the samples file the reader found */
  samplesPath: string;
  numChannels: number;
  samplingFrequency: number;
  numSamples: number;
  durationSeconds: number;
  dtype: string;
  /** null when the format stores no geometry (a raw file without a probe file) */
  probe: { numContacts: number; xMinUm: number; xMaxUm: number; yMinUm: number; yMaxUm: number; model: string } | null;
}

/** One row of templates.csv, as the template browser shows it. */
export interface TemplateRowInfo {
  dataset: string;
  templateIndex: number;
  brainArea: string;
  depthUm: number;
  amplitudeUv: number;
  probe: string | null;
  bestChannelIndex: number | null;
  signalToNoiseRatio: number | null;
}

export interface TemplateListing {
  /** the rows that pass the filters, at most `limit` */
  rows: TemplateRowInfo[];
  /** how many rows pass the filters */
  matching: number;
  /** rows in the whole table */
  total: number;
  /** every brain area of the table, sorted (for the filter) */
  brainAreas: string[];
  /** templates.csv came from the cache (the database could not be reached) */
  fromCache: boolean;
  baseUrl: string;
}

/** A template's waveform on its best channels, for a small drawing: values (channels × samples) in µV. */
export interface TemplateThumbnail {
  dataset: string;
  templateIndex: number;
  channels: number[];
  numSamples: number;
  values: number[];
}
