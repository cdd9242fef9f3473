// Generator.choice(a, size, replace, p, shuffle=True) on a 1-D population (_generator.pyx: choice).
//  replace, p given:    cdf = cumsum(p) / cdf[-1]; idx = searchsorted(cdf, random(size), 'right')
//  replace, no p:       idx = integers(0, pop_size, size)  (Lemire, 32-bit halves when pop_size <= 2**32)
//  no replace, p given: repeated rounds of the above, zeroing p of found items, keeping first hits
//  no replace, no p:    tail shuffle of arange(pop) when pop > 10000 and size > pop // 50, else
//                       Floyd's algorithm followed by a shuffle of the picked indices.
import type { Pcg64 } from './pcg64.ts';
import { boundedUint } from './bounded-integers.ts';
import { shuffleIntTail } from './shuffle.ts';

export interface ChoiceOptions {
  replace?: boolean;
  p?: ArrayLike<number>;
}

/** kahan_sum of numpy/random/_common.pyx, used only to validate that p sums to 1. */
function kahanSum(p: ArrayLike<number>): number {
  if (p.length === 0) return 0;
  let sum = p[0];
  let c = 0;
  for (let i = 1; i < p.length; i++) {
    const y = p[i] - c;
    const t = sum + y;
    c = t - sum - y;
    sum = t;
  }
  return sum;
}

function checkP(p: ArrayLike<number>, popSize: number): Float64Array {
  if (p.length !== popSize) throw new Error('a and p must have same size');
  const sum = kahanSum(p);
  if (Number.isNaN(sum)) throw new Error('Probabilities contain NaN');
  for (let i = 0; i < p.length; i++) if (p[i] < 0) throw new Error('Probabilities are not non-negative');
  if (Math.abs(sum - 1) > Math.sqrt(2.220446049250313e-16)) throw new Error('Probabilities do not sum to 1');
  return Float64Array.from(p);
}

/** cumsum(p) / cdf[-1], summed left to right like numpy's add.accumulate. */
function normalisedCdf(p: Float64Array): Float64Array {
  const cdf = new Float64Array(p.length);
  let acc = 0;
  for (let i = 0; i < p.length; i++) cdf[i] = acc += p[i];
  const last = cdf[cdf.length - 1];
  for (let i = 0; i < cdf.length; i++) cdf[i] /= last;
  return cdf;
}

/** searchsorted(cdf, u, side='right'): the number of entries <= u. */
function searchRight(cdf: Float64Array, u: number): number {
  let lo = 0, hi = cdf.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cdf[mid] <= u) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Indices into arange(popSize) as numpy's choice draws them. */
export function choiceIndices(bg: Pcg64, popSize: number, size: number, options: ChoiceOptions = {}): Float64Array {
  const replace = options.replace ?? true;
  const p = options.p === undefined ? undefined : checkP(options.p, popSize);
  const idx = new Float64Array(size);
  if (replace) {
    if (p) {
      const cdf = normalisedCdf(p);
      const u = new Float64Array(size);
      for (let i = 0; i < size; i++) u[i] = bg.nextDouble(); // random(size) first, then the search
      for (let i = 0; i < size; i++) idx[i] = searchRight(cdf, u[i]);
    } else {
      for (let i = 0; i < size; i++) idx[i] = boundedUint(bg, popSize - 1);
    }
    return idx;
  }
  if (size > popSize) throw new Error('Cannot take a larger sample than population when replace is False');
  if (p) {
    let positive = 0;
    for (let i = 0; i < p.length; i++) if (p[i] > 0) positive++;
    if (positive < size) throw new Error('Fewer non-zero entries in p than size');
    let nUniq = 0;
    while (nUniq < size) {
      const x = new Float64Array(size - nUniq);
      for (let i = 0; i < x.length; i++) x[i] = bg.nextDouble();
      for (let i = 0; i < nUniq; i++) p[idx[i]] = 0;
      const cdf = normalisedCdf(p);
      const seen = new Set<number>();
      for (let i = 0; i < x.length; i++) {
        const v = searchRight(cdf, x[i]);
        if (!seen.has(v)) { seen.add(v); idx[nUniq++] = v; } // np.unique(return_index) + sort: first hits in order
      }
    }
    return idx;
  }
  if (popSize > 10000 && size > Math.floor(popSize / 50)) {
    const all = new Float64Array(popSize);
    for (let i = 0; i < popSize; i++) all[i] = i;
    shuffleIntTail(bg, all, Math.max(popSize - size, 1));
    return all.slice(popSize - size);
  }
  // Floyd: for j in [pop - size, pop): take val in [0, j], or j itself if val was taken already.
  const taken = new Set<number>();
  for (let j = popSize - size; j < popSize; j++) {
    const val = boundedUint(bg, j);
    const pick = taken.has(val) ? j : val;
    taken.add(pick);
    idx[j - popSize + size] = pick;
  }
  shuffleIntTail(bg, idx, 1);
  return idx;
}
