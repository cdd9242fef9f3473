/**
 * Cross-field rules of a hybrid preset, the ones its schema cannot say. Most mirror the assertions of
 * `generate_hybrid_recording` (generation/hybrid_tools.py), said before anything is read: the number of units must
 * come from somewhere, per-spike lists have one value per spike, SpikeInterface's drifting injection has no
 * upsampling. Runs on the raw document (types checked as it goes) so every problem is reported together with the
 * schema's. Checks that need the files (paths exist, sizes agree) run at build time (app/hybrid/hybrid-recording-check.ts).
 */
import { joinPath, type Problem } from './problems.ts';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

const RAW_ONLY = ['dtype', 'num_channels', 'sampling_frequency', 'gain_to_uV', 'offset_to_uV', 'time_axis', 'file_offset', 'probe_path'];

function checkRecording(add: (path: (string | number)[], m: string) => void, r: unknown): void {
  if (!isObj(r) || typeof r.format !== 'string') return;
  const base = ['params', 'recording'];
  if (r.format === 'raw') {
    for (const k of ['dtype', 'num_channels', 'sampling_frequency']) {
      if (r[k] === undefined) add([...base, k], 'is required for a raw binary recording: the file itself does not say it');
    }
  } else {
    for (const k of RAW_ONLY) if (r[k] !== undefined) add([...base, k], `applies to raw binary files only; a ${r.format} recording says it in its own metadata: remove it`);
  }
  if (r.stream !== undefined && r.format !== 'openephys') add([...base, 'stream'], 'applies to Open Ephys recordings only: remove it');
}

function increasing(v: unknown): boolean {
  return Array.isArray(v) && v.every((x, i) => isNum(x) && (i === 0 || x > (v[i - 1] as number)));
}

export function checkHybridRules(doc: unknown): Problem[] {
  const problems: Problem[] = [];
  const add = (path: (string | number)[], message: string) => problems.push({ path: joinPath(path), message });
  if (!isObj(doc) || !isObj(doc.params)) return problems;
  const p = doc.params;
  checkRecording(add, p.recording);

  const sk = isObj(p.generate_sorting_kwargs) ? p.generate_sorting_kwargs : undefined;
  const templatesGiven = isObj(p.templates);
  const s = isObj(p.sorting) ? p.sorting : undefined;
  // SI: "Provide templates or sorting or generate_sorting_kwargs" with num_units; its default dict has 10
  const numUnits = !templatesGiven && !s ? (sk ? (isNum(sk.num_units) ? sk.num_units : undefined) : 10) : undefined;
  if (!templatesGiven && !s && sk && sk.num_units === undefined) {
    add(['params', 'generate_sorting_kwargs', 'num_units'], 'is required when neither templates nor sorting are given: it is the number of units to inject');
  }
  if (s && Array.isArray(s.sample_index) && Array.isArray(s.unit_index) && s.sample_index.length !== s.unit_index.length) {
    add(['params', 'sorting', 'unit_index'], `has ${s.unit_index.length} entries but sample_index has ${s.sample_index.length}: give one unit per spike`);
  }
  if (Array.isArray(p.amplitude_factor) && s && Array.isArray(s.sample_index) && p.amplitude_factor.length !== s.sample_index.length) {
    add(['params', 'amplitude_factor'], `has ${p.amplitude_factor.length} values but the sorting has ${s.sample_index.length} spikes: give one factor per spike`);
  }
  if (Array.isArray(p.amplitude_factor) && !s) {
    add(['params', 'amplitude_factor'], 'gives one factor per spike, so it needs a given sorting; with generated spike trains use amplitude_std');
  }
  if (Array.isArray(p.unit_locations)) {
    if (templatesGiven) add(['params', 'unit_locations'], 'is used only with generated templates (templates: null); given templates are located by monopolar triangulation: remove it');
    else if (numUnits !== undefined && p.unit_locations.length !== numUnits) {
      add(['params', 'unit_locations'], `has ${p.unit_locations.length} locations but there are ${numUnits} units: give one [x, y, z] per unit`);
    }
  }
  if (isNum(p.upsample_factor) && p.upsample_factor > 1) {
    add(['params', 'upsample_factor'], 'is not supported for hybrid recordings yet (SpikeInterface cannot inject upsampled templates with motion either): set it to null');
  }
  const tk = p.generate_templates_kwargs;
  if (isObj(tk)) {
    for (const k of ['ms_before', 'ms_after']) {
      if (tk[k] === undefined) add(['params', 'generate_templates_kwargs', k], "is required when generate_templates_kwargs is given: SpikeInterface's generate_templates has no default for it");
    }
  }
  const m = p.motion;
  if (isObj(m) && m.source === 'npy') {
    if (Array.isArray(m.temporal_bins_s) && !increasing(m.temporal_bins_s)) add(['params', 'motion', 'temporal_bins_s'], 'must be strictly increasing bin centres in seconds');
    if (Array.isArray(m.spatial_bins_um) && !increasing(m.spatial_bins_um)) add(['params', 'motion', 'spatial_bins_um'], 'must be strictly increasing bin centres in micrometers');
  }
  return problems;
}
