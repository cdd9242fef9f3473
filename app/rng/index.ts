// Bit-exact TypeScript port of numpy.random.default_rng (numpy 1.24): SeedSequence -> PCG64 -> Generator.
export { defaultRng, seedSequenceOf, type SeedLike } from './default-rng.ts';
export { Generator } from './generator.ts';
export { Pcg64, PCG64_MULTIPLIER, type Pcg64State } from './pcg64.ts';
export { SeedSequence, coerceToUint32Words, type EntropyLike } from './seed-sequence.ts';
export type { ChoiceOptions } from './choice.ts';
export type { ShuffleArray } from './shuffle.ts';
export { standardNormal, standardNormalF } from './normal.ts';
export { standardExponential } from './exponential.ts';
export { log1pf } from './log1pf.ts';
export { log1p } from './log1p.ts';
export { fma } from './fma.ts';
