import { test } from 'node:test';
import assert from 'node:assert/strict';
import { columnOf, columnStart, MinMaxAccumulator, minMaxColumns, planColumns } from '../../../app/viewer/min-max-columns.ts';

function bruteForce(x: ArrayLike<number>, frames: number, C: number, pixels: number, c0: number, c1: number, gains?: number[]) {
  const P = Math.min(pixels, frames);
  const out = new Float32Array((c1 - c0) * P * 2);
  for (let c = c0; c < c1; c++) {
    for (let i = 0; i < P; i++) {
      const a = Math.floor((i * frames) / P), b = Math.floor(((i + 1) * frames) / P);
      let lo = Infinity, hi = -Infinity;
      for (let f = a; f < b; f++) {
        const v = x[f * C + c] * (gains ? gains[c] : 1);
        lo = Math.min(lo, v); hi = Math.max(hi, v);
      }
      out[((c - c0) * P + i) * 2] = lo;
      out[((c - c0) * P + i) * 2 + 1] = hi;
    }
  }
  return out;
}

function random(n: number, seed: number): Float32Array {
  let s = seed;
  return Float32Array.from({ length: n }, () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31 - 0.5) * 200);
}

test('every frame falls in exactly one column and columns tile the window', () => {
  for (const [n, p] of [[1, 1], [7, 3], [30000, 1234], [100, 100], [5, 900]]) {
    const plan = planColumns(n, p);
    assert.equal(columnStart(plan, 0), 0);
    assert.equal(columnStart(plan, plan.columns), n);
    for (let f = 0; f < n; f++) {
      const c = columnOf(plan, f);
      assert.ok(columnStart(plan, c) <= f && f < columnStart(plan, c + 1), `frame ${f} of ${n} in column ${c}`);
    }
  }
});

test('the decimated min/max equals a brute-force min/max over the raw samples', () => {
  const frames = 3001, C = 7;
  const x = random(frames * C, 3);
  for (const [pixels, c0, c1] of [[100, 0, 7], [1000, 2, 5], [4000, 6, 7], [1, 0, 7], [3001, 1, 2]]) {
    const { data } = minMaxColumns(x, frames, pixels, { numChannels: C, channelStart: c0, channelEnd: c1 });
    assert.deepEqual(data, bruteForce(x, frames, C, pixels, c0, c1), `pixels ${pixels}, channels ${c0}-${c1}`);
  }
});

test('feeding the window in blocks of any size gives the same columns, with per-channel gains applied', () => {
  const frames = 2048, C = 5;
  const raw = Int16Array.from(random(frames * C, 9), (v) => Math.round(v * 100));
  const gains = [0.195, 0.2, -0.5, 1, 2.5];
  const expected = bruteForce(raw, frames, C, 333, 0, C, gains);
  for (const block of [1, 17, 256, 2048]) {
    const acc = new MinMaxAccumulator(planColumns(frames, 333), { numChannels: C, channelStart: 0, channelEnd: C, gains });
    for (let f = 0; f < frames; f += block) {
      const n = Math.min(block, frames - f);
      acc.accumulate(raw.subarray(f * C, (f + n) * C), f, n);
    }
    const got = acc.finish();
    for (let i = 0; i < got.length; i++) assert.ok(Math.abs(got[i] - expected[i]) < 1e-3, `block ${block}, value ${i}: ${got[i]} vs ${expected[i]}`);
  }
});

test('a window shorter than the pixels keeps every sample (min = max = the sample), NaN stays visible', () => {
  const x = Float32Array.from([1, 2, 3, NaN, 5]);
  const { plan, data } = minMaxColumns(x, 5, 900, { numChannels: 1, channelStart: 0, channelEnd: 1 });
  assert.equal(plan.columns, 5);
  assert.deepEqual(Array.from(data.subarray(0, 6)), [1, 1, 2, 2, 3, 3]);
  assert.deepEqual(Array.from(data.subarray(8)), [5, 5]);
  assert.throws(() => planColumns(0, 10), /at least one frame/);
  assert.throws(() => minMaxColumns(x, 5, 10, { numChannels: 1, channelStart: 1, channelEnd: 1 }), /not inside/);
});
