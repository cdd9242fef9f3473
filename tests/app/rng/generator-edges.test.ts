// Edge cases and argument errors of Generator (app/rng/generator.ts).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultRng } from '../../../app/rng/index.ts';

describe('counts of zero', () => {
  test('n = 0 returns empty arrays and draws nothing', () => {
    const g = defaultRng(1);
    const before = g.bitGenerator.state;
    assert.equal(g.randomArray(0).length, 0);
    assert.equal(g.uniformArray(0, 1, 0).length, 0);
    assert.equal(g.integersArray(0, 10, 0).length, 0);
    assert.equal(g.integersArray(5, 5, 0).length, 0); // numpy checks bounds only when size > 0
    assert.equal(g.standardNormalArray(0).length, 0);
    assert.equal(g.standardNormalFloat32Array(0).length, 0);
    assert.equal(g.normalArray(0, 1, 0).length, 0);
    assert.equal(g.geometricArray(0.5, 0).length, 0);
    assert.equal(g.geometricMatrix([0.1, 0.2], 0).length, 0);
    assert.equal(g.choice(0, 0).length, 0);
    assert.equal(g.permutation(0).length, 0);
    assert.deepEqual(g.bitGenerator.state, before);
  });
});

describe('integers', () => {
  test('endpoint=True with low == high returns low without drawing', () => {
    const g = defaultRng(3);
    const before = g.bitGenerator.state;
    assert.equal(g.integers(7, 7, true), 7);
    assert.deepEqual(Array.from(g.integersArray(-4, -4, 3, true)), [-4, -4, -4]);
    assert.equal(g.integersBig(9n, 9n, true), 9n);
    assert.deepEqual(g.bitGenerator.state, before);
  });
  test('scalar integers draw exactly like the array path, sharing the buffered 32-bit half', () => {
    const a = defaultRng(4), b = defaultRng(4);
    const scalars = Array.from({ length: 7 }, () => a.integers(-3, 12));
    assert.deepEqual(scalars, Array.from(b.integersArray(-3, 12, 7)));
    assert.deepEqual(a.bitGenerator.state, b.bitGenerator.state);
  });
  test('integersBig(0, 2**63) is next_uint64 >> 1', () => {
    const a = defaultRng(5), b = defaultRng(5);
    assert.equal(a.integersBig(0n, 2n ** 63n), b.randomRaw() >> 1n);
  });
  test('integers agrees with integersBig for ranges above 32 bits', () => {
    const a = defaultRng(6), b = defaultRng(6);
    assert.equal(BigInt(a.integers(-(2 ** 40), 2 ** 45)), b.integersBig(-(2n ** 40n), 2n ** 45n));
  });
  test('bad bounds throw a clear Error', () => {
    const g = defaultRng(0);
    assert.throws(() => g.integers(5, 5), /low >= high/);
    assert.throws(() => g.integers(6, 5, true), /low > high/);
    assert.throws(() => g.integers(0.5, 3), /safe integers/);
    assert.throws(() => g.integers(-(2 ** 53) + 1, 2 ** 53 - 1), /2\*\*53/);
    assert.throws(() => g.integersBig(0n, 2n ** 63n + 1n), /out of bounds/);
    assert.throws(() => g.integersArray(0, 3, -1), /non-negative integer/);
  });
});

describe('continuous distributions', () => {
  test('uniform is low + (high - low) * random() and rejects high < low', () => {
    const a = defaultRng(8), b = defaultRng(8);
    assert.equal(a.uniform(2, 8), 2 + 6 * b.random());
    assert.equal(a.uniform(3, 3), 3);
    assert.throws(() => a.uniform(1, 0), /high - low/);
    assert.throws(() => a.uniform(-Infinity, Infinity), /exceeds valid bounds/);
  });
  test('normal is loc + scale * standard_normal() and rejects a negative scale', () => {
    const a = defaultRng(9), b = defaultRng(9);
    assert.equal(a.normal(1, 0.5), 1 + 0.5 * b.standardNormal());
    assert.equal(a.normal(3, 0), 3);
    assert.throws(() => a.normal(0, -1), /scale/);
  });
  test('standardNormalArray fills a given out array and checks its length', () => {
    const g = defaultRng(10);
    const out = new Float64Array(5);
    assert.equal(g.standardNormalArray(5, out), out);
    assert.throws(() => g.standardNormalFloat32Array(5, new Float32Array(2)), /fewer than n/);
  });
});

describe('geometric', () => {
  test('p = 1 always gives 1 and still consumes one draw, as numpy', () => {
    const g = defaultRng(11), h = defaultRng(11);
    assert.deepEqual(Array.from(g.geometricArray(1, 4)), [1, 1, 1, 1]);
    h.randomArray(4);
    assert.deepEqual(g.bitGenerator.state, h.bitGenerator.state);
  });
  test('p outside (0, 1] or NaN throws "p must be in (0, 1]"', () => {
    const g = defaultRng(12);
    for (const p of [0, -0.1, 1.5, NaN]) assert.throws(() => g.geometric(p), /p must be in \(0, 1\]/);
    assert.throws(() => g.geometricMatrix([0.1, 0], 3), /p must be in \(0, 1\]/);
  });
  test('geometricMatrix rows equal per-row geometricArray calls in sequence', () => {
    const g = defaultRng(13), h = defaultRng(13);
    const m = g.geometricMatrix([0.5, 1e-3, 0.2], 4);
    const rows = [0.5, 1e-3, 0.2].flatMap((p) => Array.from(h.geometricArray(p, 4)));
    assert.deepEqual(Array.from(m), rows);
  });
});

describe('choice, permutation, shuffle', () => {
  test('choice returns values of an array population and validates p', () => {
    const g = defaultRng(14);
    const vals = g.choice([10, 20, 30], 50, { p: [0.2, 0.3, 0.5] });
    assert.ok(vals.every((v) => v === 10 || v === 20 || v === 30));
    assert.throws(() => g.choice(3, 2, { p: [0.5, 0.5] }), /same size/);
    assert.throws(() => g.choice(2, 2, { p: [0.7, 0.7] }), /sum to 1/);
    assert.throws(() => g.choice(2, 2, { p: [1.5, -0.5] }), /non-negative/);
    assert.throws(() => g.choice(0, 1), /positive integer/);
    assert.throws(() => g.choice([], 1), /empty/);
  });
  test('choice without replacement gives distinct values and refuses size > population', () => {
    const g = defaultRng(15);
    const picks = g.choice(100, 100, { replace: false });
    assert.equal(new Set(picks).size, 100);
    assert.equal(new Set(g.choice(30000, 20000, { replace: false })).size, 20000);
    assert.throws(() => g.choice(5, 6, { replace: false }), /larger sample/);
    assert.throws(() => g.choice(3, 3, { replace: false, p: [0.5, 0.5, 0] }), /non-zero/);
  });
  test('permutation(n) holds every integer below n once; shuffle permutes in place', () => {
    const g = defaultRng(16);
    assert.deepEqual(Array.from(g.permutation(50)).sort((a, b) => a - b), Array.from({ length: 50 }, (_, i) => i));
    const x = Int32Array.from({ length: 20 }, (_, i) => i * 2);
    g.shuffle(x);
    assert.deepEqual(Array.from(x).sort((a, b) => a - b), Array.from({ length: 20 }, (_, i) => i * 2));
    assert.throws(() => g.permutation(-1), /non-negative integer/);
  });
  test('shuffle of 0 or 1 elements draws nothing', () => {
    const g = defaultRng(17);
    const before = g.bitGenerator.state;
    g.shuffle(new Float64Array(0));
    g.shuffle(new Float64Array([3]));
    assert.deepEqual(g.bitGenerator.state, before);
  });
});
