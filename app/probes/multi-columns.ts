/**
 * Column-layout probe generators of probeinterface generator.py: `generate_multi_columns_probe` (what
 * SpikeInterface's `generate_ground_truth_recording` and the "Neuronexus-32" toy probe use) and
 * `generate_linear_probe` (used by `generate_recording`). Same defaults, contact order (column by column,
 * bottom to top), ids ("0".."n-1") and auto contour ("tip", margin 25).
 */
import { Probe } from './probe.ts';
import { createAutoShape } from './probe-ops.ts';
import type { ContactShape, ContactShapeParams } from './types.ts';

/** generator.py `_default_shape_to_params`: the key a shape's params must contain. */
const REQUIRED_PARAM: Record<ContactShape, string> = { circle: 'radius', square: 'width', rect: 'height' };

export interface MultiColumnsOptions {
  /** default 3 */
  num_columns?: number;
  /** one count for every column or one per column; default 10 */
  num_contact_per_column?: number | readonly number[];
  /** distance between columns, default 20 µm */
  xpitch?: number;
  /** distance between contacts of a column, default 20 µm */
  ypitch?: number;
  /** y offset of each column (length num_columns); default all 0 */
  y_shift_per_column?: readonly number[] | null;
  /** default "circle" */
  contact_shapes?: ContactShape;
  /** default {radius: 6} */
  contact_shape_params?: ContactShapeParams;
}

function checkShapeParams(shape: ContactShape, params: ContactShapeParams): void {
  const key = REQUIRED_PARAM[shape];
  if (key === undefined) throw new Error(`Contact shape '${String(shape)}' is not one of circle, square, rect.`);
  if (!(key in params)) {
    throw new Error(`contact_shapes and contact_shape_params must be coordinated: a '${shape}' contact needs '${key}' in its params.`);
  }
}

/** probeinterface `generate_multi_columns_probe`. */
export function generateMultiColumnsProbe(options: MultiColumnsOptions = {}): Probe {
  const numColumns = options.num_columns ?? 3;
  const xpitch = options.xpitch ?? 20;
  const ypitch = options.ypitch ?? 20;
  const shape = options.contact_shapes ?? 'circle';
  const params = options.contact_shape_params ?? { radius: 6 };
  checkShapeParams(shape, params);
  if (!Number.isInteger(numColumns) || numColumns < 1) throw new Error(`num_columns must be a positive integer, not ${numColumns}.`);

  const perColumnIn = options.num_contact_per_column ?? 10;
  const perColumn = typeof perColumnIn === 'number' ? new Array<number>(numColumns).fill(perColumnIn) : [...perColumnIn];
  if (perColumn.length !== numColumns) {
    throw new Error(`num_contact_per_column has ${perColumn.length} entries but num_columns is ${numColumns}.`);
  }
  if (perColumn.some((c) => !Number.isInteger(c) || c < 0)) throw new Error('num_contact_per_column must hold non-negative integers.');
  const shifts = options.y_shift_per_column ?? new Array<number>(numColumns).fill(0);
  if (shifts.length !== numColumns) {
    throw new Error(`y_shift_per_column ${shifts.length} must have the same length as num_columns ${numColumns}.`);
  }

  const total = perColumn.reduce((a, b) => a + b, 0);
  if (total === 0) throw new Error('A multi-column probe needs at least one contact.');
  const positions = new Float64Array(total * 2);
  let k = 0;
  for (let col = 0; col < numColumns; col++) {
    for (let j = 0; j < perColumn[col]; j++) {
      positions[k * 2] = xpitch * col; // np.ones(n) * xpitch * i
      positions[k * 2 + 1] = j * ypitch + shifts[col]; // np.arange(n) * ypitch + y_shift
      k++;
    }
  }
  const probe = new Probe({ ndim: 2, si_units: 'um' });
  probe.setContacts({ positions, shapes: shape, shape_params: params });
  createAutoShape(probe, 'tip', 25);
  probe.setContactIds(Array.from({ length: total }, (_, i) => String(i)));
  return probe;
}

/** probeinterface `generate_linear_probe`: one column of `num_elec` contacts (defaults 16, 20 µm, circle r 6). */
export function generateLinearProbe(options: {
  num_elec?: number; ypitch?: number; contact_shapes?: ContactShape; contact_shape_params?: ContactShapeParams;
} = {}): Probe {
  return generateMultiColumnsProbe({
    num_columns: 1,
    num_contact_per_column: options.num_elec ?? 16,
    xpitch: 0,
    ypitch: options.ypitch ?? 20,
    contact_shapes: options.contact_shapes ?? 'circle',
    contact_shape_params: options.contact_shape_params ?? { radius: 6 },
  });
}
