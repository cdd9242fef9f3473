// The WebAssembly SIMD correlation product against the JavaScript loop: the same float32 bits for every
// output, on random sparse factors and data, for sample counts that are and are not multiples of 4 and slices.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { correlateSamplesSimd } from '../../../app/render/correlate-simd.ts';
import { correlateSamples, correlateSamplesJs, type ScaledFactor } from '../../../app/render/noise-correlate.ts';

function lcg(seed: number) { let x = seed >>> 0; return () => { x = (Math.imul(x, 1664525) + 1013904223) >>> 0; return x / 2 ** 32; }; }

/** a random lower-banded CSR factor (like a sparse Cholesky factor: columns up to i, a few per row) */
function randomFactor(C: number, perRow: number, rnd: () => number): ScaledFactor {
  const rowPtr = new Int32Array(C + 1), cols: number[] = [], values: number[] = [];
  for (let i = 0; i < C; i++) {
    const set = new Set<number>([i]);
    while (set.size < Math.min(perRow, i + 1)) set.add(Math.max(0, i - Math.floor(rnd() * 40)));
    for (const c of [...set].sort((a, b) => a - b)) { cols.push(c); values.push((rnd() - 0.5) * 13.7); }
    rowPtr[i + 1] = cols.length;
  }
  return { rowPtr, cols: Int32Array.from(cols), values: Float64Array.from(values) };
}

test('the SIMD kernel gives the JavaScript loop\'s float32 bits', () => {
  const rnd = lcg(5);
  for (const [C, perRow, samples] of [[384, 11, 1027], [7, 3, 9], [128, 13, 512], [385, 5, 4], [1, 1, 6]]) {
    const f = randomFactor(C, perRow, rnd);
    const z = Float32Array.from({ length: samples * C }, () => (rnd() - 0.5) * 6);
    const js = new Float32Array(samples * C), fast = new Float32Array(samples * C);
    correlateSamplesJs(f, z, js, samples, C);
    const done = correlateSamplesSimd(f, z, fast, samples, C);
    assert.equal(done, samples - (samples % 4), 'WebAssembly SIMD is available in Node 20');
    const a = new Uint32Array(js.buffer, 0, done * C), b = new Uint32Array(fast.buffer, 0, done * C);
    const bad = a.findIndex((x, i) => x !== b[i]);
    assert.equal(bad, -1, `${C} channels: first differing output ${bad}: ${js[bad]} vs ${fast[bad]}`);
    // and correlateSamples (kernel + loop for the rest) equals the loop everywhere
    const both = new Float32Array(samples * C);
    correlateSamples(f, z, both, samples, C);
    assert.deepEqual(new Uint32Array(both.buffer), new Uint32Array(js.buffer));
  }
});
