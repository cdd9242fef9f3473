// numpy.random.SeedSequence (numpy/random/bit_generator.pyx): turns user entropy into a mixed
// pool of 32-bit words, then into any number of well-spread state words.
// All arithmetic is uint32 with wrap-around, done with Math.imul and >>> 0.

const DEFAULT_POOL_SIZE = 4;
const INIT_A = 0x43b0d7e5;
const MULT_A = 0x931e8875;
const INIT_B = 0x8b51f9dd;
const MULT_B = 0x58f38ded;
const MIX_MULT_L = 0xca01f9dd;
const MIX_MULT_R = 0x4973f715;
const XSHIFT = 16;

export type EntropyLike = number | bigint | readonly (number | bigint)[];

/** _int_to_uint32_array: a non-negative integer as uint32 words, lowest first; 0 is one word. */
function intToWords(v: number | bigint): number[] {
  if (typeof v === 'number') {
    if (!Number.isSafeInteger(v)) throw new Error(`seed entropy must be an integer, got ${v}`);
    v = BigInt(v);
  }
  if (v < 0n) throw new Error('seed entropy must be a non-negative integer');
  if (v === 0n) return [0];
  const out: number[] = [];
  while (v > 0n) {
    out.push(Number(v & 0xffffffffn));
    v >>= 32n;
  }
  return out;
}

/** _coerce_to_uint32_array: an int, or a flat sequence of ints whose word lists are concatenated. */
export function coerceToUint32Words(x: EntropyLike): number[] {
  if (typeof x === 'number' || typeof x === 'bigint') return intToWords(x);
  const out: number[] = [];
  for (const v of x) {
    if (typeof v !== 'number' && typeof v !== 'bigint') {
      throw new Error('SeedSequence does not accept nested sequences');
    }
    out.push(...intToWords(v));
  }
  return out;
}

/** mix(x, y) of bit_generator.pyx */
function mix(x: number, y: number): number {
  let r = (Math.imul(MIX_MULT_L, x) - Math.imul(MIX_MULT_R, y)) >>> 0;
  r = (r ^ (r >>> XSHIFT)) >>> 0;
  return r;
}

export class SeedSequence {
  readonly entropy: EntropyLike;
  readonly spawnKey: readonly number[];
  readonly poolSize: number;
  readonly pool: Uint32Array;

  constructor(entropy: EntropyLike, options: { spawnKey?: readonly number[]; poolSize?: number } = {}) {
    this.entropy = entropy;
    this.spawnKey = options.spawnKey ?? [];
    this.poolSize = options.poolSize ?? DEFAULT_POOL_SIZE;
    this.pool = new Uint32Array(this.poolSize);
    this.mixEntropy(this.assembledEntropy());
  }

  /** get_assembled_entropy: run entropy (zero-padded to the pool size only if a spawn key exists) + spawn key. */
  private assembledEntropy(): number[] {
    const run = coerceToUint32Words(this.entropy);
    const spawn = coerceToUint32Words(this.spawnKey);
    if (spawn.length > 0) while (run.length < this.poolSize) run.push(0);
    return run.concat(spawn);
  }

  /** mix_entropy. Note: missing words hash as 0, so trailing zero words do not change the pool. */
  private mixEntropy(entropy: number[]): void {
    const pool = this.pool;
    let hashConst = INIT_A;
    const hashmix = (value: number): number => {
      value = (value ^ hashConst) >>> 0;
      hashConst = Math.imul(hashConst, MULT_A) >>> 0;
      value = Math.imul(value, hashConst) >>> 0;
      return (value ^ (value >>> XSHIFT)) >>> 0;
    };
    for (let i = 0; i < pool.length; i++) pool[i] = hashmix(i < entropy.length ? entropy[i] : 0);
    for (let src = 0; src < pool.length; src++) {
      for (let dst = 0; dst < pool.length; dst++) {
        if (src !== dst) pool[dst] = mix(pool[dst], hashmix(pool[src]));
      }
    }
    for (let src = pool.length; src < entropy.length; src++) {
      for (let dst = 0; dst < pool.length; dst++) pool[dst] = mix(pool[dst], hashmix(entropy[src]));
    }
  }

  /** generate_state(n_words, uint32) */
  generateState(nWords: number): Uint32Array {
    const out = new Uint32Array(nWords);
    let hashConst = INIT_B;
    for (let i = 0; i < nWords; i++) {
      let v = (this.pool[i % this.pool.length] ^ hashConst) >>> 0;
      hashConst = Math.imul(hashConst, MULT_B) >>> 0;
      v = Math.imul(v, hashConst) >>> 0;
      out[i] = (v ^ (v >>> XSHIFT)) >>> 0;
    }
    return out;
  }

  /** generate_state(n_words, uint64): twice the uint32 words, paired little-endian. */
  generateState64(nWords: number): bigint[] {
    const w = this.generateState(2 * nWords);
    const out: bigint[] = [];
    for (let i = 0; i < nWords; i++) out.push((BigInt(w[2 * i + 1]) << 32n) | BigInt(w[2 * i]));
    return out;
  }

  /** spawn(n): children with spawn_key + (index,), as numpy's SeedSequence.spawn (no counter kept). */
  child(index: number): SeedSequence {
    return new SeedSequence(this.entropy, { spawnKey: [...this.spawnKey, index], poolSize: this.poolSize });
  }
}
