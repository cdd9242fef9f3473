/**
 * SpikeInterface's `default_unit_params_range` (core/generate.py, 0.105) and the parameter spelling of
 * presets. Kept apart from unit-params.ts so the template code can name the keys without the RNG.
 */

/** scalar, uniform range (SI's tuple), or one value per unit. ensureUnitParams also takes `null` (SI's None) for propagation_speed. */
export type ParamSpec = number | { range: [number, number] } | number[];

/** SI `default_unit_params_range`, same key order (= draw order). */
export const DEFAULT_UNIT_PARAMS: Record<string, ParamSpec> = {
  alpha: { range: [100.0, 500.0] },
  depolarization_ms: { range: [0.09, 0.14] },
  repolarization_ms: { range: [0.5, 0.8] },
  recovery_ms: { range: [1.0, 1.5] },
  positive_amplitude: { range: [0.1, 0.25] },
  smooth_ms: { range: [0.03, 0.07] },
  spatial_decay: { range: [10.0, 45.0] },
  propagation_speed: { range: [250.0, 350.0] }, // um / ms
  ellipse_shrink: { range: [0.4, 1] },
  ellipse_angle: { range: [0, Math.PI * 2] },
  spatial_power: { range: [1.5, 2.5] },
};

export const UNIT_PARAM_DRAW_ORDER: readonly string[] = Object.freeze(Object.keys(DEFAULT_UNIT_PARAMS));
