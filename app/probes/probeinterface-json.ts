/**
 * The probeinterface JSON format (io.py `read_probeinterface` / `write_probeinterface`, probe.py `to_dict` /
 * `from_dict`): `{"specification": "probeinterface", "version", "probes": [...]}` where each probe lists its
 * fields in `Probe._dump_attr_names` order and omits those that are None. Reading reports every problem found,
 * as sentences, in one `ProbeJsonError` rather than stopping at the first.
 */
import { toRows } from './points.ts';
import { Probe } from './probe.ts';
import { ProbeGroup, duplicateChannelProblem } from './probe-group.ts';
import { isDict, probeEntryProblems } from './probeinterface-json-checks.ts';
import type { ContactShape, ContactShapeParams, ContactSide, JsonValue, SiUnits } from './types.ts';

/** The probeinterface version whose output the reference files hold (probeinterface main, 0.3.2). */
export const PROBEINTERFACE_VERSION = '0.3.2';

/** A probeinterface JSON document that could not be read; `problems` lists each reason as a sentence. */
export class ProbeJsonError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`This is not a valid probeinterface JSON document:\n- ${problems.join('\n- ')}`);
    this.name = 'ProbeJsonError';
    this.problems = problems;
  }
}

/** Parses (if text) and checks a probeinterface JSON document, then builds its probes. */
export function readProbeinterfaceJson(input: string | unknown): ProbeGroup {
  let doc: unknown = input;
  if (typeof input === 'string') {
    try { doc = JSON.parse(input); } catch (e) {
      throw new ProbeJsonError([`The text is not JSON (${(e as Error).message}).`]);
    }
  }
  if (!isDict(doc)) throw new ProbeJsonError(['The document is not a JSON object.']);
  const problems: string[] = [];
  if (doc.specification !== 'probeinterface') {
    problems.push(`"specification" must be "probeinterface", not ${JSON.stringify(doc.specification)}.`);
  }
  if (doc.version !== undefined && typeof doc.version !== 'string') problems.push('"version" must be a string.');
  if (!Array.isArray(doc.probes)) {
    problems.push('"probes" must be a list of probes.');
    throw new ProbeJsonError(problems);
  }
  if (doc.probes.length === 0) problems.push('"probes" is empty; a document holds at least one probe.');
  doc.probes.forEach((p, i) => problems.push(...probeEntryProblems(p, `Probe ${i}`)));
  if (problems.length) throw new ProbeJsonError(problems);

  const probes = (doc.probes as Record<string, unknown>[]).map(probeFromDict);
  const ndims = new Set(probes.map((p) => p.ndim));
  if (ndims.size > 1) problems.push('The probes mix 2-D and 3-D; a probe group has one ndim.');
  const dup = duplicateChannelProblem(probes);
  if (dup) problems.push(dup);
  if (problems.length) throw new ProbeJsonError(problems);
  return new ProbeGroup(probes);
}

/** One probe from its checked dict (Probe.from_dict). */
function probeFromDict(d: Record<string, unknown>): Probe {
  const probe = new Probe({ ndim: d.ndim as 2 | 3, si_units: d.si_units as SiUnits });
  const flat = (v: unknown) => (v as number[][][]).flat(2);
  let shankIds = d.shank_ids as (string | number)[] | null | undefined;
  if (shankIds && shankIds.every((s) => s === '')) shankIds = null; // probe.py: backward-compatible hack
  probe.setContacts({
    positions: d.contact_positions as number[][],
    plane_axes: d.contact_plane_axes === undefined ? undefined : flat(d.contact_plane_axes),
    shapes: d.contact_shapes as ContactShape[],
    shape_params: d.contact_shape_params as ContactShapeParams[],
    contact_ids: (d.contact_ids as (string | number)[] | undefined) ?? null,
    shank_ids: shankIds ?? null,
    contact_sides: (d.contact_sides as ContactSide[] | undefined) ?? null,
  });
  if (d.probe_planar_contour) probe.setPlanarContour(d.probe_planar_contour as number[][]);
  if (d.device_channel_indices) probe.setDeviceChannelIndices(d.device_channel_indices as number[]);
  if (d.annotations) probe.annotate(structuredClone(d.annotations) as Record<string, JsonValue>);
  if (d.contact_annotations) probe.annotateContacts(structuredClone(d.contact_annotations) as Record<string, JsonValue[]>);
  return probe;
}

/** The dict of one probe, fields in probeinterface's `_dump_attr_names` order, absent fields omitted. */
export function probeToDict(probe: Probe): Record<string, JsonValue> {
  const d = probe.ndim;
  const out: Record<string, JsonValue> = {
    ndim: d,
    si_units: probe.si_units,
    annotations: structuredClone(probe.annotations),
    contact_annotations: structuredClone(probe.contact_annotations),
    contact_positions: toRows(probe.contact_positions, d),
    contact_plane_axes: toRows(probe.contact_plane_axes, 2 * d).map((r) => [r.slice(0, d), r.slice(d)]),
    contact_shapes: [...probe.contact_shapes],
    contact_shape_params: probe.contact_shape_params.map((p) => ({ ...p })),
  };
  if (probe.probe_planar_contour) out.probe_planar_contour = toRows(probe.probe_planar_contour, d);
  if (probe.device_channel_indices) out.device_channel_indices = Array.from(probe.device_channel_indices);
  if (probe.contact_ids) out.contact_ids = [...probe.contact_ids];
  if (probe.shank_ids) out.shank_ids = [...probe.shank_ids];
  if (probe.contact_sides) out.contact_sides = [...probe.contact_sides];
  return out;
}

/** The probeinterface JSON object of a probe or group (write_probeinterface wraps a lone probe in a group). */
export function writeProbeinterfaceJson(
  probeOrGroup: Probe | ProbeGroup, version = PROBEINTERFACE_VERSION,
): { specification: 'probeinterface'; version: string; probes: Record<string, JsonValue>[] } {
  const probes = probeOrGroup instanceof Probe ? [probeOrGroup] : probeOrGroup.probes;
  return { specification: 'probeinterface', version, probes: probes.map(probeToDict) };
}

/** The document as text, indented by 4 like probeinterface's `json.dump(d, f, indent=4)`. */
export function stringifyProbeinterfaceJson(probeOrGroup: Probe | ProbeGroup): string {
  return JSON.stringify(writeProbeinterfaceJson(probeOrGroup), null, 4);
}
