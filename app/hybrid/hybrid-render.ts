/**
 * One window of a hybrid recording: the original recording's samples in µV (`RecordingSource.readWindow`) plus the
 * injected templates, as `InjectDriftingTemplatesRecordingSegment.get_traces` (generation/drift_tools.py) adds them
 * to its parent recording's traces: each spike puts the template of its (displacement step, unit) at
 * `sample - nbefore`, times its amplitude factor, clipped to the window (app/render/inject.ts). Without motion every
 * spike uses the single step at rest, which is `InjectTemplatesRecording`. The sum is in µV, before any
 * conversion to the stored dtype, so SpikeInterface's unscaling of templates to raw units is not needed.
 */
import type { RecordingSource } from '../formats/readers/types.ts';
import type { SparseTemplates } from '../generation/sparse-templates.ts';
import { injectSpikes, type SpikeTable } from '../render/inject.ts';
import { shareArray } from '../render/render-model.ts';
import type { HybridGroundTruth } from './hybrid-ground-truth-types.ts';

/** What a worker needs to render any window; `toSharedHybridModel` puts the arrays in shared memory once. */
export interface HybridRenderModel {
  numChannels: number;
  nbefore: number;
  spikes: SpikeTable;
  displacementIndices: Int32Array;
  amplitudeFactor: Float64Array | null;
  templates: SparseTemplates;
}

export function hybridRenderModel(gt: HybridGroundTruth): HybridRenderModel {
  return {
    numChannels: gt.numChannels, nbefore: gt.nbefore,
    spikes: { sampleIndex: gt.spikes.sampleIndex, unitIndex: gt.spikes.unitIndex, length: gt.spikes.length },
    displacementIndices: gt.displacementIndices, amplitudeFactor: gt.amplitudeFactor, templates: gt.templatesAtSteps,
  };
}

/** The same model over SharedArrayBuffers: structured clone hands workers the same memory with every task. */
export function toSharedHybridModel(m: HybridRenderModel): HybridRenderModel {
  const t = m.templates;
  return {
    ...m,
    spikes: { sampleIndex: shareArray(m.spikes.sampleIndex), unitIndex: shareArray(m.spikes.unitIndex), length: m.spikes.length },
    displacementIndices: shareArray(m.displacementIndices),
    amplitudeFactor: m.amplitudeFactor ? shareArray(m.amplitudeFactor) : null,
    templates: { ...t, channelOffsets: shareArray(t.channelOffsets), channels: shareArray(t.channels), waveforms: shareArray(t.waveforms) },
  };
}

/**
 * Samples [start, end) of the hybrid recording, all channels, µV, samples × channels. `out` (≥ (end − start) ×
 * channels values) is reused when given. Returns the window and the number of spikes that touched it.
 */
export function renderHybridWindow(m: HybridRenderModel, source: Pick<RecordingSource, 'readWindow' | 'numChannels'>,
  start: number, end: number, out?: Float32Array): { window: Float32Array; spikes: number } {
  if (source.numChannels !== m.numChannels) {
    throw new Error(`The recording has ${source.numChannels} channels but the hybrid units were made for ${m.numChannels}; it changed since the job started.`);
  }
  const window = source.readWindow(start, end, undefined, out);
  const spikes = injectSpikes(window, start, end, m.spikes, m.templates, { steps: m.displacementIndices, amplitudeFactor: m.amplitudeFactor, nbefore: m.nbefore });
  return { window, spikes };
}
