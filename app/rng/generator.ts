// numpy.random.Generator over PCG64 (_generator.pyx), for the calls Spikegen needs.
// Each method consumes the bit stream exactly as the numpy method of the same name does, so a
// sequence of calls on one Generator reproduces the same sequence of numpy calls bit for bit.
import { Pcg64 } from './pcg64.ts';
import { boundedUint, boundedUint64 } from './bounded-integers.ts';
import { fillStandardNormal, fillStandardNormalF, standardNormal } from './normal.ts';
import { fillStandardExponential, standardExponential } from './exponential.ts';
import { checkGeometricP, fillGeometric, geometric } from './geometric.ts';
import { choiceIndices, type ChoiceOptions } from './choice.ts';
import { permutation, shuffleInPlace, type ShuffleArray } from './shuffle.ts';
import { checkCount, checkIntegerBounds, checkNonNegative, checkUniformRange } from './validate.ts';

export class Generator {
  readonly bitGenerator: Pcg64;

  constructor(bitGenerator: Pcg64) {
    this.bitGenerator = bitGenerator;
  }

  /** bit_generator.random_raw(): the next uint64 (does not touch the buffered 32-bit half). */
  randomRaw(): bigint {
    return this.bitGenerator.nextUint64();
  }

  /** random(): (next_uint64 >> 11) * 2**-53 in [0, 1). */
  random(): number {
    return this.bitGenerator.nextDouble();
  }

  randomArray(n: number): Float64Array {
    checkCount(n);
    const out = new Float64Array(n);
    const bg = this.bitGenerator;
    for (let i = 0; i < n; i++) out[i] = bg.nextDouble();
    return out;
  }

  /** uniform(low, high) = low + (high - low) * random() (random_uniform). */
  uniform(low: number, high: number): number {
    const range = checkUniformRange(low, high);
    return low + range * this.bitGenerator.nextDouble();
  }

  uniformArray(low: number, high: number, n: number): Float64Array {
    const range = checkUniformRange(low, high);
    checkCount(n);
    const out = new Float64Array(n);
    const bg = this.bitGenerator;
    for (let i = 0; i < n; i++) out[i] = low + range * bg.nextDouble();
    return out;
  }

  /** integers(low, high, endpoint) with dtype int64, for safe-integer bounds and range < 2**53. */
  integers(low: number, high: number, endpoint = false): number {
    const rng = checkIntegerBounds(low, high, endpoint);
    return low + boundedUint(this.bitGenerator, rng);
  }

  /** integers(low, high, size=n, endpoint): numpy's array and scalar paths draw alike (fill). */
  integersArray(low: number, high: number, n: number, endpoint = false): Float64Array {
    checkCount(n);
    const out = new Float64Array(n);
    if (n === 0) return out; // numpy returns before checking the bounds when size is empty
    const rng = checkIntegerBounds(low, high, endpoint);
    const bg = this.bitGenerator;
    for (let i = 0; i < n; i++) out[i] = low + boundedUint(bg, rng);
    return out;
  }

  /** integers(low, high, endpoint) over the whole int64 range, e.g. integers(0, 2**63). */
  integersBig(low: bigint, high: bigint, endpoint = false): bigint {
    const closedHigh = endpoint ? high : high - 1n;
    if (low < -(1n << 63n)) throw new Error('low is out of bounds for int64');
    if (closedHigh > (1n << 63n) - 1n) throw new Error('high is out of bounds for int64');
    if (low > closedHigh) throw new Error(endpoint ? 'low > high' : 'low >= high');
    return low + boundedUint64(this.bitGenerator, closedHigh - low);
  }

  standardNormal(): number {
    return standardNormal(this.bitGenerator);
  }

  standardNormalArray(n: number, out?: Float64Array): Float64Array {
    checkCount(n);
    if (out && out.length < n) throw new Error(`out has ${out.length} elements, fewer than n = ${n}`);
    const dst = out ?? new Float64Array(n);
    fillStandardNormal(this.bitGenerator, dst, 0, n);
    return dst;
  }

  /** standard_normal(n, dtype=np.float32): the float32 ziggurat on 32-bit halves. */
  standardNormalFloat32Array(n: number, out?: Float32Array): Float32Array {
    checkCount(n);
    if (out && out.length < n) throw new Error(`out has ${out.length} elements, fewer than n = ${n}`);
    const dst = out ?? new Float32Array(n);
    fillStandardNormalF(this.bitGenerator, dst, 0, n);
    return dst;
  }

  /** normal(loc, scale) = loc + scale * standard_normal() (random_normal). */
  normal(loc: number, scale: number): number {
    checkNonNegative(scale, 'scale');
    return loc + scale * standardNormal(this.bitGenerator);
  }

  normalArray(loc: number, scale: number, n: number): Float64Array {
    checkNonNegative(scale, 'scale');
    checkCount(n);
    const out = new Float64Array(n);
    const bg = this.bitGenerator;
    for (let i = 0; i < n; i++) out[i] = loc + scale * standardNormal(bg);
    return out;
  }

  standardExponential(): number {
    return standardExponential(this.bitGenerator);
  }

  standardExponentialArray(n: number): Float64Array {
    checkCount(n);
    const out = new Float64Array(n);
    fillStandardExponential(this.bitGenerator, out);
    return out;
  }

  geometric(p: number): number {
    checkGeometricP(p);
    return geometric(this.bitGenerator, p);
  }

  geometricArray(p: number, n: number): Float64Array {
    checkGeometricP(p);
    checkCount(n);
    const out = new Float64Array(n);
    fillGeometric(this.bitGenerator, p, out, 0, n);
    return out;
  }

  /** geometric(p=pPerRow[:, None], size=(rows, cols)): row r uses pPerRow[r]; C order. */
  geometricMatrix(pPerRow: ArrayLike<number>, cols: number): Float64Array {
    checkCount(cols, 'cols');
    for (let r = 0; r < pPerRow.length; r++) checkGeometricP(pPerRow[r]); // numpy checks all p first
    const out = new Float64Array(pPerRow.length * cols);
    for (let r = 0; r < pPerRow.length; r++) fillGeometric(this.bitGenerator, pPerRow[r], out, r * cols, (r + 1) * cols);
    return out;
  }

  /** choice(a, size, replace, p): a is a population size (arange(a)) or the values themselves. */
  choice(a: number | ArrayLike<number>, size: number, options: ChoiceOptions = {}): Float64Array {
    checkCount(size, 'size');
    let popSize: number;
    if (typeof a === 'number') {
      if (!Number.isSafeInteger(a)) throw new Error(`a must be an integer or an array (got ${a})`);
      if (a <= 0 && size !== 0) throw new Error('a must be a positive integer unless no samples are taken');
      popSize = Math.max(a, 0);
    } else {
      popSize = a.length;
      if (popSize === 0 && size !== 0) throw new Error('a cannot be empty unless no samples are taken');
    }
    const idx = choiceIndices(this.bitGenerator, popSize, size, options);
    if (typeof a === 'number') return idx;
    const values = new Float64Array(size);
    for (let i = 0; i < size; i++) values[i] = a[idx[i]];
    return values;
  }

  /** permutation(n): a shuffled arange(n). */
  permutation(n: number): Float64Array {
    return permutation(this.bitGenerator, n);
  }

  /** shuffle(x) of a 1-D array, in place. */
  shuffle(values: ShuffleArray): void {
    shuffleInPlace(this.bitGenerator, values);
  }
}
