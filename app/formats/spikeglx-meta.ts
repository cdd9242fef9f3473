/**
 * The `.ap.meta` of a SpikeGLX-style Neuropixels 1.0 recording (SpikeGLX Metadata guide; model:
 * /work/shared/fixtures/spikeglx/np1, a real-format NP1.0 file that neo, SpikeInterface and probeinterface read).
 * Lines are `key=value`, sorted by key, list-valued keys start with `~` (so they sort last), no `=` in values
 * (neo's `read_meta_file` skips a line that splits into more than two parts).
 *
 * Gain. neo (spikeglxrawio.py `extract_stream_info`, NP1.0 branch) converts with
 *   gain_uV = imAiRangeMax / 512 × (1 / imroTbl AP gain) × 1e6
 * (SpikeGLX's readSGLX uses imMaxInt, which we also set to 512). We keep the real NP1.0 AP gain 500 in the IMRO
 * table (probeinterface parses it as an int) and set imAiRangeMax = gain × 512 × 500 / 1e6 so that the conversion
 * yields our int16 gain; `imAiRangeMaxFor` picks, among the doubles next to that value, one for which neo's
 * arithmetic returns the gain exactly. The data use the whole int16 range, beyond a real NP1.0's 10-bit ±512.
 */
import type { Probe } from '../probes/probe.ts';
import { findNeuropixelsSpec } from '../probes/neuropixels-catalogue.ts';
import { pythonFloatText } from './python-json.ts';

/** NP1.0 part numbers with IMRO table type 0 (probeinterface `imro_np1000`, 960 electrodes, 384 channels). */
export const SPIKEGLX_NP1_PARTS = ['NP1000', 'NP1001', 'PRB_1_4_0480_1', 'PRB_1_4_0480_1_C', 'PRB_1_2_0480_2'] as const;
export const NP1_AP_GAIN = 500;
export const NP1_LF_GAIN = 250;
const NP1_CHANNELS = 384;
const NP1_MAX_INT = 512;

/** What neo computes from the .meta for an AP channel (same operation order, float64). */
export function neoNp1GainUv(imAiRangeMax: number, apGain = NP1_AP_GAIN): number {
  return (imAiRangeMax / NP1_MAX_INT) * (1.0 / apGain) * 1e6;
}

function nextDouble(x: number, dir: 1 | -1): number {
  const v = new DataView(new ArrayBuffer(8));
  v.setFloat64(0, x);
  v.setBigInt64(0, v.getBigInt64(0) + BigInt(x > 0 ? dir : -dir));
  return v.getFloat64(0);
}

/** imAiRangeMax (volts) for which neo's NP1.0 conversion gives `gainUv`, exactly when some nearby double allows. */
export function imAiRangeMaxFor(gainUv: number): number {
  const x0 = (gainUv * NP1_MAX_INT * NP1_AP_GAIN) / 1e6;
  let best = x0;
  for (let k = 0, up = x0, down = x0; k <= 8; k++, up = nextDouble(up, 1), down = nextDouble(down, -1)) {
    for (const x of [up, down]) {
      if (Math.abs(neoNp1GainUv(x) - gainUv) < Math.abs(neoNp1GainUv(best) - gainUv)) best = x;
    }
    if (neoNp1GainUv(best) === gainUv) break;
  }
  return best;
}

export interface Np1Channels {
  partNumber: string;
  /** per saved row: the NP1.0 readout channel (electrode % 384) and bank (electrode / 384) */
  channels: number[];
  banks: number[];
}

/** Checks the probe is a single-shank NP1.0 whose rows map to increasing readout channels (SpikeGLX saves in channel order). */
export function np1Channels(probe: Probe): Np1Channels {
  const part = String(probe.annotations.part_number ?? probe.model_name ?? '');
  if (!(SPIKEGLX_NP1_PARTS as readonly string[]).includes(part)) {
    throw new Error(`The SpikeGLX export needs a Neuropixels 1.0 probe (${SPIKEGLX_NP1_PARTS.join(', ')}); this probe is ${part ? `"${part}"` : 'not a Neuropixels probe'}. Use the SpikeInterface folders or the Kilosort export instead.`);
  }
  const ids = probe.contact_ids;
  const electrodes = (ids ?? []).map((id) => (/^e(\d+)$/.exec(id) ? Number(id.slice(1)) : NaN));
  if (!ids || electrodes.some(Number.isNaN)) throw new Error('The SpikeGLX export needs contact ids "e<electrode>" as probeinterface gives Neuropixels probes.');
  const channels = electrodes.map((e) => e % NP1_CHANNELS);
  for (let i = 1; i < channels.length; i++) {
    if (channels[i] <= channels[i - 1]) {
      throw new Error(`Electrodes e${electrodes[i - 1]} and e${electrodes[i]} cannot be saved in this order by a Neuropixels 1.0 probe (readout channels ${channels[i - 1]} then ${channels[i]}); SpikeGLX saves channels in increasing order.`);
    }
  }
  return { partNumber: part, channels, banks: electrodes.map((e) => Math.floor(e / NP1_CHANNELS)) };
}

/** `0:127,768`-style list of the saved channels (AP channels, then the sync channel 768). */
function channelSubset(channels: number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < channels.length;) {
    let j = i;
    while (j + 1 < channels.length && channels[j + 1] === channels[j] + 1) j++;
    parts.push(i === j ? String(channels[i]) : `${channels[i]}:${channels[j]}`);
    i = j + 1;
  }
  return [...parts, String(2 * NP1_CHANNELS)].join(',');
}

export interface SpikeGlxMetaInput {
  /** in channel order (row k of the data = contact k) */
  probe: Probe;
  numSamples: number;
  samplingFrequency: number;
  gainToUv: number;
  fileName: string;
  fileSizeBytes: number;
  sha1: string;
  createdAt: Date;
}

function localIso(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

/** The .meta text (CRLF-free, one `key=value` a line, sorted, ending with a newline). */
export function spikeglxMetaText(m: SpikeGlxMetaInput): string {
  const np1 = np1Channels(m.probe);
  const spec = findNeuropixelsSpec(np1.partNumber);
  const n = np1.channels.length;
  const range = imAiRangeMaxFor(m.gainToUv);
  const bankOfChannel = new Array<number>(NP1_CHANNELS).fill(0);
  np1.channels.forEach((c, k) => { bankOfChannel[c] = np1.banks[k]; });
  const imro = `(0,${NP1_CHANNELS})` + bankOfChannel.map((b, c) => `(${c} ${b} 0 ${NP1_AP_GAIN} ${NP1_LF_GAIN} 1)`).join('');
  const chanMap = `(${NP1_CHANNELS},${NP1_CHANNELS},1)` + np1.channels.map((c) => `(AP${c};${c}:${c})`).join('') + `(SY0;${2 * NP1_CHANNELS}:${2 * NP1_CHANNELS})`;
  const contour = m.probe.probe_planar_contour;
  let leftEdge = 0;
  if (contour) for (let i = 0; i < contour.length; i += m.probe.ndim) leftEdge = Math.min(leftEdge, contour[i]);
  const pos = m.probe.contact_positions;
  const geom = `(${np1.partNumber},1,${spec.shank_pitch_um},${spec.shank_width_um})`
    + np1.channels.map((_, k) => `(0:${pos[k * m.probe.ndim] - leftEdge}:${pos[k * m.probe.ndim + 1]}:1)`).join('');
  const mux = m.probe.annotations.adc_sampling_table;
  const meta: Record<string, string> = {
    acqApLfSy: `${NP1_CHANNELS},${NP1_CHANNELS},1`,
    appVersion: '20240129',
    fileCreateTime: localIso(m.createdAt),
    fileName: m.fileName,
    fileSHA1: m.sha1.toUpperCase(),
    fileSizeBytes: String(m.fileSizeBytes),
    fileTimeSecs: String(m.numSamples / m.samplingFrequency),
    firstSample: '0',
    gateMode: 'Immediate',
    imAiRangeMax: pythonFloatText(range),
    imAiRangeMin: pythonFloatText(-range),
    imChan0apGain: String(NP1_AP_GAIN),
    imChan0lfGain: String(NP1_LF_GAIN),
    imDatPrb_pn: np1.partNumber,
    imDatPrb_port: '1',
    imDatPrb_slot: '2',
    imDatPrb_sn: '0',
    imDatPrb_type: '0',
    imMaxInt: String(NP1_MAX_INT),
    imSampRate: String(m.samplingFrequency),
    imTipLength: String(spec.tip_length_um),
    imroFile: '',
    nDataDirs: '1',
    nSavedChans: String(n + 1),
    snsApLfSy: `${n},0,1`,
    snsSaveChanSubset: channelSubset(np1.channels),
    syncSourceIdx: '0',
    syncSourcePeriod: '1',
    trigMode: 'Immediate',
    typeImEnabled: '1',
    typeNiEnabled: '0',
    typeObEnabled: '0',
    typeThis: 'imec',
    userNotes: `synthetic recording written by Spikegen Studio; ${m.gainToUv} uV per bit (through imAiRangeMax); channel SY0 is all zeros`,
    '~imroTbl': imro,
    ...(typeof mux === 'string' ? { '~muxTbl': mux } : {}),
    '~snsChanMap': chanMap,
    '~snsGeomMap': geom,
  };
  const keys = Object.keys(meta).sort();
  return keys.map((k) => `${k}=${meta[k]}`).join('\n') + '\n';
}
