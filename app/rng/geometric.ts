// Generator.geometric(p) as numpy 1.24 draws it (distributions.c: random_geometric,
// random_geometric_search, random_geometric_inversion). One uint64 per value in the usual case.
//  p >= 1/3: search. U = next_double(); walk the cumulative probabilities p, p + p*q, ... until > U.
//  p <  1/3: inversion with the ZIGGURAT exponential (not -log(1-U)): ceil(-E / log1p(-p)).
import type { Pcg64 } from './pcg64.ts';
import { standardExponential } from './exponential.ts';
import { log1p } from './log1p.ts';

/** The C literal 0.333333333333333333333333 rounds to this double (1/3 rounded). */
const ONE_THIRD = 0.333333333333333333333333;
/** Smallest double above INT64_MAX; numpy 1.24 casts z >= this to int64 in C, which on x86-64
 *  yields INT64_MIN (numpy >= 1.25 clamps to INT64_MAX instead). Only reachable for p < ~1e-17. */
const INT64_OVERFLOW = 9.223372036854776e18;

/** CONS_BOUNDED_GT_0_1: 0 < p <= 1 (NaN fails). */
export function checkGeometricP(p: number): void {
  if (!(p > 0 && p <= 1)) throw new Error(`p must be in (0, 1] (got ${p}); numpy: p <= 0, p > 1 or p contains NaNs`);
}

/** random_geometric_search */
export function geometricSearch(bg: Pcg64, p: number): number {
  const q = 1 - p;
  const u = bg.nextDouble();
  let x = 1;
  let sum = p;
  let prod = p;
  while (u > sum) {
    prod *= q;
    sum += prod;
    x++;
  }
  return x;
}

/** random_geometric_inversion, with the divisor log1p(-p) computed by the caller once per p. */
export function geometricInversion(bg: Pcg64, log1pMinusP: number): number {
  const z = Math.ceil(-standardExponential(bg) / log1pMinusP);
  return z >= INT64_OVERFLOW ? -INT64_OVERFLOW : z;
}

/** random_geometric */
export function geometric(bg: Pcg64, p: number): number {
  return p >= ONE_THIRD ? geometricSearch(bg, p) : geometricInversion(bg, log1p(-p));
}

/** Fill out[start..end) with geometric(p), hoisting the per-p constant out of the loop. */
export function fillGeometric(bg: Pcg64, p: number, out: Float64Array, start: number, end: number): void {
  if (p >= ONE_THIRD) {
    for (let i = start; i < end; i++) out[i] = geometricSearch(bg, p);
    return;
  }
  const d = log1p(-p);
  for (let i = start; i < end; i++) out[i] = geometricInversion(bg, d);
}
