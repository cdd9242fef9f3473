// Statistics for the noise tests: per-channel std, correlation versus distance, Welch's PSD and its log-log slope.
import { FftPlan } from '../../../app/generation/fft-plan.ts';
import { getNamedProbe } from '../../../app/probes/index.ts';

export function probeLocations(name: string): Float64Array {
  const p = getNamedProbe(name);
  return Float64Array.from(p.contact_positions.subarray(0, 2 * p.getContactCount()));
}

/** Channel stds of an interleaved (samples x C) array. */
export function channelStd(x: Float32Array, C: number): Float64Array {
  const n = x.length / C, sum = new Float64Array(C), sq = new Float64Array(C);
  for (let t = 0; t < n; t++) for (let c = 0; c < C; c++) { const v = x[t * C + c]; sum[c] += v; sq[c] += v * v; }
  return sq.map((s, c) => Math.sqrt(s / n - (sum[c] / n) ** 2));
}

/** Empirical correlation of every channel pair (i < j), with their distance. */
export function pairCorrelations(x: Float32Array, C: number, loc: Float64Array): { d: number; r: number }[] {
  const n = x.length / C, mean = new Float64Array(C), cov = new Float64Array(C * C);
  for (let t = 0; t < n; t++) for (let c = 0; c < C; c++) mean[c] += x[t * C + c] / n;
  const row = new Float64Array(C);
  for (let t = 0; t < n; t++) {
    for (let c = 0; c < C; c++) row[c] = x[t * C + c] - mean[c];
    for (let i = 0; i < C; i++) { const a = row[i]; if (a === 0) continue; for (let j = i; j < C; j++) cov[i * C + j] += a * row[j]; }
  }
  const out: { d: number; r: number }[] = [];
  for (let i = 0; i < C; i++) {
    for (let j = i + 1; j < C; j++) {
      const d = Math.hypot(loc[2 * i] - loc[2 * j], loc[2 * i + 1] - loc[2 * j + 1]);
      out.push({ d, r: cov[i * C + j] / Math.sqrt(cov[i * C + i] * cov[j * C + j]) });
    }
  }
  return out;
}

/** Welch PSD (Hann window, 50% overlap, one-sided, arbitrary units) of channel c. */
export function welch(x: Float32Array, C: number, c: number, nperseg: number): Float64Array {
  const n = x.length / C, plan = new FftPlan(nperseg), re = new Float64Array(nperseg), im = new Float64Array(nperseg);
  const win = Float64Array.from({ length: nperseg }, (_, i) => 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / nperseg));
  const psd = new Float64Array(nperseg / 2 + 1);
  let segs = 0;
  for (let s = 0; s + nperseg <= n; s += nperseg / 2, segs++) {
    let mean = 0;
    for (let i = 0; i < nperseg; i++) mean += x[(s + i) * C + c] / nperseg;
    for (let i = 0; i < nperseg; i++) { re[i] = (x[(s + i) * C + c] - mean) * win[i]; im[i] = 0; }
    plan.transform(re, im);
    for (let k = 0; k < psd.length; k++) psd[k] += re[k] * re[k] + im[k] * im[k];
  }
  return psd.map((v) => v / segs);
}

/** Least-squares slope of log10 PSD against log10 f, the PSD averaged in 40 log-spaced bands of [f0, f1]. */
export function logLogSlope(psd: Float64Array, fs: number, nperseg: number, f0: number, f1: number): number {
  const xs: number[] = [], ys: number[] = [];
  const bands = 40;
  for (let b = 0; b < bands; b++) {
    const lo = f0 * (f1 / f0) ** (b / bands), hi = f0 * (f1 / f0) ** ((b + 1) / bands);
    let s = 0, m = 0, fsum = 0;
    for (let k = Math.ceil((lo * nperseg) / fs); k < (hi * nperseg) / fs; k++) { s += psd[k]; fsum += (k * fs) / nperseg; m++; }
    if (m) { xs.push(Math.log10(fsum / m)); ys.push(Math.log10(s / m)); }
  }
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length, my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let sxy = 0, sxx = 0;
  for (let i = 0; i < xs.length; i++) { sxy += (xs[i] - mx) * (ys[i] - my); sxx += (xs[i] - mx) ** 2; }
  return sxy / sxx;
}
