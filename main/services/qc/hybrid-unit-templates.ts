/**
 * The template QC of a hybrid dataset: the templates a unit was injected with, at the asked displacement steps, read
 * from ground_truth/templates_at_steps_*.npy (exactly what was added to the recording; layout in
 * app/hybrid/hybrid-ground-truth-files.ts). A drifting dataset rebuilds them from its preset instead (qc-service.ts);
 * a hybrid one cannot — given templates are data, not parameters. Shown channels: the union over the asked steps of
 * the channels each block keeps, nearest to the unit's best channel first, at most `maxChannels`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeNpy } from '../../../app/formats/npy.ts';
import type { UnitTemplates } from '../../../app/viewer/unit-templates.ts';
import type { DatasetSource } from '../traces/dataset-source.ts';

export function hybridUnitTemplates(s: DatasetSource, unit: number, steps: readonly number[], maxChannels = 64): UnitTemplates {
  const dir = join(s.path, 'ground_truth');
  const npy = (name: string) => decodeNpy(new Uint8Array(readFileSync(join(dir, name)))).data;
  const offsets = Array.from(npy('templates_at_steps_channel_offsets.npy') as ArrayLike<number | bigint>, Number);
  const blockChannels = Array.from(npy('templates_at_steps_channels.npy') as ArrayLike<number | bigint>, Number);
  const waveforms = npy('templates_at_steps_waveforms.npy') as Float32Array;
  const g = s.gt, S = g.numTemplateSamples, U = g.numUnits;
  const blocks = steps.map((st) => st * U + unit);
  const best = g.maxChannelIndex[unit];
  const [bx, by] = [g.channelLocations[2 * best], g.channelLocations[2 * best + 1]];
  const dist = (c: number) => Math.hypot(g.channelLocations[2 * c] - bx, g.channelLocations[2 * c + 1] - by);
  const union = new Set<number>();
  for (const b of blocks) for (let k = offsets[b]; k < offsets[b + 1]; k++) union.add(blockChannels[k]);
  const channels = [...union].sort((a, b) => dist(a) - dist(b)).slice(0, maxChannels);
  const data = new Float32Array(steps.length * channels.length * S);
  blocks.forEach((b, i) => {
    const nnz = offsets[b + 1] - offsets[b];
    const base = offsets[b] * S;
    channels.forEach((c, k) => {
      const j = blockChannels.indexOf(c, offsets[b]) - offsets[b];
      if (j < 0 || j >= nnz) return; // not kept in this block: zero
      // the block is (S, nnz) rows
      for (let t = 0; t < S; t++) data[(i * channels.length + k) * S + t] = waveforms[base + t * nnz + j];
    });
  });
  return { numSamples: S, channels, data };
}
