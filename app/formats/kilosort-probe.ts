/**
 * The probe in the two text formats Kilosort 4 loads (kilosort/io.py `load_probe`, by file suffix):
 *  - `.json`: the dict `save_probe` writes — keys chanMap (int, 0-based data rows), xc, yc, kcoords (floats; kcoords
 *    is the shank of each channel), n_chan (the number of rows in the .bin). load_probe turns every list into an
 *    array (int32 for chanMap, float32 otherwise) and requires chanMap, yc, xc, n_chan of equal lengths.
 *  - `.prb` (a Python file exec'd by load_probe): `channel_groups = {shank: {'channels': [...], 'geometry': {ch: (x, y)}}}`;
 *    load_probe sets kcoords to the group key.
 * Row j of our data is the channel wired to device channel j, so chanMap is 0..n-1 in channel order.
 */
import { channelOrder } from '../probes/channel-locations.ts';
import type { Probe } from '../probes/probe.ts';
import { pyFloats, pythonFloatText, pythonJsonDumps } from './python-json.ts';

export interface KilosortProbe {
  chanMap: number[];
  xc: number[];
  yc: number[];
  kcoords: number[];
  n_chan: number;
}

/** The Kilosort probe dict of a probe wired to channels 0..n-1. */
export function kilosortProbe(probe: Probe): KilosortProbe {
  const order = channelOrder(probe);
  const pos = probe.contact_positions;
  const d = probe.ndim;
  const shankIds = probe.shank_ids;
  const shankNumber = new Map<string, number>();
  const kcoords = Array.from(order, (c) => {
    if (!shankIds) return 0;
    const s = shankIds[c];
    if (!shankNumber.has(s)) shankNumber.set(s, Number.isInteger(Number(s)) && s !== '' ? Number(s) : shankNumber.size);
    return shankNumber.get(s)!;
  });
  return {
    chanMap: Array.from(order, (_, k) => k),
    xc: Array.from(order, (c) => pos[c * d]),
    yc: Array.from(order, (c) => pos[c * d + 1]),
    kcoords,
    n_chan: order.length,
  };
}

/** The `.json` text, as `json.dump` would write the dict (floats with ".0"). */
export function kilosortProbeJsonText(p: KilosortProbe): string {
  return pythonJsonDumps({ chanMap: p.chanMap, xc: pyFloats(p.xc), yc: pyFloats(p.yc), kcoords: pyFloats(p.kcoords), n_chan: p.n_chan }, 4) + '\n';
}

/** The `.prb` text: one channel group per shank (kcoords value), channels by data row. */
export function kilosortPrbText(p: KilosortProbe): string {
  const groups = [...new Set(p.kcoords)].sort((a, b) => a - b);
  const lines = ['# Probe for Kilosort 4 (kilosort.io.load_probe) written by Spikegen Studio.', 'channel_groups = {'];
  for (const g of groups) {
    const rows = p.chanMap.filter((_, k) => p.kcoords[k] === g);
    lines.push(`    ${g}: {`, `        'channels': [${rows.join(', ')}],`, "        'geometry': {");
    for (const r of rows) lines.push(`            ${r}: (${pythonFloatText(p.xc[r])}, ${pythonFloatText(p.yc[r])}),`);
    lines.push('        },', '    },');
  }
  lines.push('}', '');
  return lines.join('\n');
}
