/** Data shapes exchanged between the UI and the back end (plain JSON). */
import type { Problem } from '../presets/problems.ts';
import type { PresetV1 } from '../presets/types.ts';

export type { Problem, PresetV1 };

export interface PresetSummary {
  id: string;
  name: string;
  description?: string;
  builtin: boolean;
  valid: boolean;
  updated: string;
  numUnits?: number;
  duration?: number;
  probe?: string;
  /** "hybrid" for a hybrid preset (real recording + injected templates); drifting otherwise */
  kind?: 'drifting' | 'hybrid';
}

export interface PresetRecord extends PresetSummary {
  document: PresetV1;
  /** problems of the latest saved draft (empty when valid) */
  problems: Problem[];
  versionId: number | null;
}

export interface PresetVersion {
  versionId: number;
  saved: string;
  valid: boolean;
  name: string;
}

export type SaveResult = { saved: boolean; versionId: number | null; valid: boolean; problems: Problem[] };

export type ImportResult = { ok: true; id: string; name: string } | { ok: false; problems: Problem[] };

export type JobState = 'queued' | 'running' | 'completed' | 'failed' | 'cancelled' | 'interrupted';

export interface JobInfo {
  id: string;
  presetId: string | null;
  presetName: string;
  out: string;
  state: JobState;
  created: string;
  finished?: string;
  /** 0..1 */
  fraction: number;
  chunksDone: number;
  chunksTotal: number;
  realtimeFactor: number;
  megabytesPerSecond: number;
  etaSeconds: number | null;
  error?: string;
}

export interface JobOptions {
  /** output folder; default: <data dir>/datasets/<preset name>-<timestamp> */
  out?: string;
  dtype?: 'int16' | 'float32';
  workers?: number;
  chunkSeconds?: number;
  exports?: { kilosort?: boolean; spikeglx?: boolean };
}

export interface DatasetInfo {
  id: string;
  name: string;
  path: string;
  created: string;
  totalBytes: number;
  durationSeconds: number;
  numChannels: number;
  numUnits: number;
  numSpikes: number;
  dtype: 'int16' | 'float32';
  exists: boolean;
  /** what generated it: a drifting dataset (static/ + drifting/) or a hybrid one (original recording + hybrid/) */
  kind: 'drifting' | 'hybrid';
}

export interface SizeInfo {
  /** bytes the dataset will take */
  totalBytes: number;
  /** free bytes where it will be written */
  freeBytes: number;
  out: string;
}

export interface Settings {
  /** worker threads of the generation pool (default: number of cores) */
  workers: number;
  /** jobs that may run at the same time */
  concurrentJobs: number;
  /** default folder of new datasets */
  datasetsFolder: string;
}

export interface AppInfo {
  version: string;
  mode: 'electron' | 'web';
  dataDir: string;
  cores: number;
  namedProbes: string[];
}
