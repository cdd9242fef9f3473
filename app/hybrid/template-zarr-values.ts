/**
 * Turns what zarrita returns for a whole zarr array into plain JS values: numbers for numeric dtypes (int64 ids
 * as numbers when they are safe integers), strings for '<U…', '|S…' and vlen-utf8 object arrays. SpikeInterface
 * stores unit and channel ids with whatever dtype the sorting had, so the reader must accept all of these.
 */
import * as zarr from 'zarrita';
import { TemplateDatabaseError } from './template-database-errors.ts';

export type ZarrLocation = zarr.Location<zarr.Readable>;

export interface ZarrValues { values: (string | number | boolean)[]; shape: number[] }

export async function readWholeArray(loc: ZarrLocation, signal?: AbortSignal): Promise<{ data: unknown; shape: number[] }> {
  const arr = await zarr.open(loc, { kind: 'array' });
  const chunk = await zarr.get(arr, null, { signal });
  return { data: chunk.data, shape: chunk.shape };
}

/** Every element of a decoded array as a JS value (C order). */
export function toPlainValues(data: unknown, what: string): (string | number | boolean)[] {
  if (data instanceof BigInt64Array || data instanceof BigUint64Array) {
    return Array.from(data, (v) => {
      const n = Number(v);
      if (!Number.isSafeInteger(n)) throw new TemplateDatabaseError('invalid', `${what} holds the integer ${v}, too large to use exactly.`);
      return n;
    });
  }
  if (ArrayBuffer.isView(data) && !(data instanceof DataView)) return Array.from(data as unknown as ArrayLike<number>);
  if (data instanceof zarr.UnicodeStringArray || data instanceof zarr.ByteStringArray) {
    return Array.from({ length: data.length }, (_, i) => data.get(i));
  }
  if (data instanceof zarr.BoolArray) return Array.from({ length: data.length }, (_, i) => data.get(i));
  if (Array.isArray(data)) return data.map((v) => (typeof v === 'bigint' ? Number(v) : v) as string | number | boolean);
  throw new TemplateDatabaseError('invalid', `${what} has a data type this reader does not support.`);
}

export async function readValues(loc: ZarrLocation, what: string, signal?: AbortSignal): Promise<ZarrValues> {
  const { data, shape } = await readWholeArray(loc, signal);
  return { values: toPlainValues(data, what), shape };
}

export async function readNumbers(loc: ZarrLocation, what: string, signal?: AbortSignal): Promise<Float64Array> {
  const { values } = await readValues(loc, what, signal);
  const out = new Float64Array(values.length);
  values.forEach((v, i) => {
    if (typeof v !== 'number') throw new TemplateDatabaseError('invalid', `${what} is not numeric.`);
    out[i] = v;
  });
  return out;
}

/** Unit / channel ids: strings stay strings, integers become numbers. */
export async function readIds(loc: ZarrLocation, what: string, signal?: AbortSignal): Promise<(string | number)[]> {
  const { values } = await readValues(loc, what, signal);
  return values.map((v) => (typeof v === 'boolean' ? Number(v) : v));
}
