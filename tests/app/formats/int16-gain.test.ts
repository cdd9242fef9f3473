import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_HEADROOM, INT16_MAX, chooseInt16Gain, float32ToInt16, int16ToMicrovolts } from '../../../app/formats/int16-gain.ts';

test('the chosen gain keeps the bound × headroom inside int16 and is a short number', () => {
  for (const bound of [3, 37.5, 250, 999.9, 1234.5678, 1e4]) {
    const g = chooseInt16Gain(bound);
    assert.ok(bound * DEFAULT_HEADROOM <= g * INT16_MAX * (1 + 1e-12), `bound ${bound}`);
    assert.ok(g <= (bound * DEFAULT_HEADROOM / INT16_MAX) * 1.001, 'rounded up by at most 4 significant digits');
    assert.equal(Number(g.toPrecision(4)), g);
  }
  assert.equal(chooseInt16Gain(0), 1e-4); // a silent recording still gets a usable gain
  assert.throws(() => chooseInt16Gain(Number.NaN), /finite number of microvolts/);
  assert.throws(() => chooseInt16Gain(-1), /finite number of microvolts/);
  assert.throws(() => chooseInt16Gain(10, { headroom: 0.5 }), /headroom must be at least 1/);
});

test('round trip error ≤ half a bit for in-range values', () => {
  const gain = chooseInt16Gain(300);
  const n = 100_000;
  const src = new Float32Array(n);
  let s = 12345;
  for (let i = 0; i < n; i++) { s = (s * 1103515245 + 12345) % 2 ** 31; src[i] = ((s / 2 ** 31) * 2 - 1) * 300 * DEFAULT_HEADROOM; }
  const dst = new Int16Array(n);
  assert.equal(float32ToInt16(src, gain, dst), 0);
  const back = int16ToMicrovolts(dst, gain);
  let worst = 0;
  for (let i = 0; i < n; i++) worst = Math.max(worst, Math.abs(back[i] - src[i]));
  assert.ok(worst <= gain / 2 * (1 + 1e-9), `worst ${worst} > ${gain / 2}`);
});

test('rounds to nearest (exact halves upward), saturates instead of wrapping, counts clipped samples', () => {
  const src = Float32Array.from([0.4, 0.5, -0.5, 1.49, -1.51, 32767, 32767.4, 32767.6, 40000, 1e9, -32768, -32768.4, -32768.6, -1e9, Number.NaN]);
  const dst = new Int16Array(src.length);
  const clipped = float32ToInt16(src, 1, dst);
  assert.deepEqual(Array.from(dst), [0, 1, 0, 1, -2, 32767, 32767, 32767, 32767, 32767, -32768, -32768, -32768, -32768, 0]);
  assert.equal(clipped, 6); // 32767.6, 40000, 1e9, -32768.6, -1e9, NaN
  // a plain store would wrap: 40000 → -25536
  assert.equal(new Int16Array([40000])[0], -25536);
});

test('rejects a bad gain or a short output buffer', () => {
  assert.throws(() => float32ToInt16(new Float32Array(2), 0, new Int16Array(2)), /positive number/);
  assert.throws(() => float32ToInt16(new Float32Array(3), 1, new Int16Array(2)), /holds 2 values; 3 are needed/);
});
