// Assertions shared by the reference tests: results compared bit for bit, states compared exactly.
import assert from 'node:assert/strict';
import { Generator, Pcg64 } from '../../../app/rng/index.ts';
import { bitsOf, seedOf, type DrawResult, type RngReference, type SeedCase, type StateJson } from './reference.ts';
import type { RunResult } from './numpy-call.ts';
import { defaultRng } from '../../../app/rng/index.ts';

export function constantsOf(ref: RngReference): Record<string, number[]> {
  return Object.fromEntries(Object.entries(ref.constants).map(([k, v]) => [k, v.values]));
}

export function freshGenerator(c: SeedCase): Generator {
  return defaultRng(seedOf(c));
}

export function assertState(bg: Pcg64, want: StateJson, where: string): void {
  const s = bg.state;
  assert.equal(s.state.toString(), want.state, `${where}: state`);
  assert.equal(s.inc.toString(), want.inc, `${where}: inc`);
  assert.equal(s.hasUint32 ? 1 : 0, want.has_uint32, `${where}: has_uint32`);
  assert.equal(s.uinteger, want.uinteger, `${where}: uinteger`);
}

export function assertResult(got: RunResult, want: DrawResult, where: string): void {
  if (typeof want === 'string' || Array.isArray(want)) {
    assert.deepEqual(got, want, where);
    return;
  }
  assert.ok(typeof got === 'object' && !Array.isArray(got), `${where}: expected an array result`);
  const count = want.shape.reduce((a, b) => a * b, 1);
  assert.equal(got.values.length, count, `${where}: number of values`);
  if (want.bits_hex) {
    assert.deepEqual(bitsOf(got.values, want.dtype), want.bits_hex, `${where}: IEEE bits`);
  } else {
    assert.deepEqual(got.values, want.values, `${where}: values`);
  }
}

/** The state a fresh generator of case `c` reaches after `n` uint64 draws, by LCG jump-ahead. */
export function stateAfterDraws(c: SeedCase, n: number): Pcg64 {
  const bg = freshGenerator(c).bitGenerator;
  bg.advance(BigInt(n));
  return bg;
}
