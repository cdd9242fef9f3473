/**
 * The 2-D Delaunay triangulation scipy.interpolate.griddata builds with Qhull (scipy.spatial.Delaunay), rebuilt
 * with `delaunator`, plus what griddata needs from it: per triangle the neighbour opposite each vertex (Qhull's
 * `neighbors`, -1 on the hull), per vertex its Delaunay neighbours (`vertex_neighbor_vertices`), and point location
 * with scipy's tolerances (`_find_simplex`: barycentric coordinates ≥ −100·DBL_EPSILON; a point at most √eps
 * outside a hull edge still counts as inside).
 * Where the Delaunay triangulation is unique (no four co-circular points forming an empty circle) this is the same
 * set of triangles as Qhull's; on co-circular configurations (rectangular grids) Qhull and delaunator may split a
 * quad along different diagonals, and interpolated values inside such a quad then differ.
 */
import Delaunator from 'delaunator';

export interface Triangulation {
  readonly points: Float64Array; // n × 2
  readonly numPoints: number;
  /** 3 vertex indices per triangle (counter-clockwise) */
  readonly simplices: Int32Array;
  /** neighbour triangle opposite vertex k of triangle t at 3t + k, or -1 */
  readonly neighbors: Int32Array;
  /** CSR lists of each vertex's Delaunay neighbours */
  readonly vertexNeighborsIndptr: Int32Array;
  readonly vertexNeighbors: Int32Array;
  /** per triangle: inverse of [[x0-x2, x1-x2], [y0-y2, y1-y2]] (4 values) then x2, y2, as Qhull's `transform` */
  readonly transform: Float64Array;
}

export const EPS = 100 * Number.EPSILON;
export const EPS_BROAD = Math.sqrt(EPS);

export function triangulate(points: Float64Array): Triangulation {
  const n = points.length / 2;
  if (n < 3) throw new Error(`griddata needs at least 3 channel positions to triangulate, got ${n}.`);
  const d = new Delaunator(points);
  const simplices = Int32Array.from(d.triangles);
  const nt = simplices.length / 3;
  if (nt === 0) throw new Error('The channel positions are collinear: griddata cannot triangulate them (Qhull fails the same way); use a 2-D probe.');
  const neighbors = new Int32Array(3 * nt);
  for (let t = 0; t < nt; t++) {
    for (let k = 0; k < 3; k++) {
      // the edge opposite vertex k runs from vertex k+1 to k+2: halfedge 3t + (k+1)%3
      const h = d.halfedges[3 * t + ((k + 1) % 3)];
      neighbors[3 * t + k] = h < 0 ? -1 : Math.floor(h / 3);
    }
  }
  const sets: Set<number>[] = Array.from({ length: n }, () => new Set<number>());
  for (let t = 0; t < nt; t++) {
    for (let k = 0; k < 3; k++) {
      const a = simplices[3 * t + k], b = simplices[3 * t + ((k + 1) % 3)];
      sets[a].add(b); sets[b].add(a);
    }
  }
  const indptr = new Int32Array(n + 1);
  sets.forEach((s, i) => { indptr[i + 1] = indptr[i] + s.size; });
  const vn = new Int32Array(indptr[n]);
  sets.forEach((s, i) => vn.set(Array.from(s).sort((x, y) => x - y), indptr[i]));
  const transform = new Float64Array(6 * nt);
  for (let t = 0; t < nt; t++) {
    const [i0, i1, i2] = [simplices[3 * t], simplices[3 * t + 1], simplices[3 * t + 2]];
    const a = points[2 * i0] - points[2 * i2], b = points[2 * i1] - points[2 * i2];
    const c = points[2 * i0 + 1] - points[2 * i2 + 1], e = points[2 * i1 + 1] - points[2 * i2 + 1];
    const det = a * e - b * c;
    transform.set([e / det, -b / det, -c / det, a / det, points[2 * i2], points[2 * i2 + 1]], 6 * t);
  }
  return { points, numPoints: n, simplices, neighbors, vertexNeighborsIndptr: indptr, vertexNeighbors: vn, transform };
}

/** Barycentric coordinates of (x, y) in triangle t (scipy `_barycentric_coordinates`). */
export function barycentric(tri: Triangulation, t: number, x: number, y: number, out: Float64Array): void {
  const T = tri.transform, o = 6 * t;
  const dx = x - T[o + 4], dy = y - T[o + 5];
  out[0] = T[o] * dx + T[o + 1] * dy;
  out[1] = T[o + 2] * dx + T[o + 3] * dy;
  out[2] = 1 - out[0] - out[1];
}

/** The triangle holding (x, y) and its barycentric coordinates in `c`, or -1 when outside (griddata's fill). */
export function findSimplex(tri: Triangulation, x: number, y: number, c: Float64Array): number {
  const nt = tri.simplices.length / 3;
  for (let t = 0; t < nt; t++) {
    barycentric(tri, t, x, y, c);
    if (c[0] >= -EPS && c[1] >= -EPS && c[2] >= -EPS) return t;
  }
  // points just outside the hull (rounding of a moved channel position): accept within eps_broad of a hull edge
  for (let t = 0; t < nt; t++) {
    barycentric(tri, t, x, y, c);
    let ok = true;
    for (let k = 0; k < 3 && ok; k++) {
      if (c[k] < -EPS && (tri.neighbors[3 * t + k] !== -1 || c[k] < -EPS_BROAD)) ok = false;
    }
    if (ok) return t;
  }
  return -1;
}
