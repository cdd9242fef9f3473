/**
 * What the probe drawing needs, from the preset: contact positions and sizes in µm (built with the probe model
 * of app/probes exactly as the engine builds it), the outline, and the unit locations when the preset gives them.
 */
import { generateMultiColumnsProbe } from '../../app/probes/multi-columns.ts';
import { getNamedProbe, isNamedProbe } from '../../app/probes/named-probes.ts';
import type { Probe } from '../../app/probes/probe.ts';
import { readProbeinterfaceJson } from '../../app/probes/probeinterface-json.ts';
import type { ProbeSource } from '../../app/presets/resolve.ts';

export interface Contact { x: number; y: number; shape: 'circle' | 'square' | 'rect'; w: number; h: number }
export interface ProbeGeometry {
  contacts: Contact[];
  contour: [number, number][];
  bounds: { x0: number; x1: number; y0: number; y1: number };
  label: string;
}

function fromProbe(probe: Probe, label: string): ProbeGeometry {
  const pos = probe.contact_positions;
  const nd = probe.ndim;
  const contacts: Contact[] = [];
  for (let i = 0; i < probe.getContactCount(); i++) {
    const shape = probe.contact_shapes[i] ?? 'circle';
    const p = probe.contact_shape_params[i] ?? {};
    const w = shape === 'circle' ? 2 * (p.radius ?? 5) : (p.width ?? 10);
    const h = shape === 'circle' ? w : shape === 'square' ? w : (p.height ?? w);
    contacts.push({ x: pos[i * nd], y: pos[i * nd + 1], shape, w, h });
  }
  const contour: [number, number][] = [];
  const c = probe.probe_planar_contour;
  if (c) for (let i = 0; i + nd - 1 < c.length; i += nd) contour.push([c[i], c[i + 1]]);
  let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
  for (const k of contacts) {
    x0 = Math.min(x0, k.x - k.w / 2); x1 = Math.max(x1, k.x + k.w / 2);
    y0 = Math.min(y0, k.y - k.h / 2); y1 = Math.max(y1, k.y + k.h / 2);
  }
  if (!contacts.length) { x0 = 0; x1 = 1; y0 = 0; y1 = 1; }
  return { contacts, contour, bounds: { x0, x1, y0, y1 }, label };
}

/** Throws a sentence when the probe cannot be built from what is given. */
export function probeGeometry(source: ProbeSource): ProbeGeometry {
  if (source.kind === 'named') {
    if (!isNamedProbe(source.name)) throw new Error(`"${source.name}" comes from the probeinterface library; it is not drawn here.`);
    return fromProbe(getNamedProbe(source.name), source.name);
  }
  if (source.kind === 'generated') {
    const k = source.kwargs;
    const probe = generateMultiColumnsProbe({
      num_columns: k.num_columns, num_contact_per_column: k.num_contact_per_column, xpitch: k.xpitch, ypitch: k.ypitch,
      y_shift_per_column: k.y_shift_per_column, contact_shapes: k.contact_shapes, contact_shape_params: k.contact_shape_params,
    });
    return fromProbe(probe, 'generated multi-column probe');
  }
  const group = readProbeinterfaceJson(source.json);
  const probe = group.probes[0];
  return fromProbe(probe, probe.model_name ?? probe.name ?? 'imported probe');
}
