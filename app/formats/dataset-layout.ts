/**
 * The on-disk layout of one dataset: folder and file names shared by the writers (the generation job) and the
 * readers (the viewer). The names inside the SpikeInterface folders are SpikeInterface's own (core/base.py
 * `save_to_folder`, core/baserecording.py `_save`, core/sortingfolder.py `NumpyFolderSorting`); change none of them.
 *
 * <dataset>/
 *   preset.json  dataset.json
 *   static/  drifting/      BinaryFolderRecording (traces_cached_seg0.raw, binary.json, si_folder.json, ...)
 *   sorting/                NumpyFolderSorting (spikes.npy, numpysorting_info.json, si_folder.json, properties/)
 *   ground_truth/           arrays of the ground truth (.npy, unit_params.json)
 *   exports/kilosort/  exports/spikeglx/   optional exports
 */
import { join } from 'node:path';

export const DATASET_FILES = { preset: 'preset.json', summary: 'dataset.json' } as const;

export const DATASET_DIRS = {
  static: 'static',
  drifting: 'drifting',
  sorting: 'sorting',
  groundTruth: 'ground_truth',
  exports: 'exports',
  kilosort: join('exports', 'kilosort'),
  spikeglx: join('exports', 'spikeglx'),
} as const;

export type DatasetDir = keyof typeof DATASET_DIRS;

/** The two recordings of a drifting dataset (generate_drifting_recording returns static and drifting). */
export const RECORDING_KINDS = ['static', 'drifting'] as const;
export type RecordingKind = (typeof RECORDING_KINDS)[number];

/** Files of a SpikeInterface binary folder (BinaryFolderRecording). */
export const BINARY_FOLDER_FILES = {
  binaryJson: 'binary.json',
  siFolderJson: 'si_folder.json',
  probegroupJson: 'probegroup.json',
  /** probeinterface file with the single probe; SI < 0.105 read this name, SI 0.105 reads probegroup.json first */
  probeJson: 'probe.json',
  properties: 'properties',
} as const;

/** `traces_cached_seg{i}.raw` (core/baserecording.py `_save`). */
export const rawFileName = (segmentIndex = 0): string => `traces_cached_seg${segmentIndex}.raw`;

/** Files of a NumpyFolderSorting folder. */
export const SORTING_FOLDER_FILES = {
  spikes: 'spikes.npy',
  info: 'numpysorting_info.json',
  siFolderJson: 'si_folder.json',
  properties: 'properties',
} as const;

/** Files of the Kilosort export (Kilosort 4 `io.load_probe` recognises a probe by its .json / .prb suffix). */
export const KILOSORT_FILES = {
  bin: (name: string) => `${name}.bin`,
  probeJson: 'kilosort_probe.json',
  probePrb: 'kilosort_probe.prb',
  readme: 'README.txt',
} as const;

/** SpikeGLX names: `<run>_g<gate>_t<trigger>.imec<probe>.ap.bin|meta` (gate 0, trigger 0, probe 0). */
export const spikeglxBaseName = (run: string): string => `${run}_g0_t0.imec0.ap`;

/** Absolute paths of everything in a dataset folder rooted at `root`. */
export function datasetPaths(root: string) {
  const dir = (d: DatasetDir) => join(root, DATASET_DIRS[d]);
  const recording = (kind: RecordingKind) => ({
    dir: dir(kind),
    raw: join(dir(kind), rawFileName(0)),
    binaryJson: join(dir(kind), BINARY_FOLDER_FILES.binaryJson),
    siFolderJson: join(dir(kind), BINARY_FOLDER_FILES.siFolderJson),
    probegroupJson: join(dir(kind), BINARY_FOLDER_FILES.probegroupJson),
    probeJson: join(dir(kind), BINARY_FOLDER_FILES.probeJson),
    properties: join(dir(kind), BINARY_FOLDER_FILES.properties),
  });
  return {
    root,
    preset: join(root, DATASET_FILES.preset),
    summary: join(root, DATASET_FILES.summary),
    static: recording('static'),
    drifting: recording('drifting'),
    sorting: {
      dir: dir('sorting'),
      spikes: join(dir('sorting'), SORTING_FOLDER_FILES.spikes),
      info: join(dir('sorting'), SORTING_FOLDER_FILES.info),
      siFolderJson: join(dir('sorting'), SORTING_FOLDER_FILES.siFolderJson),
      properties: join(dir('sorting'), SORTING_FOLDER_FILES.properties),
    },
    groundTruth: dir('groundTruth'),
    exports: dir('exports'),
    kilosort: dir('kilosort'),
    spikeglx: dir('spikeglx'),
  };
}

export type DatasetPaths = ReturnType<typeof datasetPaths>;
