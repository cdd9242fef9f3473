/**
 * Temporally coloured noise (our addition; SpikeInterface's noise is white): power spectral density
 * S(f) = 1 below f_min and (f_min / f)^exponent above, obtained by filtering each channel's white normals with
 * ONE linear-phase FIR filter h of K <= blockSize taps. Because K - 1 <= blockSize, block b's output needs the
 * white normals of blocks b-1 and b only, so every window stays reproducible from (segment_seed, b) alone.
 *
 * Design (frequency sampling + window, e.g. Oppenheim & Schafer §7.6): the zero-phase impulse response
 * g = IDFT(sqrt(S)) on a fine grid, truncated to |m| <= (K-1)/2, tapered by a Hann window, delayed by
 * (K-1)/2 to be causal (a delay does not change a noise's statistics), and scaled so sum h^2 = 1: the output
 * variance then equals the input's (1), so the per-channel std is exactly the noise level. The window blurs S
 * over ~2 fs/K, so the slope is realized above ~4 fs/K (K = blockSize = 1 s at 30 kHz: above ~4 Hz); the tests
 * measure the slope with Welch's method.
 *
 * Filtering is overlap-save FFT convolution (FftPlan, app/generation/fft-plan.ts), two real channels per
 * complex transform (h is real, so the real and imaginary parts are filtered independently).
 */
import { FftPlan } from '../generation/fft-plan.ts';

export interface ColouredFilter {
  /** filter length K (odd) */
  taps: number;
  /** FFT length N >= blockSize + K - 1 (5-smooth) */
  fftSize: number;
  /** DFT of h zero-padded to N, divided by N (so the inverse transform needs no scaling) */
  hRe: Float64Array;
  hIm: Float64Array;
}

/** Smallest 2^a 3^b 5^c >= n (the radices FftPlan has fast butterflies for). */
export function smoothSize(n: number): number {
  let best = Infinity;
  for (let p5 = 1; p5 < 2 * n; p5 *= 5) {
    for (let p35 = p5; p35 < 2 * n; p35 *= 3) {
      let m = p35;
      while (m < n) m *= 2;
      best = Math.min(best, m);
    }
  }
  return best;
}

export function designColouredFilter(exponent: number, fMinHz: number, samplingFrequency: number, blockSize: number): ColouredFilter {
  if (!(exponent >= 0) || !(fMinHz > 0) || !(fMinHz < samplingFrequency / 2)) {
    throw new Error(`coloured noise: need exponent >= 0 and 0 < f_min_hz < fs / 2, got exponent ${exponent}, f_min_hz ${fMinHz}.`);
  }
  // as long as useful (16 periods of f_min), at most one block; odd for a type-I linear-phase filter
  const want = Math.min(blockSize, Math.ceil((16 * samplingFrequency) / fMinHz));
  const M = Math.max(0, Math.floor((want - 1) / 2));
  const K = 2 * M + 1;
  let nd = 1;
  while (nd < 4 * K) nd *= 2;
  const re = new Float64Array(nd), im = new Float64Array(nd);
  for (let k = 0; k < nd; k++) {
    const f = (Math.min(k, nd - k) * samplingFrequency) / nd;
    re[k] = f < fMinHz ? 1 : Math.pow(fMinHz / f, exponent / 2);
  }
  new FftPlan(nd).transform(re, im, true); // real even spectrum -> real even g (times nd)
  const h = new Float64Array(K);
  let energy = 0;
  for (let m = -M; m <= M; m++) {
    const w = 0.5 + 0.5 * Math.cos((Math.PI * m) / (M + 1)); // Hann
    const v = re[(m + nd) % nd] * w;
    h[m + M] = v;
    energy += v * v;
  }
  const N = smoothSize(blockSize + K - 1);
  const hRe = new Float64Array(N), hIm = new Float64Array(N);
  const scale = 1 / Math.sqrt(energy);
  for (let k = 0; k < K; k++) hRe[k] = h[k] * scale;
  new FftPlan(N).transform(hRe, hIm);
  for (let k = 0; k < N; k++) { hRe[k] /= N; hIm[k] /= N; }
  return { taps: K, fftSize: N, hRe, hIm };
}

/** Per-context buffers of the filter (FftPlan is not re-entrant). */
export interface FilterScratch { plan: FftPlan; re: Float64Array; im: Float64Array }

export function filterScratch(f: ColouredFilter): FilterScratch {
  return { plan: new FftPlan(f.fftSize), re: new Float64Array(f.fftSize), im: new Float64Array(f.fftSize) };
}

/**
 * out[t, c] = scale[c] * sum_k h[k] x[t - k, c] for the B samples of a block, x = [prev block | this block]
 * (interleaved B x C float32 each), by overlap-save: only the last K - 1 samples of `prev` are read.
 */
export function filterBlock(f: ColouredFilter, s: FilterScratch, prev: Float32Array, cur: Float32Array, B: number, C: number,
  scale: Float64Array, out: Float32Array): void {
  const { taps: K, fftSize: N, hRe, hIm } = f;
  const { plan, re, im } = s;
  const lead = K - 1, p0 = B - lead; // first sample of prev that is read
  for (let a = 0; a < C; a += 2) {
    const b = a + 1 < C ? a + 1 : -1;
    for (let m = 0; m < lead; m++) { re[m] = prev[(p0 + m) * C + a]; im[m] = b >= 0 ? prev[(p0 + m) * C + b] : 0; }
    for (let t = 0; t < B; t++) { re[lead + t] = cur[t * C + a]; im[lead + t] = b >= 0 ? cur[t * C + b] : 0; }
    re.fill(0, lead + B); im.fill(0, lead + B);
    plan.transform(re, im);
    for (let k = 0; k < N; k++) {
      const xr = re[k], xi = im[k];
      re[k] = xr * hRe[k] - xi * hIm[k];
      im[k] = xr * hIm[k] + xi * hRe[k];
    }
    plan.transform(re, im, true);
    const sa = scale[a], sb = b >= 0 ? scale[b] : 0;
    for (let t = 0; t < B; t++) {
      out[t * C + a] = re[lead + t] * sa;
      if (b >= 0) out[t * C + b] = im[lead + t] * sb;
    }
  }
}
