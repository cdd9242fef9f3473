// SeedSequence and PCG64 seeding against numpy 1.24.2 (rng_reference.json seeds[*].seed_sequence).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Pcg64, SeedSequence, coerceToUint32Words, defaultRng } from '../../../app/rng/index.ts';
import { loadRngReference, seedOf } from './reference.ts';
import { assertState } from './check.ts';

const ref = loadRngReference();

for (const c of ref.seeds) {
  describe(`SeedSequence(${c.label})`, () => {
    const ss = c.seed_sequence;
    const seq = new SeedSequence(seedOf(c));
    test('mixes the entropy into the same pool as numpy', () => {
      assert.equal(ss.spawn_key.length, 0);
      assert.equal(seq.poolSize, ss.pool_size);
      assert.deepEqual([...seq.pool], ss.pool_uint32);
    });
    test('generates the same uint32 and uint64 state words', () => {
      assert.deepEqual([...seq.generateState(4)], ss.generate_state_4_uint32);
      assert.deepEqual([...seq.generateState(8)], ss.generate_state_8_uint32);
      assert.deepEqual(seq.generateState64(4).map(String), ss.generate_state_4_uint64);
    });
    test('seeds PCG64 to the same state and increment', () => {
      assertState(Pcg64.fromSeedSequence(seq), c.state_after_seeding, c.label);
      assertState(defaultRng(seedOf(c)).bitGenerator, c.state_after_seeding, c.label);
    });
  });
}

describe('seed coercion', () => {
  test('integers split into 32-bit words, lowest first, and 0 is one word', () => {
    assert.deepEqual(coerceToUint32Words(0), [0]);
    assert.deepEqual(coerceToUint32Words(2n ** 32n + 5n), [5, 1]);
    assert.deepEqual(coerceToUint32Words([2205, 0]), [2205, 0]);
  });
  test('a number seed and the same bigint seed give the same stream', () => {
    assert.equal(defaultRng(2205).randomRaw(), defaultRng(2205n).randomRaw());
  });
  test('trailing zero words do not change the pool, so (seed, 0) seeds like seed', () => {
    assert.deepEqual([...new SeedSequence([2205, 0]).pool], [...new SeedSequence(2205).pool]);
    assert.notDeepEqual([...new SeedSequence([2205, 1]).pool], [...new SeedSequence(2205).pool]);
  });
  test('negative, fractional and nested seeds are rejected with an Error', () => {
    assert.throws(() => defaultRng(-1), /non-negative/);
    assert.throws(() => defaultRng(1.5), /integer/);
    assert.throws(() => new SeedSequence([[1, 2]] as unknown as number[]), /nested/);
  });
  test('null and undefined seeds draw fresh OS entropy (two generators differ)', () => {
    assert.notEqual(defaultRng(null).randomRaw(), defaultRng(undefined).randomRaw());
    assert.notEqual(defaultRng().randomRaw(), defaultRng().randomRaw());
  });
  test('a spawn key pads short entropy to the pool size (numpy >= 1.19 rule)', () => {
    const child = new SeedSequence(5).child(0);
    assert.deepEqual(child.spawnKey, [0]);
    assert.notDeepEqual([...child.pool], [...new SeedSequence([5, 0]).pool]);
  });
});
