/**
 * `Templates.from_zarr_group` (core/template.py): arrays `templates_array`, `channel_ids`, `unit_ids`, optional
 * `sparsity_mask` and `probe` subgroup; attributes `sampling_frequency`, `nbefore` and `is_in_uV` (called
 * `is_scaled` before SI 0.103). Unlike SI, which loads the whole `templates_array`, `unitIndices` reads only the
 * chunks of the chosen units (the database chunks one unit per chunk), which is what makes querying a few
 * templates cheap.
 */
import * as zarr from 'zarrita';
import { TemplateDatabaseError } from './template-database-errors.ts';
import { readProbeGroup, type GroupListing } from './template-zarr-probe.ts';
import { readIds, readValues } from './template-zarr-values.ts';
import { makeTemplates, type Templates } from './templates-object.ts';

export interface TemplateZarrSource {
  store: zarr.AsyncReadable;
  /** arrays and subgroups directly under a group path ('' = root) */
  list(groupPath: string): Promise<GroupListing>;
  /** names the source in messages ("dataset X", "folder /a/b") */
  label: string;
}

export interface ReadTemplatesOptions {
  /** rows of templates_array to read, in this order (repeats allowed); all when absent */
  unitIndices?: readonly number[];
  signal?: AbortSignal;
}

function numberAttr(attrs: Record<string, unknown>, key: string, label: string): number {
  const v = attrs[key];
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    throw new TemplateDatabaseError('invalid', `${label} has no numeric "${key}" attribute (SpikeInterface Templates.to_zarr writes it).`);
  }
  return v;
}

export async function readTemplatesFromZarr(source: TemplateZarrSource, opts: ReadTemplatesOptions = {}): Promise<Templates> {
  const { signal } = opts;
  const root = await zarr.open(source.store, { kind: 'group' });
  const attrs = root.attrs as Record<string, unknown>;
  const samplingFrequency = numberAttr(attrs, 'sampling_frequency', source.label);
  const nbefore = numberAttr(attrs, 'nbefore', source.label);
  // prior to SI 0.103.0 "is_in_uV" was named "is_scaled"; SI defaults to True when both are absent
  const isInUV = 'is_scaled' in attrs ? Boolean(attrs.is_scaled) : 'is_in_uV' in attrs ? Boolean(attrs.is_in_uV) : true;
  const top = await source.list('');
  for (const need of ['templates_array', 'channel_ids', 'unit_ids']) {
    if (!top.arrays.includes(need)) throw new TemplateDatabaseError('invalid', `${source.label} has no ${need} array: it is not a SpikeInterface Templates zarr.`);
  }
  const arr = await zarr.open(root.resolve('templates_array'), { kind: 'array' });
  if (arr.shape.length !== 3) throw new TemplateDatabaseError('invalid', `${source.label}: templates_array has ${arr.shape.length} dimensions, not 3.`);
  const [numUnits, numSamples, width] = arr.shape;
  const indices = opts.unitIndices ?? Array.from({ length: numUnits }, (_, i) => i);
  for (const i of indices) {
    if (!Number.isInteger(i) || i < 0 || i >= numUnits) {
      throw new TemplateDatabaseError('invalid', `${source.label} has ${numUnits} templates; template index ${i} does not exist.`);
    }
  }
  const block = numSamples * width;
  const data = new Float32Array(indices.length * block);
  if (opts.unitIndices === undefined) {
    const all = await zarr.get(arr, null, { signal });
    data.set(floatData(all.data, source.label));
  } else {
    for (let k = 0; k < indices.length; k++) {
      const one = await zarr.get(arr, [indices[k], null, null], { signal });
      data.set(floatData(one.data, source.label), k * block);
    }
  }
  const allUnitIds = await readIds(root.resolve('unit_ids'), 'unit_ids', signal);
  const channelIds = await readIds(root.resolve('channel_ids'), 'channel_ids', signal);
  let sparsityMask: Uint8Array | null = null;
  if (top.arrays.includes('sparsity_mask')) {
    const { values, shape } = await readValues(root.resolve('sparsity_mask'), 'sparsity_mask', signal);
    const full = Uint8Array.from(values, (v) => (v ? 1 : 0));
    const cols = shape[1];
    sparsityMask = new Uint8Array(indices.length * cols);
    indices.forEach((u, k) => sparsityMask!.set(full.subarray(u * cols, (u + 1) * cols), k * cols));
  }
  const probe = top.groups.includes('probe') ? await readProbeGroup(root.resolve('probe'), await source.list('probe'), signal) : null;
  try {
    return makeTemplates({
      templatesArray: data, shape: [indices.length, numSamples, width], samplingFrequency, nbefore, isInUV,
      unitIds: indices.map((i) => allUnitIds[i]), channelIds, sparsityMask,
      maskChannels: sparsityMask ? sparsityMask.length / Math.max(1, indices.length) : undefined, probe,
    });
  } catch (e) {
    throw new TemplateDatabaseError('invalid', `${source.label}: ${(e as Error).message}`, { cause: e });
  }
}

function floatData(data: unknown, label: string): Float32Array | Float64Array {
  if (data instanceof Float32Array || data instanceof Float64Array) return data;
  throw new TemplateDatabaseError('invalid', `${label}: templates_array is not float32/float64.`);
}

/** Children of `groupPath` from a consolidated store's listing (zarrita's `contents()`). */
export function listingFromContents(contents: readonly { path: string; kind: 'array' | 'group' }[], groupPath: string): GroupListing {
  const prefix = groupPath === '' ? '/' : `/${groupPath}/`;
  const out: GroupListing = { arrays: [], groups: [] };
  for (const c of contents) {
    if (!c.path.startsWith(prefix) || c.path === prefix) continue;
    const rest = c.path.slice(prefix.length);
    if (rest === '' || rest.includes('/')) continue;
    (c.kind === 'array' ? out.arrays : out.groups).push(rest);
  }
  return out;
}
