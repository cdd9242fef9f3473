/**
 * Builds a full Neuropixels probe (every electrode, e.g. 960 for NP1000, 4 × 1280 for NP2010) from the
 * catalogue, as probeinterface `build_neuropixels_probe` (neuropixels_tools.py) does: electrodes row by row,
 * staggered rows shifted by (even − odd row offset), shanks shifted by the shank pitch, ids "e{n}" or
 * "s{shank}e{n}", square contacts, a five-point outline per shank and the tip of each shank annotated.
 */
import { findNeuropixelsSpec, NEUROPIXELS_PARTS, type NeuropixelsSpec } from './neuropixels-catalogue.ts';
import { Probe } from './probe.ts';
import type { JsonValue } from './types.ts';

/**
 * Distance from the centre of the bottom electrode row to the top of the shank tip; a constant of
 * build_neuropixels_probe (not in ProbeTable).
 */
const BOTTOM_ELECTRODE_TO_TIP_TOP_UM = 11;

/** mux_np1200 is irregular, so it is kept as published; the others follow `adcSamplingTable`'s pattern. */
const MUX_NP1200 = '(12,12)(84 11 85 5 74 10 56 112 46 121 39 127)(100 26 110 33 69 24 63 109 45 93 25 99)'
  + '(87 0 82 6 71 15 53 117 43 122 42 116)(102 28 81 34 70 18 60 103 17 94 27 101)(73 1 86 7 68 16 50 106 40 123 128 128)'
  + '(105 29 75 35 67 12 54 89 20 95 128 128)(76 2 83 8 65 13 47 118 49 124 128 128)(108 30 78 36 64 14 51 90 23 96 128 128)'
  + '(79 3 80 9 62 114 44 119 52 125 128 128)(104 31 72 37 61 113 57 91 19 97 128 128)(88 4 77 21 59 111 41 120 55 126 128 128)'
  + '(107 32 66 38 58 115 48 92 22 98 128 128)';
const MUX_SIZES: Record<string, [number, number]> = {
  mux_np1000: [32, 12], mux_np2000: [24, 16], mux_np2020: [96, 16], mux_np3010: [58, 16], mux_np3020: [96, 16],
};

/**
 * The ADC sampling table string "(num_adcs,channels_per_adc)(…)(…)…" of probeinterface's `z_mux_tables`.
 * In every regular table, sampling slot g reads channel pairs (2g, 2g+1) shifted by k × 2 × channels_per_adc.
 */
export function adcSamplingTable(muxTable: string): string | null {
  if (muxTable === 'mux_np1200') return MUX_NP1200;
  const size = MUX_SIZES[muxTable];
  if (!size) return null;
  const [numAdcs, perAdc] = size;
  let out = `(${numAdcs},${perAdc})`;
  for (let g = 0; g < perAdc; g++) {
    const chans: number[] = [];
    for (let k = 0; k < numAdcs / 2; k++) chans.push(2 * g + k * 2 * perAdc, 2 * g + 1 + k * 2 * perAdc);
    out += `(${chans.join(' ')})`;
  }
  return out;
}

export interface BuildNeuropixelsOptions {
  /**
   * "library" (default): the annotations of the probeinterface_library files that `get_probe("imec", pn)`
   * returns and that SpikeInterface's named probes carry. "current": also `adc_range_vpp`, and `ap_gain` /
   * `lf_gain` when the part has a single gain, as today's `build_neuropixels_probe` adds.
   */
  annotations?: 'library' | 'current';
}

/** A full Neuropixels probe from a part number ("NP1000"), model name ("NP2.0") or IMRO type code ("24"). */
export function buildNeuropixelsProbe(partOrModel: string, options: BuildNeuropixelsOptions = {}): Probe {
  const s = findNeuropixelsSpec(partOrModel);
  const perShank = s.cols_per_shank * s.rows_per_shank;
  const n = perShank * s.num_shanks;
  const multi = s.num_shanks > 1;
  const stagger = s.even_row_offset_um - s.odd_row_offset_um;
  const positions = new Float64Array(n * 2);
  const ids: string[] = [];
  const shanks: string[] = [];
  for (let shank = 0, k = 0; shank < s.num_shanks; shank++) {
    for (let e = 0; e < perShank; e++, k++) {
      const row = Math.floor(e / s.cols_per_shank);
      const col = e % s.cols_per_shank;
      // even rows (0, 2, …) carry the stagger: np.mod(y_idx + 1, 2) * raw_stagger
      let x = col * s.electrode_pitch_horz_um + ((row + 1) % 2) * stagger;
      if (multi) x += shank * s.shank_pitch_um;
      positions[k * 2] = x;
      positions[k * 2 + 1] = row * s.electrode_pitch_vert_um;
      ids.push(multi ? `s${shank}e${e}` : `e${e}`);
      shanks.push(String(shank));
    }
  }
  const probe = new Probe({ ndim: 2, si_units: 'um', model_name: s.part_number, manufacturer: 'imec' });
  probe.annotate({ description: s.description });
  probe.setContacts({ positions, shapes: 'square', shape_params: { width: s.electrode_size_um }, shank_ids: multi ? shanks : null });
  probe.setContactIds(ids);

  // one outline per shank: top-left, bottom-left, tip, bottom-right, top-right (_get_probe_contour_vertices)
  const w = s.shank_width_um;
  const polygon = [[0, s.shank_length_um], [0, 0], [w / 2, -s.tip_length_um], [w, 0], [w, s.shank_length_um]];
  const shift = [-s.odd_row_offset_um, -BOTTOM_ELECTRODE_TO_TIP_TOP_UM];
  const contour: number[][] = [];
  const tips: number[][] = [];
  for (let shank = 0; shank < s.num_shanks; shank++) {
    const dx = multi ? s.shank_pitch_um * shank : 0;
    for (const [x, y] of polygon) contour.push([x + dx + shift[0], y + shift[1]]);
    tips.push([polygon[2][0] + shift[0] + dx, polygon[2][1] + shift[1]]);
  }
  probe.setPlanarContour(contour);
  probe.annotate({ shank_tips: tips });
  probe.annotate(acquisitionAnnotations(s, options.annotations ?? 'library'));
  return probe;
}

function acquisitionAnnotations(s: NeuropixelsSpec, style: 'library' | 'current'): Record<string, JsonValue> {
  const a: Record<string, JsonValue> = {
    adc_bit_depth: s.adc_bit_depth,
    num_readout_channels: s.num_readout_channels,
    ap_sample_frequency_hz: s.ap_sample_frequency_hz,
    lf_sample_frequency_hz: s.lf_sample_frequency_hz,
  };
  if (style === 'current') {
    a.adc_range_vpp = s.adc_range_vpp;
    if (s.ap_gain_list.length === 1) a.ap_gain = s.ap_gain_list[0];
    if (s.lf_sample_frequency_hz > 0 && s.lf_gain_list.length === 1) a.lf_gain = s.lf_gain_list[0];
  }
  const table = adcSamplingTable(s.mux_table);
  if (table !== null) a.adc_sampling_table = table;
  return a;
}

/** The catalogue in one object: the specs, their part numbers, lookup and building. */
export const neuropixelsCatalogue = {
  parts: NEUROPIXELS_PARTS,
  list: (): string[] => NEUROPIXELS_PARTS.map((s) => s.part_number),
  find: findNeuropixelsSpec,
  build: buildNeuropixelsProbe,
  /** Number of electrodes of a part (all shanks), without building the probe. */
  electrodeCount: (partOrModel: string): number => {
    const s = findNeuropixelsSpec(partOrModel);
    return s.cols_per_shank * s.rows_per_shank * s.num_shanks;
  },
};
