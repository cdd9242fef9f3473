// The template-database client against the fixture database served on 127.0.0.1: listing, querying, decoded
// values (== expected_values.json, written by zarr-python), partial downloads of the chosen templates, the cache.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TemplateDatabaseClient } from '../../../app/hybrid/template-database.ts';
import { queryTemplateRows } from '../../../app/hybrid/template-database-csv.ts';
import { loadTemplatesFromZarrFolder } from '../../../app/hybrid/template-local-store.ts';
import { channelLocationsOf, type Templates } from '../../../app/hybrid/templates-object.ts';
import { DATASET_A, DATASET_B, FIXTURE_DB, startDbServer } from './template-db-server.ts';

interface Expected {
  attrs: { is_scaled: boolean; nbefore: number; sampling_frequency: number };
  templates_array: { shape: number[]; sum_float64: number; value_at_nbefore_best_channel: number[]; unit0_first5_channel0: number[] };
  channel_ids_first3: (string | number)[]; unit_ids: number[]; brain_area: string[]; spikes_per_unit: number[];
  best_channel_index: number[]; channel_noise_levels_first5: number[]; peak_to_peak_row0_first5: number[];
  probe: { x_first5: number[]; y_first5: number[]; contact_ids_first3: string[]; contact_shapes_0: string; width_0: number;
    probe_planar_contour: number[][]; annotations: Record<string, string> };
}
const EXPECTED = JSON.parse(readFileSync(join(FIXTURE_DB, 'expected_values.json'), 'utf8')) as Record<string, Expected>;

const tmp = mkdtempSync(join(tmpdir(), 'spikegen-tdb-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
let n = 0;
const freshCache = () => join(tmp, `cache${n++}`);

const at = (t: Templates, u: number, s: number, c: number) => t.templatesArray[(u * t.numSamples + s) * t.numChannels + c];

function checkDataset(t: Templates, e: Expected): void {
  assert.deepEqual([t.numUnits, t.numSamples, t.numChannels], e.templates_array.shape);
  assert.equal(t.samplingFrequency, e.attrs.sampling_frequency);
  assert.equal(t.nbefore, e.attrs.nbefore);
  assert.equal(t.isInUV, e.attrs.is_scaled);
  assert.deepEqual(t.unitIds, e.unit_ids);
  assert.deepEqual(t.channelIds.slice(0, 3), e.channel_ids_first3);
  let sum = 0;
  for (const v of t.templatesArray) sum += v;
  assert.ok(Math.abs(sum - e.templates_array.sum_float64) < 1e-6, `sum ${sum}`);
  e.templates_array.value_at_nbefore_best_channel.forEach((v, u) => assert.equal(at(t, u, t.nbefore, e.best_channel_index[u]), v));
  assert.deepEqual([0, 1, 2, 3, 4].map((s) => at(t, 0, s, 0)), e.templates_array.unit0_first5_channel0);
  const p = t.probe!;
  const loc = channelLocationsOf(t);
  assert.deepEqual([0, 1, 2, 3, 4].map((i) => loc[2 * i]), e.probe.x_first5);
  assert.deepEqual([0, 1, 2, 3, 4].map((i) => loc[2 * i + 1]), e.probe.y_first5);
  assert.deepEqual(p.contact_ids!.slice(0, 3), e.probe.contact_ids_first3);
  assert.equal(p.contact_shapes[0], e.probe.contact_shapes_0);
  assert.deepEqual(p.contact_shape_params[0], { width: e.probe.width_0 });
  assert.deepEqual(Array.from(p.probe_planar_contour!), e.probe.probe_planar_contour.flat());
  assert.deepEqual(p.annotations, e.probe.annotations);
  assert.equal(p.si_units, 'um');
}

test('lists the datasets of templates.csv and reads both datasets like zarr-python', async () => {
  const server = await startDbServer();
  try {
    const client = new TemplateDatabaseClient({ baseUrl: server.url });
    assert.deepEqual(await client.listAvailableDatasets(), [DATASET_A, DATASET_B]);
    const legacy = await client.fetchTemplatesInfo({ file: 'templates_6col_legacy.csv' });
    assert.equal(legacy.layout, 'legacy');
    for (const ds of [DATASET_A, DATASET_B]) checkDataset(await client.fetchTemplateObject(ds), EXPECTED[ds]);
    assert.equal(typeof (await client.fetchTemplateObject(DATASET_A)).channelIds[0], 'string'); // '<U5' ids
    assert.equal(typeof (await client.fetchTemplateObject(DATASET_B)).channelIds[0], 'number'); // int64 ids
  } finally {
    await server.close();
  }
});

test('the database extras decode too: vlen-utf8 brain_area, uint32 counts, float32 noise and ptp', async () => {
  const server = await startDbServer();
  try {
    const client = new TemplateDatabaseClient({ baseUrl: server.url });
    for (const ds of [DATASET_A, DATASET_B]) {
      const e = EXPECTED[ds];
      const a = await client.fetchDatasetArrays(ds);
      assert.deepEqual(Object.keys(a).sort(), ['best_channel_index', 'brain_area', 'channel_noise_levels', 'peak_to_peak', 'spikes_per_unit']);
      assert.deepEqual(a.brain_area.values, e.brain_area);
      assert.deepEqual(a.spikes_per_unit.values, e.spikes_per_unit);
      assert.deepEqual(a.best_channel_index.values, e.best_channel_index);
      assert.deepEqual(a.channel_noise_levels.values.slice(0, 5), e.channel_noise_levels_first5);
      assert.deepEqual(a.peak_to_peak.shape, [e.unit_ids.length, 384]);
      assert.deepEqual(a.peak_to_peak.values.slice(0, 5), e.peak_to_peak_row0_first5);
    }
  } finally {
    await server.close();
  }
});

test('a query downloads only the chosen templates and concatenates them as query_templates_from_database', async () => {
  const server = await startDbServer();
  try {
    const client = new TemplateDatabaseClient({ baseUrl: server.url });
    const info = await client.fetchTemplatesInfo();
    // rows deliberately out of dataset order: SI groups by np.unique(dataset), row order within each
    const rows = [...queryTemplateRows(info.rows, { brainAreas: ['DG'] })].reverse();
    server.requests.length = 0;
    const t = await client.queryTemplates(rows);
    const chunks = server.requests.filter((p) => p.includes('/templates_array/')).sort();
    assert.deepEqual(chunks, [
      `${DATASET_A}/templates_array/10.0.0`, `${DATASET_A}/templates_array/2.0.0`, `${DATASET_A}/templates_array/3.0.0`,
      `${DATASET_B}/templates_array/2.0.0`, `${DATASET_B}/templates_array/6.0.0`,
    ]);
    assert.ok(server.requests.every((p) => !p.endsWith('.zattrs') && !p.endsWith('.zarray')), 'metadata comes from .zmetadata');
    const order = [[DATASET_A, 10], [DATASET_A, 3], [DATASET_A, 2], [DATASET_B, 6], [DATASET_B, 2]] as const;
    assert.equal(t.numUnits, 5);
    assert.deepEqual(t.unitIds, [0, 1, 2, 3, 4]);
    assert.deepEqual(t.channelIds.slice(0, 2), ['AP0', 'AP1']); // the first dataset's channel ids
    order.forEach(([ds, idx], u) => {
      const e = EXPECTED[ds];
      assert.equal(at(t, u, 90, e.best_channel_index[idx]), e.templates_array.value_at_nbefore_best_channel[idx]);
    });
  } finally {
    await server.close();
  }
});

test('a cache hit works offline, with the server stopped', async () => {
  const cacheFolder = freshCache();
  const server = await startDbServer();
  const rows = queryTemplateRows((await new TemplateDatabaseClient({ baseUrl: server.url }).fetchTemplatesInfo()).rows, { brainAreas: ['CA1'] });
  const online = await new TemplateDatabaseClient({ baseUrl: server.url, cacheFolder }).queryTemplates(rows);
  await new TemplateDatabaseClient({ baseUrl: server.url, cacheFolder }).fetchTemplatesInfo();
  await server.close();
  for (const offline of [false, true]) {
    const client = new TemplateDatabaseClient({ baseUrl: server.url, cacheFolder, offline, timeoutMs: 2000 });
    const again = await client.queryTemplates(rows);
    assert.deepEqual(again.templatesArray, online.templatesArray);
    assert.equal(again.probe!.getContactCount(), 384);
    const info = await client.fetchTemplatesInfo();
    assert.equal(info.fromCache, true);
    assert.equal(info.rows.length, 20);
  }
  // a template never downloaded is reported, not invented
  const offlineClient = new TemplateDatabaseClient({ baseUrl: server.url, cacheFolder, offline: true });
  await assert.rejects(offlineClient.fetchTemplateObject(DATASET_A, { unitIndices: [4] }),
    (e: Error & { kind?: string }) => e.kind === 'offline' && /^Chunk templates_array\/4\.0\.0 .* not in the template cache/.test(e.message));
});

test('a local Templates.to_zarr folder loads the same templates, optionally only some units', async () => {
  const folder = join(FIXTURE_DB, DATASET_B);
  checkDataset(await loadTemplatesFromZarrFolder(folder), EXPECTED[DATASET_B]);
  const some = await loadTemplatesFromZarrFolder(folder, { unitIndices: [5, 1] });
  assert.deepEqual(some.unitIds, [5, 1]);
  const e = EXPECTED[DATASET_B];
  assert.equal(at(some, 0, 90, e.best_channel_index[5]), e.templates_array.value_at_nbefore_best_channel[5]);
  await assert.rejects(loadTemplatesFromZarrFolder(tmp), /not a zarr v2 group/);
  await assert.rejects(loadTemplatesFromZarrFolder(folder, { unitIndices: [8] }), /has 8 templates; template index 8 does not exist/);
});
