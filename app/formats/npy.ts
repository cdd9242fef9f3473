/**
 * NumPy `.npy` format 1.0 (and reading 2.0/3.0): encode and decode typed arrays and structured arrays.
 * Spec: numpy/lib/format.py — magic "\x93NUMPY", version, header length, a Python dict literal
 * `{'descr': ..., 'fortran_order': False, 'shape': (...), }` padded with spaces to a multiple of 64 bytes
 * and ended by "\n", then the raw little-endian data in C order.
 */

export type NpyDtype = '<f4' | '<f8' | '<i2' | '<i4' | '<i8' | '<u1' | '<u2' | '<u4' | '<u8' | '|b1' | '|i1' | '|u1';

export type NpyTypedArray =
  | Float32Array | Float64Array | Int8Array | Int16Array | Int32Array | BigInt64Array
  | Uint8Array | Uint16Array | Uint32Array | BigUint64Array;

/** One field of a structured dtype, e.g. `('sample_index', '<i8')`. */
export interface NpyField { name: string; dtype: NpyDtype }

export interface NpyArray {
  dtype: NpyDtype;
  shape: number[];
  data: NpyTypedArray;
}

export interface NpyStructured {
  fields: NpyField[];
  shape: number[];
  /** One column per field, in field order. */
  columns: Record<string, NpyTypedArray>;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59];

const ITEM_SIZE: Record<string, number> = {
  '<f4': 4, '<f8': 8, '<i2': 2, '<i4': 4, '<i8': 8, '<u1': 1, '<u2': 2, '<u4': 4, '<u8': 8, '|b1': 1, '|i1': 1, '|u1': 1,
};

/** The dtype string numpy writes for a typed array. */
export function dtypeOf(a: NpyTypedArray): NpyDtype {
  if (a instanceof Float32Array) return '<f4';
  if (a instanceof Float64Array) return '<f8';
  if (a instanceof Int16Array) return '<i2';
  if (a instanceof Int32Array) return '<i4';
  if (a instanceof BigInt64Array) return '<i8';
  if (a instanceof Int8Array) return '|i1';
  if (a instanceof Uint16Array) return '<u2';
  if (a instanceof Uint32Array) return '<u4';
  if (a instanceof BigUint64Array) return '<u8';
  return '|u1';
}

function viewOf(dtype: string, buf: ArrayBuffer, offset: number, length: number): NpyTypedArray {
  switch (dtype) {
    case '<f4': return new Float32Array(buf, offset, length);
    case '<f8': return new Float64Array(buf, offset, length);
    case '<i2': return new Int16Array(buf, offset, length);
    case '<i4': return new Int32Array(buf, offset, length);
    case '<i8': return new BigInt64Array(buf, offset, length);
    case '|i1': return new Int8Array(buf, offset, length);
    case '<u2': return new Uint16Array(buf, offset, length);
    case '<u4': return new Uint32Array(buf, offset, length);
    case '<u8': return new BigUint64Array(buf, offset, length);
    case '<u1': case '|u1': case '|b1': return new Uint8Array(buf, offset, length);
    default: throw new Error(`unsupported npy dtype ${dtype}`);
  }
}

function headerBytes(descr: string, shape: readonly number[]): Uint8Array {
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let dict = `{'descr': ${descr}, 'fortran_order': False, 'shape': ${shapeText}, }`;
  const unpadded = MAGIC.length + 2 + 2 + dict.length + 1;
  dict += ' '.repeat((64 - (unpadded % 64)) % 64) + '\n';
  const out = new Uint8Array(MAGIC.length + 4 + dict.length);
  out.set(MAGIC, 0);
  out[6] = 1; out[7] = 0;
  out[8] = dict.length & 0xff; out[9] = dict.length >> 8;
  for (let i = 0; i < dict.length; i++) out[10 + i] = dict.charCodeAt(i);
  return out;
}

function product(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** Encode a plain array as `.npy` bytes (format 1.0). */
export function encodeNpy(data: NpyTypedArray, shape: readonly number[] = [data.length]): Uint8Array {
  if (product(shape) !== data.length) throw new Error(`npy shape (${shape.join(',')}) does not match ${data.length} values`);
  const header = headerBytes(`'${dtypeOf(data)}'`, shape);
  const out = new Uint8Array(header.length + data.byteLength);
  out.set(header, 0);
  out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), header.length);
  return out;
}

/** Encode a structured (record) array, one typed column per field, rows interleaved as numpy stores them. */
export function encodeStructuredNpy(fields: readonly NpyField[], columns: Record<string, NpyTypedArray>, length: number): Uint8Array {
  const descr = `[${fields.map((f) => `('${f.name}', '${f.dtype}')`).join(', ')}]`;
  const header = headerBytes(descr, [length]);
  const rowSize = fields.reduce((s, f) => s + ITEM_SIZE[f.dtype], 0);
  const out = new Uint8Array(header.length + rowSize * length);
  out.set(header, 0);
  const view = new DataView(out.buffer, header.length);
  let fieldOffset = 0;
  for (const f of fields) {
    const col = columns[f.name];
    if (!col || col.length !== length) throw new Error(`structured npy: column ${f.name} must have ${length} values`);
    const size = ITEM_SIZE[f.dtype];
    for (let i = 0; i < length; i++) writeScalar(view, i * rowSize + fieldOffset, f.dtype, col[i]);
    fieldOffset += size;
  }
  return out;
}

function writeScalar(view: DataView, at: number, dtype: NpyDtype, v: number | bigint): void {
  switch (dtype) {
    case '<f4': view.setFloat32(at, Number(v), true); break;
    case '<f8': view.setFloat64(at, Number(v), true); break;
    case '<i2': view.setInt16(at, Number(v), true); break;
    case '<i4': view.setInt32(at, Number(v), true); break;
    case '<i8': view.setBigInt64(at, BigInt(v), true); break;
    case '<u2': view.setUint16(at, Number(v), true); break;
    case '<u4': view.setUint32(at, Number(v), true); break;
    case '<u8': view.setBigUint64(at, BigInt(v), true); break;
    case '|i1': view.setInt8(at, Number(v)); break;
    default: view.setUint8(at, Number(v)); break;
  }
}

function readScalar(view: DataView, at: number, dtype: NpyDtype): number | bigint {
  switch (dtype) {
    case '<f4': return view.getFloat32(at, true);
    case '<f8': return view.getFloat64(at, true);
    case '<i2': return view.getInt16(at, true);
    case '<i4': return view.getInt32(at, true);
    case '<i8': return view.getBigInt64(at, true);
    case '<u2': return view.getUint16(at, true);
    case '<u4': return view.getUint32(at, true);
    case '<u8': return view.getBigUint64(at, true);
    case '|i1': return view.getInt8(at);
    default: return view.getUint8(at);
  }
}

interface ParsedHeader { descr: string; fortran: boolean; shape: number[]; dataOffset: number }

function parseHeader(bytes: Uint8Array): ParsedHeader {
  for (let i = 0; i < MAGIC.length; i++) if (bytes[i] !== MAGIC[i]) throw new Error('not a .npy file (bad magic bytes)');
  const major = bytes[6];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLen = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const start = major === 1 ? 10 : 12;
  const text = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(bytes.subarray(start, start + headerLen));
  const descrMatch = /'descr':\s*('([^']*)'|\[.*\])/.exec(text);
  const shapeMatch = /'shape':\s*\(([^)]*)\)/.exec(text);
  const fortranMatch = /'fortran_order':\s*(True|False)/.exec(text);
  if (!descrMatch || !shapeMatch || !fortranMatch) throw new Error('not a .npy file (unreadable header)');
  const shape = shapeMatch[1].split(',').map((s) => s.trim()).filter((s) => s.length > 0).map(Number);
  return { descr: descrMatch[2] ?? descrMatch[1], fortran: fortranMatch[1] === 'True', shape, dataOffset: start + headerLen };
}

/** Decode `.npy` bytes holding a plain (non-structured) C-order array. */
export function decodeNpy(bytes: Uint8Array): NpyArray {
  const h = parseHeader(bytes);
  if (h.descr.startsWith('[')) throw new Error('structured .npy: use decodeStructuredNpy');
  if (h.fortran) throw new Error('Fortran-ordered .npy is not supported');
  const dtype = h.descr as NpyDtype;
  if (!(dtype in ITEM_SIZE)) throw new Error(`unsupported npy dtype ${h.descr}`);
  const n = product(h.shape);
  // copy into a fresh aligned buffer: the data offset is not always a multiple of the item size, and a Node
  // Buffer's slice() would share its pool instead of copying
  const copy = new Uint8Array(n * ITEM_SIZE[dtype]);
  copy.set(bytes.subarray(h.dataOffset, h.dataOffset + copy.length));
  return { dtype, shape: h.shape, data: viewOf(dtype, copy.buffer, 0, n) };
}

/** Decode `.npy` bytes holding a 1-D structured array into one column per field. */
export function decodeStructuredNpy(bytes: Uint8Array): NpyStructured {
  const h = parseHeader(bytes);
  const fields: NpyField[] = [];
  for (const m of h.descr.matchAll(/\('([^']*)',\s*'([^']*)'\)/g)) fields.push({ name: m[1], dtype: m[2] as NpyDtype });
  if (fields.length === 0) throw new Error('not a structured .npy');
  const n = product(h.shape);
  const rowSize = fields.reduce((s, f) => s + ITEM_SIZE[f.dtype], 0);
  const view = new DataView(bytes.buffer, bytes.byteOffset + h.dataOffset, n * rowSize);
  const columns: Record<string, NpyTypedArray> = {};
  let off = 0;
  for (const f of fields) {
    const col = viewOf(f.dtype, new ArrayBuffer(n * ITEM_SIZE[f.dtype]), 0, n);
    for (let i = 0; i < n; i++) (col as unknown as (number | bigint)[])[i] = readScalar(view, i * rowSize + off, f.dtype);
    columns[f.name] = col;
    off += ITEM_SIZE[f.dtype];
  }
  return { fields, shape: h.shape, columns };
}
