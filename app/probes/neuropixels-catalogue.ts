/**
 * The Neuropixels catalogue: per part number, the published geometry and acquisition facts that probeinterface
 * keeps in resources/neuropixels_probe_features.json (sourced from Bill Karsh's ProbeTable, table version 1.6).
 * Only the fields `build_neuropixels_probe` uses are kept. Nothing is downloaded.
 */

/** One Neuropixels part number. Lengths in µm. */
export interface NeuropixelsSpec {
  part_number: string;
  description: string;
  num_shanks: number;
  cols_per_shank: number;
  rows_per_shank: number;
  electrode_pitch_horz_um: number;
  electrode_pitch_vert_um: number;
  /** left shank edge → centre of the leftmost electrode, on even (0, 2, …) and odd rows; their difference is the stagger */
  even_row_offset_um: number;
  odd_row_offset_um: number;
  /** electrode_size_horz_direction_um: square contact width */
  electrode_size_um: number;
  shank_pitch_um: number;
  shank_width_um: number;
  tip_length_um: number;
  /** shank_tip_to_base_um */
  shank_length_um: number;
  adc_bit_depth: number;
  num_readout_channels: number;
  ap_sample_frequency_hz: number;
  lf_sample_frequency_hz: number;
  adc_range_vpp: number;
  ap_gain_list: number[];
  lf_gain_list: number[];
  /** mux_table_format_type, e.g. "mux_np1000" */
  mux_table: string;
}

const G8 = '50,125,250,500,1000,1500,2000,3000';

// part, shanks, cols, rows, x pitch, y pitch, even offset, odd offset, size, shank pitch, shank width, tip length,
// shank length, adc bits, readout channels, lf Hz, adc Vpp, ap gains, lf gains, mux table, description
type Row = [string, number, number, number, number, number, number, number, number, number, number, number,
  number, number, number, number, number, string, string, string, string];
const ROWS: Row[] = [
  ['NP1000', 1, 2, 480, 32, 20, 27, 11, 12, 0, 70, 209, 10000, 10, 384, 2500, 1.2, G8, G8, '1000', 'Neuropixels 1.0 probe'],
  ['NP1001', 1, 2, 480, 32, 20, 27, 11, 12, 0, 70, 209, 10000, 10, 384, 2500, 1.2, G8, G8, '1000', 'Neuropixels 1.0 probe with cap'],
  ['NP1010', 1, 2, 480, 32, 20, 27, 11, 12, 0, 70, 209, 10000, 10, 384, 2500, 1.2, G8, G8, '1000', 'Neuropixels 1.0 NHP short staggered probe with cap'],
  ['NP1011', 1, 2, 480, 32, 20, 27, 11, 12, 0, 70, 209, 10000, 10, 384, 2500, 1.2, G8, G8, '1000', 'Neuropixels 1.0 NHP short staggered probe with cap, cabling, sharpened'],
  ['NP1012', 1, 2, 480, 32, 20, 27, 11, 12, 0, 70, 209, 10000, 10, 384, 2500, 1.2, G8, G8, '1000', 'Neuropixels 1.0 NHP short staggered probe with cap, cabling, sharpened, parylene coating'],
  ['NP1013', 1, 2, 480, 32, 20, 27, 11, 12, 0, 70, 209, 10000, 10, 384, 2500, 1.2, G8, G8, '1000', 'Neuropixels 1.0 NHP short staggered probe with cap, cabling, sharpened, parylene coating, sterile packaging'],
  ['NP1014', 1, 2, 480, 32, 20, 27, 11, 12, 0, 70, 209, 10000, 10, 384, 2500, 1.2, G8, G8, '1000', 'Neuropixels 1.0 NHP short staggered probe with cap, cabling, sharpened, sterile packaging '],
  ['NP1015', 1, 2, 480, 32, 20, 27, 27, 12, 0, 70, 209, 10000, 10, 384, 2500, 1.2, G8, G8, '1000', 'Neuropixels 1.0 NHP short linear probe with cap'],
  ['NP1016', 1, 2, 480, 32, 20, 27, 27, 12, 0, 70, 209, 10000, 10, 384, 2500, 1.2, G8, G8, '1000', 'Neuropixels 1.0 NHP short linear probe with cap, cabling, sharpened, sterile packaging '],
  ['NP1017', 1, 2, 480, 32, 20, 27, 27, 12, 0, 70, 209, 10000, 10, 384, 2500, 1.2, G8, G8, '1000', 'Neuropixels 1.0 NHP short linear probe with cap, cabling, sharpened, sterile packaging sterilized'],
  ['NP1020', 1, 2, 1248, 87, 20, 27, 11, 12, 0, 125, 373, 25000, 10, 384, 2500, 1.2, G8, G8, '1000', 'Npix 1.0 NHP MEDIUM SOI35'],
  ['NP1021', 1, 2, 1248, 87, 20, 27, 11, 12, 0, 125, 373, 25000, 10, 384, 2500, 1.2, G8, G8, '1000', 'Npix 1.0 NHP MEDIUM SOI60'],
  ['NP1022', 1, 2, 1248, 103, 20, 11, 11, 12, 0, 125, 373, 25000, 10, 384, 2500, 1.2, G8, G8, '1000', 'Neuropixels 1.0 NHP medium linear probe with cap'],
  ['NP1030', 1, 2, 2208, 87, 20, 27, 11, 12, 0, 125, 373, 45000, 10, 384, 2500, 1.2, G8, G8, '1000', 'Npix 1.0 NHP LONG SOI90'],
  ['NP1031', 1, 2, 2208, 87, 20, 27, 11, 12, 0, 125, 373, 45000, 10, 384, 2500, 1.2, G8, G8, '1000', 'Npix 1.0 NHP LONG SOI125'],
  ['NP1032', 1, 2, 2208, 103, 20, 11, 11, 12, 0, 125, 373, 45000, 10, 384, 2500, 1.2, G8, G8, '1000', 'Neuropixels 1.0 NHP long linear probe with cap'],
  ['NP1033', 1, 2, 2208, 103, 20, 11, 11, 12, 0, 125, 373, 45000, 10, 384, 2500, 1.2, G8, G8, '1000', 'Neuropixels 1.0 NHP long linear probe with cap, cabling, sharpened, sterile packaging '],
  ['NP1040', 1, 2, 2208, 103, 20, 11, 11, 12, 0, 125, 373, 45000, 10, 384, 2500, 1.2, G8, G8, '1000', 'Neuropixels 1.0 NHP MAX long, tube underneath shank, linear, probe with silicon cap, 35 um shank thickness'],
  ['NP1041', 1, 2, 2208, 103, 20, 11, 11, 12, 0, 125, 373, 45000, 10, 384, 2500, 1.2, G8, G8, '1000', 'Neuropixels 1.0 NHP MAX long, tube underneath shank, linear, probe with 1.0 metal cap, 35 um shank thickness'],
  ['NP1042', 1, 2, 2208, 103, 20, 11, 11, 12, 0, 125, 373, 45000, 10, 384, 2500, 1.2, G8, G8, '1000', 'Neuropixels 1.0 NHP MAX long, tube underneath shank, linear, probe with 2.0 metal cap, 35 um shank thickness'],
  ['NP1050', 1, 2, 2208, 103, 20, 11, 11, 12, 0, 125, 373, 45000, 10, 384, 2500, 1.2, G8, G8, '1000', 'Neuropixels 1.0 NHP MAX long, tube around shank, linear, probe with 1.0 metal cap'],
  ['NP1051', 1, 2, 2208, 103, 20, 11, 11, 12, 0, 125, 373, 45000, 10, 384, 2500, 1.2, G8, G8, '1000', 'Neuropixels 1.0 NHP MAX long, tube around shank, linear, probe with 2.0 metal cap'],
  ['NP1100', 1, 8, 48, 6, 6, 14, 14, 5, 0, 70, 206.5, 10000, 10, 384, 2500, 1.2, G8, G8, '1000', 'Npix 1.0 UHD1 passive'],
  ['NP1110', 1, 8, 768, 6, 6, 15.5, 15.5, 5, 0, 73, 203.5, 10000, 10, 384, 2500, 1.2, G8, G8, '1000', 'Npix 1.0 UHD2 active'],
  ['NP1120', 1, 2, 192, 4.5, 4.5, 6.75, 6.75, 3.5, 0, 70, 205.75, 10000, 10, 384, 2500, 1.2, G8, G8, '1000', 'Npix 1.0 UHD3 type 1'],
  ['NP1121', 1, 1, 384, 0, 3, 6.25, 6.25, 2.5, 0, 70, 205.25, 10000, 10, 384, 2500, 1.2, G8, G8, '1000', 'Npix 1.0 UHD3 type 2'],
  ['NP1122', 1, 16, 24, 3, 3, 12.5, 12.5, 2.5, 0, 70, 205.25, 10000, 10, 384, 2500, 1.2, G8, G8, '1000', 'Npix 1.0 UHD3 type 3'],
  ['NP1123', 1, 12, 32, 4.5, 4.5, 10.25, 10.25, 3.5, 0, 70, 205.75, 10000, 10, 384, 2500, 1.2, G8, G8, '1000', 'Npix 1.0 UHD3 type 4'],
  ['NP1200', 1, 2, 64, 32, 31, 56.5, 36.5, 12, 0, 125, 372, 25000, 10, 128, 2500, 1.2, G8, G8, '1200', 'NHP passive probe 25mm, used with 128 ch headstage'],
  ['NP1210', 1, 2, 64, 32, 31, 56.5, 36.5, 12, 0, 125, 372, 45000, 10, 128, 2500, 1.2, G8, G8, '1200', 'NHP passive probe 45mm, used with 128 ch headstage'],
  ['NP1300', 1, 2, 480, 48, 20, 11, 11, 12, 0, 70, 209, 10000, 10, 384, 2500, 1.2, G8, G8, '1000', 'Optopix phase1'],
  ['NP2000', 1, 2, 640, 32, 15, 27, 27, 12, 0, 70, 206, 10000, 14, 384, 0, 1, '80', '1', '2000', 'duplicate of PRB2_1_2_0640_0'],
  ['NP2003', 1, 2, 640, 32, 15, 27, 27, 12, 0, 70, 206, 10000, 12, 384, 0, 1.24, '100', '1', '2000', 'Neuropixels 2.0 single shank probe'],
  ['NP2004', 1, 2, 640, 32, 15, 27, 27, 12, 0, 70, 206, 10000, 12, 384, 0, 1.24, '100', '1', '2000', 'Neuropixels 2.0 single shank probe with cap'],
  ['NP2005', 1, 2, 640, 32, 15, 27, 27, 12, 0, 70, 206, 10000, 12, 384, 0, 1.24, '100', '1', '2000', 'Neuropixels 2.0 single shank NHP short linear probe with cap'],
  ['NP2006', 1, 2, 640, 32, 15, 27, 11, 12, 0, 70, 206, 10000, 12, 384, 0, 1.24, '100', '1', '2000', 'Neuropixels 2.0 single shank NHP short staggered probe with cap, cabling, sharpened, sterile packaging '],
  ['NP2010', 4, 2, 640, 32, 15, 27, 27, 12, 250, 70, 206, 10000, 14, 384, 0, 1, '80', '1', '2000', 'duplicate of PRB2_4_2_0640_0'],
  ['NP2013', 4, 2, 640, 32, 15, 27, 27, 12, 250, 70, 206, 10000, 12, 384, 0, 1.24, '100', '1', '2000', 'Neuropixels 2.0 multishank probe'],
  ['NP2014', 4, 2, 640, 32, 15, 27, 27, 12, 250, 70, 206, 10000, 12, 384, 0, 1.24, '100', '1', '2000', 'Neuropixels 2.0 multishank probe with cap'],
  ['NP2020', 4, 2, 640, 32, 15, 27, 27, 12, 250, 70, 206, 10000, 12, 1536, 0, 1.24, '100', '1', '2020', 'Neuropixels 2.0 multi shank probe quad base (Ph 2C)'],
  ['NP2021', 4, 2, 640, 32, 15, 27, 27, 12, 250, 70, 206, 10000, 12, 1536, 0, 1.24, '100', '1', '2020', 'Neuropixels 2.0 multi shank probe quad base with cap (Ph 2C)'],
  ['NP3000', 1, 1, 128, 0, 15, 59, 59, 12, 0, 70, 206, 10000, 10, 128, 2500, 1.2, G8, G8, '1200', 'Neuropixels NXT passive probe'],
  ['NP3010', 1, 2, 640, 32, 15, 27, 27, 12, 0, 70, 203, 10000, 12, 1536, 0, 1.34, '100', '1', '3010', 'Neuropixels NXT phase1B single shank silicon cap'],
  ['NP3011', 1, 2, 640, 32, 15, 27, 27, 12, 0, 70, 203, 10000, 12, 1536, 0, 1.34, '100', '1', '3010', 'Neuropixels NXT phase1B single shank metal cap'],
  ['NP3020', 4, 2, 640, 32, 15, 27, 27, 12, 250, 70, 204, 10000, 12, 1536, 0, 1.34, '100', '1', '3020', 'Neuropixels NXT phase1B multishank silicon cap'],
  ['NP3021', 4, 2, 640, 32, 15, 27, 27, 12, 250, 70, 204, 10000, 12, 1536, 0, 1.34, '100', '1', '3020', 'Neuropixels NXT phase1B multishank metal cap'],
  ['NP3022', 4, 2, 640, 32, 15, 27, 27, 12, 250, 70, 204, 10000, 12, 1536, 0, 1.34, '100', '1', '3020', 'Neuropixels NXT pre-alpha multishank silicon cap'],
  ['NP3023', 4, 2, 640, 32, 15, 27, 27, 12, 250, 70, 204, 10000, 12, 1536, 0, 1.34, '100', '1', '3020', 'Neuropixels 3.0 alpha version B multishank silicon cap'],
  ['NP3024', 4, 2, 640, 32, 15, 27, 27, 12, 250, 70, 204, 10000, 12, 1536, 0, 1.34, '100', '1', '3020', 'Neuropixels 3.0 alpha version B multishank metal cap'],
  ['PRB2_1_2_0640_0', 1, 2, 640, 32, 15, 27, 27, 12, 0, 70, 206, 10000, 14, 384, 0, 1, '80', '1', '2000', 'Neuropixels 2.0 phase 1 single shank'],
  ['PRB2_4_2_0640_0', 4, 2, 640, 32, 15, 27, 27, 12, 250, 70, 206, 10000, 14, 384, 0, 1, '80', '1', '2000', 'Neuropixels 2.0 phase 1 multi shank'],
  ['PRB_1_2_0480_2', 1, 2, 480, 32, 20, 27, 11, 12, 0, 70, 209, 10000, 10, 384, 2500, 1.2, G8, G8, '1000', 'Neuropixels 1.0 probe'],
  ['PRB_1_4_0480_1', 1, 2, 480, 32, 20, 27, 11, 12, 0, 70, 209, 10000, 10, 384, 2500, 1.2, G8, G8, '1000', 'Neuropixels 1.0 probe'],
  ['PRB_1_4_0480_1_C', 1, 2, 480, 32, 20, 27, 11, 12, 0, 70, 209, 10000, 10, 384, 2500, 1.2, G8, G8, '1000', 'Neuropixels 1.0 probe with cap'],
];

const gains = (s: string): number[] => s.split(',').map(Number);

/** Every part number, in the order of probeinterface's features file. */
export const NEUROPIXELS_PARTS: readonly NeuropixelsSpec[] = ROWS.map((r) => ({
  part_number: r[0], num_shanks: r[1], cols_per_shank: r[2], rows_per_shank: r[3],
  electrode_pitch_horz_um: r[4], electrode_pitch_vert_um: r[5], even_row_offset_um: r[6], odd_row_offset_um: r[7],
  electrode_size_um: r[8], shank_pitch_um: r[9], shank_width_um: r[10], tip_length_um: r[11], shank_length_um: r[12],
  adc_bit_depth: r[13], num_readout_channels: r[14], ap_sample_frequency_hz: 30000, lf_sample_frequency_hz: r[15],
  adc_range_vpp: r[16], ap_gain_list: gains(r[17]), lf_gain_list: gains(r[18]), mux_table: `mux_np${r[19]}`,
  description: r[20],
}));

/**
 * Model names accepted besides part numbers. "NP2.0" is NP2000 because that is what SpikeInterface's
 * "Neuropixels2-*" probes use; numeric keys are the legacy IMRO type codes (z_imro_format_type_to_part_number).
 */
export const NEUROPIXELS_ALIASES: Readonly<Record<string, string>> = {
  'neuropixels 1.0': 'NP1000', 'np1.0': 'NP1000', 'np1': 'NP1000',
  'neuropixels 2.0': 'NP2000', 'np2.0': 'NP2000', 'np2': 'NP2000', 'neuropixels 2.0 single shank': 'NP2000',
  'neuropixels 2.0 4-shank': 'NP2010', 'np2.0-4shank': 'NP2010', 'np2.0 4-shank': 'NP2010', 'neuropixels 2.0 multishank': 'NP2013',
  'np ultra': 'NP1100', 'neuropixels ultra': 'NP1100', 'np1.0 nhp short': 'NP1010', 'np1.0 nhp medium': 'NP1020',
  'np1.0 nhp long': 'NP1030', 'nhp': 'NP1010',
  '0': 'NP1000', '21': 'NP2000', '24': 'NP2010', '1020': 'NP1020', '1030': 'NP1030', '1100': 'NP1100', '1110': 'NP1110',
  '1120': 'NP1120', '1121': 'NP1121', '1122': 'NP1122', '1123': 'NP1123', '1200': 'NP1200', '1300': 'NP1300',
  '2003': 'NP2003', '2013': 'NP2013', '2020': 'NP2020', '3010': 'NP3010', '3020': 'NP3020',
};

/** The spec of a part number or model name (case-insensitive), or a sentence listing what is known. */
export function findNeuropixelsSpec(partOrModel: string): NeuropixelsSpec {
  const key = partOrModel.trim().toLowerCase();
  const pn = (NEUROPIXELS_ALIASES[key] ?? key).toLowerCase();
  const spec = NEUROPIXELS_PARTS.find((s) => s.part_number.toLowerCase() === pn);
  if (!spec) {
    throw new Error(`Unknown Neuropixels probe '${partOrModel}'. Known part numbers: `
      + `${NEUROPIXELS_PARTS.map((s) => s.part_number).join(', ')}; model names: ${Object.keys(NEUROPIXELS_ALIASES).filter((k) => !/^\d+$/.test(k)).join(', ')}.`);
  }
  return spec;
}
