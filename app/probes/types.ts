/**
 * Shared value types of the probe model. Names follow probeinterface (probe.py, probegroup.py) so that a
 * reader of the Python sources recognises every field; snake_case is kept on purpose for the JSON fields.
 */

/** Any value that survives JSON: what probeinterface accepts in `annotations` / `contact_annotations`. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** probeinterface `_possible_contact_shapes`. */
export const CONTACT_SHAPES = ['circle', 'square', 'rect'] as const;
export type ContactShape = (typeof CONTACT_SHAPES)[number];

/**
 * Size of one contact: `{radius}` for circles, `{width}` for squares, `{width, height}` for rectangles
 * (probeinterface `set_contacts` docstring). Kept as a plain record: probeinterface stores the dict as given.
 */
export type ContactShapeParams = Record<string, number>;

/** Units probeinterface accepts for `si_units` (probe.py constructor docstring; the JSON schema lists um, mm). */
export type SiUnits = 'um' | 'mm' | 'm';

/** The side of a contact on a double-sided probe (probe.py `set_contacts`, `contact_sides`). */
export type ContactSide = 'front' | 'back';

/** Positions as a flat C-order array (n × ndim) or as rows, the two ways callers hold coordinates. */
export type PointsInput = Float64Array | ArrayLike<number> | ReadonlyArray<ArrayLike<number>>;
