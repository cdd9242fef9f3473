/**
 * The probe as SpikeInterface 0.105 stores it with a recording: ordered by channel (BinaryFolderRecording reads
 * probegroup.json "already ordered correctly": contact k is channel k) and written with Python value types, so
 * that probeinterface's `from_dict` builds float positions as it does from SpikeInterface's own files.
 */
import { channelOrder } from '../probes/channel-locations.ts';
import type { Probe } from '../probes/probe.ts';
import { getSlice } from '../probes/probe-ops.ts';
import { PROBEINTERFACE_VERSION, probeToDict } from '../probes/probeinterface-json.ts';
import type { JsonValue } from '../probes/types.ts';
import { PyFloat, pythonJsonDumps } from './python-json.ts';

/**
 * Annotation keys that probeinterface stores as floats even when integral (neuropixels_tools.py builds them with
 * `float(...)`): the reference probegroup.json has `"ap_sample_frequency_hz": 30000.0`, `"shank_tips": [[24.0, -220.0]]`.
 */
const FLOAT_ANNOTATIONS = new Set(['shank_tips', 'ap_sample_frequency_hz', 'lf_sample_frequency_hz', 'adc_range_vpp']);

/** Every number in `v` as a Python float. */
function deepFloats(v: JsonValue): unknown {
  if (typeof v === 'number') return new PyFloat(v);
  if (Array.isArray(v)) return v.map(deepFloats);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, deepFloats(x)]));
  return v;
}

/** The contacts wired to channels 0..n-1, in channel order, wired 0..n-1 (what SpikeInterface's set_probe keeps). */
export function probeInChannelOrder(probe: Probe): Probe {
  const order = channelOrder(probe);
  const n = probe.getContactCount();
  const identity = order.length === n && order.every((c, k) => c === k);
  const dci = probe.device_channel_indices;
  if (identity && dci && dci.every((c, k) => c === k)) return probe;
  const sliced = getSlice(probe, order);
  sliced.setDeviceChannelIndices(Int32Array.from({ length: order.length }, (_, k) => k));
  return sliced;
}

/** probeinterface `Probe.to_dict()` with Python types: coordinates and shape sizes are floats. */
export function probeDictWithPythonTypes(probe: Probe): Record<string, unknown> {
  const d = probeToDict(probe);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(d)) {
    if (k === 'contact_positions' || k === 'contact_plane_axes' || k === 'probe_planar_contour' || k === 'contact_shape_params') {
      out[k] = deepFloats(v);
    } else if (k === 'annotations') {
      out[k] = Object.fromEntries(Object.entries(v as Record<string, JsonValue>)
        .map(([ak, av]) => [ak, FLOAT_ANNOTATIONS.has(ak) ? deepFloats(av) : av]));
    } else {
      out[k] = v;
    }
  }
  return out;
}

/** `ProbeGroup.to_dict()`: `{"probes": [...]}` — the form embedded in si_folder.json (no specification/version). */
export function probeGroupDict(probe: Probe): { probes: Record<string, unknown>[] } {
  return { probes: [probeDictWithPythonTypes(probe)] };
}

/** The text of a probeinterface file (`write_probeinterface`: `json.dump(d, f, indent=4)`). */
export function probeinterfaceFileText(probe: Probe): string {
  return pythonJsonDumps({ specification: 'probeinterface', version: PROBEINTERFACE_VERSION, ...probeGroupDict(probe) }, 4);
}
