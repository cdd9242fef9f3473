import assert from 'node:assert/strict';
import { test } from 'node:test';
import { throttle } from '../../../../main/services/throttle.ts';

test('throttle runs the first call at once, folds later ones into one trailing call with the latest arguments', async () => {
  const calls: number[] = [];
  const f = throttle((n: number) => calls.push(n), 40);
  f(1); f(2); f(3);
  assert.deepEqual(calls, [1]);
  await new Promise((r) => setTimeout(r, 80));
  assert.deepEqual(calls, [1, 3]);
});

test('throttle.cancel drops the pending call and flush runs it now', async () => {
  const calls: number[] = [];
  const f = throttle((n: number) => calls.push(n), 40);
  f(1); f(2);
  f.cancel();
  await new Promise((r) => setTimeout(r, 60));
  assert.deepEqual(calls, [1]);
  f(3); f(4);
  f.flush();
  assert.deepEqual(calls, [1, 3, 4]);
});
