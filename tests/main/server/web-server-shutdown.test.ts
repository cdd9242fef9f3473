/**
 * A job over the socket: progress arrives as throttled `jobs.changed` events; SIGTERM cancels the running job,
 * removes its partial folder and closes the database, so the next start shows it cancelled, not interrupted.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { JobInfo } from '../../../app/api/types.ts';
import { tinyPreset } from '../services/helpers.ts';
import { openSocket, WireClient } from './http-helpers.ts';
import { startServeProcess } from './serve-process.ts';

async function client(port: number, token: string): Promise<WireClient> {
  const opened = await openSocket(`ws://127.0.0.1:${port}/api?token=${token}`);
  assert.ok('ws' in opened);
  return new WireClient(opened.ws);
}

test('progress is pushed about four times a second; SIGTERM cancels the running job and exits cleanly', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'spikegen-serve-'));
  t.after(() => rmSync(dataDir, { recursive: true, force: true }));
  const first = await startServeProcess(dataDir);
  let job: JobInfo;
  try {
    const c = await client(first.port, first.token);
    await c.call('spikegen:settings.update', [{ workers: 1 }]);
    const created = await c.call('spikegen:presets.create', [tinyPreset('Long over the wire', { duration: 60, units: 5, probe: 'Neuropixels1-128' })]);
    const started = await c.call('spikegen:jobs.start', [(created.result as { id: string }).id, { chunkSeconds: 0.1 }]);
    assert.equal(started.ok, true, JSON.stringify(started.error));
    job = started.result as JobInfo;
    const progress = () => c.events.filter((e) => e.event === 'jobs.changed' && (e.payload as JobInfo).state === 'running' && (e.payload as JobInfo).chunksDone > 0);
    for (let i = 0; i < 300 && progress().length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    const t0 = performance.now();
    const n0 = progress().length;
    await new Promise((r) => setTimeout(r, 2000));
    const rate = (progress().length - n0) / ((performance.now() - t0) / 1000);
    t.diagnostic(`jobs.changed progress events: ${rate.toFixed(1)} per second`);
    assert.ok(rate > 1 && rate <= 5, `about four per second, got ${rate.toFixed(1)}`);
    assert.ok(existsSync(`${job.out}.partial`));
  } finally {
    const code = await first.stop('SIGTERM');
    assert.equal(code, 0, first.stderr());
  }
  assert.ok(!existsSync(`${job!.out}.partial`), 'the partial folder was removed on shutdown');
  const second = await startServeProcess(dataDir);
  try {
    const c = await client(second.port, second.token);
    const jobs = (await c.call('spikegen:jobs.list', [])).result as JobInfo[];
    const again = jobs.find((j) => j.id === job!.id)!;
    assert.equal(again.state, 'cancelled', again.error);
    assert.match(again.error ?? '', /app is closing/);
  } finally {
    await second.stop();
  }
});
