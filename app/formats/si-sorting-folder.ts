/**
 * A NumpyFolderSorting folder (core/sortingfolder.py), as SpikeInterface 0.105 `sorting.save(folder=...)` writes
 * it (provenance.pkl omitted; `si.load` does not need it):
 *   numpysorting_info.json  `json.dumps({"sampling_frequency": float, "unit_ids": [...], "num_segments": n})`
 *                           (no indent, no trailing newline — NumpyFolderSorting.write_sorting)
 *   spikes.npy              the spike vector: structured [sample_index, unit_index, segment_index], all '<i8'
 *   properties/<key>.npy    one file per unit property (BaseExtractor.save_metadata_to_folder)
 *   si_folder.json          `dump_to_json` of the loaded NumpyFolderSorting: kwargs {folder_path: ".", mmap_mode:
 *                           null}, annotations {}, properties = BaseSorting._main_properties {main_channel_id: null}
 * The ground-truth sorting of generate_drifting_recording carries `gt_unit_locations` (float32 n×3) and
 * `max_channel_index` (int64) — the reference gt_sorting folder holds exactly these two property files.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { SPIKEINTERFACE_REFERENCE } from '../version.ts';
import { writeFileSynced } from './atomic-folder.ts';
import { SORTING_FOLDER_FILES } from './dataset-layout.ts';
import { withFsErrors } from './fs-errors.ts';
import { encodeSpikeVector } from './ground-truth-files.ts';
import { encodeNpy } from './npy.ts';
import { PyFloat, pythonJsonDumps } from './python-json.ts';

export interface SortingSpikes {
  sampleIndex: Float64Array;
  unitIndex: Int32Array;
  segmentIndex?: Int32Array;
  length: number;
}

export interface NumpyFolderSortingInput {
  spikes: SortingSpikes;
  samplingFrequency: number;
  unitIds: string[];
  properties: { gt_unit_locations: Float32Array; max_channel_index: Int32Array };
  /** default: 1 + the largest segment index (1 when there is no segment column) */
  numSegments?: number;
}

function checkSpikes(o: NumpyFolderSortingInput, numSegments: number): void {
  const s = o.spikes;
  const n = o.unitIds.length;
  if (s.sampleIndex.length < s.length || s.unitIndex.length < s.length) throw new Error('The spike vector columns are shorter than its length.');
  let previous = -Infinity;
  for (let i = 0; i < s.length; i++) {
    const seg = s.segmentIndex ? s.segmentIndex[i] : 0;
    // to_spike_vector() is sorted by (segment, sample); SpikeVectorSortingSegment relies on it (searchsorted)
    const key = seg * 2 ** 40 + s.sampleIndex[i];
    if (key < previous) throw new Error(`The spikes are not sorted by segment and sample (spike ${i}).`);
    previous = key;
    if (s.unitIndex[i] < 0 || s.unitIndex[i] >= n) throw new Error(`Spike ${i} has unit index ${s.unitIndex[i]}, outside the ${n} units.`);
    if (seg < 0 || seg >= numSegments) throw new Error(`Spike ${i} has segment index ${seg}, outside the ${numSegments} segments.`);
  }
  if (o.properties.gt_unit_locations.length !== n * 3) throw new Error(`gt_unit_locations must hold ${n} × 3 values.`);
  if (o.properties.max_channel_index.length !== n) throw new Error(`max_channel_index must hold ${n} values.`);
  if (new Set(o.unitIds).size !== n) throw new Error('The unit ids must be unique.');
}

/** Writes the sorting folder into `dir` (created if needed). */
export function writeNumpyFolderSorting(dir: string, o: NumpyFolderSortingInput): void {
  let maxSeg = 0;
  if (o.spikes.segmentIndex) for (let i = 0; i < o.spikes.length; i++) maxSeg = Math.max(maxSeg, o.spikes.segmentIndex[i]);
  const numSegments = o.numSegments ?? maxSeg + 1;
  checkSpikes(o, numSegments);
  const n = o.unitIds.length;

  withFsErrors('create', dir, () => mkdirSync(join(dir, SORTING_FOLDER_FILES.properties), { recursive: true }));
  const write = (name: string, data: Uint8Array | string) =>
    withFsErrors('write', join(dir, name), () => writeFileSynced(join(dir, name), data));

  write(SORTING_FOLDER_FILES.info, pythonJsonDumps({
    sampling_frequency: new PyFloat(o.samplingFrequency), unit_ids: o.unitIds, num_segments: numSegments,
  }));
  write(SORTING_FOLDER_FILES.spikes, encodeSpikeVector({ spikes: o.spikes }));
  write(join(SORTING_FOLDER_FILES.properties, 'gt_unit_locations.npy'), encodeNpy(o.properties.gt_unit_locations, [n, 3]));
  const maxChannel = BigInt64Array.from(o.properties.max_channel_index, (v) => BigInt(v));
  write(join(SORTING_FOLDER_FILES.properties, 'max_channel_index.npy'), encodeNpy(maxChannel, [n]));
  write(SORTING_FOLDER_FILES.siFolderJson, pythonJsonDumps({
    class: 'spikeinterface.core.sortingfolder.NumpyFolderSorting',
    module: 'spikeinterface',
    version: SPIKEINTERFACE_REFERENCE,
    kwargs: { folder_path: '.', mmap_mode: null },
    annotations: {},
    properties: { main_channel_id: null },
    relative_paths: true,
  }, 4));
}
