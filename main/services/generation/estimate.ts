/**
 * Size of a dataset before it is written, and the free space where it goes: a job is refused before writing
 * anything when the disk cannot hold it, with both sizes in the message.
 */
import { statfsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { existsSync } from 'node:fs';

export interface SizeEstimate {
  /** bytes of one recording's raw file */
  recordingBytes: number;
  /** everything: static + drifting + ground truth + exports (approximate for the small files) */
  totalBytes: number;
}

export function estimateDatasetBytes(o: {
  numSamples: number; numChannels: number; dtype: 'int16' | 'float32'; numUnits: number; numTemplateSamples: number;
  numSpikes: number; exports?: { kilosort?: boolean; spikeglx?: boolean };
}): SizeEstimate {
  const bytes = o.dtype === 'int16' ? 2 : 4;
  const recordingBytes = o.numSamples * o.numChannels * bytes;
  const int16Bytes = o.numSamples * o.numChannels * 2;
  // exports copy the drifting recording as int16 (SpikeGLX adds a sync channel)
  const exportsBytes = (o.exports?.kilosort ? int16Bytes : 0) + (o.exports?.spikeglx ? o.numSamples * (o.numChannels + 1) * 2 : 0);
  const groundTruth = o.numUnits * o.numTemplateSamples * o.numChannels * 4 + o.numSpikes * (24 + 24 + 8 + 8) + 1_000_000;
  return { recordingBytes, totalBytes: 2 * recordingBytes + exportsBytes + groundTruth };
}

/** Free bytes on the file system that will hold `target` (its nearest existing ancestor). */
export function freeBytesAt(target: string): number {
  let dir = resolve(target);
  while (!existsSync(dir) && dirname(dir) !== dir) dir = dirname(dir);
  const s = statfsSync(dir);
  return Number(s.bavail) * Number(s.bsize);
}

export function formatBytes(n: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let i = 0;
  let v = n;
  while (v >= 1000 && i < units.length - 1) { v /= 1000; i++; }
  return `${v.toFixed(v >= 100 || i === 0 ? 0 : 1)} ${units[i]}`;
}

export class NotEnoughSpaceError extends Error {
  constructor(readonly needed: number, readonly available: number, readonly where: string) {
    super(`not enough disk space in ${where}: the dataset needs ${formatBytes(needed)} but only ${formatBytes(available)} is free; `
      + 'free some space, choose another output folder, or shorten the recording');
    this.name = 'NotEnoughSpaceError';
  }
}
