// Reads the reference values made by the real SpikeInterface/numpy (copied from ../shared/reference into
// tests/fixtures/reference so the suite runs on a fresh clone).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { decodeNpy, decodeStructuredNpy, type NpyArray, type NpyStructured } from '../../app/formats/npy.ts';

export const REFERENCE_DIR = fileURLToPath(new URL('../fixtures/reference/', import.meta.url));

export function refPath(rel: string): string {
  return REFERENCE_DIR + rel;
}

export function refJson<T = unknown>(rel: string): T {
  return JSON.parse(readFileSync(refPath(rel), 'utf8')) as T;
}

export function refNpy(rel: string): NpyArray {
  return decodeNpy(new Uint8Array(readFileSync(refPath(rel))));
}

export function refStructuredNpy(rel: string): NpyStructured {
  return decodeStructuredNpy(new Uint8Array(readFileSync(refPath(rel))));
}

/** Largest |a - b| / max(|b|, floor) over two arrays, for "within 1e-4 relative" checks. */
export function maxRelativeError(a: ArrayLike<number>, b: ArrayLike<number>, floor = 1e-6): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} != ${b.length}`);
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    const e = Math.abs(a[i] - b[i]) / Math.max(Math.abs(b[i]), floor);
    if (e > worst) worst = e;
  }
  return worst;
}

export function maxAbsError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} != ${b.length}`);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
}
