/**
 * Packing named typed arrays into ONE SharedArrayBuffer (and back, as views, without copying), so the prepared
 * noise state can be handed to piscina workers: the header is plain data (numbers, bigints, strings: all
 * structured-cloneable), the bulk is shared memory that every worker reads in place.
 */

export type PackedArray = Float64Array | Float32Array | Int32Array;
type Kind = 'f64' | 'f32' | 'i32';

export interface PackedLayout { [name: string]: { kind: Kind; offset: number; length: number } }
export interface Packed { layout: PackedLayout; buffer: SharedArrayBuffer }

function kindOf(a: PackedArray): Kind {
  if (a instanceof Float64Array) return 'f64';
  if (a instanceof Float32Array) return 'f32';
  return 'i32';
}

const BYTES: Record<Kind, number> = { f64: 8, f32: 4, i32: 4 };

export function packArrays(arrays: Record<string, PackedArray>): Packed {
  const layout: PackedLayout = {};
  let offset = 0;
  for (const [name, a] of Object.entries(arrays)) {
    const kind = kindOf(a);
    offset = Math.ceil(offset / 8) * 8; // every view 8-byte aligned
    layout[name] = { kind, offset, length: a.length };
    offset += a.length * BYTES[kind];
  }
  const buffer = new SharedArrayBuffer(Math.max(8, Math.ceil(offset / 8) * 8));
  for (const [name, a] of Object.entries(arrays)) {
    const { kind, offset: o, length } = layout[name];
    viewOf(buffer, kind, o, length).set(a);
  }
  return { layout, buffer };
}

function viewOf(buffer: SharedArrayBuffer, kind: Kind, offset: number, length: number): PackedArray {
  if (kind === 'f64') return new Float64Array(buffer, offset, length);
  if (kind === 'f32') return new Float32Array(buffer, offset, length);
  return new Int32Array(buffer, offset, length);
}

/** Typed views onto a packed buffer; `kind` is checked so a mismatched layout fails loudly. */
export function unpackArray<T extends PackedArray>(p: Packed, name: string, kind: Kind): T {
  const e = p.layout[name];
  if (!e) throw new Error(`packed noise state: no array "${name}".`);
  if (e.kind !== kind) throw new Error(`packed noise state: "${name}" is ${e.kind}, expected ${kind}.`);
  if (e.offset + e.length * BYTES[kind] > p.buffer.byteLength) throw new Error(`packed noise state: "${name}" lies outside the buffer.`);
  return viewOf(p.buffer, kind, e.offset, e.length) as T;
}
