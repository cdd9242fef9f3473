/**
 * scipy.interpolate.griddata(points, values, xi, method, fill_value) for 2-D points, split so that the geometry is
 * prepared once and reused for many value vectors — interpolate_templates calls griddata once per (template,
 * sample) with the same positions. 'linear' = LinearNDInterpolator (barycentric weights on the Delaunay triangle),
 * 'cubic' = CloughTocher2DInterpolator, 'nearest' = NearestNDInterpolator (first closest point, as the KD-tree
 * returns on exact ties only by index order — ties are rare with real geometries). Outside the convex hull the value
 * is `fillValue` (SI passes 0).
 */
import { cloughTocherAt, crossBoundaryG, estimateGradients } from './griddata-clough-tocher.ts';
import { findSimplex, triangulate, type Triangulation } from './griddata-triangulation.ts';

export type GriddataMethod = 'linear' | 'cubic' | 'nearest';

export interface GriddataPlan {
  method: GriddataMethod;
  numQueries: number;
  /** per query: triangle (or -1 outside) and barycentric coordinates; nearest: the closest point */
  simplex: Int32Array;
  bary: Float64Array;
  tri: Triangulation | null;
  g: Float64Array | null;
  numPoints: number;
}

export function planGriddata(points: Float64Array, queries: Float64Array, method: GriddataMethod): GriddataPlan {
  const m = queries.length / 2;
  const simplex = new Int32Array(m);
  const bary = new Float64Array(3 * m);
  if (method === 'nearest') {
    for (let q = 0; q < m; q++) {
      let best = Infinity;
      for (let i = 0; i < points.length / 2; i++) {
        const d = (points[2 * i] - queries[2 * q]) ** 2 + (points[2 * i + 1] - queries[2 * q + 1]) ** 2;
        if (d < best) { best = d; simplex[q] = i; }
      }
    }
    return { method, numQueries: m, simplex, bary, tri: null, g: null, numPoints: points.length / 2 };
  }
  const tri = triangulate(points);
  const c = new Float64Array(3);
  for (let q = 0; q < m; q++) {
    simplex[q] = findSimplex(tri, queries[2 * q], queries[2 * q + 1], c);
    bary.set(c, 3 * q);
  }
  return { method, numQueries: m, simplex, bary, tri, g: method === 'cubic' ? crossBoundaryG(tri) : null, numPoints: tri.numPoints };
}

/** Interpolates one value vector (one per point) at the plan's queries into `out`. */
export function runGriddata(plan: GriddataPlan, values: ArrayLike<number>, out: Float64Array | Float32Array, fillValue = 0, scratch?: Float64Array): void {
  const { simplex, bary } = plan;
  if (plan.method === 'nearest') {
    for (let q = 0; q < plan.numQueries; q++) out[q] = values[simplex[q]];
    return;
  }
  const tri = plan.tri as Triangulation;
  const s = tri.simplices;
  if (plan.method === 'linear') {
    for (let q = 0; q < plan.numQueries; q++) {
      const t = simplex[q];
      out[q] = t < 0 ? fillValue
        : bary[3 * q] * values[s[3 * t]] + bary[3 * q + 1] * values[s[3 * t + 1]] + bary[3 * q + 2] * values[s[3 * t + 2]];
    }
    return;
  }
  const grad = scratch && scratch.length >= 2 * plan.numPoints ? scratch : new Float64Array(2 * plan.numPoints);
  estimateGradients(tri, values, grad);
  const b = new Float64Array(3);
  for (let q = 0; q < plan.numQueries; q++) {
    const t = simplex[q];
    if (t < 0) { out[q] = fillValue; continue; }
    b[0] = bary[3 * q]; b[1] = bary[3 * q + 1]; b[2] = bary[3 * q + 2];
    out[q] = cloughTocherAt(tri, plan.g as Float64Array, t, b, values, grad);
  }
}

/** One-shot griddata (points n × 2, values n, queries m × 2). */
export function griddata(points: Float64Array, values: ArrayLike<number>, queries: Float64Array, method: GriddataMethod = 'linear', fillValue = NaN): Float64Array {
  const out = new Float64Array(queries.length / 2);
  runGriddata(planGriddata(points, queries, method), values, out, fillValue);
  return out;
}
