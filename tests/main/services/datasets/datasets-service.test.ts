/** The datasets catalogue: what dataset.json said, `exists` when the folder is gone, reveal per door, forget keeps the files. */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ApiError } from '../../../../app/api/errors.ts';
import { DatasetCatalogue } from '../../../../main/services/datasets/dataset-catalogue.ts';
import { createDatasetsService } from '../../../../main/services/datasets/datasets-service.ts';
import { createServices } from '../../../../main/services/create-services.ts';
import { DATABASE_FILE_NAME } from '../../../../main/services/presets/index.ts';
import { openSqlite } from '../../../../main/services/presets/sqlite.ts';
import { ServiceEvents } from '../../../../main/services/service-events.ts';
import { tempDir } from '../helpers.ts';

function fakeDataset(folder: string, name: string): void {
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'dataset.json'), JSON.stringify({
    format: 'spikegen-dataset', version: 1, name, duration_s: 10, num_channels: 128, num_units: 10, num_spikes: 1234,
    dtype: 'int16', total_bytes: 5_000_000,
  }));
}

async function catalogueIn(t: import('node:test').TestContext) {
  const dataDir = tempDir(t);
  await createServices({ dataDir, mode: 'web' }).close(); // the schema
  const db = openSqlite(join(dataDir, DATABASE_FILE_NAME));
  t.after(() => db.close());
  return { dataDir, catalogue: new DatasetCatalogue(db) };
}

test('a recorded dataset lists what its dataset.json says; a moved folder shows exists: false', async (t) => {
  const { dataDir, catalogue } = await catalogueIn(t);
  const folder = join(dataDir, 'datasets', 'one');
  fakeDataset(folder, 'One');
  const info = catalogue.record(folder);
  assert.deepEqual({ ...info, id: 'x', created: 'x' }, {
    id: 'x', name: 'One', path: folder, created: 'x', totalBytes: 5_000_000, durationSeconds: 10, numChannels: 128,
    numUnits: 10, numSpikes: 1234, dtype: 'int16', exists: true, kind: 'drifting',
  });
  assert.equal(catalogue.record(folder).id, info.id, 'recording the same folder again refreshes its entry');
  renameSync(folder, `${folder}-moved`);
  assert.equal(catalogue.list()[0].exists, false);
  assert.throws(() => catalogue.record(join(dataDir, 'nothing')));
});

test('reveal returns the path in web mode, opens it through the injected function in Electron mode, and refuses a missing folder', async (t) => {
  const { dataDir, catalogue } = await catalogueIn(t);
  const folder = join(dataDir, 'datasets', 'two');
  fakeDataset(folder, 'Two');
  const { id } = catalogue.record(folder);
  const web = createDatasetsService(catalogue, new ServiceEvents());
  assert.deepEqual(await web.reveal(id), { path: folder, opened: false });
  const opened: string[] = [];
  const electron = createDatasetsService(catalogue, new ServiceEvents(), async (p) => { opened.push(p); return ''; });
  assert.deepEqual(await electron.reveal(id), { path: folder, opened: true });
  assert.deepEqual(opened, [folder]);
  const failing = createDatasetsService(catalogue, new ServiceEvents(), async () => 'no file manager');
  await assert.rejects(failing.reveal(id), (e: ApiError) => e.kind === 'internal' && /no file manager/.test(e.message));
  renameSync(folder, `${folder}-moved`);
  await assert.rejects(web.reveal(id), (e: ApiError) => e.kind === 'not-found' && /moved or deleted/.test(e.message));
  await assert.rejects(web.reveal('unknown'), (e: ApiError) => e.kind === 'not-found');
});

test('forget removes the entry, never the files, and announces datasets.changed', async (t) => {
  const { dataDir, catalogue } = await catalogueIn(t);
  const folder = join(dataDir, 'datasets', 'three');
  fakeDataset(folder, 'Three');
  const { id } = catalogue.record(folder);
  const events = new ServiceEvents();
  const seen: unknown[] = [];
  events.on('datasets.changed', (p) => seen.push(p));
  const service = createDatasetsService(catalogue, events);
  await service.forget(id);
  assert.deepEqual(await service.list(), []);
  assert.ok(existsSync(join(folder, 'dataset.json')), 'the data stay');
  assert.deepEqual(seen, [{}]);
  await assert.rejects(service.forget(id), (e: ApiError) => e.kind === 'not-found');
});
