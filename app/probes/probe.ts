/**
 * The geometry of one probe, mirroring probeinterface `Probe` (probe.py): contact positions (2-D or 3-D),
 * contact plane axes, shapes and shape params, the planar contour, wiring (`device_channel_indices`), contact and
 * shank ids, free annotations. Contacts are set together through `setContacts`, which checks what
 * `Probe.set_contacts` checks (ndim match, unique positions, known shapes, lengths).
 */
import { flattenPoints } from './points.ts';
import {
  CONTACT_SHAPES, type ContactShape, type ContactShapeParams, type ContactSide, type JsonValue, type PointsInput,
  type SiUnits,
} from './types.ts';

export interface ProbeOptions {
  ndim?: 2 | 3;
  si_units?: SiUnits;
  name?: string; serial_number?: string; model_name?: string; manufacturer?: string;
}

export interface SetContactsOptions {
  positions: PointsInput;
  /** One shape for all contacts or one per contact; probeinterface's default is "circle". */
  shapes?: ContactShape | readonly ContactShape[];
  /** One dict for all contacts or one per contact; probeinterface's default is `{radius: 10}`. */
  shape_params?: ContactShapeParams | readonly ContactShapeParams[];
  /** (n, 2, ndim); when absent in 2-D each contact gets the axes [[1, 0], [0, 1]]. */
  plane_axes?: Float64Array | ArrayLike<number>;
  contact_ids?: readonly (string | number)[] | null;
  shank_ids?: readonly (string | number)[] | null;
  contact_sides?: readonly ContactSide[] | null;
}

export class Probe {
  readonly ndim: 2 | 3;
  readonly si_units: SiUnits;
  /** Probe-level metadata; name, serial_number, model_name, manufacturer and description live here too. */
  annotations: Record<string, JsonValue> = {};
  /** Per-contact metadata: each value has one entry per contact. */
  contact_annotations: Record<string, JsonValue[]> = {};
  /** Vertices (m × ndim, C order) of the probe outline, or null. */
  probe_planar_contour: Float64Array | null = null;
  /** Device channel of each contact (-1 = not connected), or null when unwired. */
  device_channel_indices: Int32Array | null = null;

  #positions: Float64Array = new Float64Array(0);
  #planeAxes: Float64Array = new Float64Array(0);
  #shapes: ContactShape[] = [];
  #shapeParams: ContactShapeParams[] = [];
  #contactIds: string[] | null = null;
  #shankIds: string[] | null = null;
  #contactSides: ContactSide[] | null = null;

  constructor(options: ProbeOptions = {}) {
    const ndim = options.ndim ?? 2;
    if (ndim !== 2 && ndim !== 3) throw new Error(`A probe has ndim 2 or 3, not ${String(ndim)}.`);
    this.ndim = ndim;
    this.si_units = options.si_units ?? 'um';
    // Same key order as Probe.__init__: name, serial_number, model_name, manufacturer.
    for (const key of ['name', 'serial_number', 'model_name', 'manufacturer'] as const) {
      const v = options[key];
      if (v !== undefined) this.annotations[key] = v;
    }
  }

  get contact_positions(): Float64Array { return this.#positions; }
  get contact_plane_axes(): Float64Array { return this.#planeAxes; }
  get contact_shapes(): readonly ContactShape[] { return this.#shapes; }
  get contact_shape_params(): readonly ContactShapeParams[] { return this.#shapeParams; }
  get contact_ids(): readonly string[] | null { return this.#contactIds; }
  get shank_ids(): readonly string[] | null { return this.#shankIds; }
  get contact_sides(): readonly ContactSide[] | null { return this.#contactSides; }

  get name(): string | undefined { return this.#text('name'); }
  get model_name(): string | undefined { return this.#text('model_name'); }
  get manufacturer(): string | undefined { return this.#text('manufacturer'); }
  get description(): string | undefined { return this.#text('description'); }

  #text(key: string): string | undefined {
    const v = this.annotations[key];
    return typeof v === 'string' ? v : undefined;
  }

  getContactCount(): number { return this.#shapes.length; }

  /** Distinct shank ids, or 1 when none are set (Probe.get_shank_count). */
  getShankCount(): number { return this.#shankIds === null ? 1 : new Set(this.#shankIds).size; }

  /** Adds or replaces probe annotations, keeping insertion order as Python dicts do (Probe.annotate). */
  annotate(values: Record<string, JsonValue>): void {
    if ('first_index' in values && values.first_index !== 0 && values.first_index !== 1) {
      throw new Error(`The 'first_index' annotation must be 0 or 1, not ${JSON.stringify(values.first_index)}.`);
    }
    Object.assign(this.annotations, values);
  }

  /** Per-contact annotations; every value needs one entry per contact (Probe.annotate_contacts). */
  annotateContacts(values: Record<string, ArrayLike<JsonValue>>): void {
    const n = this.getContactCount();
    for (const [key, list] of Object.entries(values)) {
      if (list.length !== n) {
        throw new Error(`Contact annotation '${key}' has ${list.length} values but the probe has ${n} contacts.`);
      }
      this.contact_annotations[key] = Array.from(list);
    }
  }

  /** Sets every contact at once, with the checks of Probe.set_contacts. */
  setContacts(o: SetContactsOptions): void {
    const positions = flattenPoints(o.positions, this.ndim, 'contact positions');
    const n = positions.length / this.ndim;
    checkUniquePositions(positions, this.ndim, o.contact_sides ?? null);

    let axes: Float64Array;
    if (o.plane_axes === undefined) {
      if (this.ndim === 3) throw new Error('A 3-D probe needs plane_axes for its contacts.');
      axes = new Float64Array(n * 4);
      for (let i = 0; i < n; i++) { axes[i * 4] = 1; axes[i * 4 + 3] = 1; }
    } else {
      axes = Float64Array.from(o.plane_axes);
      if (axes.length !== n * 2 * this.ndim) {
        throw new Error(`plane_axes holds ${axes.length} numbers; ${n} contacts need ${n} × 2 × ${this.ndim}.`);
      }
    }

    const shapesIn = o.shapes ?? 'circle';
    const shapes = typeof shapesIn === 'string' ? new Array<ContactShape>(n).fill(shapesIn) : [...shapesIn];
    const bad = shapes.find((s) => !(CONTACT_SHAPES as readonly string[]).includes(s));
    if (bad !== undefined) throw new Error(`Contact shape '${bad}' is not one of ${CONTACT_SHAPES.join(', ')}.`);
    if (shapes.length !== n) throw new Error(`${shapes.length} contact shapes were given for ${n} contacts.`);

    const paramsIn = o.shape_params ?? { radius: 10 };
    const params = isParamList(paramsIn) ? paramsIn.map((p) => ({ ...p })) : shapes.map(() => ({ ...paramsIn }));
    if (params.length !== n) throw new Error(`${params.length} contact shape params were given for ${n} contacts.`);

    if (o.contact_sides) {
      if (o.contact_sides.length !== n) throw new Error(`${o.contact_sides.length} contact sides for ${n} contacts.`);
      if (o.contact_sides.some((s) => s !== 'front' && s !== 'back')) throw new Error("Contact sides must be 'front' or 'back'.");
    }
    this.#positions = positions;
    this.#planeAxes = axes;
    this.#shapes = shapes;
    this.#shapeParams = params;
    this.#contactSides = o.contact_sides ? [...o.contact_sides] : null;
    this.#shankIds = null;
    if (o.contact_ids) this.setContactIds(o.contact_ids);
    if (o.shank_ids) this.setShankIds(o.shank_ids);
  }

  /** Ids as strings, unique in the probe; all-empty ids mean "no ids" (Probe.set_contact_ids). */
  setContactIds(ids: readonly (string | number)[]): void {
    const text = ids.map(String);
    if (text.every((c) => c === '')) { this.#contactIds = null; return; }
    if (text.length !== this.getContactCount()) {
      throw new Error(`${text.length} contact ids were given for ${this.getContactCount()} contacts.`);
    }
    if (new Set(text).size !== text.length) throw new Error('Contact ids must be unique within a probe.');
    this.#contactIds = text;
  }

  /** Shank of each contact, as strings (Probe.set_shank_ids). */
  setShankIds(ids: readonly (string | number)[]): void {
    if (ids.length !== this.getContactCount()) {
      throw new Error(`${ids.length} shank ids were given for ${this.getContactCount()} contacts.`);
    }
    this.#shankIds = ids.map(String);
  }

  /** Wiring of contacts to device channels, -1 for unconnected (Probe.set_device_channel_indices). */
  setDeviceChannelIndices(indices: ArrayLike<number>): void {
    if (indices.length !== this.getContactCount()) {
      throw new Error(`${indices.length} device channel indices were given for ${this.getContactCount()} contacts.`);
    }
    const out = Int32Array.from(indices);
    for (let i = 0; i < indices.length; i++) {
      if (out[i] !== indices[i]) throw new Error(`Device channel index ${i} (${indices[i]}) is not an integer.`);
    }
    this.device_channel_indices = out;
  }

  /** The probe outline (Probe.set_planar_contour): vertices with ndim coordinates each. */
  setPlanarContour(vertices: PointsInput): void {
    this.probe_planar_contour = flattenPoints(vertices, this.ndim, 'probe planar contour');
  }
}

const isParamList = (p: ContactShapeParams | readonly ContactShapeParams[]): p is readonly ContactShapeParams[] => Array.isArray(p);

/** Same message content as probeinterface `_raise_non_unique_positions_error`; per side on double-sided probes. */
function checkUniquePositions(flat: Float64Array, ndim: number, sides: readonly ContactSide[] | null): void {
  const seen = new Map<string, number[]>();
  for (let i = 0; i < flat.length / ndim; i++) {
    const key = `${sides ? sides[i] : ''}|${Array.from(flat.subarray(i * ndim, (i + 1) * ndim)).join(', ')}`;
    const list = seen.get(key);
    if (list) list.push(i); else seen.set(key, [i]);
  }
  const dups = [...seen.entries()].filter(([, idx]) => idx.length > 1);
  if (dups.length === 0) return;
  const info = dups.map(([k, idx]) => `Position (${k.split('|')[1]}) appears at indices [${idx.join(', ')}]`);
  throw new Error(`Contact positions must be unique within a probe. Found ${dups.length} duplicate(s): ${info.join('; ')}`);
}
