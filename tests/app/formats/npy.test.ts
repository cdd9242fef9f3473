import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeNpy, decodeStructuredNpy, encodeNpy, encodeStructuredNpy } from '../../../app/formats/npy.ts';
import { refNpy, refStructuredNpy } from '../../helpers/reference.ts';

test('reads a float32 3-D array written by numpy', () => {
  const t = refNpy('parity/templates.npy');
  assert.equal(t.dtype, '<f4');
  assert.deepEqual(t.shape, [10, 135, 128]);
  assert.equal(t.data.length, 10 * 135 * 128);
});

test('reads the structured spike vector written by SpikeInterface', () => {
  const s = refStructuredNpy('parity/spike_vector.npy');
  assert.deepEqual(s.fields.map((f) => f.name), ['sample_index', 'unit_index', 'segment_index']);
  assert.equal(s.shape[0], 549);
  assert.equal(s.columns.sample_index[0], 434n);
  assert.equal(s.columns.unit_index[0], 1n);
});

test('header is padded to a multiple of 64 bytes and ends with a newline, as numpy format 1.0 requires', () => {
  for (const shape of [[0], [1], [3, 4], [2, 3, 5]]) {
    const n = shape.reduce((a, b) => a * b, 1);
    const bytes = encodeNpy(new Float64Array(n), shape);
    const headerLen = bytes[8] | (bytes[9] << 8);
    assert.equal((10 + headerLen) % 64, 0);
    assert.equal(bytes[10 + headerLen - 1], 0x0a);
    const text = new TextDecoder().decode(bytes.subarray(10, 10 + headerLen));
    assert.match(text, /^\{'descr': '<f8', 'fortran_order': False, 'shape': \(/);
  }
});

test('round-trips every supported dtype and shape', () => {
  const arrays = [new Float32Array([1.5, -2]), new Int16Array([-32768, 32767]), new BigInt64Array([-1n, 2n ** 62n]),
    new Uint8Array([0, 255]), new Int32Array([7, -7]), new Float64Array([Math.PI, -0])];
  for (const a of arrays) {
    const back = decodeNpy(encodeNpy(a, [2]));
    assert.deepEqual(Array.from(back.data as ArrayLike<unknown>), Array.from(a as ArrayLike<unknown>));
    assert.deepEqual(back.shape, [2]);
  }
  const one = decodeNpy(encodeNpy(new Float32Array([3]), [1]));
  assert.deepEqual(one.shape, [1]);
});

test('round-trips a structured array', () => {
  const fields = [{ name: 'sample_index', dtype: '<i8' as const }, { name: 'unit_index', dtype: '<i8' as const }];
  const bytes = encodeStructuredNpy(fields, { sample_index: new BigInt64Array([5n, 9n]), unit_index: new BigInt64Array([1n, 0n]) }, 2);
  const back = decodeStructuredNpy(bytes);
  assert.deepEqual(Array.from(back.columns.sample_index as BigInt64Array), [5n, 9n]);
  assert.deepEqual(Array.from(back.columns.unit_index as BigInt64Array), [1n, 0n]);
});

test('refuses a file that is not .npy with a clear message', () => {
  assert.throws(() => decodeNpy(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])), /not a \.npy file/);
});

test('refuses a shape that does not match the data', () => {
  assert.throws(() => encodeNpy(new Float32Array(3), [2, 2]), /does not match/);
});

test('decodes from a Node Buffer that lives in a shared pool (readFileSync of a small file)', async () => {
  const { readFileSync, writeFileSync, mkdtempSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const path = join(mkdtempSync(join(tmpdir(), 'npy-')), 'a.npy');
  writeFileSync(path, encodeNpy(new Float64Array([1.5, -2.25, 3]), [3]));
  const pooled = Buffer.from(readFileSync(path)); // small Buffers come from Node's shared pool
  assert.deepEqual(Array.from(decodeNpy(pooled).data as Float64Array), [1.5, -2.25, 3]);
});
