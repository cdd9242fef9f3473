/**
 * Cross-field rules of a preset, the ones a schema cannot say: a per-unit list has one value per unit, a range
 * is not reversed, the refractory period fits in the inter-spike interval of the fastest unit, the drift
 * starts before the recording ends... Runs on the raw document (types checked as it goes) so that every
 * problem is reported together with the schema's.
 */
import { joinPath, type Problem } from './problems.ts';
import { NAMED_PROBE_CHANNELS, countProbeChannels } from './probe-channels.ts';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const fmt = (x: number): string => String(Number(x.toPrecision(6)));

class Checker {
  readonly problems: Problem[] = [];
  add(path: (string | number)[], message: string): void {
    this.problems.push({ path: joinPath(path), message });
  }
}

/** Checks one "scalar / range / per-item list" value; returns its largest possible value when known. */
function checkSpec(c: Checker, path: (string | number)[], v: unknown, count: number | undefined, what: string): number | undefined {
  if (isObj(v) && Array.isArray(v.range) && v.range.length === 2 && isNum(v.range[0]) && isNum(v.range[1])) {
    const [lo, hi] = v.range as [number, number];
    if (lo > hi) c.add([...path, 'range'], `the range [${fmt(lo)}, ${fmt(hi)}] is reversed: the low end must not exceed the high end`);
    return Math.max(lo, hi);
  }
  if (Array.isArray(v)) {
    if (count !== undefined && v.length !== count) {
      c.add(path, `has ${v.length} values but there ${count === 1 ? 'is 1 ' + what : `are ${count} ${what}s`}: give one value per ${what}`);
    }
    const nums = v.filter(isNum);
    return nums.length ? Math.max(...nums) : undefined;
  }
  return isNum(v) ? v : undefined;
}

function minOfSpec(v: unknown): number | undefined {
  if (isObj(v) && Array.isArray(v.range) && v.range.every(isNum)) return Math.min(...(v.range as number[]));
  if (Array.isArray(v)) { const n = v.filter(isNum); return n.length ? Math.min(...n) : undefined; }
  return isNum(v) ? v : undefined;
}

function checkProbeChoice(c: Checker, p: Obj): void {
  const given = ['probe_name', 'probe', 'generate_probe_kwargs'].filter((k) => p[k] !== undefined && p[k] !== null);
  if (given.length > 1) {
    c.add(['params', given[1]], `give only one of probe_name, probe and generate_probe_kwargs (this preset gives ${given.join(' and ')})`);
  }
  const name = p.probe_name;
  if (typeof name === 'string' && !(name in NAMED_PROBE_CHANNELS) && !/^[^/#]+[/#][^/#]+$/.test(name)) {
    c.add(['params', 'probe_name'], `"${name}" is not a known probe: use one of ${Object.keys(NAMED_PROBE_CHANNELS).join(', ')}, or "manufacturer/probe_name" from the probeinterface library`);
  }
}

function checkSorting(c: Checker, p: Obj, numUnits: number | undefined, duration: number | undefined, fs: number | undefined): void {
  const sk = isObj(p.generate_sorting_kwargs) ? p.generate_sorting_kwargs : undefined;
  const base = ['params', 'generate_sorting_kwargs'];
  let maxRate: number | undefined = 3.0;
  let minRate: number | undefined = 3.0;
  let refractory = 4.0;
  if (sk) {
    if (sk.firing_rates !== undefined) {
      maxRate = checkSpec(c, [...base, 'firing_rates'], sk.firing_rates, numUnits, 'unit');
      minRate = minOfSpec(sk.firing_rates);
    }
    if (isNum(sk.refractory_period_ms)) refractory = sk.refractory_period_ms;
  } else if (p.generate_sorting_kwargs === undefined) {
    maxRate = 8.0; minRate = 2.0;
  }
  if (p.sorting === undefined || p.sorting === null) {
    if (minRate !== undefined && minRate <= 0) {
      c.add([...base, 'firing_rates'], `firing rates must be greater than 0 Hz (got ${fmt(minRate)} Hz): a Poisson unit needs a positive rate`);
    }
    if (maxRate !== undefined && maxRate > 0 && refractory / 1000 >= 1 / maxRate) {
      c.add([...base, 'refractory_period_ms'], `${fmt(refractory)} ms is longer than the 1/firing_rate of ${fmt(maxRate)} Hz (${fmt(1000 / maxRate)} ms): lower the refractory period or the firing rates`);
    }
    if (fs !== undefined && maxRate !== undefined && maxRate >= fs) {
      c.add([...base, 'firing_rates'], `${fmt(maxRate)} Hz is not below the sampling frequency (${fmt(fs)} Hz)`);
    }
  }
  const s = p.sorting;
  if (isObj(s) && Array.isArray(s.sample_index) && Array.isArray(s.unit_index)) {
    if (s.sample_index.length !== s.unit_index.length) {
      c.add(['params', 'sorting', 'unit_index'], `has ${s.unit_index.length} entries but sample_index has ${s.sample_index.length}: give one unit per spike`);
    }
    const badUnit = s.unit_index.findIndex((u) => isNum(u) && numUnits !== undefined && u >= numUnits);
    if (badUnit >= 0) c.add(['params', 'sorting', 'unit_index', badUnit], `unit ${s.unit_index[badUnit]} does not exist: units are 0..${(numUnits ?? 1) - 1}`);
    const last = duration !== undefined && fs !== undefined ? Math.floor(duration * fs) : undefined;
    const badSample = s.sample_index.findIndex((x) => isNum(x) && last !== undefined && x >= last);
    if (badSample >= 0) c.add(['params', 'sorting', 'sample_index', badSample], `sample ${s.sample_index[badSample]} is past the end of the recording (${last} samples)`);
  }
}

function checkMotion(c: Checker, p: Obj, duration: number): void {
  const dk = p.generate_displacement_vector_kwargs;
  const base = ['params', 'generate_displacement_vector_kwargs'];
  const list = isObj(dk) ? (Array.isArray(dk.motion_list) ? dk.motion_list : isObj(dk) && dk.motion_list === undefined ? [{ t_start_drift: 60 }] : [])
    : dk === undefined ? [{ t_start_drift: 60 }] : [];
  list.forEach((m: unknown, i: number) => {
    if (!isObj(m)) return;
    const path = [...base, 'motion_list', i];
    if (isNum(m.t_start_drift) && m.t_start_drift >= duration) {
      c.add([...path, 't_start_drift'], `the drift starts at ${fmt(m.t_start_drift)} s, after the recording ends (duration ${fmt(duration)} s): start it earlier or make the recording longer`);
    }
    if (isNum(m.t_end_drift) && isNum(m.t_start_drift) && m.t_end_drift <= m.t_start_drift) {
      c.add([...path, 't_end_drift'], `the drift ends at ${fmt(m.t_end_drift)} s, not after it starts (${fmt(m.t_start_drift)} s)`);
    }
    if (isNum(m.t_end_drift) && m.t_end_drift > duration) {
      c.add([...path, 't_end_drift'], `the drift ends at ${fmt(m.t_end_drift)} s, after the recording ends (duration ${fmt(duration)} s)`);
    }
    if (Array.isArray(m.bump_interval_s) && isNum(m.bump_interval_s[0]) && isNum(m.bump_interval_s[1]) && m.bump_interval_s[0] > m.bump_interval_s[1]) {
      c.add([...path, 'bump_interval_s'], `the interval [${m.bump_interval_s.join(', ')}] is reversed: the shortest interval comes first`);
    }
  });
}

function checkTemplates(c: Checker, p: Obj, numUnits: number | undefined): void {
  const tk = p.generate_templates_kwargs;
  if (!isObj(tk)) return;
  const base = ['params', 'generate_templates_kwargs'];
  for (const k of ['ms_before', 'ms_after']) {
    if (tk[k] === undefined) c.add([...base, k], "is required when generate_templates_kwargs is given: SpikeInterface's generate_templates has no default for it");
  }
  if (isObj(tk.unit_params)) {
    for (const [k, v] of Object.entries(tk.unit_params)) checkSpec(c, [...base, 'unit_params', k], v, numUnits, 'unit');
  }
}

function checkUnitLocations(c: Checker, p: Obj, numUnits: number | undefined): void {
  if (Array.isArray(p.unit_locations) && numUnits !== undefined && p.unit_locations.length !== numUnits) {
    c.add(['params', 'unit_locations'], `has ${p.unit_locations.length} locations but num_units is ${numUnits}: give one [x, y, z] per unit`);
  }
  const uk = p.generate_unit_locations_kwargs;
  if (isObj(uk) && isNum(uk.minimum_z) && isNum(uk.maximum_z) && uk.minimum_z > uk.maximum_z) {
    c.add(['params', 'generate_unit_locations_kwargs', 'maximum_z'], `maximum_z (${fmt(uk.maximum_z)} um) is below minimum_z (${fmt(uk.minimum_z)} um)`);
  }
}

function checkNoise(c: Checker, p: Obj, fs: number | undefined): void {
  const nk = p.generate_noise_kwargs;
  if (!isObj(nk)) return;
  const base = ['params', 'generate_noise_kwargs'];
  if (nk.noise_levels !== undefined) checkSpec(c, [...base, 'noise_levels'], nk.noise_levels, countProbeChannels(p), 'channel');
  if (isObj(nk.spectrum) && isNum(nk.spectrum.f_min_hz) && fs !== undefined && nk.spectrum.f_min_hz >= fs / 2) {
    c.add([...base, 'spectrum', 'f_min_hz'], `${fmt(nk.spectrum.f_min_hz)} Hz is not below the Nyquist frequency (${fmt(fs / 2)} Hz)`);
  }
  const fu = nk.far_units;
  if (isObj(fu)) {
    const n = isNum(fu.num_units) ? fu.num_units : undefined;
    if (fu.firing_rates !== undefined) checkSpec(c, [...base, 'far_units', 'firing_rates'], fu.firing_rates, n, 'far unit');
    if (isNum(fu.minimum_z) && isNum(fu.maximum_z) && fu.minimum_z > fu.maximum_z) {
      c.add([...base, 'far_units', 'maximum_z'], `maximum_z (${fmt(fu.maximum_z)} um) is below minimum_z (${fmt(fu.minimum_z)} um)`);
    }
  }
}

/** Every cross-field problem of a preset document (which may be malformed elsewhere). */
export function checkRules(doc: unknown): Problem[] {
  const c = new Checker();
  if (!isObj(doc) || !isObj(doc.params)) return c.problems;
  const p = doc.params;
  const numUnits = isNum(p.num_units) ? p.num_units : p.num_units === undefined ? 250 : undefined;
  const duration = isNum(p.duration) ? p.duration : p.duration === undefined ? 600 : undefined;
  const fs = isNum(p.sampling_frequency) ? p.sampling_frequency : p.sampling_frequency === undefined ? 30000 : undefined;
  checkProbeChoice(c, p);
  checkUnitLocations(c, p, numUnits);
  checkSorting(c, p, numUnits, duration, fs);
  if (duration !== undefined && (p.displacement_data === undefined || p.displacement_data === null)) checkMotion(c, p, duration);
  checkTemplates(c, p, numUnits);
  checkNoise(c, p, fs);
  if (Array.isArray(p.amplitude_factor) && isObj(p.sorting) && Array.isArray(p.sorting.sample_index)
      && p.amplitude_factor.length !== p.sorting.sample_index.length) {
    c.add(['params', 'amplitude_factor'], `has ${p.amplitude_factor.length} values but the sorting has ${p.sorting.sample_index.length} spikes: give one factor per spike`);
  }
  return c.problems;
}
