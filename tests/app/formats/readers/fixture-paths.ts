// Paths of the real-format fixtures copied from /work/shared/fixtures (see their README.md and readback.json there).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const RECORDINGS = fileURLToPath(new URL('../../../fixtures/recordings/', import.meta.url));
export const NP1_DIR = `${RECORDINGS}spikeglx-np1/`;
export const NP1_PROBE_DIR = `${NP1_DIR}fixture_np1_g0/fixture_np1_g0_imec0`;
export const NP1_BIN = `${NP1_PROBE_DIR}/fixture_np1_g0_t0.imec0.ap.bin`;
export const NP1_META = `${NP1_PROBE_DIR}/fixture_np1_g0_t0.imec0.ap.meta`;
export const OE_DIR = `${RECORDINGS}openephys/`;
export const OE_SESSION = `${OE_DIR}2024-05-14_10-21-07`;
export const SI_REF = fileURLToPath(new URL('../../../fixtures/reference/formats/', import.meta.url));

export function json<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

/** Largest |a − b|. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} != ${b.length}`);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
}

/** Rows [start, end) of a samples × channels array. */
export function rows(data: Float32Array, numChannels: number, start: number, end: number): Float32Array {
  return data.subarray(start * numChannels, end * numChannels);
}

/** The message is one sentence a user can read: no stack frames, no "undefined"/"NaN". */
export function isSentence(e: unknown): boolean {
  const msg = (e as Error).message;
  return typeof msg === 'string' && msg.length > 10 && !/\n\s+at /.test(msg) && !/undefined|NaN/.test(msg);
}
