/**
 * Exports of a dataset, on request: the drifting recording as a Kilosort-ready int16 `.bin` + probe files, and as a
 * SpikeGLX `.ap.bin` + `.ap.meta` pair (Neuropixels 1.0 probes only, since SpikeGLX readers rebuild the geometry
 * from the part number). A float32 dataset is converted with the int16 gain it would have had.
 */
import { join } from 'node:path';
import type { GroundTruth } from '../../../app/generation/ground-truth-types.ts';
import { DATASET_DIRS } from '../../../app/formats/dataset-layout.ts';
import { chooseInt16Gain } from '../../../app/formats/int16-gain.ts';
import { exportKilosort } from '../../../app/formats/kilosort-export.ts';
import { exportSpikeGlx } from '../../../app/formats/spikeglx-export.ts';
import { amplitudeBoundUv } from './amplitude-bound.ts';

/** A file-name-safe version of a preset name (Kilosort and SpikeGLX names). */
export function exportBaseName(name: string): string {
  const safe = name.normalize('NFKD').replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[^A-Za-z0-9]+/, '').slice(0, 80);
  return safe || 'dataset';
}

export function writeExports(root: string, gt: GroundTruth, o: {
  dtype: 'int16' | 'float32'; gainToUv: number | null; wanted: { kilosort?: boolean; spikeglx?: boolean }; name: string;
}): string[] {
  const written: string[] = [];
  const name = exportBaseName(o.name);
  const gainToUv = o.gainToUv ?? chooseInt16Gain(amplitudeBoundUv(gt));
  const drifting = join(root, DATASET_DIRS.drifting);
  if (o.wanted.kilosort) {
    exportKilosort(drifting, join(root, DATASET_DIRS.kilosort), { name, gainToUv });
    written.push('kilosort');
  }
  if (o.wanted.spikeglx) {
    exportSpikeGlx(drifting, join(root, DATASET_DIRS.spikeglx), { name, gainToUv });
    written.push('spikeglx');
  }
  return written;
}
