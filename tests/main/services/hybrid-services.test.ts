/**
 * Issue "Hybrid recordings", the app side end to end on REAL services: a hybrid preset built from the SpikeGLX NP1
 * fixture and templates picked from the fixture template database (served on 127.0.0.1) — recording inspection,
 * template listing and thumbnails, a job that makes the dataset with progress, the catalogue's kind, and the
 * viewer's original and hybrid recordings side by side.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ApiError } from '../../../app/api/errors.ts';
import type { JobInfo } from '../../../app/api/types.ts';
import { createServices } from '../../../main/services/create-services.ts';
import { DATASET_A, startDbServer } from '../../app/hybrid/template-db-server.ts';
import { NP1_BIN } from '../../app/hybrid/hybrid-fixtures.ts';
import { tempDir, waitForEvent } from './helpers.ts';

test('inspectRecording describes the SpikeGLX fixture and explains a missing path', async (t) => {
  const s = createServices({ dataDir: tempDir(t), mode: 'web' });
  t.after(() => s.close());
  const r = await s.api.hybrid.inspectRecording({ format: 'spikeglx', path: NP1_BIN });
  assert.equal(r.numChannels, 384);
  assert.equal(r.samplingFrequency, 30000);
  assert.ok(r.durationSeconds > 0.2 && r.durationSeconds < 0.3, String(r.durationSeconds));
  assert.equal(r.probe?.numContacts, 384);
  await assert.rejects(s.api.hybrid.inspectRecording({ format: 'spikeglx', path: '/no/such/run.ap.bin' }),
    (e: unknown) => e instanceof ApiError && e.kind === 'invalid-argument' && /does not exist/.test(e.message));
});

test('a hybrid job injects browsed database templates into the fixture and the viewer shows original and hybrid', async (t) => {
  const db = await startDbServer();
  t.after(() => db.close());
  const s = createServices({ dataDir: tempDir(t), mode: 'web' });
  t.after(() => s.close());
  await s.api.settings.update({ workers: 2 });

  const listing = await s.api.templates.list({ baseUrl: db.url, brainAreas: ['CA1', 'DG'], minAmplitude: 30 });
  assert.ok(listing.rows.length >= 3 && listing.rows.every((r) => ['CA1', 'DG'].includes(r.brainArea) && r.amplitudeUv >= 30));
  assert.ok(listing.brainAreas.includes('CA1'));
  const picked = listing.rows.filter((r) => r.dataset === DATASET_A).slice(0, 3);
  const thumbs = await s.api.templates.thumbnails({ baseUrl: db.url, templates: picked.map((r) => ({ dataset: r.dataset, templateIndex: r.templateIndex })) });
  assert.deepEqual(thumbs.map((x) => x.templateIndex), picked.map((r) => r.templateIndex));
  assert.ok(thumbs.every((x) => x.values.length === x.channels.length * x.numSamples && x.values.some((v) => Math.abs(v) > 5)));

  const preset = await s.api.presets.create({
    format: 'spikegen-preset', version: 1, name: 'Hybrid job', kind: 'hybrid',
    params: {
      recording: { format: 'spikeglx', path: NP1_BIN }, seed: 5,
      templates: { source: 'database', base_url: db.url, selection: picked.map((r) => ({ dataset: r.dataset, template_index: r.templateIndex })) },
      generate_sorting_kwargs: { firing_rates: 30, refractory_period_ms: 4 },
    },
  });
  assert.equal(preset.kind, 'hybrid');
  const progress: JobInfo[] = [];
  s.events.on('jobs.changed', (j) => { if (j.state === 'running') progress.push(j); });
  const job = await s.api.jobs.start(preset.id, { chunkSeconds: 0.05 });
  const done = await waitForEvent(s.events, 'jobs.changed', (j) => j.id === job.id && ['completed', 'failed', 'cancelled'].includes(j.state));
  assert.equal(done.state, 'completed', done.error);
  assert.ok(existsSync(join(done.out, 'hybrid', 'traces_cached_seg0.raw')));
  const [entry] = await s.api.datasets.list();
  assert.equal(entry.kind, 'hybrid');
  assert.equal(entry.numUnits, 3);

  const info = await s.api.traces.open(entry.id);
  assert.deepEqual(info.recordings, ['original', 'hybrid']);
  assert.equal(info.numChannels, 384);
  const w = await s.api.traces.window({ dataset: entry.id, start: 0, end: 3000, channelStart: 0, channelEnd: 8, pixels: 100 });
  assert.equal(w.data.byteLength, 2 * 8 * w.meta.columns * 2 * (w.meta.int16 ? 2 : 4));
  const spikes = await s.api.traces.spikes({ dataset: entry.id, start: 0, end: info.numSamples });
  assert.equal(spikes.sampleIndex.length, info.numSpikes);
  const units = await s.api.qc.units(entry.id);
  assert.equal(units.units.length, 3);
  // template QC shows what was injected (templates_at_steps), best channel first
  const tq = await s.api.qc.templates({ dataset: entry.id, unit: 0 });
  assert.equal(tq.meta.channels[0], units.units[0].maxChannel);
  const injected = new Float32Array(tq.data);
  assert.equal(injected.length, tq.meta.channels.length * tq.meta.numSamples);
  const peak = injected.subarray(0, tq.meta.numSamples).reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  assert.ok(Math.abs(peak - units.units[0].amplitudeUv) < units.units[0].amplitudeUv, `peak ${peak} µV on the best channel`);
});

test('a hybrid job whose recording is gone fails with a sentence naming it', async (t) => {
  const s = createServices({ dataDir: tempDir(t), mode: 'web' });
  t.after(() => s.close());
  const preset = await s.api.presets.create({
    format: 'spikegen-preset', version: 1, name: 'Gone', kind: 'hybrid', params: { recording: { format: 'spikeglx', path: '/no/such.ap.bin' } },
  });
  await assert.rejects(s.api.jobs.start(preset.id), (e: unknown) => e instanceof ApiError && /does not exist/.test(e.message));
});
