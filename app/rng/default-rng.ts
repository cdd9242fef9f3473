// numpy.random.default_rng(seed) = Generator(PCG64(SeedSequence(seed))).
import { Generator } from './generator.ts';
import { Pcg64 } from './pcg64.ts';
import { SeedSequence } from './seed-sequence.ts';

/**
 * An integer seed, a tuple of integers (e.g. (seed, block_index) as SpikeInterface's noise blocks
 * use), or null/undefined for fresh OS entropy. All integers must be non-negative.
 */
export type SeedLike = number | bigint | readonly (number | bigint)[] | null | undefined;

/** 128 bits of OS entropy, as numpy's SeedSequence(None) takes from secrets.randbits(128). */
function osEntropy(): bigint {
  const words = new Uint32Array(4);
  globalThis.crypto.getRandomValues(words);
  return words.reduce((acc, w, i) => acc | (BigInt(w) << BigInt(32 * i)), 0n);
}

export function seedSequenceOf(seed: SeedLike): SeedSequence {
  if (seed === null || seed === undefined) return new SeedSequence(osEntropy());
  return new SeedSequence(seed);
}

/** numpy.random.default_rng(seed) */
export function defaultRng(seed?: SeedLike): Generator {
  return new Generator(Pcg64.fromSeedSequence(seedSequenceOf(seed)));
}
