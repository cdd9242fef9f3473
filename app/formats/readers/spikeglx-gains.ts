/**
 * µV per bit of each saved imec channel, as neo computes it (rawio/spikeglxrawio.py `extract_stream_info`):
 *  - Neuropixels 1.0 family (neo `_is_1_0_probe`: "1.0" in the ProbeTable datasheet/description, i.e. NP10xx,
 *    NP11xx and PRB_1_* parts): gain = imAiRangeMax / 512 × (1 / IMRO AP gain of the channel) × 1e6
 *    (LF: the IMRO LF gain). neo always divides by 512 there, whatever imMaxInt says.
 *  - every other probe (NP2.0, NP2.0 4-shank, NP3.0, NP1200/1300…): gain = imAiRangeMax / imMaxInt (8192 when the
 *    key is absent) × (1 / imChan0apGain, or the ProbeTable's single AP gain, e.g. 80 for NP2.0) × 1e6.
 * The operations run in neo's order so the float64 results are identical (NP1.0 at gain 500: exactly 2.34375).
 * One deliberate difference: with a saved subset neo indexes the IMRO table by saved position; like SpikeGLX's own
 * readSGLX.py (`ChanGainsIM` with `OriginalChans`) we index it by the channel's acquisition number, which is the same
 * when every channel is saved and right when only some are.
 */
import type { NeuropixelsSpec } from '../../probes/neuropixels-catalogue.ts';
import { imroGain, type ImroTable } from './spikeglx-imro.ts';
import { metaNumber, type SpikeGlxMeta } from './spikeglx-meta-parse.ts';

/** Parts neo converts with the NP1.0 formula. */
export function isNeoNp1Part(part: string): boolean {
  return /^(NP10\d\d|NP11\d\d|PRB_1_)/i.test(part);
}

export interface GainInput {
  meta: SpikeGlxMeta;
  metaPath: string;
  imro: ImroTable | null;
  spec: NeuropixelsSpec | null;
  part: string;
  kind: 'ap' | 'lf';
  /** IMRO entry (readout channel) of each exposed channel */
  entries: readonly number[];
}

export function spikeGlxGains(g: GainInput): Float64Array {
  const range = metaNumber(g.meta, 'imAiRangeMax', g.metaPath);
  const out = new Float64Array(g.entries.length);
  if (isNeoNp1Part(g.part)) {
    const factor = range / 512;
    g.entries.forEach((entry, k) => {
      const gain = g.imro ? imroGain(g.imro, entry, g.kind) : null;
      if (gain === null || !(gain > 0)) {
        throw new Error(`${g.metaPath}: the IMRO table gives no ${g.kind.toUpperCase()} gain for channel ${entry}; the .meta is incomplete.`);
      }
      out[k] = factor * (1.0 / gain) * 1e6;
    });
    return out;
  }
  const key = g.kind === 'ap' ? 'imChan0apGain' : 'imChan0lfGain';
  let gain: number;
  if (g.meta[key] !== undefined) {
    gain = metaNumber(g.meta, key, g.metaPath);
  } else {
    const list = g.spec ? (g.kind === 'ap' ? g.spec.ap_gain_list : g.spec.lf_gain_list) : [];
    if (list.length !== 1) {
      throw new Error(`${g.metaPath}: no "${key}" line and probe ${g.part} has no single fixed gain; cannot convert to µV.`);
    }
    gain = list[0];
  }
  const maxInt = g.meta.imMaxInt !== undefined ? metaNumber(g.meta, 'imMaxInt', g.metaPath) : 8192;
  const factor = range / maxInt;
  out.fill(factor * (1 / gain) * 1e6);
  return out;
}
