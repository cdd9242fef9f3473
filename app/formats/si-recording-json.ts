/**
 * The two JSON documents of a BinaryFolderRecording, as SpikeInterface 0.105 writes them in
 * core/baserecording.py `_save(format="binary")` and core/base.py `save_to_folder`:
 *  - binary.json: `BinaryRecordingExtractor(...).dump(folder / "binary.json", relative_to=folder)`
 *  - si_folder.json: `BinaryFolderRecording(folder).dump_to_json(folder / "si_folder.json", relative_to=folder)`
 * Both come from BaseExtractor.to_dict(include_annotations=True, include_properties=False): "properties" holds
 * only `BaseRecording._main_properties` (group, gain_to_uV, offset_to_uV, gain_to_physical_unit,
 * offset_to_physical_unit, physical_unit), each the property array as a list or null when unset.
 */
import type { Probe } from '../probes/probe.ts';
import { SPIKEINTERFACE_REFERENCE } from '../version.ts';
import { NUMPY_DTYPE_STR, type RawDtype } from './raw-positional-io.ts';
import { PyFloat, pyFloats } from './python-json.ts';
import { probeGroupDict } from './si-probe-json.ts';
import { rawFileName } from './dataset-layout.ts';

export interface RecordingJsonInput {
  numChannels: number;
  dtype: RawDtype;
  samplingFrequency: number;
  channelIds: string[];
  /** per-channel µV per unit, or null (SpikeInterface's own float32 folders store none) */
  gains: Float64Array | null;
  offsets: Float64Array | null;
}

const BINARY_CLASS = 'spikeinterface.core.binaryrecordingextractor.BinaryRecordingExtractor';
const FOLDER_CLASS = 'spikeinterface.core.binaryfolder.BinaryFolderRecording';

/** The main properties; `group` is set on the folder recording only (it comes from properties/group.npy). */
function mainProperties(r: RecordingJsonInput, withGroup: boolean): Record<string, unknown> {
  return {
    group: withGroup ? new Array<number>(r.numChannels).fill(0) : null,
    gain_to_uV: r.gains ? pyFloats(r.gains) : null,
    offset_to_uV: r.offsets ? pyFloats(r.offsets) : null,
    gain_to_physical_unit: null,
    offset_to_physical_unit: null,
    physical_unit: null,
  };
}

/** binary.json: the kwargs of the BinaryRecordingExtractor that memory-maps the raw file (paths relative). */
export function binaryJsonDict(r: RecordingJsonInput): Record<string, unknown> {
  return {
    class: BINARY_CLASS,
    module: 'spikeinterface',
    version: SPIKEINTERFACE_REFERENCE,
    kwargs: {
      file_paths: [rawFileName(0)],
      sampling_frequency: new PyFloat(r.samplingFrequency),
      t_starts: null,
      num_channels: r.numChannels,
      dtype: NUMPY_DTYPE_STR[r.dtype],
      channel_ids: r.channelIds,
      time_axis: 0,
      file_offset: 0,
      // _save passes get_channel_gains()/get_channel_offsets(): per-channel arrays, serialised as lists
      gain_to_uV: r.gains ? pyFloats(r.gains) : null,
      offset_to_uV: r.offsets ? pyFloats(r.offsets) : null,
      is_filtered: false,
    },
    annotations: { is_filtered: false },
    properties: mainProperties(r, false),
    relative_paths: true,
  };
}

/** si_folder.json: the folder recording itself, with the probe group embedded (`_extra_metadata_to_dict`). */
export function siFolderJsonDict(r: RecordingJsonInput, probe: Probe): Record<string, unknown> {
  return {
    class: FOLDER_CLASS,
    module: 'spikeinterface',
    version: SPIKEINTERFACE_REFERENCE,
    kwargs: { folder_path: '.' },
    annotations: { is_filtered: false },
    properties: mainProperties(r, true),
    relative_paths: true,
    probegroup: probeGroupDict(probe),
  };
}
