/**
 * A sparse square root of the spatial correlation C = exp(-d / spatial_decay) that SpikeInterface's
 * `generate_noise` builds (generation/noise_tools.py) and hands to `rng.multivariate_normal(0, C)` per block.
 * numpy factors C by SVD and multiplies every sample by a dense channels x channels matrix; we instead use
 * the Cholesky factor L (C = L Lᵀ) of C with the channels ordered by depth, drop its small entries, and apply
 * it as a CSR product per sample (noise-correlate.ts).
 *
 * Why it is sparse: in 1-D, exp(-|x| / decay) is the Ornstein-Uhlenbeck (Markov) covariance, whose Cholesky
 * factor is bidiagonal; in 2-D it is not Markov, but ordered by depth the factor still decays fast away from
 * the diagonal (each contact is "explained" by its few neighbours just above it).
 *
 * Error bound (measured, not assumed): let L̃ be L with |L_ij| < tau dropped, each row then rescaled to unit
 * norm. Then diag(L̃ L̃ᵀ) = 1 EXACTLY (the per-channel std is exactly the noise level) and `factorError`
 * returns max_ij |(L̃ L̃ᵀ - C)_ij|. `chooseThreshold` picks the largest tau (bisection) whose error is
 * <= maxError (default 0.01 of a correlation coefficient), so the rendered covariance is
 * diag(l) (C + E) diag(l) with max |E_ij| <= maxError, proven at prepare time for the actual probe.
 */

/** Channel indices sorted by depth (y), then x: the elimination order that keeps L local. */
export function depthOrder(channelLocations: Float64Array): Int32Array {
  const n = channelLocations.length / 2;
  const idx = Array.from({ length: n }, (_, i) => i);
  idx.sort((a, b) => (channelLocations[2 * a + 1] - channelLocations[2 * b + 1]) || (channelLocations[2 * a] - channelLocations[2 * b]) || (a - b));
  return Int32Array.from(idx);
}

/**
 * Dense lower Cholesky (Cholesky-Banachiewicz, row by row) of the permuted matrix C[perm][:, perm];
 * returns L row-major (n x n, upper part zero). A pivot <= 1e-12 (duplicate contact positions make C
 * singular) is set to 0 with its column below: that channel is then an exact copy of earlier ones'
 * combination, which is what a singular C means.
 */
export function choleskyPermuted(cov: Float64Array, n: number, perm: Int32Array): Float64Array {
  const L = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const pi = perm[i] * n;
    for (let j = 0; j <= i; j++) {
      let s = cov[pi + perm[j]];
      const ri = i * n, rj = j * n;
      for (let k = 0; k < j; k++) s -= L[ri + k] * L[rj + k];
      if (i === j) L[ri + i] = s > 1e-12 ? Math.sqrt(s) : 0;
      else L[ri + j] = L[rj + j] > 0 ? s / L[rj + j] : 0;
    }
  }
  return L;
}

/** CSR factor: output row i (ORIGINAL channel order) = sum_k values[k] * z[cols[k]], rowPtr[i]..rowPtr[i+1]. */
export interface SparseFactor {
  n: number;
  rowPtr: Int32Array;
  cols: Int32Array;
  values: Float64Array;
}

/** Drops |L_ij| < tau, renormalizes each row to unit norm, and stores row perm[i] of the output as row i of L. */
export function sparsifyFactor(L: Float64Array, n: number, perm: Int32Array, tau: number): SparseFactor {
  const rows: { cols: number[]; vals: number[] }[] = new Array(n);
  let nnz = 0;
  for (let i = 0; i < n; i++) {
    const cols: number[] = [], vals: number[] = [];
    let norm = 0;
    for (let j = 0; j <= i; j++) {
      const v = L[i * n + j];
      // the diagonal is always kept, so no row is empty (unless its pivot was singular, see above)
      if (v !== 0 && (Math.abs(v) >= tau || j === i)) { cols.push(j); vals.push(v); norm += v * v; }
    }
    const s = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let k = 0; k < vals.length; k++) vals[k] *= s;
    rows[perm[i]] = { cols, vals };
    nnz += cols.length;
  }
  const rowPtr = new Int32Array(n + 1), cols = new Int32Array(nnz), values = new Float64Array(nnz);
  for (let r = 0, p = 0; r < n; r++) {
    const row = rows[r];
    for (let k = 0; k < row.cols.length; k++, p++) { cols[p] = row.cols[k]; values[p] = row.vals[k]; }
    rowPtr[r + 1] = p;
  }
  return { n, rowPtr, cols, values };
}

/** max_ij |(F Fᵀ)_ij - cov_ij| over all pairs, F the sparse factor (rows in original channel order). */
export function factorError(f: SparseFactor, cov: Float64Array): number {
  const { n, rowPtr, cols, values } = f;
  const dense = new Float64Array(n); // z-space of row i, scattered
  let worst = 0;
  for (let i = 0; i < n; i++) {
    for (let k = rowPtr[i]; k < rowPtr[i + 1]; k++) dense[cols[k]] = values[k];
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = rowPtr[j]; k < rowPtr[j + 1]; k++) s += dense[cols[k]] * values[k];
      worst = Math.max(worst, Math.abs(s - cov[i * n + j]));
    }
    for (let k = rowPtr[i]; k < rowPtr[i + 1]; k++) dense[cols[k]] = 0;
  }
  return worst;
}

/**
 * The sparsest factor (largest tau, by bisection on log tau) with factorError <= maxError. The error is not
 * monotone in tau in theory, so the returned factor's own measured error is returned with it.
 */
export function sparseCholesky(cov: Float64Array, channelLocations: Float64Array, maxError = 0.01): { factor: SparseFactor; tau: number; error: number } {
  const n = channelLocations.length / 2;
  if (cov.length !== n * n) throw new Error(`sparseCholesky: covariance has ${cov.length} entries, expected ${n} x ${n}.`);
  if (!(maxError >= 0)) throw new Error(`sparseCholesky: maxError must be >= 0, got ${maxError}.`);
  const perm = depthOrder(channelLocations);
  const L = choleskyPermuted(cov, n, perm);
  let best = { factor: sparsifyFactor(L, n, perm, 0), tau: 0, error: 0 };
  best.error = factorError(best.factor, cov);
  let lo = -12, hi = 0; // log10 tau
  for (let it = 0; it < 24; it++) {
    const mid = (lo + hi) / 2, tau = 10 ** mid;
    const factor = sparsifyFactor(L, n, perm, tau);
    const error = factorError(factor, cov);
    if (error <= maxError) { lo = mid; if (tau > best.tau) best = { factor, tau, error }; } else hi = mid;
  }
  return best;
}
