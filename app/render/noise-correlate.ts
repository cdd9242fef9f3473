/**
 * Spatially correlated noise per sample: y_t = diag(l) L̃ z_t, z_t the channel vector of iid standard normals
 * of sample t and L̃ the sparse Cholesky factor of C = exp(-d / spatial_decay) (noise-cholesky.ts). Its
 * covariance is diag(l) L̃ L̃ᵀ diag(l) ≈ diag(l) C diag(l), the covariance of SpikeInterface's
 * `multivariate_normal(0, C) * noise_levels` (generation/noise_tools.py), at ~11 multiply-adds per value
 * (Neuropixels 1.0, decay 25 um) instead of a dense channels x channels product.
 *
 * z is the SAME seeded float32 stream as the white noise (`default_rng((segment_seed, b))`,
 * `standard_normal(dtype=float32)`): correlated noise is L̃ applied to SpikeInterface's white block before
 * its scaling. numpy's `multivariate_normal` (SVD of C, float64 normals) cannot be reproduced bit for bit.
 */
import type { SparseFactor } from './noise-cholesky.ts';
import { correlateSamplesSimd } from './correlate-simd.ts';

/** CSR factor with each row already multiplied by its channel's noise level. */
export interface ScaledFactor {
  rowPtr: Int32Array;
  cols: Int32Array;
  values: Float64Array;
}

export function scaleFactor(f: SparseFactor, levels: Float64Array): ScaledFactor {
  const values = new Float64Array(f.values.length);
  for (let i = 0; i < f.n; i++) for (let k = f.rowPtr[i]; k < f.rowPtr[i + 1]; k++) values[k] = f.values[k] * levels[i];
  return { rowPtr: f.rowPtr, cols: f.cols, values };
}

/**
 * out[t*C + i] = sum_k values[k] * z[t*C + cols[k]] for t < numSamples, accumulated in float64 in the order of
 * k. Four samples share each (value, column) load: the loop is bound by V8's per-access overhead (typed-array
 * bounds and base reloads), not by the arithmetic, so this runs ~2.5x faster than one sample at a time.
 * Every output is the same sum in the same order whichever loop computes it.
 */
export function correlateSamples(f: ScaledFactor, z: Float32Array, out: Float32Array, numSamples: number, C: number): void {
  // the WebAssembly SIMD kernel (bit for bit the same sums) does whole groups of four samples where it can
  const done = correlateSamplesSimd(f, z, out, numSamples, C);
  if (done < numSamples) correlateSamplesJs(f, z, out, numSamples, C, done);
}

/** The JavaScript loop of correlateSamples, for samples [from, numSamples). */
export function correlateSamplesJs(f: ScaledFactor, z: Float32Array, out: Float32Array, numSamples: number, C: number, from = 0): void {
  const { rowPtr, cols, values } = f;
  let t = from;
  for (; t + 3 < numSamples; t += 4) {
    const b0 = t * C, b1 = b0 + C, b2 = b1 + C, b3 = b2 + C;
    let k = 0;
    for (let i = 0; i < C; i++) {
      const end = rowPtr[i + 1];
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (; k < end; k++) {
        const v = values[k], c = cols[k];
        s0 += v * z[b0 + c]; s1 += v * z[b1 + c]; s2 += v * z[b2 + c]; s3 += v * z[b3 + c];
      }
      out[b0 + i] = s0; out[b1 + i] = s1; out[b2 + i] = s2; out[b3 + i] = s3;
    }
  }
  for (; t < numSamples; t++) {
    const b0 = t * C;
    let k = 0;
    for (let i = 0; i < C; i++) {
      const end = rowPtr[i + 1];
      let s0 = 0;
      for (; k < end; k++) s0 += values[k] * z[b0 + cols[k]];
      out[b0 + i] = s0;
    }
  }
}
