/**
 * The jobs service end to end: REAL piscina pool, REAL SQLite, REAL dataset folders. Tiny presets (2 units on a
 * tetrode, about a second) keep each generation to a second or two.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { JobInfo } from '../../../../app/api/types.ts';
import { ApiError } from '../../../../app/api/errors.ts';
import { createServices } from '../../../../main/services/create-services.ts';
import { tempDir, tinyPreset, waitForEvent } from '../helpers.ts';

const FAILING_WORKER = new URL('../../../fixtures/workers/failing-render-chunk.mjs', import.meta.url).href;
const ended = (id: string) => (j: JobInfo) => j.id === id && ['completed', 'failed', 'cancelled'].includes(j.state);

test('two jobs run at the same time on the shared pool and both datasets land in the catalogue', async (t) => {
  const dataDir = tempDir(t);
  const s = createServices({ dataDir, mode: 'web' });
  t.after(() => s.close());
  await s.api.settings.update({ workers: 2, concurrentJobs: 2 });
  const a = await s.api.presets.create(tinyPreset('Job A', { duration: 2 }));
  const b = await s.api.presets.create(tinyPreset('Job B', { duration: 2 }));
  const running = new Set<string>();
  let overlap = false;
  const progress: JobInfo[] = [];
  s.events.on('jobs.changed', (j) => {
    if (j.state === 'running') { running.add(j.id); progress.push(j); }
    else running.delete(j.id);
    if (running.size === 2) overlap = true;
  });
  const [ja, jb] = [await s.api.jobs.start(a.id), await s.api.jobs.start(b.id)];
  assert.ok(['queued', 'running'].includes(ja.state), ja.state);
  assert.equal(jb.state, 'running', 'two jobs may run at once');
  const [da, db] = await Promise.all([waitForEvent(s.events, 'jobs.changed', ended(ja.id)), waitForEvent(s.events, 'jobs.changed', ended(jb.id))]);
  assert.equal(da.state, 'completed', da.error);
  assert.equal(db.state, 'completed', db.error);
  assert.ok(overlap, 'both jobs were running at once');
  assert.equal(da.fraction, 1);
  assert.ok(progress.some((p) => p.fraction > 0 && p.chunksTotal > 0), 'progress events carry fraction and chunks');
  assert.ok(progress.filter((p) => p.fraction > 0).every((p) => p.megabytesPerSecond >= 0 && p.realtimeFactor >= 0));
  for (const j of [da, db]) {
    assert.ok(existsSync(join(j.out, 'dataset.json')), `${j.out} has dataset.json`);
    assert.ok(!existsSync(`${j.out}.partial`));
  }
  const datasets = await s.api.datasets.list();
  assert.deepEqual(datasets.map((d) => d.path).sort(), [da.out, db.out].sort());
  const summary = JSON.parse(readFileSync(join(da.out, 'dataset.json'), 'utf8')) as { num_spikes: number; total_bytes: number };
  const entry = datasets.find((d) => d.path === da.out)!;
  assert.equal(entry.numSpikes, summary.num_spikes);
  assert.equal(entry.totalBytes, summary.total_bytes);
  assert.equal(entry.numChannels, 4);
  assert.equal(entry.exists, true);
  const listed = await s.api.jobs.list();
  assert.deepEqual(listed.filter((j) => j.id === ja.id || j.id === jb.id).map((j) => j.state), ['completed', 'completed']);
});

test('cancelling a running job stops it, removes the partial folder and records it as cancelled', async (t) => {
  const dataDir = tempDir(t);
  const s = createServices({ dataDir, mode: 'web' });
  t.after(() => s.close());
  await s.api.settings.update({ workers: 1 });
  const p = await s.api.presets.create(tinyPreset('Long job', { duration: 30, units: 5, probe: 'Neuropixels1-128' }));
  const job = await s.api.jobs.start(p.id, { chunkSeconds: 0.2 });
  const firstProgress = await waitForEvent(s.events, 'jobs.changed', (j) => (j.id === job.id && j.chunksDone > 0) || ended(job.id)(j));
  assert.equal(firstProgress.state, 'running', firstProgress.error);
  assert.ok(firstProgress.fraction < 1, 'cancelled mid-job');
  assert.ok(existsSync(`${job.out}.partial`), 'the job was writing its partial folder');
  const done = waitForEvent(s.events, 'jobs.changed', ended(job.id));
  await s.api.jobs.cancel(job.id);
  const final = await done;
  assert.equal(final.state, 'cancelled');
  assert.match(final.error ?? '', /cancelled/);
  assert.ok(!existsSync(`${job.out}.partial`), 'partial folder removed');
  assert.ok(!existsSync(job.out), 'no dataset folder');
  assert.deepEqual(await s.api.datasets.list(), []);
  assert.equal((await s.api.jobs.list()).find((j) => j.id === job.id)?.state, 'cancelled');
});

test('a worker that throws fails the job with a clear message and the app keeps serving', async (t) => {
  const dataDir = tempDir(t);
  const s = createServices({ dataDir, mode: 'web', workerFilename: FAILING_WORKER });
  t.after(() => s.close());
  const p = await s.api.presets.create(tinyPreset('Doomed'));
  const job = await s.api.jobs.start(p.id);
  const final = await waitForEvent(s.events, 'jobs.changed', ended(job.id));
  assert.equal(final.state, 'failed');
  assert.match(final.error ?? '', /rendering samples \d+-\d+ failed: simulated render failure/);
  assert.match(final.error ?? '', /the dataset was not written/);
  assert.ok(!existsSync(`${job.out}.partial`) && !existsSync(job.out));
  // still working: other calls answer, another job can be queued
  assert.ok((await s.api.presets.list({})).some((x) => x.id === p.id));
  assert.equal((await s.api.jobs.list())[0].state, 'failed');
  const again = await s.api.jobs.start(p.id);
  assert.equal((await waitForEvent(s.events, 'jobs.changed', ended(again.id))).state, 'failed');
});

test('a job that cannot start is refused with a sentence: unknown preset, invalid preset, occupied folder', async (t) => {
  const dataDir = tempDir(t);
  const s = createServices({ dataDir, mode: 'web' });
  t.after(() => s.close());
  await assert.rejects(s.api.jobs.start('no-such-preset'), (e: ApiError) => e.kind === 'not-found');
  const p = await s.api.presets.create(tinyPreset('Fine'));
  await assert.rejects(s.api.jobs.start(p.id, { out: 'relative/folder' }), (e: ApiError) => e.kind === 'invalid-argument' && /full path/.test(e.message));
  await assert.rejects(s.api.jobs.start(p.id, { out: dataDir }), (e: ApiError) => e.kind === 'conflict' && /not empty/.test(e.message));
  await assert.rejects(s.api.jobs.cancel('no-such-job'), (e: ApiError) => e.kind === 'not-found');
});

test('estimate gives the dataset size and the free space where it will be written', async (t) => {
  const dataDir = tempDir(t);
  const s = createServices({ dataDir, mode: 'web' });
  t.after(() => s.close());
  const small = await s.api.presets.create(tinyPreset('Small'));
  const e = await s.api.jobs.estimate(small.id);
  assert.ok(e.out.startsWith(join(dataDir, 'datasets')), e.out);
  // 2 recordings × 30000 samples × 4 channels × 2 bytes, plus ground truth
  assert.ok(e.totalBytes >= 2 * 30000 * 4 * 2, String(e.totalBytes));
  assert.ok(e.freeBytes > 0);
  const f32 = await s.api.jobs.estimate(small.id, { dtype: 'float32' });
  assert.ok(f32.totalBytes > e.totalBytes);
  const big = await s.api.jobs.estimate('builtin:si-docs-np1-384-multimodal');
  assert.ok(big.totalBytes > 2 * 600 * 30000 * 384 * 2, 'ten minutes of Neuropixels 384 in int16, twice');
});
