/**
 * Structural checks of zarr v2 chunk bytes before they are decoded or cached. zarrita decodes what it is given and
 * does not notice a truncated or foreign chunk (it yields zeros or garbage), so the sizes are checked against the
 * array metadata first: a Blosc frame declares its decompressed size (nbytes) and its own length (cbytes) in a
 * 16-byte header (Blosc format 1/2, as numcodecs writes); an uncompressed chunk must be exactly the chunk's size.
 * This reads header fields only; decoding stays with zarrita + numcodecs.
 */
import { TemplateDatabaseError } from './template-database-errors.ts';

export interface ZarrayMeta {
  shape: number[];
  chunks: number[];
  dtype: string;
  compressor: { id: string } | null;
  filters: { id: string }[] | null;
}

/** Bytes per element of a fixed-size numpy dtype string ('<f4' → 4, '<U5' → 20), or null (object / vlen). */
export function dtypeItemSize(dtype: string): number | null {
  const m = /^[<>|=]?([a-zA-Z])(\d+)$/.exec(dtype);
  if (!m) return null;
  const n = Number(m[2]);
  if (m[1] === 'U') return 4 * n;
  if (m[1] === 'O') return null;
  return n;
}

/** The `.zarray` documents of a consolidated `.zmetadata`, by array path ('' for the root is impossible). */
export function zarraysOf(zmetadata: unknown): Map<string, ZarrayMeta> {
  const out = new Map<string, ZarrayMeta>();
  const meta = (zmetadata as { metadata?: Record<string, unknown> })?.metadata;
  if (!meta || typeof meta !== 'object') return out;
  for (const [key, value] of Object.entries(meta)) {
    if (key.endsWith('/.zarray')) out.set(key.slice(0, -'/.zarray'.length), value as ZarrayMeta);
  }
  return out;
}

/**
 * Throws a 'corrupt' error when `bytes`, served for `chunkPath` ('templates_array/5.0.0'), cannot be a chunk of
 * its array. Keys that are not chunks of a known array pass unchecked.
 */
export function checkChunkBytes(arrays: ReadonlyMap<string, ZarrayMeta>, chunkPath: string, bytes: Uint8Array, what: string): void {
  const slash = chunkPath.lastIndexOf('/');
  const meta = arrays.get(slash < 0 ? '' : chunkPath.slice(0, slash));
  if (!meta || chunkPath.slice(slash + 1).startsWith('.')) return;
  const item = dtypeItemSize(meta.dtype);
  const vlen = item === null || (meta.filters ?? []).length > 0;
  const expected = vlen ? null : meta.chunks.reduce((a, b) => a * b, 1) * (item as number);
  const bad = (why: string) => new TemplateDatabaseError('corrupt', `${what} is corrupt (${why}); it was refused and not cached.`);
  if (meta.compressor === null) {
    if (expected !== null && bytes.length !== expected) throw bad(`${bytes.length} bytes instead of ${expected}`);
    return;
  }
  if (meta.compressor.id !== 'blosc') return;
  if (bytes.length < 16) throw bad(`${bytes.length} bytes, shorter than a Blosc header`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = bytes[0];
  const typesize = bytes[3];
  const nbytes = view.getUint32(4, true);
  const cbytes = view.getUint32(12, true);
  if (version < 1 || version > 4 || typesize === 0) throw bad('not a Blosc frame');
  if (cbytes !== bytes.length) throw bad(`the Blosc header announces ${cbytes} bytes but ${bytes.length} arrived`);
  if (expected !== null && nbytes !== expected) throw bad(`it decompresses to ${nbytes} bytes, the chunk needs ${expected}`);
  const memcpyed = (bytes[2] & 0x02) !== 0;
  if (memcpyed && cbytes !== nbytes + 16) throw bad('a stored (uncompressed) Blosc frame of the wrong length');
}
