// The WebAssembly SIMD int16 min/max kernel against a brute-force min/max over the same samples, and the
// decimation of a window read into the kernel's memory against the same window decimated in plain arrays.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { int16MinMaxKernel, SIMD_BLOCK_BYTES } from '../../../app/viewer/int16-min-max-simd.ts';
import { MinMaxAccumulator, planColumns } from '../../../app/viewer/min-max-columns.ts';

function fillRandom(a: Int16Array, seed: number): void {
  let x = seed;
  for (let i = 0; i < a.length; i++) { x = (Math.imul(x, 1103515245) + 12345) >>> 0; a[i] = (x >>> 8) & 0xffff; } // the whole int16 range
}

test('the kernel exists here (Node 20 has WebAssembly SIMD) and scans like a brute-force loop', () => {
  const k = int16MinMaxKernel();
  assert.ok(k, 'WebAssembly SIMD is available in Node 20 and in Chromium');
  const bytes = k.block();
  const b = new Int16Array(bytes.buffer, bytes.byteOffset, bytes.byteLength >> 1);
  fillRandom(b, 3);
  for (const [numChannels, c0, c1, from, frames] of [[384, 0, 384, 0, 42], [384, 5, 72, 384 * 3, 17], [7, 2, 7, 0, 100], [385, 0, 385, 385, 1], [16, 0, 16, 0, 0], [1, 0, 1, 9, 1000]]) {
    const nc = c1 - c0;
    const lo = new Int16Array(nc), hi = new Int16Array(nc);
    for (let j = 0; j < nc; j++) lo[j] = hi[j] = b[from + c0 + j];
    k.scan(b, from + c0, frames, numChannels, lo, hi);
    for (let j = 0; j < nc; j++) {
      let l = b[from + c0 + j], h = l;
      for (let r = 0; r < frames; r++) { const v = b[from + r * numChannels + c0 + j]; if (v < l) l = v; if (v > h) h = v; }
      assert.equal(lo[j], l, `min of channel ${c0 + j} (${numChannels} channels, ${frames} frames)`);
      assert.equal(hi[j], h, `max of channel ${c0 + j}`);
    }
  }
});

test('a window decimated from the kernel memory equals the same window decimated from an ordinary array', () => {
  const k = int16MinMaxKernel()!;
  const numChannels = 384, frames = Math.floor(SIMD_BLOCK_BYTES / (numChannels * 2));
  const bytes = k.block();
  const inKernel = new Int16Array(bytes.buffer, bytes.byteOffset, frames * numChannels);
  fillRandom(inKernel, 11);
  const plain = Int16Array.from(inKernel);
  const gains = Array.from({ length: numChannels }, (_, i) => 0.1 + i / 1000), offsets = Array.from({ length: numChannels }, (_, i) => i - 50);
  for (const [c0, c1, pixels] of [[0, 384, 710], [33, 101, 97], [380, 384, 5000]]) {
    const decimate = (b: Int16Array) => {
      const acc = new MinMaxAccumulator(planColumns(frames, pixels), { numChannels, channelStart: c0, channelEnd: c1, gains, offsets });
      // fed in three uneven pieces, as blocks arrive
      acc.accumulate(b, 0, 500); acc.accumulate(b, 500, 1); acc.accumulate(b.subarray(501 * numChannels), 501, frames - 501);
      return acc.finish();
    };
    assert.deepEqual(decimate(inKernel), decimate(plain));
  }
});

test('int16 min/max sent as stored values and decoded equal the µV min/max of the same window, negative gains too', async () => {
  const { decodeInt16Window } = await import('../../../app/viewer/int16-window.ts');
  const numChannels = 12, frames = 1000;
  const b = new Int16Array(frames * numChannels);
  fillRandom(b, 21);
  const gains = Array.from({ length: numChannels }, (_, i) => (i % 3 === 0 ? -0.5 : 0.195) * (1 + i / 10)), offsets = Array.from({ length: numChannels }, (_, i) => i * 3 - 7);
  const [c0, c1, pixels] = [2, 11, 77];
  const plan = planColumns(frames, pixels);
  const floatAcc = new MinMaxAccumulator(plan, { numChannels, channelStart: c0, channelEnd: c1, gains, offsets });
  floatAcc.accumulate(b, 0, frames);
  const intAcc = new MinMaxAccumulator(plan, { numChannels, channelStart: c0, channelEnd: c1, gains, offsets, int16Out: true });
  intAcc.accumulate(b, 0, frames);
  const stored = intAcc.finishInt16();
  // two recordings of the same block, the second with other scales: the decoder indexes [recording][channel]
  const both = new Int16Array(stored.length * 2);
  both.set(stored); both.set(stored, stored.length);
  const meta = { startSample: 0, endSample: frames, samplingFrequency: 30000, channelStart: c0, channelEnd: c1, columns: plan.columns, recordings: ['static', 'drifting'] as ('static' | 'drifting')[],
    exact: true, framesReadPerColumn: 13, elapsedMs: 0, int16: { gains: [gains.slice(c0, c1), gains.slice(c0, c1).map((g) => g * 2)], offsets: [offsets.slice(c0, c1), offsets.slice(c0, c1)] } };
  const decoded = decodeInt16Window(meta, both.buffer);
  assert.deepEqual(decoded.subarray(0, stored.length), floatAcc.finish());
  const doubled = new MinMaxAccumulator(plan, { numChannels, channelStart: c0, channelEnd: c1, gains: gains.map((g) => g * 2), offsets });
  doubled.accumulate(b, 0, frames);
  assert.deepEqual(decoded.subarray(stored.length), doubled.finish());
});
