/**
 * The IMRO table (`~imroTbl`) of a SpikeGLX imec .meta: which electrode each readout channel records and its gains.
 * Mirrors probeinterface `_parse_imro_string` and `_get_imro_active_contact_ids` (neuropixels_tools.py): the header's
 * first field is a numeric IMRO type (older SpikeGLX) or a part number (SpikeGLX 20260115 onward); the element fields
 * come from the format of that type (probeinterface's `z_imro_formats` in neuropixels_probe_features.json); NP1.0-style
 * tables give electrode = bank × 384 + channel, the others list the electrode; ids are "e{n}" or, with a shank
 * field, "s{shank}e{n}". Only the formats and fields the reader needs are kept here.
 */

type ImroFormat = 'np1000' | 'np1110' | 'np2000' | 'np2003' | 'np2010' | 'np2013' | 'np2020' | 'np3010' | 'np3020';

const ELEMENT_FIELDS: Record<ImroFormat, readonly string[]> = {
  np1000: ['channel', 'bank', 'ref_id', 'ap_gain', 'lf_gain', 'ap_hipas_flt'],
  np1110: ['group', 'bankA', 'bankB'],
  np2000: ['channel', 'bank_mask', 'ref_id', 'electrode'],
  np2003: ['channel', 'bank_mask', 'ref_id', 'electrode'],
  np2010: ['channel', 'shank', 'bank', 'ref_id', 'electrode'],
  np2013: ['channel', 'shank', 'bank', 'ref_id', 'electrode'],
  np2020: ['channel', 'shank', 'bank', 'ref_id', 'electrode'],
  np3010: ['channel', 'bank', 'ref_id', 'electrode'],
  np3020: ['channel', 'shank', 'bank', 'ref_id', 'electrode'],
};

/** z_imro_format_type_to_imro_format */
const TYPE_FORMAT: Record<string, ImroFormat> = {
  0: 'np1000', 1020: 'np1000', 1030: 'np1000', 1100: 'np1000', 1120: 'np1000', 1121: 'np1000', 1122: 'np1000',
  1123: 'np1000', 1200: 'np1000', 1300: 'np1000', 1110: 'np1110', 21: 'np2000', 24: 'np2010', 2003: 'np2003',
  2013: 'np2013', 2020: 'np2020', 3010: 'np3010', 3020: 'np3020',
};

/** imro_table_format_type of a part number, following the pattern of probeinterface's feature table. */
function partFormat(part: string): ImroFormat | null {
  const p = part.toUpperCase();
  if (p === 'NP1110') return 'np1110';
  if (/^(NP1\d{3}|PRB_1_|NP3000$)/.test(p)) return 'np1000';
  if (p === 'NP2000' || p.startsWith('PRB2_1_')) return 'np2000';
  if (/^NP200[3-6]$/.test(p)) return 'np2003';
  if (p === 'NP2010' || p.startsWith('PRB2_4_')) return 'np2010';
  if (/^NP201[34]$/.test(p)) return 'np2013';
  if (/^NP202[01]$/.test(p)) return 'np2020';
  if (/^NP301[01]$/.test(p)) return 'np3010';
  if (/^NP302\d$/.test(p)) return 'np3020';
  return null;
}

export interface ImroTable {
  /** the header's first field: a type code ("0", "21") or a part number ("NP2020") */
  type: string;
  format: ImroFormat;
  /** header fields after the type (e.g. num_channels; for NP1110 col_mode, ref_id, ap_gain, …) */
  header: number[];
  /** one array per element field, one value per entry (per readout channel, or per group for NP1110) */
  fields: Record<string, number[]>;
}

export function parseImro(text: string, metaPath: string): ImroTable {
  const entries = [...text.matchAll(/\(([^)]*)\)/g)].map((m) => m[1].trim());
  if (entries.length < 2) throw new Error(`${metaPath}: the IMRO table (~imroTbl) is empty or unreadable.`);
  const head = entries[0].split(',').map((s) => s.trim());
  // Phase3A tables have a 3-field header and the NP1.0 layout (probeinterface treats them as type 0)
  const type = head.length === 3 ? '0' : head[0];
  const format = TYPE_FORMAT[type] ?? partFormat(type);
  if (!format) throw new Error(`${metaPath}: the IMRO table type "${type}" is not a Neuropixels type this reader knows.`);
  const names = ELEMENT_FIELDS[format];
  const fields: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, [] as number[]]));
  for (const e of entries.slice(1)) {
    const values = e.split(/\s+/).map(Number);
    names.forEach((n, i) => fields[n].push(values[i]));
  }
  return { type, format, header: head.slice(1).map(Number), fields };
}

/** Contact ids ("e12", "s1e300") of the entries, as probeinterface names the electrodes of a full probe; null for NP1110. */
export function imroContactIds(t: ImroTable): string[] | null {
  let electrodes = t.fields.electrode;
  if (!electrodes && t.fields.channel) {
    const bank = t.fields.bank ?? t.fields.bank_mask;
    electrodes = t.fields.channel.map((c, i) => bank[i] * 384 + c);
  }
  if (!electrodes) return null;
  const shank = t.fields.shank;
  return electrodes.map((e, i) => (shank ? `s${shank[i]}e${e}` : `e${e}`));
}

/** The AP (or LF) gain of readout channel `entry`, or null when the table does not carry gains. */
export function imroGain(t: ImroTable, entry: number, kind: 'ap' | 'lf'): number | null {
  if (t.format === 'np1000') return t.fields[kind === 'ap' ? 'ap_gain' : 'lf_gain'][entry] ?? null;
  // NP1110: one gain for all channels in the header (type, col_mode, ref_id, ap_gain, lf_gain, ap_hipas_flt)
  if (t.format === 'np1110') return t.header[kind === 'ap' ? 2 : 3] ?? null;
  return null;
}
