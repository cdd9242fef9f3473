/**
 * Unit locations by monopolar triangulation, as `compute_monopolar_triangulation` with optimizer "least_square"
 * (postprocessing/localization_tools.py, SI 0.105; Boussard, Varol & Windolf 2021): for each unit, the channels
 * within `radiusUm` of its main channel, a feature per channel (ptp, energy or |peak voltage|, float32 as numpy
 * computes it), the initial guess and bounds of `make_initial_guess_and_bounds` (centre of mass at z = 20 µm,
 * box ±max_distance around it, 1 ≤ z ≤ 10·max_distance, 0 ≤ α ≤ max feature · max_distance), then the fit of
 * feature_i ≈ α / ‖(x, y, z) − contact_i‖ with a bounded least-squares solver (see bounded-least-squares.ts for how
 * it differs from scipy's TRF). Output rows are (x, y, z) or (x, y, z, α).
 */
import { boundedLeastSquares } from './bounded-least-squares.ts';
import { mainChannelIndices, type PeakMode, type PeakSign } from './template-tools-amplitude.ts';
import { channelLocationsOf, requireDense, type Templates } from './templates-object.ts';

export interface MonopolarOptions {
  radiusUm?: number;
  maxDistanceUm?: number;
  feature?: 'ptp' | 'energy' | 'peak_voltage';
  /** for the radius sparsity's main channel (SI requires them with Templates; 'both' / 'extremum' is SI's default elsewhere) */
  peakSign?: PeakSign;
  peakMode?: PeakMode;
  returnAlpha?: boolean;
}

/** `make_initial_guess_and_bounds`: x0 is a float32 array in SI, so x0 and the bounds derived from it are rounded. */
export function initialGuessAndBounds(wf: Float32Array, loc: Float64Array, maxDistanceUm: number, initialZ = 20): { x0: Float64Array; lower: number[]; upper: number[] } {
  let ind = 0;
  for (let i = 1; i < wf.length; i++) if (wf[i] > wf[ind]) ind = i;
  const maxPtp = wf[ind];
  const maxAlpha = Math.fround(maxPtp * maxDistanceUm);
  let sx = 0, sy = 0, sw = 0;
  for (let i = 0; i < wf.length; i++) { sx += wf[i] * loc[2 * i]; sy += wf[i] * loc[2 * i + 1]; sw += wf[i]; }
  sw = Math.fround(sw); // np.sum of float32 stays float32
  const com = [sx / sw, sy / sw];
  const x0 = Float64Array.from([Math.fround(com[0]), Math.fround(com[1]), initialZ, 0]);
  const alpha = Math.sqrt((com[0] - loc[2 * ind]) ** 2 + (com[1] - loc[2 * ind + 1]) ** 2 + initialZ ** 2) * maxPtp;
  x0[3] = Math.fround(alpha);
  const f = Math.fround;
  return {
    x0,
    lower: [f(x0[0] - maxDistanceUm), f(x0[1] - maxDistanceUm), 1, 0],
    upper: [f(x0[0] + maxDistanceUm), f(x0[1] + maxDistanceUm), maxDistanceUm * 10, maxAlpha],
  };
}

/** `solve_monopolar_triangulation(..., optimizer="least_square")` for one unit. */
export function solveMonopolar(wf: Float32Array, loc: Float64Array, maxDistanceUm: number): Float64Array {
  const { x0, lower, upper } = initialGuessAndBounds(wf, loc, maxDistanceUm);
  const n = wf.length;
  const res = boundedLeastSquares({
    m: n,
    evaluate(v, r, jac) {
      for (let i = 0; i < n; i++) {
        const dx = loc[2 * i] - v[0], dy = loc[2 * i + 1] - v[1];
        const d = Math.sqrt(dx * dx + dy * dy + v[2] * v[2]);
        r[i] = wf[i] - v[3] / d; // estimate_distance_error
        if (jac) {
          const d3 = d * d * d;
          jac[4 * i] = -v[3] * dx / d3;
          jac[4 * i + 1] = -v[3] * dy / d3;
          jac[4 * i + 2] = v[3] * v[2] / d3;
          jac[4 * i + 3] = -1 / d;
        }
      }
    },
  }, x0, { lower, upper });
  return res.x;
}

/** One row per unit: (x, y, z) or with `returnAlpha` (x, y, z, α); `channelLocations` (C × 2) default to the probe's. */
export function estimateUnitLocationsMonopolar(t: Templates, channelLocations: Float64Array = channelLocationsOf(t), o: MonopolarOptions = {}): Float64Array {
  requireDense(t, 'compute_monopolar_triangulation');
  const radius = o.radiusUm ?? 75, maxDistance = o.maxDistanceUm ?? 1000, feature = o.feature ?? 'ptp';
  const { numUnits: U, numSamples: S, numChannels: C, templatesArray: a } = t;
  if (channelLocations.length !== 2 * C) throw new Error(`monopolar triangulation: ${channelLocations.length / 2} channel locations for ${C} channels.`);
  const main = mainChannelIndices(t, o.peakSign ?? 'both', o.peakMode ?? 'extremum');
  const width = o.returnAlpha ? 4 : 3;
  const out = new Float64Array(U * width);
  for (let u = 0; u < U; u++) {
    const mc = main[u];
    const chans: number[] = [];
    for (let c = 0; c < C; c++) {
      const d = Math.hypot(channelLocations[2 * c] - channelLocations[2 * mc], channelLocations[2 * c + 1] - channelLocations[2 * mc + 1]);
      if (d <= radius) chans.push(c);
    }
    const wf = new Float32Array(chans.length);
    const loc = new Float64Array(2 * chans.length);
    chans.forEach((c, k) => {
      loc[2 * k] = channelLocations[2 * c];
      loc[2 * k + 1] = channelLocations[2 * c + 1];
      let mn = Infinity, mx = -Infinity, e = 0;
      for (let s = 0; s < S; s++) {
        const x = a[(u * S + s) * C + c];
        mn = Math.min(mn, x); mx = Math.max(mx, x); e += x * x;
      }
      wf[k] = feature === 'ptp' ? mx - mn : feature === 'energy' ? Math.sqrt(e) : Math.abs(a[(u * S + t.nbefore) * C + c]);
    });
    const sol = solveMonopolar(wf, loc, maxDistance);
    out.set(sol.subarray(0, width), u * width);
  }
  return out;
}
