// The decimation task (workers/decimate-window.ts) against a brute-force min/max over the raw samples of each
// column, for windows read with O_DIRECT (large int16 windows) and with ordinary reads: windows that start and end
// off the 4 KiB pages, frames that straddle pages (37 channels: 74-byte frames), a window ending at the end of a
// file whose size is not a page multiple, and several blocks per window.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { columnStart, planColumns } from '../../app/viewer/min-max-columns.ts';
import { valueSymbol } from 'piscina';
import decimate, { type DecimateResult, type DecimateTask } from '../../workers/decimate-window.ts';

/** the task's result as the pool hands it over (the worker wraps it to move its buffer) */
const decimateWindow = (t: DecimateTask): DecimateResult => (decimate(t) as unknown as Record<symbol, DecimateResult>)[valueSymbol];

const C = 37, FRAMES = 120_001;

function makeFile(): { path: string; data: Int16Array } {
  const data = new Int16Array(FRAMES * C);
  let x = 12345;
  for (let i = 0; i < data.length; i++) { x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0; data[i] = (x & 0xffff) - 32768; }
  const path = join(mkdtempSync(join(tmpdir(), 'decimate-')), 'traces.raw');
  writeFileSync(path, new Uint8Array(data.buffer));
  return { path, data };
}
const file = makeFile();

function bruteForce(start: number, end: number, pixels: number, c0: number, c1: number): Int16Array {
  const plan = planColumns(end - start, pixels), P = plan.columns, out = new Int16Array((c1 - c0) * P * 2);
  for (let c = c0; c < c1; c++) {
    for (let i = 0; i < P; i++) {
      let lo = 32767, hi = -32768;
      for (let f = columnStart(plan, i); f < columnStart(plan, i + 1); f++) {
        const v = file.data[(start + f) * C + c];
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
      out[((c - c0) * P + i) * 2] = lo;
      out[((c - c0) * P + i) * 2 + 1] = hi;
    }
  }
  return out;
}

const task = (start: number, end: number, pixels: number, c0 = 0, c1 = C): DecimateTask => ({
  rawPath: file.path, dtype: 'int16', numChannels: C, gains: null, offsets: null, start, end, channelStart: c0, channelEnd: c1,
  pixels, maxBytes: 64 * 1024 * 1024, output: 'int16',
});

test('large windows: direct reads give the brute-force min/max of every column (and ordinary reads the same)', () => {
  const cases: [number, number, number, number, number][] = [
    [1, 100_000, 997, 0, C], // 7.4 MB: several blocks, starting one frame in
    [3333, FRAMES, 1203, 5, 30], // to the end of the file (not a page multiple), a channel range
    [0, 60_000, 60_000, 0, C], // one frame per column
  ];
  let directUsed = false;
  for (const [start, end, pixels, c0, c1] of cases) {
    const expected = bruteForce(start, end, pixels, c0, c1);
    const r = decimateWindow(task(start, end, pixels, c0, c1));
    directUsed ||= r.direct;
    assert.ok(r.exact);
    assert.deepEqual(r.data, expected, `window ${start}-${end} (${r.direct ? 'direct' : 'ordinary'} reads)`);
    process.env.SPIKEGEN_DIRECT_IO = '0';
    try {
      const o = decimateWindow(task(start, end, pixels, c0, c1));
      assert.equal(o.direct, false);
      assert.deepEqual(o.data, expected, `window ${start}-${end} (ordinary reads)`);
    } finally {
      delete process.env.SPIKEGEN_DIRECT_IO;
    }
  }
  // tmpfs refuses O_DIRECT: say so rather than pass without testing the direct path where it exists
  if (!directUsed) console.log(`# O_DIRECT is not available in ${tmpdir()}: the direct path fell back to ordinary reads`);
  else console.log('# direct reads used');
});

test('small windows are read through the page cache', () => {
  const r = decimateWindow(task(10, 2010, 500));
  assert.equal(r.direct, false);
  assert.deepEqual(r.data, bruteForce(10, 2010, 500, 0, C));
});

test('a truncated file is a sentence, not a crash', () => {
  assert.throws(() => decimateWindow(task(100_000, 130_000, 800)), /ends before byte/); // ordinary reads
  assert.throws(() => decimateWindow(task(60_000, 130_000, 800)), /ends before byte/); // 5 MB: direct reads where available
});
