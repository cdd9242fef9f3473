/**
 * `templates.*` of the contract: the template browser's view of SpikeInterface's template database through
 * `TemplateDatabaseClient` — templates.csv filtered by brain area, depth and amplitude, and thumbnails of chosen
 * templates. The base URL is the caller's (the preset's `base_url`, so tests point it at a local server); each base
 * URL gets its own cache folder under the data folder, so a browsed database works offline afterwards.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { Api } from '../../../app/api/contract.ts';
import { ApiError } from '../../../app/api/errors.ts';
import type { TemplateRowInfo } from '../../../app/api/hybrid-api-types.ts';
import { DEFAULT_TEMPLATE_DATABASE_URL, TemplateDatabaseClient } from '../../../app/hybrid/template-database.ts';
import { TemplateDatabaseError } from '../../../app/hybrid/template-database-errors.ts';
import { queryTemplateRows, type TemplateInfoRow } from '../../../app/hybrid/template-database-csv.ts';
import { thumbnailsOf } from './template-thumbnails.ts';

const DEFAULT_LIMIT = 500;
const DEFAULT_THUMBNAIL_CHANNELS = 4;

function rowInfo(r: TemplateInfoRow): TemplateRowInfo {
  return {
    dataset: r.dataset, templateIndex: r.templateIndex, brainArea: r.brainArea, depthUm: r.depth, amplitudeUv: r.amplitude,
    probe: r.probe, bestChannelIndex: r.bestChannelIndex, signalToNoiseRatio: r.signalToNoiseRatio,
  };
}

/** A database failure (network, 404, damaged file) as the contract's error, keeping its sentence. */
function asApiError(e: unknown): unknown {
  if (e instanceof ApiError || !(e instanceof Error)) return e;
  return new ApiError(e instanceof TemplateDatabaseError && e.kind === 'not-found' ? 'not-found' : 'internal', e.message);
}

export function createTemplatesService(dataDir: string): Api['templates'] {
  const clients = new Map<string, TemplateDatabaseClient>();
  const client = (baseUrl = DEFAULT_TEMPLATE_DATABASE_URL): TemplateDatabaseClient => {
    let c = clients.get(baseUrl);
    if (!c) {
      const key = createHash('sha256').update(baseUrl).digest('hex').slice(0, 16);
      c = new TemplateDatabaseClient({ baseUrl, cacheFolder: join(dataDir, 'template-cache', key) });
      clients.set(baseUrl, c);
    }
    return c;
  };
  const wrap = async <T>(f: () => Promise<T>): Promise<T> => {
    try { return await f(); } catch (e) { throw asApiError(e); }
  };
  return {
    list: (q) => wrap(async () => {
      const table = await client(q.baseUrl).fetchTemplatesInfo();
      const matching = queryTemplateRows(table.rows, {
        brainAreas: q.brainAreas && q.brainAreas.length > 0 ? q.brainAreas : undefined,
        minDepth: q.minDepth, maxDepth: q.maxDepth, minAmplitude: q.minAmplitude, maxAmplitude: q.maxAmplitude,
      });
      return {
        rows: matching.slice(0, q.limit ?? DEFAULT_LIMIT).map(rowInfo), matching: matching.length, total: table.rows.length,
        brainAreas: [...new Set(table.rows.map((r) => r.brainArea))].sort(), fromCache: table.fromCache,
        baseUrl: q.baseUrl ?? DEFAULT_TEMPLATE_DATABASE_URL,
      };
    }),
    thumbnails: (q) => wrap(async () => {
      const c = client(q.baseUrl);
      const table = await c.fetchTemplatesInfo();
      const byKey = new Map(table.rows.map((r) => [`${r.dataset}\u0000${r.templateIndex}`, r]));
      const rows = q.templates.map((t) => {
        const row = byKey.get(`${t.dataset}\u0000${t.templateIndex}`);
        if (!row) throw new ApiError('not-found', `the template database has no template ${t.templateIndex} of dataset ${t.dataset}; list the templates again`);
        return row;
      });
      return thumbnailsOf(await c.queryTemplates(rows), rows, q.channels ?? DEFAULT_THUMBNAIL_CHANNELS);
    }),
  };
}
