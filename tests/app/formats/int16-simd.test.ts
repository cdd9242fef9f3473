// The int16 conversion kernel against the JavaScript loop (int16-gain.test.ts checks the loop's rounding and
// saturation): the same int16 values and clipped counts for random data around full scale, the exact boundaries
// of the in-range test, NaN and infinities, lengths that are not multiples of 8, and inputs inside the kernel's
// memory (a worker's tiles) and outside it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { convertF32Range, float32ToInt16 } from '../../../app/formats/int16-gain.ts';
import { int16InputViews, int16Kernel, SLICE_VALUES } from '../../../app/formats/int16-simd.ts';
import { STAGING_REGION } from '../../../app/wasm/thread-memory.ts';

function lcg(seed: number) { let x = seed >>> 0; return () => { x = (Math.imul(x, 1664525) + 1013904223) >>> 0; return x / 2 ** 32; }; }

/**
 * The conversion as int16-gain.ts documents it, written again here (not the loop the kernel falls back to):
 * v = x · (1/gain) in doubles; inside (-32767.5, 32766.5) the value is ((v + 32768.5) | 0) - 32768 (round to
 * nearest, halves up); at or past either end it saturates, counted as clipped from ±half a step beyond full scale;
 * NaN is 0 and counted.
 */
function reference(src: Float32Array, gain: number): { out: Int16Array; clipped: number } {
  const out = new Int16Array(src.length), inv = 1 / gain;
  let clipped = 0;
  src.forEach((x, i) => {
    const v = x * inv;
    if (Number.isNaN(v)) { out[i] = 0; clipped++; } else if (v >= 32766.5) { out[i] = 32767; if (v >= 32767.5) clipped++; } else if (v <= -32767.5) { out[i] = -32768; if (v <= -32768.5) clipped++; } else out[i] = Math.trunc(v + 32768.5) - 32768;
  });
  return { out, clipped };
}

test('the reference agrees with the JavaScript loop on the same data (so the kernel is held to the documented rule)', () => {
  const rnd = lcg(5), src = Float32Array.from({ length: 50_000 }, () => (rnd() - 0.5) * 2.6 * 32768 * 0.03);
  src[1] = NaN; src[2] = 32766.5 * 0.03; src[3] = -32768.5 * 0.03;
  const ref = reference(src, 0.03), loop = new Int16Array(src.length);
  assert.equal(convertF32Range(src, 0, src.length, 1 / 0.03, loop, 0), ref.clipped);
  assert.deepEqual(loop, ref.out);
});

test('the kernel is there in Node 20 (WebAssembly with SIMD)', () => {
  assert.ok(int16Kernel());
});

test('the kernel gives the loop\'s values and clipped count, boundaries and NaN included', () => {
  const rnd = lcg(11);
  // with gain 1 these are the exact edges of the loop's branches: in range is -32767.5 < v < 32766.5
  const edges = [32766.5, 32766.499, 32767.5, 32767.49, -32767.5, -32767.49, -32768.5, -32768.51, 0.5, -0.5, 1.5, -1.5, NaN, Infinity, -Infinity, 0, -0];
  for (const n of [0, 1, 7, 8, 9, 63, 64, 65, 1000, SLICE_VALUES + 13, 3 * SLICE_VALUES]) {
    for (const gain of [1, 0.0232, 3.7]) {
      const src = Float32Array.from({ length: n }, () => (rnd() - 0.5) * 2.4 * 32768 * gain);
      for (let i = 0; i < Math.min(n, 400); i += 7) src[Math.floor(rnd() * n)] = edges[i % edges.length] * gain;
      const ref = reference(src, gain);
      const out = new Int16Array(n);
      const clipped = float32ToInt16(src, gain, out);
      assert.equal(clipped, ref.clipped, `n ${n}, gain ${gain}`);
      const bad = out.findIndex((v, i) => v !== ref.out[i]);
      assert.equal(bad, -1, `n ${n}, gain ${gain}: value ${bad} (${src[bad]}) -> ${out[bad]}, the loop gives ${ref.out[bad]}`);
    }
  }
});

test('inputs in the kernel\'s memory are converted where they are, with the same result', () => {
  const rnd = lcg(3);
  const [a, b] = int16InputViews(2, 512 * 384)!;
  assert.equal(a.buffer, int16Kernel()!.memory.buffer);
  for (const v of [a, b]) {
    for (let i = 0; i < v.length; i++) v[i] = (rnd() - 0.5) * 80;
    v[17] = NaN; v[40_000] = 1e9;
    const ref = reference(v, 0.0232);
    const out = new Int16Array(v.length);
    assert.equal(float32ToInt16(v, 0.0232, out), ref.clipped);
    assert.deepEqual(out, ref.out);
    // a part of a tile, not starting on a group of 8
    const part = v.subarray(5, 5 + 1003), pout = new Int16Array(part.length);
    float32ToInt16(part, 0.0232, pout);
    assert.deepEqual(pout, ref.out.subarray(5, 5 + 1003));
  }
});

test('more views than the input area holds are refused (the caller uses ordinary arrays)', () => {
  assert.equal(int16InputViews(3, 512 * 512), null);
});

test('a destination in the kernel\'s memory (a worker\'s staging buffer) is written in place, with the same result', () => {
  const rnd = lcg(8);
  const memory = int16Kernel()!.memory;
  const n = 100_003;
  const src = Float32Array.from({ length: n }, () => (rnd() - 0.5) * 3000);
  src[3] = NaN; src[50_000] = -1e9;
  const ref = reference(src, 0.05);
  const dst = new Int16Array(memory.buffer, STAGING_REGION + 6, n); // not on a 16-byte boundary
  dst.fill(7);
  assert.equal(float32ToInt16(src, 0.05, dst), ref.clipped);
  assert.deepEqual(Int16Array.from(dst), ref.out);
});
