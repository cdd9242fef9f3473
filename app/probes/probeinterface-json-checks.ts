/**
 * Checks of one probe entry of a probeinterface JSON document, written as sentences a user can act on.
 * The rules are those of probeinterface's schema (schema/probe.json.schema) and of what `Probe.from_dict` /
 * `Probe.set_contacts` refuse (lengths, unique positions and ids, known shapes, ndim match).
 */
import { CONTACT_SHAPES } from './types.ts';

type Dict = Record<string, unknown>;

export const isDict = (v: unknown): v is Dict => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const SHAPE_KEY: Record<string, string[]> = { circle: ['radius'], square: ['width'], rect: ['width', 'height'] };

/** Rows of `width` finite numbers; returns the number of rows or null after reporting. */
function checkRows(v: unknown, width: number, label: string, out: string[]): number | null {
  if (!Array.isArray(v)) { out.push(`${label} must be a list of points.`); return null; }
  const bad = v.findIndex((r) => !Array.isArray(r) || r.length !== width || !r.every(isNum));
  if (bad >= 0) { out.push(`${label}: point ${bad} is not a list of ${width} finite numbers.`); return null; }
  return v.length;
}

function checkLength(v: unknown, n: number, label: string, out: string[]): v is unknown[] {
  if (!Array.isArray(v)) { out.push(`${label} must be a list.`); return false; }
  if (v.length !== n) { out.push(`${label} has ${v.length} entries but the probe has ${n} contacts.`); return false; }
  return true;
}

/** Every problem of probe entry `d`, each as a sentence starting with `label`. Empty when the entry is valid. */
export function probeEntryProblems(d: unknown, label: string): string[] {
  const out: string[] = [];
  if (!isDict(d)) return [`${label} is not an object.`];
  const ndim = d.ndim;
  if (ndim !== 2 && ndim !== 3) out.push(`${label}: "ndim" must be 2 or 3, not ${JSON.stringify(ndim)}.`);
  if (!['um', 'mm', 'm'].includes(d.si_units as string)) {
    out.push(`${label}: "si_units" must be "um", "mm" or "m", not ${JSON.stringify(d.si_units)}.`);
  }
  if (d.annotations !== undefined && !isDict(d.annotations)) out.push(`${label}: "annotations" must be an object.`);
  const width = ndim === 3 ? 3 : 2;
  const n = d.contact_positions === undefined
    ? (out.push(`${label}: "contact_positions" is missing.`), null)
    : checkRows(d.contact_positions, width, `${label}: "contact_positions"`, out);
  if (n === null) return out; // every other check is relative to the contact count

  const seen = new Map<string, number>();
  const sides = Array.isArray(d.contact_sides) ? d.contact_sides : [];
  (d.contact_positions as number[][]).forEach((p, i) => {
    const key = `${String(sides[i] ?? '')}|${p.join(', ')}`;
    const first = seen.get(key);
    if (first !== undefined) out.push(`${label}: contacts ${first} and ${i} are both at (${p.join(', ')}); positions must be unique.`);
    else seen.set(key, i);
  });

  const axes = d.contact_plane_axes;
  if (axes === undefined) {
    if (ndim === 3) out.push(`${label}: "contact_plane_axes" is missing; a 3-D probe needs them.`);
  } else if (checkLength(axes, n, `${label}: "contact_plane_axes"`, out)) {
    const bad = axes.findIndex((a) => checkRows(a, width, '', []) !== 2);
    if (bad >= 0) out.push(`${label}: "contact_plane_axes" entry ${bad} is not two vectors of ${width} numbers.`);
  }

  const shapes = d.contact_shapes;
  if (shapes === undefined) out.push(`${label}: "contact_shapes" is missing.`);
  else if (checkLength(shapes, n, `${label}: "contact_shapes"`, out)) {
    const bad = shapes.findIndex((s) => !(CONTACT_SHAPES as readonly unknown[]).includes(s));
    if (bad >= 0) out.push(`${label}: contact ${bad} has shape ${JSON.stringify(shapes[bad])}; shapes are ${CONTACT_SHAPES.join(', ')}.`);
  }
  const params = d.contact_shape_params;
  if (params === undefined) out.push(`${label}: "contact_shape_params" is missing.`);
  else if (checkLength(params, n, `${label}: "contact_shape_params"`, out)) {
    for (let i = 0; i < n; i++) {
      const p = params[i];
      if (!isDict(p) || !Object.values(p).every(isNum)) { out.push(`${label}: shape params of contact ${i} must map names to numbers.`); break; }
      const need = Array.isArray(shapes) ? SHAPE_KEY[shapes[i] as string] ?? [] : [];
      const missing = need.filter((k) => !isNum(p[k]) || (p[k] as number) < 0);
      if (missing.length) { out.push(`${label}: contact ${i} (${String(shapes && (shapes as unknown[])[i])}) needs a non-negative "${missing.join('" and "')}".`); break; }
    }
  }

  if (d.probe_planar_contour !== undefined && d.probe_planar_contour !== null) {
    checkRows(d.probe_planar_contour, width, `${label}: "probe_planar_contour"`, out);
  }
  const dci = d.device_channel_indices;
  if (dci !== undefined && dci !== null && checkLength(dci, n, `${label}: "device_channel_indices"`, out)) {
    const bad = dci.findIndex((c) => !Number.isInteger(c) || (c as number) < -1);
    if (bad >= 0) out.push(`${label}: device channel index ${bad} is ${JSON.stringify(dci[bad])}; it must be an integer ≥ -1.`);
  }
  for (const key of ['contact_ids', 'shank_ids', 'contact_sides'] as const) {
    const v = d[key];
    if (v === undefined || v === null || !checkLength(v, n, `${label}: "${key}"`, out)) continue;
    const bad = v.findIndex((s) => typeof s !== 'string' && !isNum(s));
    if (bad >= 0) { out.push(`${label}: "${key}" entry ${bad} is not a string.`); continue; }
    if (key === 'contact_ids' && !v.every((s) => s === '') && new Set(v.map(String)).size !== n) {
      out.push(`${label}: "contact_ids" repeat an id; contact ids must be unique within a probe.`);
    }
    if (key === 'contact_sides' && v.some((s) => s !== 'front' && s !== 'back')) {
      out.push(`${label}: "contact_sides" may only hold "front" or "back".`);
    }
  }
  const ca = d.contact_annotations;
  if (ca !== undefined && !isDict(ca)) out.push(`${label}: "contact_annotations" must be an object.`);
  else if (ca) for (const [k, v] of Object.entries(ca)) checkLength(v, n, `${label}: contact annotation "${k}"`, out);
  return out;
}
