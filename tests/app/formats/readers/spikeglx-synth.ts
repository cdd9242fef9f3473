// Writes small SpikeGLX .bin/.meta pairs following SpikeGLX's rules (Metadata guide; the NP1.0 fixture's layout):
// sorted `key=value` lines, list keys prefixed by "~", int16 interleaved samples with the SY0 column last.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function writeSpikeGlx(dir: string, stem: string, meta: Record<string, string>, data: Int16Array): string {
  mkdirSync(dir, { recursive: true });
  const bin = join(dir, `${stem}.bin`);
  writeFileSync(bin, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  const full: Record<string, string> = { fileName: `D:/SGL_DATA/${stem}.bin`, fileSizeBytes: String(data.byteLength), ...meta };
  const text = Object.keys(full).sort().map((k) => `${k}=${full[k]}`).join('\n') + '\n';
  writeFileSync(join(dir, `${stem}.meta`), text);
  return bin;
}

/** Deterministic int16 samples: value(i, c) = ((i * 7 + c * 13) % 201) - 100; the sync column (last) is 64/0. */
export function syntheticSamples(numSamples: number, numSaved: number): Int16Array {
  const out = new Int16Array(numSamples * numSaved);
  for (let i = 0; i < numSamples; i++) {
    for (let c = 0; c < numSaved - 1; c++) out[i * numSaved + c] = ((i * 7 + c * 13) % 201) - 100;
    out[i * numSaved + numSaved - 1] = i % 10 < 5 ? 64 : 0;
  }
  return out;
}

export const range = (a: number, b: number): number[] => Array.from({ length: b - a }, (_, i) => a + i);

/** Common keys of an imec AP stream; callers add the probe-specific ones. */
export function imecMeta(saved: number[], names: string[], extra: Record<string, string>): Record<string, string> {
  return {
    imSampRate: '30000',
    nSavedChans: String(saved.length),
    snsSaveChanSubset: saved.join(','),
    typeThis: 'imec',
    firstSample: '0',
    '~snsChanMap': `(384,384,1)` + names.map((n, k) => `(${n};${saved[k]}:${k})`).join(''),
    ...extra,
  };
}
