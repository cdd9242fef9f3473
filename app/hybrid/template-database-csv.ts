/**
 * The template database's index, `templates.csv` (one row per template), read into typed rows, and the queries of
 * `query_templates_from_database`'s usual callers (slicing the DataFrame by brain area, depth and amplitude).
 * Two layouts exist: the current 12 columns written by hybrid_template_library's consolidate_datasets.py
 * (probe, probe_manufacturer, brain_area, depth_along_probe, amplitude_uv, noise_level_uv, signal_to_noise_ratio,
 * template_index, best_channel_index, spikes_per_unit, dataset, dataset_path) and the older 6
 * (dataset, template_index, best_channel_id, brain_area, depth, amplitude). Both map to one row type.
 */
import { TemplateDatabaseError } from './template-database-errors.ts';

export type TemplatesCsvLayout = 'current' | 'legacy';

export interface TemplateInfoRow {
  dataset: string;
  templateIndex: number;
  brainArea: string;
  /** µm along the probe: `depth_along_probe` (current) or `depth` (legacy) */
  depth: number;
  /** µV: `amplitude_uv` (current) or `amplitude` (legacy) */
  amplitude: number;
  /** `best_channel_index` (current layout), else null */
  bestChannelIndex: number | null;
  /** `best_channel_id` (legacy layout), else null */
  bestChannelId: string | null;
  probe: string | null;
  probeManufacturer: string | null;
  noiseLevel: number | null;
  signalToNoiseRatio: number | null;
  spikesPerUnit: number | null;
  datasetPath: string | null;
  /** every column of the row as text, for columns this type does not name */
  fields: Readonly<Record<string, string>>;
}

export interface TemplatesTable { layout: TemplatesCsvLayout; columns: string[]; rows: TemplateInfoRow[] }

/** RFC 4180 records (quoted fields, doubled quotes, CRLF or LF), as pandas.read_csv reads them. */
export function parseCsvRecords(text: string): string[][] {
  const records: string[][] = [];
  let field = '', record: string[] = [], quoted = false, i = 0;
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  for (; i < src.length; i++) {
    const ch = src[i];
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') { field += '"'; i++; } else if (ch === '"') quoted = false; else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') { record.push(field); field = ''; }
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      record.push(field); field = '';
      if (record.length > 1 || record[0] !== '') records.push(record);
      record = [];
    } else field += ch;
  }
  if (quoted) throw new TemplateDatabaseError('corrupt', 'templates.csv ends inside a quoted field: the file is truncated.');
  if (field !== '' || record.length > 0) { record.push(field); records.push(record); }
  return records;
}

const CURRENT = ['dataset', 'template_index', 'brain_area', 'depth_along_probe', 'amplitude_uv'];
const LEGACY = ['dataset', 'template_index', 'best_channel_id', 'brain_area', 'depth', 'amplitude'];

/** Reads templates.csv text in either layout. */
export function parseTemplatesCsv(text: string): TemplatesTable {
  const [header, ...body] = parseCsvRecords(text);
  if (!header) throw new TemplateDatabaseError('invalid', 'templates.csv is empty.');
  const columns = header.map((c) => c.trim());
  const has = (names: string[]) => names.every((n) => columns.includes(n));
  const layout: TemplatesCsvLayout | null = has(CURRENT) ? 'current' : has(LEGACY) ? 'legacy' : null;
  if (!layout) {
    throw new TemplateDatabaseError('invalid', `templates.csv has neither the current columns (${CURRENT.join(', ')}) nor the legacy ones (${LEGACY.join(', ')}); its header is: ${columns.join(', ')}.`);
  }
  const rows = body.map((rec, r) => {
    if (rec.length !== columns.length) {
      throw new TemplateDatabaseError('corrupt', `templates.csv line ${r + 2} has ${rec.length} fields instead of ${columns.length}: the file is damaged or truncated.`);
    }
    const f: Record<string, string> = {};
    columns.forEach((c, k) => { f[c] = rec[k]; });
    return toRow(f, layout, r + 2);
  });
  return { layout, columns, rows };
}

function num(f: Record<string, string>, key: string, line: number, required: boolean): number | null {
  const text = f[key];
  if (text === undefined || text.trim() === '' || /^nan$/i.test(text.trim())) {
    if (required) throw new TemplateDatabaseError('invalid', `templates.csv line ${line}: column ${key} is empty.`);
    return null;
  }
  const v = Number(text);
  if (Number.isNaN(v)) throw new TemplateDatabaseError('invalid', `templates.csv line ${line}: ${key} "${text}" is not a number.`);
  return v;
}

function int(f: Record<string, string>, key: string, line: number, required: boolean): number | null {
  const v = num(f, key, line, required);
  if (v !== null && !Number.isInteger(v)) throw new TemplateDatabaseError('invalid', `templates.csv line ${line}: ${key} "${f[key]}" is not an integer.`);
  return v;
}

const text = (f: Record<string, string>, key: string) => (f[key] === undefined || f[key] === '' ? null : f[key]);

function toRow(f: Record<string, string>, layout: TemplatesCsvLayout, line: number): TemplateInfoRow {
  const current = layout === 'current';
  const templateIndex = int(f, 'template_index', line, true) as number;
  if (templateIndex < 0) throw new TemplateDatabaseError('invalid', `templates.csv line ${line}: template_index ${templateIndex} is negative.`);
  if (!f.dataset) throw new TemplateDatabaseError('invalid', `templates.csv line ${line}: the dataset column is empty.`);
  return {
    dataset: f.dataset, templateIndex, brainArea: f.brain_area ?? '',
    depth: num(f, current ? 'depth_along_probe' : 'depth', line, false) ?? NaN,
    amplitude: num(f, current ? 'amplitude_uv' : 'amplitude', line, false) ?? NaN,
    bestChannelIndex: int(f, 'best_channel_index', line, false),
    bestChannelId: text(f, 'best_channel_id'),
    probe: text(f, 'probe'), probeManufacturer: text(f, 'probe_manufacturer'),
    noiseLevel: num(f, 'noise_level_uv', line, false), signalToNoiseRatio: num(f, 'signal_to_noise_ratio', line, false),
    spikesPerUnit: int(f, 'spikes_per_unit', line, false), datasetPath: text(f, 'dataset_path'), fields: f,
  };
}

/** `list_available_datasets_in_template_database`: np.unique of the dataset column (sorted). */
export function listDatasets(rows: readonly TemplateInfoRow[]): string[] {
  return [...new Set(rows.map((r) => r.dataset))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export interface TemplateRowQuery {
  brainAreas?: readonly string[];
  minDepth?: number; maxDepth?: number;
  minAmplitude?: number; maxAmplitude?: number;
  datasets?: readonly string[];
  probe?: string;
}

/** The DataFrame slicing users do before `query_templates_from_database`: bounds inclusive, rows keep their order. */
export function queryTemplateRows(rows: readonly TemplateInfoRow[], q: TemplateRowQuery): TemplateInfoRow[] {
  const areas = q.brainAreas ? new Set(q.brainAreas) : null;
  const datasets = q.datasets ? new Set(q.datasets) : null;
  return rows.filter((r) => (!areas || areas.has(r.brainArea))
    && (!datasets || datasets.has(r.dataset))
    && (q.probe === undefined || r.probe === q.probe)
    && (q.minDepth === undefined || r.depth >= q.minDepth) && (q.maxDepth === undefined || r.depth <= q.maxDepth)
    && (q.minAmplitude === undefined || r.amplitude >= q.minAmplitude)
    && (q.maxAmplitude === undefined || r.amplitude <= q.maxAmplitude));
}
