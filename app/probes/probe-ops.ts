/**
 * Operations on a Probe that probeinterface defines as methods: `get_slice`, `copy`, `move`, `to_3d`,
 * `create_auto_shape`. Kept apart from the model so probe.ts stays the state and its checks.
 */
import { Probe } from './probe.ts';
import type { JsonValue } from './types.ts';

function cloneJson<T extends JsonValue | Record<string, JsonValue> | Record<string, JsonValue[]>>(v: T): T {
  return structuredClone(v);
}

/**
 * A new probe with the selected contacts, in selection order (Probe.get_slice). `selection` is a list of
 * unique contact indices or a boolean mask of length n. As in probeinterface the planar contour and the probe
 * annotations are kept whole: a slice of a Neuropixels probe keeps the outline of the full shank.
 */
export function getSlice(probe: Probe, selection: ArrayLike<number> | readonly boolean[]): Probe {
  const n = probe.getContactCount();
  let idx: number[];
  if (selection.length > 0 && typeof selection[0] === 'boolean') {
    if (selection.length !== n) throw new Error(`A boolean selection needs ${n} entries, not ${selection.length}.`);
    idx = [];
    for (let i = 0; i < n; i++) if (selection[i]) idx.push(i);
  } else {
    idx = Array.from(selection as ArrayLike<number>);
    for (const i of idx) {
      if (!Number.isInteger(i) || i < 0 || i >= n) throw new Error(`Contact index ${i} is outside 0..${n - 1}.`);
    }
    if (new Set(idx).size !== idx.length) throw new Error('A contact selection must not repeat an index.');
  }
  const d = probe.ndim;
  const pick = <T>(list: readonly T[]): T[] => idx.map((i) => list[i]);
  const positions = new Float64Array(idx.length * d);
  const axes = new Float64Array(idx.length * 2 * d);
  idx.forEach((src, k) => {
    positions.set(probe.contact_positions.subarray(src * d, (src + 1) * d), k * d);
    axes.set(probe.contact_plane_axes.subarray(src * 2 * d, (src + 1) * 2 * d), k * 2 * d);
  });
  const out = new Probe({ ndim: d, si_units: probe.si_units });
  out.setContacts({
    positions, plane_axes: axes, shapes: pick(probe.contact_shapes), shape_params: pick(probe.contact_shape_params),
    contact_ids: probe.contact_ids ? pick(probe.contact_ids) : null,
    shank_ids: probe.shank_ids ? pick(probe.shank_ids) : null,
    contact_sides: probe.contact_sides ? pick(probe.contact_sides) : null,
  });
  if (probe.probe_planar_contour) out.probe_planar_contour = probe.probe_planar_contour.slice();
  if (probe.device_channel_indices) out.setDeviceChannelIndices(pick(Array.from(probe.device_channel_indices)));
  out.annotate(cloneJson(probe.annotations));
  for (const [k, v] of Object.entries(probe.contact_annotations)) out.contact_annotations[k] = cloneJson(pick(v));
  return out;
}

/** A deep copy. Unlike probeinterface's `copy` (which drops the wiring) this keeps everything. */
export function cloneProbe(probe: Probe): Probe {
  return getSlice(probe, Array.from({ length: probe.getContactCount() }, (_, i) => i));
}

/** Translates contacts and contour in place (Probe.move). */
export function moveProbe(probe: Probe, translation: readonly number[]): void {
  if (translation.length !== probe.ndim) {
    throw new Error(`A translation of a ${probe.ndim}-D probe needs ${probe.ndim} numbers, not ${translation.length}.`);
  }
  for (const arr of [probe.contact_positions, probe.probe_planar_contour]) {
    if (arr) for (let i = 0; i < arr.length; i++) arr[i] += translation[i % probe.ndim];
  }
}

/** Puts 2-D rows into 3-D on the given plane (probe.py `_2d_to_3d`). */
function lift(flat: Float64Array, axes: 'xy' | 'yz' | 'xz'): Float64Array {
  const dims = [...axes].map((a) => 'xyz'.indexOf(a));
  const out = new Float64Array((flat.length / 2) * 3);
  for (let i = 0; i < flat.length / 2; i++) {
    out[i * 3 + dims[0]] = flat[i * 2];
    out[i * 3 + dims[1]] = flat[i * 2 + 1];
  }
  return out;
}

/** A 3-D probe lying on the plane `axes` (Probe.to_3d; ids, shanks and annotations are not carried over). */
export function to3d(probe: Probe, axes: 'xy' | 'yz' | 'xz' = 'xz'): Probe {
  if (probe.ndim !== 2) throw new Error('Only a 2-D probe can be turned into a 3-D one.');
  const out = new Probe({ ndim: 3, si_units: probe.si_units });
  out.setContacts({
    positions: lift(probe.contact_positions, axes), plane_axes: lift(probe.contact_plane_axes, axes),
    shapes: probe.contact_shapes, shape_params: probe.contact_shape_params,
  });
  if (probe.probe_planar_contour) out.probe_planar_contour = lift(probe.probe_planar_contour, axes);
  if (probe.device_channel_indices) out.device_channel_indices = probe.device_channel_indices.slice();
  return out;
}

/**
 * Outline drawn around the contacts (Probe.create_auto_shape): per shank, the x range of that shank's contacts
 * but — as in probeinterface — the y range of all contacts, widened by `margin`; "tip" adds a point
 * 4 × margin below the middle. Shanks are visited in sorted-id order, like `np.unique`.
 */
export function createAutoShape(probe: Probe, probeType: 'tip' | 'rect' | 'circular' = 'tip', margin = 20): void {
  if (probe.ndim !== 2) throw new Error(`Auto shape is supported only for 2-D probes, this one has ndim ${probe.ndim}.`);
  const n = probe.getContactCount();
  const pos = probe.contact_positions;
  const shankOf = probe.shank_ids ?? new Array<string>(n).fill('0');
  let y0 = Infinity, y1 = -Infinity;
  for (let i = 0; i < n; i++) { y0 = Math.min(y0, pos[i * 2 + 1]); y1 = Math.max(y1, pos[i * 2 + 1]); }
  y0 -= margin; y1 += margin;
  const polygon: number[][] = [];
  for (const shank of [...new Set(shankOf)].sort()) {
    let x0 = Infinity, x1 = -Infinity;
    for (let i = 0; i < n; i++) {
      if (shankOf[i] === shank) { x0 = Math.min(x0, pos[i * 2]); x1 = Math.max(x1, pos[i * 2]); }
    }
    x0 -= margin; x1 += margin;
    if (probeType === 'rect') polygon.push([x0, y1], [x0, y0], [x1, y0], [x1, y1]);
    else if (probeType === 'tip') polygon.push([x0, y1], [x0, y0], [(x0 + x1) * 0.5, y0 - margin * 4], [x1, y0], [x1, y1]);
    else if (probeType === 'circular') {
      const radius = Math.max((x1 - x0) / 2, (y1 - y0) / 2) + margin;
      const cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
      const step = (2 * Math.PI) / 100; // np.linspace(0, 2π, 100, endpoint=False)
      for (let k = 0; k < 100; k++) polygon.push([cx + radius * Math.cos(k * step), cy + radius * Math.sin(k * step)]);
    } else throw new Error(`The probe type of an auto shape is 'tip', 'rect' or 'circular', not '${String(probeType)}'.`);
  }
  probe.setPlanarContour(polygon);
}
