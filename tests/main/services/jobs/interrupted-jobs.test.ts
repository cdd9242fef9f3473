/** A job the previous run left `running` or `queued` (a crash, a kill) is `interrupted` at the next start — never complete. */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { createServices } from '../../../../main/services/create-services.ts';
import { INTERRUPTED_MESSAGE } from '../../../../main/services/jobs/job-store.ts';
import { DATABASE_FILE_NAME } from '../../../../main/services/presets/index.ts';
import { openSqlite } from '../../../../main/services/presets/sqlite.ts';
import { tempDir } from '../helpers.ts';

test('jobs left running or queued in the database are marked interrupted at the next start and their partial folders removed', async (t) => {
  const dataDir = tempDir(t);
  await createServices({ dataDir, mode: 'web' }).close(); // creates the schema
  const out = join(dataDir, 'datasets', 'crashed');
  mkdirSync(`${out}.partial/static`, { recursive: true });
  writeFileSync(`${out}.partial/static/traces_cached_seg0.raw`, 'half written');
  const db = openSqlite(join(dataDir, DATABASE_FILE_NAME));
  const insert = db.prepare(`INSERT INTO jobs (id, preset_id, preset_name, out, state, created, fraction, chunks_done, chunks_total)
    VALUES (?, 'builtin:quick-test', 'Quick test', ?, ?, ?, ?, ?, 40)`);
  insert.run('was-running', out, 'running', '2026-01-01T00:00:00.000Z', 0.4, 16);
  insert.run('was-queued', join(dataDir, 'datasets', 'never-started'), 'queued', '2026-01-01T00:00:01.000Z', 0, 0);
  insert.run('was-done', join(dataDir, 'datasets', 'done'), 'completed', '2026-01-01T00:00:02.000Z', 1, 40);
  db.close();

  const s = createServices({ dataDir, mode: 'web' });
  t.after(() => s.close());
  const jobs = new Map((await s.api.jobs.list()).map((j) => [j.id, j]));
  assert.equal(jobs.get('was-running')?.state, 'interrupted');
  assert.equal(jobs.get('was-running')?.error, INTERRUPTED_MESSAGE);
  assert.ok(jobs.get('was-running')?.finished);
  assert.equal(jobs.get('was-running')?.fraction, 0.4, 'keeps how far it got');
  assert.equal(jobs.get('was-queued')?.state, 'interrupted');
  assert.equal(jobs.get('was-done')?.state, 'completed', 'finished jobs are left alone');
  assert.ok(!existsSync(`${out}.partial`), 'the half-written folder is gone');
  assert.deepEqual(await s.api.datasets.list(), [], 'an interrupted job never becomes a dataset');
  assert.equal(s.busy(), false);
});
