/**
 * piscina task: a preview window of a preset that may not be generated yet — build the ground truth (kept for
 * the next tasks while the preset is unchanged), render the window on the fly with `renderWindow`, and decimate
 * each recording to min/max per pixel column before it leaves the worker (moved, not cloned).
 */
import { buildGroundTruth } from '../app/generation/ground-truth.ts';
import type { GroundTruth } from '../app/generation/ground-truth-types.ts';
import type { PresetV1 } from '../app/presets/types.ts';
import { renderWindow } from '../app/render/render-window.ts';
import { MinMaxAccumulator, planColumns } from '../app/viewer/min-max-columns.ts';
import { movedResult } from './moved-result.ts';

export interface PreviewTask {
  preset: PresetV1;
  /** JSON of the preset: the cache key of its ground truth */
  key: string;
  start: number;
  end: number;
  channelStart: number;
  channelEnd: number;
  pixels: number;
  recordings: ('static' | 'drifting')[];
}

export interface PreviewResult {
  data: Float32Array;
  columns: number;
  numChannels: number;
  numSamples: number;
  samplingFrequency: number;
  start: number;
  end: number;
  channelStart: number;
  channelEnd: number;
  ms: number;
}

let cached: { key: string; gt: GroundTruth } | null = null;

export default function previewWindow(t: PreviewTask): PreviewResult {
  const t0 = performance.now();
  if (cached?.key !== t.key) cached = { key: t.key, gt: buildGroundTruth(t.preset) };
  const gt = cached.gt;
  // the window is clipped to the recording and the channels to the probe: the editor asks before it knows them
  const end = Math.min(t.end, gt.numSamples);
  const start = Math.max(0, Math.min(t.start, end - 1));
  const channelEnd = Math.min(t.channelEnd, gt.numChannels);
  const channelStart = Math.max(0, Math.min(t.channelStart, channelEnd - 1));
  const w = renderWindow(gt, start, end, { withNoise: false });
  const plan = planColumns(end - start, t.pixels);
  const per = (channelEnd - channelStart) * plan.columns * 2;
  const data = new Float32Array(per * t.recordings.length);
  t.recordings.forEach((r, i) => {
    const acc = new MinMaxAccumulator(plan, { numChannels: gt.numChannels, channelStart, channelEnd }, data.subarray(i * per, (i + 1) * per));
    acc.accumulate(r === 'static' ? w.static : w.drifting, 0, end - start);
    acc.finish();
  });
  return movedResult({
    data, columns: plan.columns, numChannels: gt.numChannels, numSamples: gt.numSamples, samplingFrequency: gt.samplingFrequency,
    start, end, channelStart, channelEnd, ms: performance.now() - t0,
  });
}
