/**
 * Parsing the SpikeGLX `.meta` text (SpikeGLX Metadata guide). Mirrors probeinterface `parse_spikeglx_meta`
 * (neuropixels_tools.py): one `key=value` a line, split at the first `=`, a leading `~` (list-valued keys) dropped;
 * values stay text. `savedChannels` follows `get_saved_channel_indices_from_spikeglx_meta` (`snsSaveChanSubset`,
 * ranges inclusive, "all" = every saved channel) and `chanMapNames` neo's `channel_names` (the name before ";" in
 * each `snsChanMap` entry).
 */

export type SpikeGlxMeta = Record<string, string>;

export function parseSpikeGlxMeta(text: string): SpikeGlxMeta {
  const meta: SpikeGlxMeta = {};
  for (const line of text.split(/\r?\n/)) {
    const at = line.indexOf('=');
    if (at <= 0) continue;
    let key = line.slice(0, at).trim();
    if (key.startsWith('~')) key = key.slice(1);
    meta[key] = line.slice(at + 1).trim();
  }
  return meta;
}

/** The value of a key the reader cannot do without, or a sentence naming the file and the key. */
export function requireKey(meta: SpikeGlxMeta, key: string, metaPath: string): string {
  const v = meta[key];
  if (v === undefined || v === '') {
    throw new Error(`${metaPath} has no "${key}" line; it is not a complete SpikeGLX .meta file (SpikeGLX writes it when the run stops).`);
  }
  return v;
}

/** A finite number from a meta value, or a sentence. */
export function metaNumber(meta: SpikeGlxMeta, key: string, metaPath: string): number {
  const text = requireKey(meta, key, metaPath);
  const v = Number(text);
  if (!Number.isFinite(v)) throw new Error(`${metaPath}: "${key}=${text}" is not a number.`);
  return v;
}

/** The "(a)(b)(c)" entries of a list-valued key, without parentheses. */
export function listEntries(value: string): string[] {
  const out: string[] = [];
  for (const m of value.matchAll(/\(([^)]*)\)/g)) out.push(m[1]);
  return out;
}

/** Original (acquisition) channel number of each saved channel, in file column order. */
export function savedChannels(meta: SpikeGlxMeta, metaPath: string): number[] {
  const text = requireKey(meta, 'snsSaveChanSubset', metaPath);
  if (text === 'all') {
    return Array.from({ length: metaNumber(meta, 'nSavedChans', metaPath) }, (_, i) => i);
  }
  const chans: number[] = [];
  for (const part of text.split(',')) {
    const [a, b] = part.split(':').map(Number);
    const stop = b === undefined ? a : b;
    if (!Number.isInteger(a) || !Number.isInteger(stop) || stop < a) {
      throw new Error(`${metaPath}: "snsSaveChanSubset=${text}" is not a list of channels like 0:383,768.`);
    }
    for (let c = a; c <= stop; c++) chans.push(c);
  }
  return chans;
}

/** The three counts of `snsApLfSy` (AP, LF, SY channels saved) or of `acqApLfSy` (acquired). */
export function apLfSy(meta: SpikeGlxMeta, key: 'snsApLfSy' | 'acqApLfSy', metaPath: string): [number, number, number] {
  const parts = requireKey(meta, key, metaPath).split(',').map(Number);
  if (parts.length !== 3 || parts.some((p) => !Number.isInteger(p) || p < 0)) {
    throw new Error(`${metaPath}: "${key}=${meta[key]}" should be three counts like 384,0,1.`);
  }
  return [parts[0], parts[1], parts[2]];
}

/** Channel names (AP0 … SY0) from `snsChanMap`, one per saved channel, in file order. */
export function chanMapNames(meta: SpikeGlxMeta, metaPath: string): string[] {
  const entries = listEntries(requireKey(meta, 'snsChanMap', metaPath));
  // the first entry is the header "(384,384,1)"; the others are "(AP0;0:0)"
  return entries.filter((e) => e.includes(';')).map((e) => e.split(';')[0]);
}
