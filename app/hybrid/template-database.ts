/**
 * The client of SpikeInterface's public template database (generation/template_database.py, 0.105):
 *   fetchTemplatesInfo      ↔ fetch_templates_database_info (templates.csv)
 *   listAvailableDatasets   ↔ list_available_datasets_in_template_database
 *   fetchTemplateObject     ↔ fetch_template_object_from_database (a whole `<dataset>.zarr`)
 *   queryTemplates          ↔ query_templates_from_database (the templates of some csv rows)
 * The bucket is read over HTTPS (SI uses s3fs anonymously), through zarrita with numcodecs' Blosc, and only the
 * chunks of the requested templates are downloaded. Everything downloaded goes into an optional on-disk cache once
 * the whole operation succeeded, so a repeated query works offline.
 */
import * as zarr from 'zarrita';
import { TemplateCache } from './template-database-cache.ts';
import { DEFAULT_TEMPLATE_DATABASE_URL } from './template-database-url.ts';
import { parseTemplatesCsv, listDatasets, type TemplateInfoRow, type TemplatesTable } from './template-database-csv.ts';
import { TemplateDatabaseError, isTransient } from './template-database-errors.ts';
import { httpGetBytes, type FetchLike } from './template-database-http.ts';
import { DatasetStore, objectUrl, type DatabaseAccess } from './template-database-store.ts';
import { concatTemplates } from './template-database-concat.ts';
import { listingFromContents, readTemplatesFromZarr, type TemplateZarrSource } from './template-zarr-read.ts';
import { readValues, type ZarrValues } from './template-zarr-values.ts';
import type { Templates } from './templates-object.ts';

/** The bucket `s3://spikeinterface-template-database` over HTTPS (region us-east-2, as SI's web viewer uses it). */
export { DEFAULT_TEMPLATE_DATABASE_URL };

/** Arrays that make up the `Templates` object itself (the rest are database extras). */
const TEMPLATE_ARRAYS = new Set(['templates_array', 'channel_ids', 'unit_ids', 'sparsity_mask']);

export interface TemplateDatabaseOptions {
  baseUrl?: string;
  /** cache folder; null or absent = no cache */
  cacheFolder?: string | null;
  /** per request (default 60 s) */
  timeoutMs?: number;
  fetch?: FetchLike;
  offline?: boolean;
  /** check S3-style MD5 ETags against the bytes (default true) */
  verifyEtag?: boolean;
}

export interface CallOptions { signal?: AbortSignal }

export class TemplateDatabaseClient {
  readonly access: DatabaseAccess;

  constructor(opts: TemplateDatabaseOptions = {}) {
    this.access = {
      baseUrl: opts.baseUrl ?? DEFAULT_TEMPLATE_DATABASE_URL,
      timeoutMs: opts.timeoutMs ?? 60_000,
      fetch: opts.fetch,
      offline: opts.offline ?? false,
      cache: opts.cacheFolder ? new TemplateCache(opts.cacheFolder) : null,
      verifyEtag: opts.verifyEtag ?? true,
    };
  }

  get cache(): TemplateCache | null { return this.access.cache; }

  /**
   * templates.csv, freshly downloaded when possible (the index grows upstream); the cached copy is used offline and
   * when the network fails. `file` reads another table of the bucket (e.g. a legacy copy).
   */
  async fetchTemplatesInfo(opts: CallOptions & { file?: string } = {}): Promise<TemplatesTable & { fromCache: boolean }> {
    const key = opts.file ?? 'templates.csv';
    const cache = this.access.cache;
    const fromCacheCopy = async (cause?: unknown) => {
      const cached = await cache?.read(key);
      if (cached) return { ...parseTemplatesCsv(new TextDecoder().decode(cached)), fromCache: true };
      if (cause) throw cause;
      throw new TemplateDatabaseError('offline', `${key} is not in the template cache${cache ? ` (${cache.folder})` : ''} and the database is used offline; download it once while online.`);
    };
    if (this.access.offline) return fromCacheCopy();
    let bytes: Uint8Array | undefined;
    try {
      bytes = await httpGetBytes(objectUrl(this.access.baseUrl, key), key, { timeoutMs: this.access.timeoutMs, signal: opts.signal, fetch: this.access.fetch, verifyEtag: this.access.verifyEtag });
    } catch (e) {
      if (isTransient(e)) return fromCacheCopy(e);
      throw e;
    }
    if (bytes === undefined) throw new TemplateDatabaseError('not-found', `The template database at ${this.access.baseUrl} has no ${key} (HTTP 404): check the database URL.`);
    const table = parseTemplatesCsv(new TextDecoder().decode(bytes));
    await cache?.commit(new Map([[key, bytes]]));
    return { ...table, fromCache: false };
  }

  async listAvailableDatasets(opts: CallOptions = {}): Promise<string[]> {
    return listDatasets((await this.fetchTemplatesInfo(opts)).rows);
  }

  /** One dataset; all its templates, or only `unitIndices` (rows of its templates_array, in that order). */
  async fetchTemplateObject(dataset: string, opts: CallOptions & { unitIndices?: readonly number[] } = {}): Promise<Templates> {
    return this.#withDataset(dataset, opts.signal, (source) => readTemplatesFromZarr(source, { unitIndices: opts.unitIndices, signal: opts.signal }));
  }

  /**
   * The per-unit / per-channel arrays the database keeps next to the templates (brain_area, spikes_per_unit,
   * best_channel_index, channel_noise_levels, peak_to_peak, …): all top-level arrays except the Templates ones,
   * or only `names`.
   */
  async fetchDatasetArrays(dataset: string, opts: CallOptions & { names?: readonly string[] } = {}): Promise<Record<string, ZarrValues>> {
    return this.#withDataset(dataset, opts.signal, async (source) => {
      const top = await source.list('');
      const names = opts.names ?? top.arrays.filter((n) => !TEMPLATE_ARRAYS.has(n));
      const root = zarr.root(source.store);
      const out: Record<string, ZarrValues> = {};
      for (const name of names) {
        if (!top.arrays.includes(name)) throw new TemplateDatabaseError('invalid', `Dataset ${dataset} has no array ${name}.`);
        out[name] = await readValues(root.resolve(name), name, opts.signal);
      }
      return out;
    });
  }

  /** Opens a dataset through its consolidated metadata, runs `read`, then caches what was downloaded. */
  async #withDataset<T>(dataset: string, signal: AbortSignal | undefined, read: (source: TemplateZarrSource) => Promise<T>): Promise<T> {
    if (!dataset || dataset.includes('/') || dataset === '.' || dataset === '..') {
      throw new TemplateDatabaseError('invalid', `"${dataset}" is not a dataset name of the template database.`);
    }
    const store = new DatasetStore(dataset, this.access, signal);
    const meta = await store.get('/.zmetadata', { signal });
    if (meta === undefined) {
      throw new TemplateDatabaseError('not-found', `Dataset ${dataset} is not in the template database at ${this.access.baseUrl} (HTTP 404 for its .zmetadata).`);
    }
    let result: T;
    try {
      const consolidated = await zarr.withConsolidatedMetadata(store);
      const contents = consolidated.contents();
      result = await read({ store: consolidated, label: `dataset ${dataset}`, list: async (p) => listingFromContents(contents, p) });
    } catch (e) {
      throw asDatabaseError(e, dataset);
    }
    await this.access.cache?.commit(store.fresh);
    return result;
  }

  /**
   * `query_templates_from_database(template_df)`: datasets in sorted order (np.unique), within each the rows'
   * template indices in row order, concatenated; nbefore, sampling frequency and relative channel locations must
   * agree across datasets. Unit ids become 0..n-1 and the probe / channel ids are the first dataset's, as in SI.
   */
  async queryTemplates(rows: readonly TemplateInfoRow[], opts: CallOptions = {}): Promise<Templates> {
    if (rows.length === 0) throw new TemplateDatabaseError('invalid', 'No templates were requested: the query matched no rows of templates.csv.');
    const parts: { dataset: string; templates: Templates }[] = [];
    for (const dataset of listDatasets(rows)) {
      const unitIndices = rows.filter((r) => r.dataset === dataset).map((r) => r.templateIndex);
      parts.push({ dataset, templates: await this.fetchTemplateObject(dataset, { ...opts, unitIndices }) });
    }
    return concatTemplates(parts);
  }
}

/** zarrita's own errors (a codec failing on damaged bytes, a missing key) rephrased for users. */
function asDatabaseError(e: unknown, dataset: string): unknown {
  if (e instanceof TemplateDatabaseError || !(e instanceof Error)) return e;
  if (e instanceof zarr.CodecPipelineError) {
    return new TemplateDatabaseError('corrupt', `A chunk of dataset ${dataset} could not be decoded (${e.message}); it is damaged, was refused and not cached.`, { cause: e });
  }
  if (zarr.isZarritaError(e)) return new TemplateDatabaseError('invalid', `Dataset ${dataset} is not a readable SpikeInterface Templates zarr: ${e.message}`, { cause: e });
  return e;
}
