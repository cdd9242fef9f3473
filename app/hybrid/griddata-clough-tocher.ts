/**
 * scipy's CloughTocher2DInterpolator (interpolate/_interpnd.pyx), the method griddata uses for 'cubic':
 *  1. vertex gradients from `estimate_gradients_2d_global` — Gauss–Seidel minimisation of the edge curvature
 *     (Nielson 1983, Renka & Cline 1984), tol 1e-6, at most 400 sweeps, points in index order;
 *  2. on the triangle holding the point, the Clough–Tocher cubic Bézier patch `_clough_tocher_2d_single`, with
 *     scipy's affine-invariant choice of the cross-boundary derivative direction (centroid of the neighbour).
 * The arithmetic follows scipy term by term; results differ from scipy only by rounding (the order of the
 * neighbour sums and of each triangle's vertices), except where the triangulations differ (see triangulation).
 */
import { barycentric, type Triangulation } from './griddata-triangulation.ts';

/** Gradients (n × 2) of the piecewise-cubic interpolant at the vertices; returns the sweeps used (0 = no convergence). */
export function estimateGradients(tri: Triangulation, f: ArrayLike<number>, grad: Float64Array, maxiter = 400, tol = 1e-6): number {
  const { points: p, vertexNeighborsIndptr: ip, vertexNeighbors: vn, numPoints: n } = tri;
  grad.fill(0);
  for (let iter = 0; iter < maxiter; iter++) {
    let err = 0;
    for (let i = 0; i < n; i++) {
      let q0 = 0, q1 = 0, q3 = 0, s0 = 0, s1 = 0;
      for (let j = ip[i]; j < ip[i + 1]; j++) {
        const k = vn[j];
        const ex = p[2 * k] - p[2 * i], ey = p[2 * k + 1] - p[2 * i + 1];
        const L = Math.sqrt(ex * ex + ey * ey);
        const L3 = L * L * L;
        const df2 = -ex * grad[2 * k] - ey * grad[2 * k + 1];
        q0 += 4 * ex * ex / L3;
        q1 += 4 * ex * ey / L3;
        q3 += 4 * ey * ey / L3;
        const w = 6 * (f[i] - f[k]) - 2 * df2;
        s0 += w * ex / L3;
        s1 += w * ey / L3;
      }
      const det = q0 * q3 - q1 * q1;
      const r0 = (q3 * s0 - q1 * s1) / det;
      const r1 = (-q1 * s0 + q0 * s1) / det;
      let change = Math.max(Math.abs(grad[2 * i] + r0), Math.abs(grad[2 * i + 1] + r1));
      grad[2 * i] = -r0;
      grad[2 * i + 1] = -r1;
      change /= Math.max(1, Math.max(Math.abs(r0), Math.abs(r1)));
      err = Math.max(err, change);
    }
    if (err < tol) return iter + 1;
  }
  return 0;
}

/** Per triangle, the cross-boundary direction parameters g[3] (depend on geometry only, so computed once). */
export function crossBoundaryG(tri: Triangulation): Float64Array {
  const nt = tri.simplices.length / 3;
  const g = new Float64Array(3 * nt);
  const c = new Float64Array(3);
  const { points: p, simplices: s } = tri;
  for (let t = 0; t < nt; t++) {
    for (let k = 0; k < 3; k++) {
      const it = tri.neighbors[3 * t + k];
      if (it === -1) { g[3 * t + k] = -0.5; continue; }
      const cx = (p[2 * s[3 * it]] + p[2 * s[3 * it + 1]] + p[2 * s[3 * it + 2]]) / 3;
      const cy = (p[2 * s[3 * it] + 1] + p[2 * s[3 * it + 1] + 1] + p[2 * s[3 * it + 2] + 1]) / 3;
      barycentric(tri, t, cx, cy, c);
      g[3 * t + k] = k === 0 ? (2 * c[2] + c[1] - 1) / (2 - 3 * c[2] - 3 * c[1])
        : k === 1 ? (2 * c[0] + c[2] - 1) / (2 - 3 * c[0] - 3 * c[2])
          : (2 * c[1] + c[0] - 1) / (2 - 3 * c[1] - 3 * c[0]);
    }
  }
  return g;
}

/** `_clough_tocher_2d_single`: the patch of triangle t at barycentric b, from values f and gradients df. */
export function cloughTocherAt(tri: Triangulation, g: Float64Array, t: number, b: Float64Array, values: ArrayLike<number>, grad: Float64Array): number {
  const { points: p, simplices: s } = tri;
  const v0 = s[3 * t], v1 = s[3 * t + 1], v2 = s[3 * t + 2];
  const e12x = p[2 * v1] - p[2 * v0], e12y = p[2 * v1 + 1] - p[2 * v0 + 1];
  const e23x = p[2 * v2] - p[2 * v1], e23y = p[2 * v2 + 1] - p[2 * v1 + 1];
  const e31x = p[2 * v0] - p[2 * v2], e31y = p[2 * v0 + 1] - p[2 * v2 + 1];
  const f1 = values[v0], f2 = values[v1], f3 = values[v2];
  const df12 = +(grad[2 * v0] * e12x + grad[2 * v0 + 1] * e12y);
  const df21 = -(grad[2 * v1] * e12x + grad[2 * v1 + 1] * e12y);
  const df23 = +(grad[2 * v1] * e23x + grad[2 * v1 + 1] * e23y);
  const df32 = -(grad[2 * v2] * e23x + grad[2 * v2 + 1] * e23y);
  const df31 = +(grad[2 * v2] * e31x + grad[2 * v2 + 1] * e31y);
  const df13 = -(grad[2 * v0] * e31x + grad[2 * v0 + 1] * e31y);
  const c3000 = f1, c2100 = (df12 + 3 * c3000) / 3, c2010 = (df13 + 3 * c3000) / 3;
  const c0300 = f2, c1200 = (df21 + 3 * c0300) / 3, c0210 = (df23 + 3 * c0300) / 3;
  const c0030 = f3, c1020 = (df31 + 3 * c0030) / 3, c0120 = (df32 + 3 * c0030) / 3;
  const c2001 = (c2100 + c2010 + c3000) / 3;
  const c0201 = (c1200 + c0300 + c0210) / 3;
  const c0021 = (c1020 + c0120 + c0030) / 3;
  const g0 = g[3 * t], g1 = g[3 * t + 1], g2 = g[3 * t + 2];
  const c0111 = (g0 * (-c0300 + 3 * c0210 - 3 * c0120 + c0030) + (-c0300 + 2 * c0210 - c0120 + c0021 + c0201)) / 2;
  const c1011 = (g1 * (-c0030 + 3 * c1020 - 3 * c2010 + c3000) + (-c0030 + 2 * c1020 - c2010 + c2001 + c0021)) / 2;
  const c1101 = (g2 * (-c3000 + 3 * c2100 - 3 * c1200 + c0300) + (-c3000 + 2 * c2100 - c1200 + c2001 + c0201)) / 2;
  const c1002 = (c1101 + c1011 + c2001) / 3;
  const c0102 = (c1101 + c0111 + c0201) / 3;
  const c0012 = (c1011 + c0111 + c0021) / 3;
  const c0003 = (c1002 + c0102 + c0012) / 3;
  const minval = Math.min(b[0], b[1], b[2]);
  const b1 = b[0] - minval, b2 = b[1] - minval, b3 = b[2] - minval, b4 = 3 * minval;
  return b1 ** 3 * c3000 + 3 * b1 ** 2 * b2 * c2100 + 3 * b1 ** 2 * b3 * c2010
    + 3 * b1 ** 2 * b4 * c2001 + 3 * b1 * b2 ** 2 * c1200
    + 6 * b1 * b2 * b4 * c1101 + 3 * b1 * b3 ** 2 * c1020 + 6 * b1 * b3 * b4 * c1011
    + 3 * b1 * b4 ** 2 * c1002 + b2 ** 3 * c0300 + 3 * b2 ** 2 * b3 * c0210
    + 3 * b2 ** 2 * b4 * c0201 + 3 * b2 * b3 ** 2 * c0120 + 6 * b2 * b3 * b4 * c0111
    + 3 * b2 * b4 ** 2 * c0102 + b3 ** 3 * c0030 + 3 * b3 ** 2 * b4 * c0021
    + 3 * b3 * b4 ** 2 * c0012 + b4 ** 3 * c0003;
}
