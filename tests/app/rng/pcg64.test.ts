// The limb arithmetic of Pcg64.step() against a plain BigInt model of PCG64 XSL-RR 128/64.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PCG64_MULTIPLIER, Pcg64 } from '../../../app/rng/index.ts';

const M128 = (1n << 128n) - 1n;
const M64 = (1n << 64n) - 1n;

function modelStep(state: bigint, inc: bigint): { state: bigint; out: bigint } {
  const s = (state * PCG64_MULTIPLIER + inc) & M128;
  const x = ((s >> 64n) ^ s) & M64;
  const rot = s >> 122n;
  const out = ((x >> rot) | (x << ((64n - rot) & 63n))) & M64;
  return { state: s, out };
}

/** xorshift-based test values, including all-ones and zero limbs */
function* states(n: number): Generator<[bigint, bigint]> {
  yield [0n, 1n];
  yield [M128, M128];
  yield [(1n << 127n), (1n << 64n) | 1n];
  let x = 0x9e3779b97f4a7c15n;
  for (let i = 0; i < n; i++) {
    const words: bigint[] = [];
    for (let k = 0; k < 4; k++) {
      x ^= (x << 13n) & M64; x ^= x >> 7n; x ^= (x << 17n) & M64;
      words.push(x);
    }
    yield [(words[0] << 64n) | words[1], ((words[2] << 64n) | words[3]) | 1n];
  }
}

describe('Pcg64', () => {
  test('step() advances the 128-bit LCG and rotates the output exactly like the BigInt model', () => {
    for (const [state, inc] of states(300)) {
      const bg = new Pcg64(state, inc);
      let s = state;
      for (let k = 0; k < 20; k++) {
        const m = modelStep(s, inc);
        s = m.state;
        assert.equal(bg.nextUint64(), m.out);
        assert.equal(bg.state.state, s);
      }
    }
  });
  test('nextUint32 returns the low half, then the buffered high half without stepping', () => {
    const a = new Pcg64(12345n, 67891n), b = new Pcg64(12345n, 67891n);
    const u = a.nextUint64();
    assert.equal(b.nextUint32(), Number(u & 0xffffffffn));
    assert.equal(b.state.hasUint32, true);
    const stateBefore = b.state.state;
    assert.equal(b.nextUint32(), Number(u >> 32n));
    assert.equal(b.state.state, stateBefore);
    assert.equal(b.state.hasUint32, false);
  });
  test('nextDouble is (next_uint64 >> 11) * 2**-53', () => {
    for (const [state, inc] of states(50)) {
      const a = new Pcg64(state, inc), b = new Pcg64(state, inc);
      assert.equal(a.nextDouble(), Number(b.nextUint64() >> 11n) / 2 ** 53);
    }
  });
  test('advance(n) reaches the same state as n steps', () => {
    const a = new Pcg64(987654321n, 13n), b = new Pcg64(987654321n, 13n);
    for (let i = 0; i < 1000; i++) a.step();
    b.advance(1000n);
    assert.equal(a.state.state, b.state.state);
  });
  test('setState restores the buffered half too', () => {
    const a = new Pcg64(5n, 7n);
    a.nextUint32();
    const saved = a.state;
    const want = a.nextUint32();
    const b = new Pcg64(1n, 1n);
    b.setState(saved);
    assert.equal(b.nextUint32(), want);
  });
});
