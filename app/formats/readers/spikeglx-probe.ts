/**
 * The probe of a SpikeGLX imec recording, in saved-channel order. Mirrors probeinterface `read_spikeglx`
 * (neuropixels_tools.py), which neo (`load_channel_location`) and SpikeInterface `read_spikeglx` both call:
 * build the full catalogue probe of `imDatPrb_pn`, slice it to the IMRO table's electrodes (readout channel order),
 * slice again to the saved AP channels (`snsSaveChanSubset`), annotate serial/part/port/slot, wire contact k to
 * channel k. When the IMRO table cannot be resolved (NP1110 groups, or a part missing from the catalogue) the
 * geometry comes from `~snsGeomMap` (one `(shank:x:y:used)` entry per saved channel, x from the shank's left edge;
 * probeinterface `parse_spikeglx_snsGeomMap`): x − the catalogue's odd-row offset + shank × pitch gives the same
 * coordinates as the catalogue path (checked on the NP1.0 fixture, where x − 11 equals probeinterface's x).
 */
import { buildNeuropixelsProbe } from '../../probes/neuropixels-build.ts';
import type { NeuropixelsSpec } from '../../probes/neuropixels-catalogue.ts';
import { Probe } from '../../probes/probe.ts';
import { getSlice } from '../../probes/probe-ops.ts';
import { imroContactIds, type ImroTable } from './spikeglx-imro.ts';
import { listEntries, type SpikeGlxMeta } from './spikeglx-meta-parse.ts';

export interface ProbeInput {
  meta: SpikeGlxMeta;
  imro: ImroTable | null;
  spec: NeuropixelsSpec | null;
  part: string;
  /** readout channel (IMRO entry) of each saved AP channel, in file order */
  entries: readonly number[];
}

function annotateRecording(probe: Probe, p: ProbeInput): Probe {
  const m = p.meta;
  probe.annotate({
    serial_number: m.imDatPrb_sn ?? m.imProbeSN ?? null,
    part_number: p.part,
    port: m.imDatPrb_port ?? null,
    slot: m.imDatPrb_slot ?? null,
  });
  probe.setDeviceChannelIndices(Array.from({ length: probe.getContactCount() }, (_, i) => i));
  return probe;
}

/** probeinterface's path: catalogue probe → IMRO electrodes → saved channels. Null when an id is not in the catalogue. */
function fromImro(p: ProbeInput): Probe | null {
  if (!p.imro || !p.spec) return null;
  const ids = imroContactIds(p.imro);
  if (!ids) return null;
  const full = buildNeuropixelsProbe(p.spec.part_number, { annotations: 'current' });
  const index = new Map((full.contact_ids ?? []).map((id, i) => [id, i]));
  const picked = ids.map((id) => index.get(id));
  if (picked.some((i) => i === undefined)) return null;
  const active = getSlice(full, picked as number[]);
  if (p.entries.some((e) => e >= active.getContactCount())) return null;
  // probeinterface step 5c: NP1.0 parts have a list of gains, so the probe-level gains come from the first IMRO entry
  const ap = p.imro.fields.ap_gain?.[0];
  const lf = p.imro.fields.lf_gain?.[0];
  if (!('ap_gain' in active.annotations) && ap !== undefined) active.annotate({ ap_gain: ap });
  if (!('lf_gain' in active.annotations) && lf !== undefined) active.annotate({ lf_gain: lf });
  return p.entries.length === active.getContactCount() ? active : getSlice(active, p.entries);
}

/** From `~snsGeomMap`: header (part,num_shanks,shank_pitch,shank_width), then one entry per saved channel. */
function fromGeomMap(p: ProbeInput): Probe | null {
  const text = p.meta.snsGeomMap;
  if (!text) return null;
  const entries = listEntries(text);
  const [, , pitchText] = entries[0].split(',');
  const pitch = Number(pitchText);
  const rows = entries.slice(1).map((e) => e.split(':').map(Number));
  if (rows.length < p.entries.length) return null;
  const shift = p.spec ? p.spec.odd_row_offset_um : 0;
  const positions: number[][] = [];
  const shanks: number[] = [];
  for (let k = 0; k < p.entries.length; k++) {
    const [shank, x, y] = rows[k];
    positions.push([x - shift + shank * pitch, y]);
    shanks.push(shank);
  }
  const probe = new Probe({ ndim: 2, si_units: 'um', model_name: p.part, manufacturer: 'imec' });
  probe.setContacts({
    positions, shapes: 'square', shape_params: { width: p.spec ? p.spec.electrode_size_um : 12 },
    shank_ids: new Set(shanks).size > 1 ? shanks : null,
  });
  return probe;
}

/** The probe, or null when the .meta holds neither a usable IMRO table nor a geometry map. */
export function spikeGlxProbe(p: ProbeInput): Probe | null {
  const probe = fromImro(p) ?? fromGeomMap(p);
  return probe ? annotateRecording(probe, p) : null;
}

/** Only the snsGeomMap geometry (for checking it against the catalogue path). */
export function spikeGlxGeomMapProbe(p: ProbeInput): Probe | null {
  return fromGeomMap(p);
}
