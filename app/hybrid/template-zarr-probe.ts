/**
 * probeinterface `Probe.from_zarr_group` (probe.py): the `probe` subgroup that `Templates.to_zarr` writes holds one
 * array per field of `Probe.to_numpy(complete=True)` (x, y[, z], contact_shapes, width/radius/height,
 * plane_axis_*, contact_ids, shank_ids, device_channel_indices, si_units, and contact annotations), plus
 * `probe_planar_contour` and an `annotations` group whose attributes are the probe annotations. Rebuilt here into
 * the project's `Probe` the way `Probe.from_numpy` does it.
 */
import { Probe } from '../probes/probe.ts';
import type { ContactShape, ContactShapeParams, ContactSide, JsonValue, SiUnits } from '../probes/types.ts';
import * as zarr from 'zarrita';
import { TemplateDatabaseError } from './template-database-errors.ts';
import { readValues, type ZarrLocation } from './template-zarr-values.ts';

/** `Probe.from_numpy`'s main fields; any other array is a contact annotation. */
const MAIN_FIELDS = new Set(['x', 'y', 'z', 'contact_shapes', 'shank_ids', 'contact_ids', 'contact_sides',
  'device_channel_indices', 'radius', 'width', 'height', 'plane_axis_x_0', 'plane_axis_x_1', 'plane_axis_y_0',
  'plane_axis_y_1', 'plane_axis_z_0', 'plane_axis_z_1', 'probe_index', 'si_units']);

export interface GroupListing { arrays: string[]; groups: string[] }

export async function readProbeGroup(group: ZarrLocation, listing: GroupListing, signal?: AbortSignal): Promise<Probe> {
  const fields = new Map<string, (string | number | boolean)[]>();
  for (const name of listing.arrays) {
    if (name === 'probe_planar_contour') continue;
    fields.set(name, (await readValues(group.resolve(name), `probe array ${name}`, signal)).values);
  }
  const col = (k: string) => fields.get(k);
  const x = col('x'), y = col('y');
  if (!x || !y) throw new TemplateDatabaseError('invalid', 'The probe group has no x / y arrays (probeinterface writes both).');
  const n = x.length;
  const ndim = col('z') ? 3 : 2;
  const units = col('si_units');
  const siUnits = (units && units.length ? String(units[0]) : 'um') as SiUnits;
  if (units && new Set(units.map(String)).size > 1) throw new TemplateDatabaseError('invalid', 'The probe mixes several si_units.');
  const probe = new Probe({ ndim, si_units: siUnits });
  const positions = new Float64Array(n * ndim);
  const dims = ['x', 'y', 'z'].slice(0, ndim);
  dims.forEach((d, k) => col(d)!.forEach((v, i) => { positions[i * ndim + k] = Number(v); }));
  const shapes = (col('contact_shapes') ?? Array(n).fill('circle')).map(String) as ContactShape[];
  const params = shapes.map((s, i): ContactShapeParams => {
    const p = (k: string) => Number(col(k)?.[i]);
    if (s === 'circle') return { radius: p('radius') };
    if (s === 'square') return { width: p('width') };
    if (s === 'rect') return { width: p('width'), height: p('height') };
    throw new TemplateDatabaseError('invalid', `Contact ${i} has the unknown shape "${s}".`);
  });
  let planeAxes: Float64Array | undefined;
  if (col('plane_axis_x_0')) {
    planeAxes = new Float64Array(n * 2 * ndim);
    dims.forEach((d, k) => {
      col(`plane_axis_${d}_0`)?.forEach((v, i) => { planeAxes![i * 2 * ndim + k] = Number(v); });
      col(`plane_axis_${d}_1`)?.forEach((v, i) => { planeAxes![i * 2 * ndim + ndim + k] = Number(v); });
    });
  }
  probe.setContacts({
    positions, shapes, shape_params: params, plane_axes: planeAxes,
    shank_ids: col('shank_ids')?.map(String) ?? null,
    contact_sides: (col('contact_sides')?.map(String) as ContactSide[] | undefined) ?? null,
  });
  const dci = col('device_channel_indices');
  if (dci && !dci.every((v) => Number(v) === -1)) probe.setDeviceChannelIndices(dci.map(Number));
  const ids = col('contact_ids');
  if (ids) probe.setContactIds(ids.map(String));
  const extra: Record<string, JsonValue[]> = {};
  for (const [k, v] of fields) if (!MAIN_FIELDS.has(k)) extra[k] = v;
  if (Object.keys(extra).length) probe.annotateContacts(extra);
  if (listing.groups.includes('annotations')) {
    const ann = await zarr.open(group.resolve('annotations'), { kind: 'group' });
    probe.annotate(ann.attrs as Record<string, JsonValue>);
  }
  if (listing.arrays.includes('probe_planar_contour')) {
    const { values, shape } = await readValues(group.resolve('probe_planar_contour'), 'probe_planar_contour', signal);
    if (shape.length === 2 && shape[1] === ndim) probe.setPlanarContour(Float64Array.from(values.map(Number)));
  }
  return probe;
}
