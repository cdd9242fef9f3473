/**
 * Per-unit template parameters, drawn exactly like SpikeInterface's `_ensure_unit_params`
 * (spikeinterface/core/generate.py, 0.105): ONE fresh `np.random.default_rng(seed)`, then the keys of
 * `default_unit_params_range` in their dict order; a key given as a range (SI: a tuple) consumes
 * `rng.uniform(lo, hi, num_units)`, a scalar or a per-unit list consumes nothing. So the stream position of
 * a key depends on which earlier keys are ranges — that is why the order below must never change.
 */
import { defaultRng } from '../rng/index.ts';
import { DEFAULT_UNIT_PARAMS, UNIT_PARAM_DRAW_ORDER, type ParamSpec } from './unit-param-defaults.ts';

export { DEFAULT_UNIT_PARAMS, UNIT_PARAM_DRAW_ORDER, type ParamSpec } from './unit-param-defaults.ts';

function isRange(v: unknown): v is { range: [number, number] } {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && 'range' in v;
}

function checkFinite(key: string, what: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    throw new Error(`unit_params.${key}: ${what} must be a finite number, got ${JSON.stringify(v)}.`);
  }
  return v;
}

/**
 * Resolve every key of DEFAULT_UNIT_PARAMS to one value per unit. Missing keys take SI's default range.
 * `propagation_speed: null` (SI's None: no propagation delay) gives NaN values, which the template code reads
 * as "no delay". Differences from SI, on purpose: unknown keys, lo > hi and non-finite values are errors
 * (SI ignores unknown keys, and numpy would silently draw from a reversed range).
 */
export function ensureUnitParams(unitParams: Record<string, ParamSpec | null>, numUnits: number, seed: number | bigint): Record<string, Float64Array> {
  if (!Number.isInteger(numUnits) || numUnits < 0) {
    throw new Error(`ensureUnitParams: numUnits must be a non-negative integer, got ${numUnits}.`);
  }
  for (const key of Object.keys(unitParams ?? {})) {
    if (!(key in DEFAULT_UNIT_PARAMS)) {
      throw new Error(`unit_params: unknown key "${key}"; known keys are ${UNIT_PARAM_DRAW_ORDER.join(', ')}.`);
    }
  }
  const rng = defaultRng(seed);
  const out: Record<string, Float64Array> = {};
  for (const key of UNIT_PARAM_DRAW_ORDER) {
    const v = unitParams != null && key in unitParams ? unitParams[key] : DEFAULT_UNIT_PARAMS[key];
    if (v === null || v === undefined) {
      if (key !== 'propagation_speed') throw new Error(`unit_params.${key}: null is only allowed for propagation_speed (no delay).`);
      out[key] = new Float64Array(numUnits).fill(NaN);
    } else if (isRange(v)) {
      const r = v.range;
      if (!Array.isArray(r) || r.length !== 2) throw new Error(`unit_params.${key}: range must be [lo, hi], got ${JSON.stringify(r)}.`);
      const lo = checkFinite(key, 'range lo', r[0]);
      const hi = checkFinite(key, 'range hi', r[1]);
      if (lo > hi) throw new Error(`unit_params.${key}: range lo (${lo}) is greater than hi (${hi}).`);
      out[key] = Float64Array.from(rng.uniformArray(lo, hi, numUnits)); // rng.uniform(lo, hi, num_units)
    } else if (Array.isArray(v)) {
      if (v.length !== numUnits) {
        throw new Error(`unit_params.${key}: a per-unit list needs ${numUnits} values (one per unit), got ${v.length}.`);
      }
      out[key] = Float64Array.from(v, (x, i) => checkFinite(key, `value ${i}`, x));
    } else if (typeof v === 'number') {
      out[key] = new Float64Array(numUnits).fill(checkFinite(key, 'the scalar', v));
    } else {
      throw new Error(`unit_params.${key}: expected a number, {range: [lo, hi]} or a list of ${numUnits} numbers, got ${JSON.stringify(v)}.`);
    }
  }
  return out;
}
