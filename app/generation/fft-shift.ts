/**
 * Sub-sample propagation delay of SpikeInterface's `generate_templates` (core/generate.py, 0.105):
 *
 *     wfs_f = np.fft.rfft(wfs, axis=0)
 *     omega = np.linspace(0, pi, nf)            if n even   (last bin is Nyquist)
 *     omega = np.linspace(0, pi*(n-1)/n, nf)    if n odd
 *     wfs   = np.fft.irfft(wfs_f * np.exp(-1j * omega * shift), n=n)
 *
 * i.e. a circular, band-limited delay of `shift` samples. It is linear, so
 * `irfft(rfft(wf * g) * phase) == g * irfft(rfft(wf) * phase)`: the rfft of a unit's waveform is computed
 * ONCE and reused for every channel and every displacement step; per channel only the phase ramp (by
 * recurrence) and one inverse FFT remain. Like numpy's c2r irfft, the imaginary parts of the DC and (n even) Nyquist bins are ignored.
 */
import { FftPlan } from './fft-plan.ts';

export interface Spectrum { re: Float64Array; im: Float64Array }

export class FractionalShifter {
  readonly n: number;
  /** number of rfft bins, n//2 + 1 */
  readonly nf: number;
  /** SI's omega (np.linspace semantics: k*step, last point exactly `stop`) */
  readonly omega: Float64Array;
  private readonly plan: FftPlan;
  private readonly zr: Float64Array;
  private readonly zi: Float64Array;

  constructor(n: number) {
    this.n = n;
    this.nf = Math.floor(n / 2) + 1;
    this.plan = new FftPlan(n);
    this.zr = new Float64Array(n);
    this.zi = new Float64Array(n);
    const stop = n % 2 === 0 ? Math.PI : (Math.PI * (n - 1)) / n;
    this.omega = new Float64Array(this.nf);
    const step = stop / (this.nf - 1);
    for (let k = 0; k < this.nf; k++) this.omega[k] = k * step;
    if (this.nf > 1) this.omega[this.nf - 1] = stop;
  }

  /** np.fft.rfft of a real signal of length n. */
  rfft(x: ArrayLike<number>): Spectrum {
    const re = Float64Array.from(x), im = new Float64Array(this.n);
    this.plan.transform(re, im);
    return { re: re.slice(0, this.nf), im: im.slice(0, this.nf) };
  }

  /**
   * Upper bound of |irfft(X * exp(-i omega d))[t]| over every d and t: (|X_0| + 2 sum|X_k| + |X_nyq|) / n.
   * Used to skip channels whose amplitude factor makes them negligible WITHOUT computing their shift.
   */
  peakBound(X: Spectrum): number {
    const { n, nf } = this;
    let s = Math.abs(X.re[0]);
    for (let k = 1; k < nf; k++) {
      const mag = Math.hypot(X.re[k], X.im[k]);
      s += n % 2 === 0 && k === nf - 1 ? mag : 2 * mag;
    }
    return (s / n) * (1 + 1e-12); // margin for the rounding of the inverse transform
  }

  /**
   * out[o + t] = g * irfft(X * exp(-i omega d))[t]. One channel per inverse FFT on purpose: packing two real
   * outputs into one complex FFT would be ~30% faster, but then a channel's rounding would depend on its
   * partner, and the sparse and dense paths (which pair differently) would no longer agree bit for bit.
   */
  delay(X: Spectrum, d: number, g: number, out: Float64Array, o: number): void {
    const { n, nf, zr, zi } = this;
    const even = n % 2 === 0;
    const w = this.omega[1] ?? 0;
    // phase exp(-i omega_k d) by recurrence from exp(-i omega_1 d): error ~ k ulp, far below the 1e-4 target
    const c1 = Math.cos(w * d), s1 = -Math.sin(w * d);
    let pr = 1, pi = 0;
    zr[0] = X.re[0]; zi[0] = 0; // DC: imaginary part ignored
    for (let k = 1; k < nf; k++) {
      const t = pr * c1 - pi * s1; pi = pr * s1 + pi * c1; pr = t;
      const xr = X.re[k], xi = X.im[k];
      const yr = xr * pr - xi * pi;
      const yi = even && k === nf - 1 ? 0 : xr * pi + xi * pr; // Nyquist: only its real part counts
      zr[k] = yr; zi[k] = yi;
      if (k < n - k) { zr[n - k] = yr; zi[n - k] = -yi; } // Hermitian half
    }
    this.plan.transform(zr, zi, true);
    const a = g / n;
    for (let t = 0; t < n; t++) out[o + t] = zr[t] * a;
  }
}
