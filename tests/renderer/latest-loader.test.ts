// The renderer's latest-request loader: one request in flight, the newest waiting one replaces older ones, and
// with a minimum interval a burst of requests (scrolling) starts at most one fetch per interval while the first
// request after a pause starts at once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { createLatestLoader } from '../../renderer/viewers/latest-loader.ts';

test('only the newest waiting request is fetched after the one in flight', async () => {
  const fetched: number[] = [], delivered: number[] = [];
  const l = createLatestLoader(async (q: number) => { fetched.push(q); await sleep(20); return q * 10; }, (_q, r) => delivered.push(r), () => assert.fail());
  for (let i = 1; i <= 5; i++) l.request(i);
  await l.idle();
  assert.deepEqual(fetched, [1, 5]);
  assert.deepEqual(delivered, [10, 50]);
});

test('a minimum interval spaces the fetches of a burst and leaves the first one immediate', async () => {
  const starts: number[] = [];
  const t0 = performance.now();
  const l = createLatestLoader(async (q: number) => { starts.push(performance.now() - t0); await sleep(20); return q; }, () => {}, () => assert.fail(), 60);
  l.request(0);
  assert.equal(starts.length, 1, 'the first request starts at once');
  // a request every 5 ms for 200 ms, as wheel events while scrolling (each fetch takes 20 ms)
  for (let i = 1; i <= 40; i++) { await sleep(5); l.request(i); }
  await l.idle();
  const gaps = starts.slice(1).map((s, i) => s - starts[i]);
  assert.ok(gaps.every((g) => g >= 59), `gaps ${gaps.map((g) => g.toFixed(0))}`);
  assert.ok(starts.length >= 3 && starts.length <= 6, `${starts.length} fetches for 41 requests over ~200 ms`);
});

test('a request made while the loader is idle is never delayed by the interval', async () => {
  const starts: number[] = [];
  const l = createLatestLoader(async (q: number) => { starts.push(performance.now()); await sleep(5); return q; }, () => {}, () => assert.fail(), 200);
  l.request(1);
  await l.idle();
  const asked = performance.now();
  l.request(2); // 10-20 ms after the previous fetch started, nothing in flight: a jump
  assert.equal(starts.length, 2);
  assert.ok(starts[1] - asked < 5);
});
