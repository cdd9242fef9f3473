/**
 * A box-constrained nonlinear least-squares solver for small problems (a handful of parameters): minimise
 * ½‖r(x)‖² subject to lb ≤ x ≤ ub. SpikeInterface calls scipy.optimize.least_squares (method 'trf': trust-region
 * reflective, 2-point finite-difference Jacobian, ftol = xtol = gtol = 1e-8). This is not a port of TRF: it is a
 * projected Levenberg–Marquardt method with an active set — variables at a bound whose gradient points outwards
 * are frozen — with the caller's analytic Jacobian and scipy's three stopping tests. Both converge to the same
 * local minimum on well-posed problems; the iterates differ, so results agree to the stopping tolerances (about
 * 1e-6 relative here), not bit for bit. Differences can be larger when the cost is flat along some direction.
 */

export interface LeastSquaresProblem {
  /** residuals r(x) (length m) and Jacobian J (m × n, row-major) at x */
  evaluate(x: Float64Array, r: Float64Array, jac: Float64Array | null): void;
  m: number;
}

export interface LeastSquaresOptions { lower: ArrayLike<number>; upper: ArrayLike<number>; ftol?: number; xtol?: number; gtol?: number; maxIter?: number }

export interface LeastSquaresResult { x: Float64Array; cost: number; iterations: number; status: 'gtol' | 'ftol' | 'xtol' | 'maxiter' }

const half2 = (r: Float64Array) => { let s = 0; for (const v of r) s += v * v; return s / 2; };

/** Solves the n×n system A δ = b in place by Gaussian elimination with partial pivoting (n ≤ 4 here). */
function solve(A: Float64Array, b: Float64Array, n: number): boolean {
  for (let k = 0; k < n; k++) {
    let p = k;
    for (let i = k + 1; i < n; i++) if (Math.abs(A[i * n + k]) > Math.abs(A[p * n + k])) p = i;
    if (A[p * n + k] === 0) return false;
    if (p !== k) {
      for (let j = 0; j < n; j++) [A[k * n + j], A[p * n + j]] = [A[p * n + j], A[k * n + j]];
      [b[k], b[p]] = [b[p], b[k]];
    }
    for (let i = k + 1; i < n; i++) {
      const f = A[i * n + k] / A[k * n + k];
      for (let j = k; j < n; j++) A[i * n + j] -= f * A[k * n + j];
      b[i] -= f * b[k];
    }
  }
  for (let k = n - 1; k >= 0; k--) {
    let s = b[k];
    for (let j = k + 1; j < n; j++) s -= A[k * n + j] * b[j];
    b[k] = s / A[k * n + k];
  }
  return true;
}

export function boundedLeastSquares(problem: LeastSquaresProblem, x0: ArrayLike<number>, o: LeastSquaresOptions): LeastSquaresResult {
  const n = x0.length, m = problem.m;
  const ftol = o.ftol ?? 1e-8, xtol = o.xtol ?? 1e-8, gtol = o.gtol ?? 1e-8, maxIter = o.maxIter ?? 100 * n;
  for (let i = 0; i < n; i++) {
    if (!(o.lower[i] < o.upper[i])) throw new Error(`least squares: lower bound ${o.lower[i]} must be below upper bound ${o.upper[i]} (variable ${i}).`);
    if (!(x0[i] >= o.lower[i] && x0[i] <= o.upper[i])) throw new Error('`x0` is infeasible.');
  }
  const clip = (v: number, i: number) => Math.min(o.upper[i], Math.max(o.lower[i], v));
  const x = Float64Array.from(x0);
  const r = new Float64Array(m), J = new Float64Array(m * n), rNew = new Float64Array(m);
  const g = new Float64Array(n), JtJ = new Float64Array(n * n), xNew = new Float64Array(n);
  problem.evaluate(x, r, J);
  let cost = half2(r);
  let lambda = 1e-3;
  for (let it = 1; it <= maxIter; it++) {
    g.fill(0); JtJ.fill(0);
    for (let k = 0; k < m; k++) {
      for (let i = 0; i < n; i++) {
        g[i] += J[k * n + i] * r[k];
        for (let j = 0; j < n; j++) JtJ[i * n + j] += J[k * n + i] * J[k * n + j];
      }
    }
    // first-order optimality of the bounded problem (scipy's gtol test uses the same scaled projected gradient)
    let gNorm = 0;
    for (let i = 0; i < n; i++) gNorm = Math.max(gNorm, Math.abs(clip(x[i] - g[i], i) - x[i]));
    if (gNorm < gtol) return { x, cost, iterations: it, status: 'gtol' };
    const free = Array.from({ length: n }, (_, i) => !((x[i] <= o.lower[i] && g[i] > 0) || (x[i] >= o.upper[i] && g[i] < 0)));
    const idx = free.flatMap((f, i) => (f ? [i] : []));
    let accepted = false;
    for (let tries = 0; tries < 30 && !accepted; tries++) {
      const k = idx.length;
      const A = new Float64Array(k * k), b = new Float64Array(k);
      idx.forEach((i, a) => {
        b[a] = -g[i];
        idx.forEach((j, c) => { A[a * k + c] = JtJ[i * n + j]; });
        A[a * k + a] += lambda * Math.max(JtJ[i * n + i], 1e-12);
      });
      if (!solve(A, b, k)) { lambda *= 10; continue; }
      xNew.set(x);
      idx.forEach((i, a) => { xNew[i] = clip(x[i] + b[a], i); });
      problem.evaluate(xNew, rNew, null);
      const costNew = half2(rNew);
      if (costNew < cost) {
        let dx = 0, xn = 0;
        for (let i = 0; i < n; i++) { dx += (xNew[i] - x[i]) ** 2; xn += x[i] ** 2; }
        const reduction = (cost - costNew) / cost;
        x.set(xNew);
        problem.evaluate(x, r, J);
        cost = costNew;
        lambda = Math.max(lambda / 3, 1e-12);
        accepted = true;
        if (reduction < ftol) return { x, cost, iterations: it, status: 'ftol' };
        if (Math.sqrt(dx) < xtol * (xtol + Math.sqrt(xn))) return { x, cost, iterations: it, status: 'xtol' };
      } else {
        lambda *= 4;
      }
    }
    if (!accepted) return { x, cost, iterations: it, status: 'xtol' };
  }
  return { x, cost, iterations: maxIter, status: 'maxiter' };
}
