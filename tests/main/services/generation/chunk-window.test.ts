// runChunksInWindow: in order, never more than the window in flight, the first failure stops the rest.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { runChunksInWindow } from '../../../../main/services/generation/chunk-window.ts';

test('chunks start in order with at most the window in flight', async () => {
  const started: number[] = [];
  let inFlight = 0, most = 0;
  await runChunksInWindow(20, 3, async (i) => {
    started.push(i);
    most = Math.max(most, ++inFlight);
    await sleep((i * 7) % 5);
    inFlight--;
  }, () => assert.fail('nothing failed'));
  assert.deepEqual(started, Array.from({ length: 20 }, (_, i) => i));
  assert.equal(most, 3);
});

test('the first failure aborts, lets the running chunks settle, starts no more and is thrown', async () => {
  const started: number[] = [];
  const aborted: unknown[] = [];
  let settled = 0;
  await assert.rejects(runChunksInWindow(50, 3, async (i) => {
    started.push(i);
    await sleep(i === 4 ? 1 : 20);
    settled++;
    if (i === 4) throw new Error('chunk 4 failed');
  }, (e) => aborted.push(e)), /chunk 4 failed/);
  assert.equal(aborted.length, 1);
  assert.equal(settled, started.length, 'every started chunk settled before the error was thrown');
  assert.ok(started.length <= 8, `started ${started.length}`);
});
