/**
 * The location-independent half of SpikeInterface's `generate_templates` (core/generate.py, 0.105), prepared
 * once per unit, and the location-dependent half (`get_ellipse` distances, spatial profile, propagation
 * delay) evaluated per unit position. Shared by the dense `generateTemplates` and the sparse per-step builder.
 */
import { generateSingleFakeWaveform64, msToSamples } from './waveform.ts';
import { FractionalShifter, type Spectrum } from './fft-shift.ts';
import { UNIT_PARAM_DRAW_ORDER } from './unit-param-defaults.ts';

export interface TemplateOptions {
  sampling_frequency: number;
  ms_before: number;
  ms_after: number;
  mode: 'sphere' | 'ellipsoid';
  /** null: templates (units, samples, channels); k >= 1: an extra trailing axis of k sub-sample phases */
  upsample_factor: number | null;
  /** per-unit values of every key of DEFAULT_UNIT_PARAMS, e.g. from ensureUnitParams */
  unit_params: Record<string, Float64Array>;
  /** SI's `spatial_profile`; default "exponential" */
  spatial_profile?: 'exponential' | 'power';
}

export interface UnitModel {
  wf: Float64Array; // waveform at the effective rate fs * upsample (SI's float64 wf)
  spectrum: Spectrum; // rfft(wf), reused for every channel and position
  bound: number; // >= max |shifted wf| for any delay
  alpha: number; decay: number; power: number; yFactor: number; cosA: number; sinA: number;
  speed: number; // um/ms; NaN (SI's None) = no propagation delay
}

export interface PreparedUnits {
  numSamples: number; // template width at the original rate (nbefore + nafter)
  upsample: number; // 1 when upsample_factor is null
  n: number; // waveform length at the effective rate = numSamples * upsample
  fs: number; // effective rate
  exponential: boolean;
  shifter: FractionalShifter;
  units: UnitModel[];
}

export function prepareUnits(numUnits: number, opts: TemplateOptions): PreparedUnits {
  const { sampling_frequency: fs0, ms_before, ms_after, mode, unit_params: p } = opts;
  if (mode !== 'sphere' && mode !== 'ellipsoid') throw new Error(`generateTemplates: mode must be "sphere" or "ellipsoid", got ${JSON.stringify(mode)}.`);
  const profile = opts.spatial_profile ?? 'exponential';
  if (profile !== 'exponential' && profile !== 'power') throw new Error(`generateTemplates: spatial_profile must be "exponential" or "power", got ${JSON.stringify(profile)}.`);
  const up = opts.upsample_factor == null ? 1 : opts.upsample_factor;
  if (!Number.isInteger(up) || up < 1) throw new Error(`generateTemplates: upsample_factor must be null or an integer >= 1, got ${opts.upsample_factor}.`);
  for (const key of UNIT_PARAM_DRAW_ORDER) {
    if (!(p[key] instanceof Float64Array) || p[key].length !== numUnits) {
      throw new Error(`generateTemplates: unit_params.${key} must be a Float64Array with one value per unit (${numUnits}); use ensureUnitParams.`);
    }
  }
  const numSamples = msToSamples(ms_before, fs0) + msToSamples(ms_after, fs0);
  const fs = fs0 * up;
  const n = msToSamples(ms_before, fs) + msToSamples(ms_after, fs);
  if (n !== numSamples * up) {
    throw new Error(`generateTemplates: with upsample_factor ${up} the window is ${n} samples, not ${up} x ${numSamples}; SpikeInterface cannot lay it out either.`);
  }
  const shifter = new FractionalShifter(Math.max(n, 1));
  const units: UnitModel[] = [];
  for (let u = 0; u < numUnits; u++) {
    const wf = generateSingleFakeWaveform64({
      sampling_frequency: fs, ms_before, ms_after, negative_amplitude: -1,
      positive_amplitude: p.positive_amplitude[u], depolarization_ms: p.depolarization_ms[u],
      repolarization_ms: p.repolarization_ms[u], recovery_ms: p.recovery_ms[u], smooth_ms: p.smooth_ms[u],
    });
    const spectrum = shifter.rfft(wf);
    const ellipsoid = mode === 'ellipsoid';
    const angle = ellipsoid ? p.ellipse_angle[u] : 0;
    let wmax = 0;
    for (let i = 0; i < n; i++) wmax = Math.max(wmax, Math.abs(wf[i]));
    const speed = p.propagation_speed[u];
    units.push({
      wf, spectrum, bound: Number.isNaN(speed) ? wmax : shifter.peakBound(spectrum),
      alpha: p.alpha[u], decay: p.spatial_decay[u], power: p.spatial_power[u],
      yFactor: ellipsoid ? p.ellipse_shrink[u] : 1, cosA: Math.cos(-angle), sinA: Math.sin(-angle), speed,
    });
  }
  return { numSamples, upsample: up, n, fs, exponential: profile === 'exponential', shifter, units };
}

/**
 * For one unit at (cx, cy, cz): SI's `get_ellipse` distance to every channel (x_factor 1, rotation about z by
 * ellipse_angle, channels at z = 0), the amplitude factor per channel and the delay in samples
 * (`(dist - min dist) / speed / 1000 * fs`). Outputs are written into gain[] and shift[] (length nChan).
 */
export function channelGeometry(pu: PreparedUnits, m: UnitModel, chan: Float64Array, cx: number, cy: number, cz: number,
  gain: Float64Array, shift: Float64Array): void {
  const nChan = gain.length;
  const pz = -cz;
  let dmin = Infinity;
  for (let c = 0; c < nChan; c++) {
    const p0 = chan[2 * c] - cx, p1 = chan[2 * c + 1] - cy;
    // rot = Rz(-angle): P0 = cos*p0 - sin*p1, P1 = sin*p0 + cos*p1 (identity in sphere mode)
    const P0 = m.cosA * p0 + -m.sinA * p1, P1 = (m.sinA * p0 + m.cosA * p1) / m.yFactor;
    const d = Math.sqrt(P0 * P0 + P1 * P1 + pz * pz);
    shift[c] = d;
    if (d < dmin) dmin = d;
    gain[c] = pu.exponential ? m.alpha * Math.exp(-d / m.decay) : m.alpha / (1.0 + Math.pow(d / m.decay, m.power));
  }
  for (let c = 0; c < nChan; c++) shift[c] = Number.isNaN(m.speed) ? 0 : ((shift[c] - dmin) / m.speed / 1000.0) * pu.fs;
}

/**
 * Float64 waveforms (length pu.n each, channel after channel in `out`) of the channels listed in
 * `list[0..count)`: `gain * wf` delayed by `shift` samples.
 * Each channel is computed on its own, so its values do not depend on which other channels are listed.
 */
export function renderChannels(pu: PreparedUnits, m: UnitModel, gain: Float64Array, shift: Float64Array,
  list: Int32Array, count: number, out: Float64Array): void {
  const n = pu.n;
  if (Number.isNaN(m.speed)) { // SI skips the FFT when propagation_speed is None
    for (let i = 0; i < count; i++) {
      const g = gain[list[i]];
      for (let t = 0; t < n; t++) out[i * n + t] = m.wf[t] * g;
    }
    return;
  }
  for (let i = 0; i < count; i++) pu.shifter.delay(m.spectrum, shift[list[i]], gain[list[i]], out, i * n);
}
