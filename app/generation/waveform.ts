/**
 * The single-channel fake spike of SpikeInterface: `exp_growth`, `generate_single_fake_waveform` and
 * `ms_to_samples` (spikeinterface/core/generate.py and core_tools.py, 0.105). Three exponential pieces
 * (depolarization, repolarization, recovery), a gaussian smoothing by `np.convolve(mode="same")`, a rescale
 * to the pre-smoothing peak and a re-alignment of the trough on `nbefore`.
 *
 * dtype notes (why the float32 rounding below): SI builds `wf` as float32 (its `dtype`), so every exp_growth
 * piece is rounded to float32 when it is written; `np.convolve` then promotes to float64, so the smoothed,
 * rescaled, shifted waveform SI returns (and feeds into `generate_templates`) is float64.
 */

export interface FakeWaveformOptions {
  sampling_frequency: number;
  ms_before?: number;
  ms_after?: number;
  negative_amplitude?: number;
  positive_amplitude?: number;
  depolarization_ms?: number;
  repolarization_ms?: number;
  recovery_ms?: number;
  smooth_ms?: number;
}

/** SI `ms_to_samples`: Python `round(ms * fs / 1000)`, i.e. round half to even (1.5 -> 2, 2.5 -> 2). */
export function msToSamples(ms: number, fs: number): number {
  const x = (ms * fs) / 1000.0;
  const f = Math.floor(x);
  const diff = x - f;
  if (diff < 0.5) return f;
  if (diff > 0.5) return f + 1;
  return f % 2 === 0 ? f : f + 1;
}

/** SI `exp_growth`: `size = int(duration_ms*fs/1000)` samples of a scaled exponential, the last point dropped. */
export function expGrowth(startAmp: number, endAmp: number, durationMs: number, tauMs: number, fs: number, flip: boolean): Float64Array {
  if (flip) [startAmp, endAmp] = [endAmp, startAmp];
  const size = Math.trunc((durationMs * fs) / 1000.0);
  if (size <= 0) return new Float64Array(0); // SI: y[:-1] of a single point is empty
  const y = new Float64Array(size + 1);
  for (let i = 0; i <= size; i++) y[i] = Math.exp(((i / fs) * 1000.0) / tauMs);
  const scale = y[size] - y[0];
  for (let i = 0; i <= size; i++) y[i] = (y[i] / scale) * (endAmp - startAmp);
  const y0 = y[0];
  for (let i = 0; i <= size; i++) y[i] = y[i] - y0 + startAmp;
  if (flip) y.reverse();
  return y.subarray(0, size);
}

function assertFinite(name: string, v: number): void {
  if (!Number.isFinite(v)) throw new Error(`generateSingleFakeWaveform: ${name} must be a finite number, got ${v}.`);
}

/**
 * Float64 result exactly as SI returns it (see the dtype note above). Throws the sentences of SI's asserts.
 */
export function generateSingleFakeWaveform64(opts: FakeWaveformOptions): Float64Array {
  const fs = opts.sampling_frequency;
  const msBefore = opts.ms_before ?? 1.0;
  const msAfter = opts.ms_after ?? 3.0;
  const negAmp = opts.negative_amplitude ?? -1;
  const posAmp = opts.positive_amplitude ?? 0.15;
  const depoMs = opts.depolarization_ms ?? 0.1;
  const repoMs = opts.repolarization_ms ?? 0.6;
  const recovMs = opts.recovery_ms ?? 1.1;
  const smoothMs = opts.smooth_ms ?? 0.05;
  for (const [k, v] of Object.entries({ sampling_frequency: fs, ms_before: msBefore, ms_after: msAfter, negative_amplitude: negAmp,
    positive_amplitude: posAmp, depolarization_ms: depoMs, repolarization_ms: repoMs, recovery_ms: recovMs, smooth_ms: smoothMs })) assertFinite(k, v);
  if (!(fs > 0)) throw new Error(`generateSingleFakeWaveform: sampling_frequency must be > 0, got ${fs}.`);
  if (!(msAfter > depoMs + repoMs)) throw new Error(`generateSingleFakeWaveform: ms_after (${msAfter}) must exceed depolarization_ms + repolarization_ms (${depoMs + repoMs}).`);
  if (!(msBefore > depoMs)) throw new Error(`generateSingleFakeWaveform: ms_before (${msBefore}) must exceed depolarization_ms (${depoMs}).`);
  if (!(smoothMs > 0)) throw new Error(`generateSingleFakeWaveform: smooth_ms must be > 0 (SI's gaussian kernel is 0/0 otherwise), got ${smoothMs}.`);

  const nbefore = msToSamples(msBefore, fs);
  const nafter = msToSamples(msAfter, fs);
  const width = nbefore + nafter;
  const wf32 = new Float32Array(width); // SI's float32 `wf`

  const ndepo = Math.trunc((depoMs * fs) / 1000.0);
  if (!(ndepo < nafter)) throw new Error('generateSingleFakeWaveform: ms_before is too short (depolarization does not fit).');
  wf32.set(expGrowth(0, negAmp, depoMs, depoMs * 0.2, fs, false), nbefore - ndepo);
  const nrepol = Math.trunc((repoMs * fs) / 1000.0);
  wf32.set(expGrowth(negAmp, posAmp, repoMs, repoMs * 0.5, fs, true), nbefore);
  const nrefac = Math.trunc((recovMs * fs) / 1000.0);
  if (!(nrefac + nrepol < nafter)) throw new Error('generateSingleFakeWaveform: ms_after is too short (repolarization + recovery do not fit).');
  wf32.set(expGrowth(posAmp, 0.0, recovMs, recovMs * 0.5, fs, true), nbefore + nrepol);

  // gaussian kernel, normalised to unit sum
  const smoothSize = smoothMs / ((1 / fs) * 1000.0);
  const n = Math.trunc(smoothSize * 4);
  const kernel = new Float64Array(2 * n + 1);
  let ksum = 0;
  for (let b = -n; b <= n; b++) kernel[b + n] = Math.exp(-(b * b) / (2 * (smoothSize * smoothSize)));
  for (let i = 0; i < kernel.length; i++) ksum += kernel[i];
  for (let i = 0; i < kernel.length; i++) kernel[i] /= ksum;
  if (kernel.length > width) throw new Error(`generateSingleFakeWaveform: smooth_ms (${smoothMs}) gives a kernel of ${kernel.length} samples, longer than the ${width}-sample waveform.`);

  let oldMax = 0;
  for (let i = 0; i < width; i++) oldMax = Math.max(oldMax, Math.abs(wf32[i]));
  // np.convolve(wf, kernel, "same") with an odd, symmetric kernel: centred, zero padded
  const wf = new Float64Array(width);
  let newMax = 0;
  for (let i = 0; i < width; i++) {
    let acc = 0;
    const lo = Math.max(0, i - n), hi = Math.min(width - 1, i + n);
    for (let j = lo; j <= hi; j++) acc += wf32[j] * kernel[j - i + n];
    wf[i] = acc;
    newMax = Math.max(newMax, Math.abs(acc));
  }
  const ratio = oldMax / newMax; // float32 old_max promoted to float64
  for (let i = 0; i < width; i++) wf[i] *= ratio;

  // put the trough exactly on nbefore (np.argmin: first minimum); the uncovered end keeps its old values
  let ind = 0;
  for (let i = 1; i < width; i++) if (wf[i] < wf[ind]) ind = i;
  if (ind > nbefore) wf.copyWithin(0, ind - nbefore);
  else if (ind < nbefore) wf.copyWithin(nbefore - ind, 0, width - (nbefore - ind));
  return wf;
}

/** SI `generate_single_fake_waveform` with SI's defaults, as float32 (SI's default dtype). */
export function generateSingleFakeWaveform(opts: FakeWaveformOptions): Float32Array {
  return Float32Array.from(generateSingleFakeWaveform64(opts));
}
