/**
 * Unit locations, as `generate_unit_locations` (spikeinterface/core/generate.py): x, y, z drawn uniformly in
 * the probe's bounds plus a margin (y optionally "by layer", multimodal), then up to `max_iteration` rounds that
 * redraw the units closer than `minimum_distance` to another one — in the first round every unit of a close pair,
 * afterwards only those of the previous set still too close. Locations are float32 and SpikeInterface computes
 * the distances in float32 too, so we do the same to take the same decisions.
 */
import { defaultRng, type Generator } from '../rng/index.ts';
import { linspace, pairwiseSum } from './numpy-math.ts';

export interface UnitLocationsOptions {
  margin_um: number;
  minimum_z: number;
  maximum_z: number;
  minimum_distance: number | null;
  max_iteration: number;
  distance_strict: boolean;
  distribution: 'uniform' | 'multimodal';
  num_modes: number;
  seed: number | bigint | null;
}

export interface UnitLocationsResult {
  /** (num_units, 3) float32, C order */
  locations: Float32Array;
  /** false when the distance constraint could not be met (SpikeInterface warns; strict mode throws) */
  solutionFound: boolean;
  warning?: string;
}

/** `_generate_multimodal`: y values from a mixture of gaussians placed at (i+1)*step of the range. */
function drawMultimodal(rng: Generator, size: number, numModes: number, lim0: number, lim1: number): Float64Array {
  const bins = linspace(lim0, lim1, 10000);
  const binStep = bins[1] - bins[0];
  const prob = new Float64Array(bins.length);
  const modeStep = (lim1 - lim0) / (numModes + 1);
  for (let i = 0; i < numModes; i++) {
    // SpikeInterface centres the modes at mode_step*(i+1), not lim0 + ...: kept as is for parity
    const center = modeStep * (i + 1);
    const sigma = modeStep / 5.0;
    for (let b = 0; b < bins.length; b++) prob[b] += Math.exp(-((bins[b] - center) ** 2) / (2 * sigma ** 2));
  }
  const total = pairwiseSum(prob);
  for (let b = 0; b < prob.length; b++) prob[b] /= total;
  const choices = rng.choice(bins.length, size, { p: prob });
  const jitter = rng.uniformArray(-binStep / 2, binStep / 2, size);
  const out = new Float64Array(size);
  for (let i = 0; i < size; i++) out[i] = bins[choices[i]] + jitter[i];
  return out;
}

function bounds(channelLocations: Float64Array, dim: number): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = dim; i < channelLocations.length; i += 2) {
    lo = Math.min(lo, channelLocations[i]);
    hi = Math.max(hi, channelLocations[i]);
  }
  return [lo, hi];
}

/** Indices (sorted, unique) of units with another unit closer than `minDist`, distances in float32. */
function tooClose(loc: Float32Array, n: number, minDist: number): Int32Array {
  const f = Math.fround;
  const limit = f(minDist);
  const bad = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const dx = f(loc[3 * i] - loc[3 * j]);
      const dy = f(loc[3 * i + 1] - loc[3 * j + 1]);
      const dz = f(loc[3 * i + 2] - loc[3 * j + 2]);
      const d = f(Math.sqrt(f(f(f(dx * dx) + f(dy * dy)) + f(dz * dz))));
      if (d < limit) { bad[i] = 1; bad[j] = 1; }
    }
  }
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (bad[i]) out.push(i);
  return Int32Array.from(out);
}

export function generateUnitLocations(numUnits: number, channelLocations: Float64Array, o: UnitLocationsOptions): UnitLocationsResult {
  const rng = defaultRng(o.seed);
  const loc = new Float32Array(numUnits * 3);
  const [x0, x1] = bounds(channelLocations, 0);
  const [y0, y1] = bounds(channelLocations, 1);
  const minX = x0 - o.margin_um, maxX = x1 + o.margin_um, minY = y0 - o.margin_um, maxY = y1 + o.margin_um;
  const drawY = (n: number) => (o.distribution === 'multimodal' ? drawMultimodal(rng, n, o.num_modes, minY, maxY) : rng.uniformArray(minY, maxY, n));
  const put = (dim: number, values: Float64Array, idx?: Int32Array) => {
    for (let k = 0; k < values.length; k++) loc[3 * (idx ? idx[k] : k) + dim] = values[k];
  };
  put(0, rng.uniformArray(minX, maxX, numUnits));
  put(1, drawY(numUnits));
  put(2, rng.uniformArray(o.minimum_z, o.maximum_z, numUnits));

  if (o.minimum_distance === null) return { locations: loc, solutionFound: true };
  let renew: Int32Array | null = null;
  for (let it = 0; it < o.max_iteration; it++) {
    const bad = tooClose(loc, numUnits, o.minimum_distance);
    if (bad.length === 0) return { locations: loc, solutionFound: true };
    if (renew === null) renew = bad;
    else {
      const badSet = new Set(bad);
      renew = renew.filter((i) => badSet.has(i));
    }
    put(0, rng.uniformArray(minX, maxX, renew.length), renew);
    put(1, drawY(renew.length), renew);
    put(2, rng.uniformArray(o.minimum_z, o.maximum_z, renew.length), renew);
  }
  const message = `no unit locations found with every pair at least ${o.minimum_distance} um apart after ${o.max_iteration} iterations: `
    + 'lower minimum_distance, raise max_iteration, or widen margin_um / the z range';
  if (o.distance_strict) throw new Error(message);
  return { locations: loc, solutionFound: false, warning: message };
}

/** Nearest channel of each unit in the probe plane (`max_channel_index` of the ground-truth sorting). */
export function maxChannelIndex(unitLocations: Float32Array, channelLocations: Float64Array): Int32Array {
  const n = unitLocations.length / 3;
  const nc = channelLocations.length / 2;
  const out = new Int32Array(n);
  for (let u = 0; u < n; u++) {
    let best = 0;
    let bestD = Infinity;
    for (let c = 0; c < nc; c++) {
      const dx = unitLocations[3 * u] - channelLocations[2 * c];
      const dy = unitLocations[3 * u + 1] - channelLocations[2 * c + 1];
      const d = Math.sqrt(dx * dx + dy * dy);
      if (d < bestD) { bestD = d; best = c; }
    }
    out[u] = best;
  }
  return out;
}
