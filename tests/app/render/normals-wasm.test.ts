// The WebAssembly normal stream (PCG64 + numpy's float32 ziggurat) against the JavaScript loop it replaces, which
// noise-white.test.ts checks against numpy: the same float32 bits and the same generator state afterwards, with
// tails (|z| beyond the ziggurat's r, finished by the JavaScript tail code), wedges, a stream picked up after an
// odd count (a buffered upper half), and outputs inside and outside the kernel's memory.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { blockGeneratorState, fillScaledNormalsF32, fillScaledNormalsF32Js, fillWithKernel } from '../../../app/render/noise-white.ts';
import { makeNormalsKernel, normalsKernel } from '../../../app/render/normals-wasm.ts';
import { NOR_R_F } from '../../../app/rng/ziggurat-normal-tables.ts';
import { TILES_REGION, threadMemory } from '../../../app/wasm/thread-memory.ts';

const bits = (a: Float32Array) => new Uint32Array(a.buffer, a.byteOffset, a.length);
const state = (w: Float64Array) => Array.from(w.subarray(0, 10));

function firstDifference(a: Float32Array, b: Float32Array): number {
  const x = bits(a), y = bits(b);
  return x.findIndex((v, i) => v !== y[i]);
}

test('the kernel is there in Node 20 (WebAssembly with SIMD)', () => {
  assert.ok(normalsKernel(), 'no kernel: the fast path would silently not be tested');
});

test('the kernel gives the JavaScript loop\'s bits and state, tails and wedges included', () => {
  for (const [seed, block, C, n] of [[12345n, 0, 384, 3_000_000], [7n, 41, 3, 1_000_003], [2205n, 9, 1, 70_001], [1n, 2, 385, 65_536 * 2 + 17]] as const) {
    const levels = Float64Array.from({ length: C }, (_, i) => 4.5 + ((i * 37) % 11) * 0.41);
    const js = new Float32Array(n), wasm = new Float32Array(n);
    const wj = blockGeneratorState([seed, block]), wk = blockGeneratorState([seed, block]);
    fillScaledNormalsF32Js(wj, js, n, levels);
    fillScaledNormalsF32(wk, wasm, n, levels);
    const bad = firstDifference(js, wasm);
    assert.equal(bad, -1, `seed ${seed} block ${block}: value ${bad} is ${wasm[bad]}, the loop gives ${js[bad]}`);
    assert.deepEqual(state(wk), state(wj));
    if (n >= 1_000_000) {
      // the tail (|z| > r, ~6 in 10^4 draws) is the path the kernel hands back to JavaScript: it was taken
      const tails = js.filter((v, i) => Math.abs(v / levels[i % C]) > NOR_R_F * 1.0001).length;
      assert.ok(tails > 100, `only ${tails} tail values`);
    }
  }
});

test('a stream continued mid-way (with or without the upper half of a draw kept) stays the loop\'s', () => {
  const C = 384, n = 200_000, levels = Float64Array.from({ length: C }, (_, i) => 6 + (i % 5));
  const rotate = (k: number) => Float64Array.from({ length: C }, (_, i) => levels[(i + k) % C]);
  const whole = new Float32Array(n);
  fillScaledNormalsF32Js(blockGeneratorState([99n, 3]), whole, n, levels);
  const buffered = new Set<number>();
  for (const cut of [1000, 1001, 1002, 1003]) {
    const parts = new Float32Array(n), w = blockGeneratorState([99n, 3]);
    // `cut` values by the loop, then the kernel, then the loop again (levels rotated to the channel each starts on)
    fillScaledNormalsF32Js(w, parts, cut, levels);
    buffered.add(w[8]);
    fillScaledNormalsF32(w, parts.subarray(cut, 150_001), 150_001 - cut, rotate(cut));
    fillScaledNormalsF32Js(w, parts.subarray(150_001), n - 150_001, rotate(150_001));
    assert.equal(firstDifference(whole, parts), -1, `cut at ${cut}`);
  }
  assert.deepEqual([...buffered].sort(), [0, 1], 'both cases: a half kept and not');
});

test('an output inside the kernel\'s memory (a worker tile) is written in place, with the same bits', () => {
  const memory = threadMemory()!;
  const C = 384, n = 512 * C, levels = Float64Array.from({ length: C }, (_, i) => 5 + i / 100);
  const tile = new Float32Array(memory.buffer, TILES_REGION, n);
  const js = new Float32Array(n);
  fillScaledNormalsF32Js(blockGeneratorState([5n, 5]), js, n, levels);
  tile.fill(NaN);
  fillScaledNormalsF32(blockGeneratorState([5n, 5]), tile, n, levels);
  assert.equal(firstDifference(js, tile), -1);
});

test('short calls of every length, one after another, on 1 to 6 channels: the loop\'s values and state each time', () => {
  // the kernel draws through a buffer four values at a time: a call must end with exactly numpy's state (at most
  // one upper half kept), whatever its length, its first channel, and what the previous call left
  const k = normalsKernel()!;
  for (let C = 1; C <= 6; C++) {
    const levels = Float64Array.from({ length: C }, (_, i) => 3 + i * 1.7);
    const wj = blockGeneratorState([31n, C]), wk = blockGeneratorState([31n, C]);
    let channel = 0;
    for (let n = 1; n <= 67; n++) {
      const lv = Float64Array.from({ length: C }, (_, i) => levels[(i + channel) % C]);
      const js = new Float32Array(n), wasm = new Float32Array(n);
      fillScaledNormalsF32Js(wj, js, n, lv);
      fillWithKernel(k, wk, wasm, n, lv);
      const bad = firstDifference(js, wasm);
      assert.equal(bad, -1, `C ${C}, call of ${n}: value ${bad} is ${wasm[bad]}, the loop gives ${js[bad]}`);
      assert.deepEqual(state(wk), state(wj), `C ${C}, state after the call of ${n}`);
      channel = (channel + n) % C;
    }
  }
});

test('wedges decided by Math.exp alone (the path for y within the margin of the approximate exp) give the same bits', () => {
  // real draws land within the margin about once in a million wedges: a kernel with an infinite margin sends
  // every wedge there, so that this path is checked on ~10^4 wedges
  const k = makeNormalsKernel(Infinity)!;
  const C = 384, n = 1_000_000, levels = Float64Array.from({ length: C }, (_, i) => 7 + (i % 9) * 0.3);
  const js = new Float32Array(n), wasm = new Float32Array(n);
  const wj = blockGeneratorState([2024n, 7]), wk = blockGeneratorState([2024n, 7]);
  fillScaledNormalsF32Js(wj, js, n, levels);
  fillWithKernel(k, wk, wasm, n, levels);
  assert.equal(firstDifference(js, wasm), -1);
  assert.deepEqual(state(wk), state(wj));
});
