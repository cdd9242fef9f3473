/**
 * The zarrita store of one database dataset (`<base>/<dataset>.zarr/…`): each key comes from the cache when it is
 * there, else from the network. Downloaded bytes are checked (HTTP completeness and ETag in httpGetBytes, chunk
 * structure against the consolidated `.zmetadata` here) and kept in `fresh` — never written to the cache by the
 * store itself. The client commits `fresh` only after the whole read succeeded, so a failed or cancelled read leaves
 * the cache exactly as it was.
 */
import type * as zarr from 'zarrita';
import type { TemplateCache } from './template-database-cache.ts';
import { TemplateDatabaseError } from './template-database-errors.ts';
import { httpGetBytes, type FetchLike } from './template-database-http.ts';
import { checkChunkBytes, zarraysOf, type ZarrayMeta } from './template-zarr-chunk-check.ts';

export interface DatabaseAccess {
  baseUrl: string;
  timeoutMs: number;
  fetch?: FetchLike;
  /** never use the network: everything must be in the cache */
  offline: boolean;
  cache: TemplateCache | null;
  verifyEtag?: boolean;
}

/** URL of a database object; each path segment is percent-encoded (dataset names hold '+', which S3 reads as ' '). */
export function objectUrl(baseUrl: string, key: string): string {
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  return base + key.split('/').map(encodeURIComponent).join('/');
}

/** Reads one object: cache first, then network (unless offline). undefined = HTTP 404. */
export async function readObject(access: DatabaseAccess, key: string, what: string, signal?: AbortSignal): Promise<{ bytes: Uint8Array | undefined; fromCache: boolean }> {
  const cached = await access.cache?.read(key);
  if (cached) return { bytes: cached, fromCache: true };
  if (access.offline) {
    throw new TemplateDatabaseError('offline', `${what.charAt(0).toUpperCase()}${what.slice(1)} is not in the template cache${access.cache ? ` (${access.cache.folder})` : ''} and the database is used offline; download it once while online.`);
  }
  const bytes = await httpGetBytes(objectUrl(access.baseUrl, key), what, { timeoutMs: access.timeoutMs, signal, fetch: access.fetch, verifyEtag: access.verifyEtag });
  return { bytes, fromCache: false };
}

export class DatasetStore implements zarr.AsyncReadable {
  /** objects downloaded (not from the cache) during this read, by cache key */
  readonly fresh = new Map<string, Uint8Array>();
  #arrays: Map<string, ZarrayMeta> = new Map();
  /** `.zmetadata`'s documents by key ('probe/x/.zarray'), once it was read */
  #consolidated: Record<string, unknown> | null = null;

  constructor(readonly dataset: string, readonly access: DatabaseAccess, readonly signal?: AbortSignal) {}

  async get(key: zarr.AbsolutePath, opts?: zarr.GetOptions): Promise<Uint8Array | undefined> {
    const rel = key.replace(/^\/+/, '');
    const cacheKey = `${this.dataset}/${rel}`;
    const known = this.fresh.get(cacheKey);
    if (known) return known;
    const base = rel.slice(rel.lastIndexOf('/') + 1);
    if (this.#consolidated && base.startsWith('.') && rel !== '.zmetadata') {
      // consolidated metadata answers every metadata key, also the absent ones (no request, works offline)
      const doc = this.#consolidated[rel];
      return doc === undefined ? undefined : new TextEncoder().encode(JSON.stringify(doc));
    }
    const what = rel.startsWith('.') || rel.includes('/.') ? `${rel} of dataset ${this.dataset}` : `chunk ${rel} of dataset ${this.dataset}`;
    const signal = opts?.signal ?? this.signal;
    const { bytes, fromCache } = await readObject(this.access, cacheKey, what, signal);
    if (bytes === undefined) {
      // zarr reads a missing chunk as fill_value; SpikeInterface writes every chunk, so a 404 here means a broken
      // or moved dataset, and zero-filled templates would be silently wrong
      if (!base.startsWith('.') && this.#arrays.has(rel.slice(0, Math.max(0, rel.lastIndexOf('/'))))) {
        throw new TemplateDatabaseError('not-found', `The server has no ${what} (HTTP 404); the dataset is incomplete or was moved.`);
      }
      return undefined;
    }
    if (rel === '.zmetadata') {
      const doc = parseJson(bytes, what);
      this.#arrays = zarraysOf(doc);
      const meta = (doc as { metadata?: Record<string, unknown> }).metadata;
      if (!meta || typeof meta !== 'object') throw new TemplateDatabaseError('invalid', `${what} holds no "metadata" object: it is not zarr v2 consolidated metadata.`);
      this.#consolidated = meta;
    }
    else checkChunkBytes(this.#arrays, rel, bytes, what);
    if (!fromCache) this.fresh.set(cacheKey, bytes);
    return bytes;
  }
}

export function parseJson(bytes: Uint8Array, what: string): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (e) {
    throw new TemplateDatabaseError('corrupt', `${what} is not valid JSON (damaged or truncated); it was refused and not cached.`, { cause: e });
  }
}
