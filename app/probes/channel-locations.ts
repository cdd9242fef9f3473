/**
 * From probe contacts to recording channels, as SpikeInterface does when a probe is attached to a recording
 * (`BaseRecordingSnippets._get_probegroup_based_on_device_channel_indices`): contacts wired to -1 are dropped and
 * the rest are put in increasing `device_channel_indices` order; `get_channel_locations(axes="xy")` then reads
 * their positions. A probe without wiring is taken in contact order (SpikeInterface's generators always set
 * `device_channel_indices = arange(n)`, so for them both orders agree).
 */
import type { Probe } from './probe.ts';

/** Contact index of each recording channel, in channel order. */
export function channelOrder(probe: Probe): Int32Array {
  const n = probe.getContactCount();
  const dci = probe.device_channel_indices;
  if (!dci) return Int32Array.from({ length: n }, (_, i) => i);
  const kept: number[] = [];
  for (let i = 0; i < n; i++) if (dci[i] >= 0) kept.push(i);
  // the indices are unique among connected contacts, so the sort's stability does not matter
  kept.sort((a, b) => dci[a] - dci[b]);
  return Int32Array.from(kept);
}

/**
 * Channel locations (n_channels × axes.length, C order) in channel order. `axes` picks coordinates as
 * probeinterface `select_axes` does; SpikeInterface's default is "xy".
 */
export function channelLocations(probe: Probe, axes: 'xy' | 'xz' | 'yz' | 'xyz' = 'xy'): Float64Array {
  const dims = [...axes].map((a) => 'xyz'.indexOf(a));
  if (dims.some((d) => d >= probe.ndim)) throw new Error(`Axes '${axes}' need a 3-D probe; this one is ${probe.ndim}-D.`);
  const order = channelOrder(probe);
  const out = new Float64Array(order.length * dims.length);
  const pos = probe.contact_positions;
  order.forEach((c, k) => dims.forEach((d, j) => { out[k * dims.length + j] = pos[c * probe.ndim + d]; }));
  return out;
}

export interface ProbeBounds {
  /** Smallest coordinate per dimension (length ndim). */
  min: number[];
  /** Largest coordinate per dimension (length ndim). */
  max: number[];
}

/**
 * Bounding box of the contact centres, or of the planar contour too when `includeContour` is set.
 * SpikeInterface's generators place units relative to the contact box (`generate_unit_locations` uses
 * `channel_locations.min/max` plus a margin), so contacts alone is the default.
 */
export function probeBounds(probe: Probe, includeContour = false): ProbeBounds {
  const d = probe.ndim;
  const min = new Array<number>(d).fill(Infinity);
  const max = new Array<number>(d).fill(-Infinity);
  const sources = [probe.contact_positions];
  if (includeContour && probe.probe_planar_contour) sources.push(probe.probe_planar_contour);
  for (const arr of sources) {
    for (let i = 0; i < arr.length; i++) {
      const k = i % d;
      if (arr[i] < min[k]) min[k] = arr[i];
      if (arr[i] > max[k]) max[k] = arr[i];
    }
  }
  if (probe.getContactCount() === 0) throw new Error('A probe without contacts has no bounds.');
  return { min, max };
}

/** Extent per dimension (max − min) of `probeBounds`. */
export function probeSize(probe: Probe, includeContour = false): number[] {
  const b = probeBounds(probe, includeContour);
  return b.max.map((v, i) => v - b.min[i]);
}
