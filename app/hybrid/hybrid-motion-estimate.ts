/**
 * A motion estimate as SpikeInterface keeps it (core/motion.py `Motion`): per segment, displacement (µm) on a grid of
 * time-bin centres × depth-bin centres, along one direction. `displacementAt` is `Motion.get_displacement_at_time_and_depth`:
 * time and depth are clipped to the bin-centre range (`temporal_bounds`, `spatial_bounds`), then a linear
 * `scipy.interpolate.RegularGridInterpolator` over (time, depth) is evaluated. An axis with a single bin (rigid motion)
 * contributes a constant, as scipy's zero-width cell does.
 */

export interface MotionSegment {
  /** bin centres, strictly increasing, (numTimes,) */
  temporalBinsS: Float64Array;
  /** (numTimes, numDepths) C order, µm */
  displacement: Float64Array;
}

export interface MotionEstimate {
  direction: 'x' | 'y' | 'z';
  /** 0, 1, 2 for x, y, z (SI `Motion.dim`) */
  dim: number;
  /** depth-bin centres (numDepths,), strictly increasing */
  spatialBinsUm: Float64Array;
  segments: MotionSegment[];
}

/** Checks shapes and order; a problem becomes a sentence naming `label` (the file or preset key). */
export function checkMotionEstimate(m: MotionEstimate, label: string): MotionEstimate {
  const D = m.spatialBinsUm.length;
  if (D < 1) throw new Error(`${label}: the motion has no depth bin; give at least one.`);
  const increasing = (a: Float64Array) => a.every((x, i) => Number.isFinite(x) && (i === 0 || x > a[i - 1]));
  if (!increasing(m.spatialBinsUm)) throw new Error(`${label}: the depth bins must be finite and strictly increasing.`);
  if (m.segments.length < 1) throw new Error(`${label}: the motion has no segment.`);
  m.segments.forEach((s, i) => {
    const T = s.temporalBinsS.length;
    if (T < 1 || !increasing(s.temporalBinsS)) throw new Error(`${label}: the time bins of segment ${i} must be finite and strictly increasing.`);
    if (s.displacement.length !== T * D) {
      throw new Error(`${label}: segment ${i} holds ${s.displacement.length} displacement values, not ${T} time bins × ${D} depth bins.`);
    }
    if (!s.displacement.every(Number.isFinite)) throw new Error(`${label}: segment ${i} has a displacement that is not a finite number.`);
  });
  return m;
}

/** `i = searchsorted(grid, x) - 1` clipped to [0, n - 2] and the fraction within that cell (scipy `_find_indices`). */
function cell(grid: Float64Array, x: number): [number, number] {
  const n = grid.length;
  if (n === 1) return [0, 0];
  let lo = 0, hi = n;
  while (lo < hi) { const mid = (lo + hi) >>> 1; if (grid[mid] < x) lo = mid + 1; else hi = mid; }
  const i = Math.min(Math.max(lo - 1, 0), n - 2);
  const denom = grid[i + 1] - grid[i];
  return [i, denom !== 0 ? (x - grid[i]) / denom : 0];
}

/** `Motion.get_displacement_at_time_and_depth(times_s=[t], locations_um=[depth], segment_index)[0]`. */
export function displacementAt(m: MotionEstimate, segmentIndex: number, timeS: number, depthUm: number): number {
  const seg = m.segments[segmentIndex];
  if (!seg) throw new Error(`The motion has ${m.segments.length} segment(s); segment ${segmentIndex} does not exist.`);
  const tb = seg.temporalBinsS, sb = m.spatialBinsUm;
  const t = Math.min(Math.max(timeS, tb[0]), tb[tb.length - 1]);
  const z = Math.min(Math.max(depthUm, sb[0]), sb[sb.length - 1]);
  const [i, a] = cell(tb, t);
  const [j, b] = cell(sb, z);
  const D = sb.length;
  const i1 = tb.length === 1 ? i : i + 1, j1 = D === 1 ? j : j + 1;
  const v = seg.displacement;
  return v[i * D + j] * (1 - a) * (1 - b) + v[i * D + j1] * (1 - a) * b + v[i1 * D + j] * a * (1 - b) + v[i1 * D + j1] * a * b;
}

/** `Motion.get_boundaries()`: the smallest and largest displacement over every segment. */
export function motionBoundaries(m: MotionEstimate): [number, number] {
  let lo = Infinity, hi = -Infinity;
  for (const s of m.segments) for (const v of s.displacement) { if (v < lo) lo = v; if (v > hi) hi = v; }
  return [lo, hi];
}
