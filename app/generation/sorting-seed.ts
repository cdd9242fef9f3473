/**
 * Seeds as SpikeInterface handles them (`spikeinterface.core.generate._ensure_seed`).
 *
 * SI resolves `seed=None` once, at the top of a generator, by drawing `default_rng(None).integers(0, 2**63)`,
 * so the resolved seed can be stored and the same signal rebuilt later. Such a seed is usually above 2**53,
 * hence `bigint`. Every call site then makes a fresh `default_rng(seed)` with that same integer (or
 * `seed + segment_index` for the spike trains of segment k).
 */
import { defaultRng } from '../rng/index.ts';

/** A resolved numpy seed: a non-negative integer (bigint once it exceeds 2**53). */
export type Seed = number | bigint;

const TWO_POW_63 = 2n ** 63n;

/** `_ensure_seed`: keep a given seed, or draw a fresh one in [0, 2**63) that the caller must record. */
export function ensureSeed(seed: Seed | null | undefined): Seed {
  if (seed != null) {
    checkSeed(seed);
    return seed;
  }
  const drawn = defaultRng(null).integersBig(0n, TWO_POW_63);
  // keep plain numbers when exact, so that JSON-minded callers get a number most of the time it fits
  return drawn <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(drawn) : drawn;
}

/** `seed + k` as Python adds integers (generate_sorting seeds segment k with `seed + segment_index`). */
export function seedPlus(seed: Seed, k: number): Seed {
  if (typeof seed === 'bigint') return seed + BigInt(k);
  const sum = seed + k;
  return Number.isSafeInteger(sum) ? sum : BigInt(seed) + BigInt(k);
}

/** numpy's SeedSequence takes only non-negative integers; say so before the generator does. */
export function checkSeed(seed: Seed): void {
  if (typeof seed === 'number' && !(Number.isSafeInteger(seed) && seed >= 0)) {
    throw new Error(`The seed ${seed} is not valid: give a non-negative integer (up to 2**53 as a number, larger as a bigint), or null for a random one.`);
  }
  if (typeof seed === 'bigint' && seed < 0n) {
    throw new Error(`The seed ${seed} is negative: give a non-negative integer, or null for a random one.`);
  }
}
