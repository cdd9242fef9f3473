// templates.csv in both layouts, and the row queries users run before query_templates_from_database.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listDatasets, parseCsvRecords, parseTemplatesCsv, queryTemplateRows } from '../../../app/hybrid/template-database-csv.ts';
import { TemplateDatabaseError } from '../../../app/hybrid/template-database-errors.ts';
import { DATASET_A, DATASET_B, FIXTURE_DB } from './template-db-server.ts';

const current = parseTemplatesCsv(readFileSync(join(FIXTURE_DB, 'templates.csv'), 'utf8'));
const legacy = parseTemplatesCsv(readFileSync(join(FIXTURE_DB, 'templates_6col_legacy.csv'), 'utf8'));

test('the 12-column layout is read into typed rows', () => {
  assert.equal(current.layout, 'current');
  assert.equal(current.columns.length, 12);
  assert.equal(current.rows.length, 20);
  const r = current.rows[2];
  assert.deepEqual(
    [r.dataset, r.templateIndex, r.brainArea, r.depth, r.amplitude, r.bestChannelIndex, r.spikesPerUnit, r.probe, r.probeManufacturer],
    [DATASET_A, 2, 'DG', 640, 105.08809, 64, 2435, 'Neuropixels 1.0', 'IMEC'],
  );
  assert.equal(r.noiseLevel, 4.718107);
  assert.equal(r.signalToNoiseRatio, 22.273357);
  assert.equal(r.datasetPath, `s3://spikeinterface-template-database/${DATASET_A}`);
  assert.equal(r.bestChannelId, null);
});

test('the legacy 6-column layout maps to the same rows', () => {
  assert.equal(legacy.layout, 'legacy');
  assert.equal(legacy.rows.length, current.rows.length);
  legacy.rows.forEach((r, i) => {
    const c = current.rows[i];
    assert.deepEqual([r.dataset, r.templateIndex, r.brainArea, r.depth, r.amplitude], [c.dataset, c.templateIndex, c.brainArea, c.depth, c.amplitude]);
    assert.equal(r.bestChannelIndex, null);
    assert.equal(r.probe, null);
  });
  assert.equal(legacy.rows[0].bestChannelId, '31');
});

test('datasets are listed like np.unique (sorted, distinct)', () => {
  assert.deepEqual(listDatasets(current.rows), [DATASET_A, DATASET_B]);
  assert.deepEqual(listDatasets([...current.rows].reverse()), [DATASET_A, DATASET_B]);
});

test('queries by brain area, depth and amplitude are inclusive and keep row order', () => {
  const dg = queryTemplateRows(current.rows, { brainAreas: ['DG'] });
  assert.ok(dg.length > 0 && dg.every((r) => r.brainArea === 'DG'));
  const band = queryTemplateRows(current.rows, { minDepth: 440, maxDepth: 640 });
  assert.ok(band.some((r) => r.depth === 440) && band.some((r) => r.depth === 640));
  assert.ok(band.every((r) => r.depth >= 440 && r.depth <= 640));
  const strong = queryTemplateRows(current.rows, { minAmplitude: 100, brainAreas: ['DG', 'CA1', 'LP'] });
  assert.deepEqual(strong, current.rows.filter((r) => r.amplitude >= 100 && ['DG', 'CA1', 'LP'].includes(r.brainArea)));
  assert.deepEqual(queryTemplateRows(current.rows, { datasets: [DATASET_B] }).map((r) => r.templateIndex), [0, 1, 2, 3, 4, 5, 6, 7]);
});

test('quoted fields, CRLF and a BOM are read as pandas does', () => {
  assert.deepEqual(parseCsvRecords('\ufeffa,b\r\n"x, y","say ""hi"""\r\n'), [['a', 'b'], ['x, y', 'say "hi"']]);
});

test('damaged tables give clear errors', () => {
  assert.throws(() => parseTemplatesCsv('a,b\n1,2\n'), (e: Error) => e instanceof TemplateDatabaseError && /neither the current columns/.test(e.message));
  const lines = readFileSync(join(FIXTURE_DB, 'templates.csv'), 'utf8').split('\n');
  const cut = `${lines.slice(0, 3).join('\n')}\n${lines[3].slice(0, 40)}`;
  assert.throws(() => parseTemplatesCsv(cut), /line 4 has 6 fields instead of 12/);
  assert.throws(() => parseTemplatesCsv('dataset,template_index,best_channel_id,brain_area,depth,amplitude\nd,x,1,CA1,2,3\n'), /template_index "x" is not a number/);
});
