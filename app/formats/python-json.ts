/**
 * JSON text as Python's `json.dumps` writes it, so that files we write are byte-for-byte what SpikeInterface and
 * probeinterface write and, above all, so that Python reads back the same value TYPES: `30000.0` is a float in
 * Python while `30000` is an int (probeinterface would then build integer contact positions). JavaScript numbers
 * carry no int/float distinction, so floats are marked with `PyFloat` (see `pyFloat`, `pyFloats`).
 *
 * Mirrored rules (CPython Lib/json/encoder.py): `indent=None` → separators `", "` and `": "` on one line;
 * `indent=N` → one item per line, `","` + newline, `": "`; empty containers stay `[]` / `{}`; `ensure_ascii=True`
 * escapes every non-ASCII character as `\uXXXX`; float repr always shows a `.` or an exponent; NaN → `NaN`,
 * ±Infinity → `Infinity` / `-Infinity` (Python's default `allow_nan=True`).
 */

/** A number Python must read back as a float. */
export class PyFloat {
  constructor(readonly value: number) {}
}

export const pyFloat = (v: number): PyFloat => new PyFloat(v);

export function pyFloats(values: ArrayLike<number>): PyFloat[] {
  return Array.from(values, (v) => new PyFloat(v));
}

/** Python's `repr(float)` as far as a JSON reader can tell: integral values get ".0". */
export function pythonFloatText(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return 'Infinity';
  if (v === -Infinity) return '-Infinity';
  if (Object.is(v, -0)) return '-0.0';
  const s = String(v);
  return /[.eE]/.test(s) ? s : `${s}.0`;
}

function stringText(s: string): string {
  // JSON.stringify escapes quotes, backslashes and control characters exactly as Python does; then ensure_ascii
  return JSON.stringify(s).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function encode(value: unknown, indent: number | null, level: number): string {
  if (value instanceof PyFloat) return pythonFloatText(value.value);
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return pythonFloatText(value);
    if (!Number.isInteger(value)) return pythonFloatText(value);
    return String(value);
  }
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'string') return stringText(value);
  const isArray = Array.isArray(value) || ArrayBuffer.isView(value);
  const floatView = value instanceof Float32Array || value instanceof Float64Array;
  const entries: [string | null, unknown][] = isArray
    ? Array.from(value as ArrayLike<unknown>, (v) => [null, floatView ? new PyFloat(v as number) : v])
    : Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  const [open, close] = isArray ? ['[', ']'] : ['{', '}'];
  if (entries.length === 0) return open + close;
  const items = entries.map(([k, v]) => (k === null ? '' : `${stringText(k)}: `) + encode(v, indent, level + 1));
  if (indent === null) return open + items.join(', ') + close;
  const pad = '\n' + ' '.repeat(indent * (level + 1));
  return open + pad + items.join(',' + pad) + '\n' + ' '.repeat(indent * level) + close;
}

/**
 * `json.dumps(value, indent=indent)`. Plain JS integers are written as Python ints, non-integers as floats,
 * `PyFloat` and Float32Array/Float64Array items always as floats; typed arrays become lists; `undefined` object members are dropped.
 */
export function pythonJsonDumps(value: unknown, indent: number | null = null): string {
  return encode(value, indent, 0);
}
