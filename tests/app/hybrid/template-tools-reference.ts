// Loads fixtures/template_tools_reference.json (made by make_template_tools_reference.py with SI's own functions).
import { readFileSync } from 'node:fs';
import { Probe } from '../../../app/probes/probe.ts';
import { makeTemplates, type Templates } from '../../../app/hybrid/templates-object.ts';

export interface Reference {
  channel_locations: number[]; templates_shape: [number, number, number]; templates: number[]; unit_ids: number[];
  nbefore: number; main_channels: number[];
  select: { kwargs: Record<string, number | string>; unit_ids: number[] | null }[];
  scale: { kwargs: Record<string, number | string>; dtype: string; templates: number[] }[];
  relocate: { kwargs: Record<string, number | boolean>; dtype: string; templates: number[] }[];
  interpolate: Record<'linear' | 'cubic', { dest: number[]; shape: number[]; values: number[] }>;
  move_linear: { displacements: number[]; shape: number[]; values: number[] };
  griddata: { points: number[]; values: number[]; queries: number[]; linear: number[]; cubic: number[] };
  monopolar: Record<'ptp' | 'energy' | 'peak_voltage', number[]>;
  sparsity_channels: number[][];
}

export const REF = JSON.parse(readFileSync(new URL('./fixtures/template_tools_reference.json', import.meta.url), 'utf8')) as Reference;

export function referenceTemplates(): Templates {
  const probe = new Probe({ ndim: 2, si_units: 'um' });
  probe.setContacts({ positions: Float64Array.from(REF.channel_locations), shapes: 'square', shape_params: { width: 12 } });
  return makeTemplates({
    templatesArray: Float32Array.from(REF.templates), shape: REF.templates_shape, samplingFrequency: 30000,
    nbefore: REF.nbefore, unitIds: REF.unit_ids, probe,
  });
}

/** Largest |a − b| relative to max(1, |b|), and where. */
export function worst(a: ArrayLike<number>, b: ArrayLike<number>): { err: number; at: number } {
  let err = 0, at = -1;
  for (let i = 0; i < b.length; i++) {
    const e = Math.abs(a[i] - b[i]) / Math.max(1, Math.abs(b[i]));
    if (!(e <= err)) { err = e; at = i; }
  }
  return { err, at };
}
