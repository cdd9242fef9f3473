/**
 * A hybrid generation job from preset to finished dataset folder, the drifting job's flow (generate-dataset.ts) with a
 * real recording in place of the noise: build the hybrid ground truth (templates at every displacement step, spikes,
 * steps), check the disk, write into `<out>.partial/` (a preallocated `hybrid/` binary folder, `sorting/`,
 * `ground_truth/`, preset.json), render the chunks on the worker pool (original window + injected templates,
 * positional writes), then `dataset.json` with checksums and the original recording's reference, flush and rename.
 * A failure or a cancel removes the partial folder.
 */
import { setMaxListeners } from 'node:events';
import { join } from 'node:path';
import type { Piscina } from 'piscina';
import { abandonAtomicFolder, beginAtomicFolder, commitAtomicFolder, subdir, writeFileSynced } from '../../../app/formats/atomic-folder.ts';
import { DATASET_DIRS } from '../../../app/formats/dataset-layout.ts';
import { preallocateBinaryFolder } from '../../../app/formats/si-binary-folder.ts';
import { writeNumpyFolderSorting } from '../../../app/formats/si-sorting-folder.ts';
import { buildHybridGroundTruth, type HybridBuildOptions } from '../../../app/hybrid/hybrid-ground-truth.ts';
import { writeHybridGroundTruthFiles } from '../../../app/hybrid/hybrid-ground-truth-files.ts';
import type { HybridGroundTruth } from '../../../app/hybrid/hybrid-ground-truth-types.ts';
import { chooseHybridInt16Scaling, maxAbsMicrovolts, type Int16Scaling } from '../../../app/hybrid/hybrid-int16.ts';
import { openOriginal } from '../../../app/hybrid/hybrid-recording.ts';
import { hybridRenderModel, toSharedHybridModel } from '../../../app/hybrid/hybrid-render.ts';
import type { HybridPresetV1 } from '../../../app/presets/hybrid-types.ts';
import { APP_VERSION } from '../../../app/version.ts';
import type { RenderHybridChunkResult } from '../../../workers/render-hybrid-chunk.ts';
import { planChunks } from './chunk-plan.ts';
import { fileManifest } from './dataset-summary.ts';
import { freeBytesAt, NotEnoughSpaceError } from './estimate.ts';
import type { GenerationProgress } from './generate-dataset.ts';
import { hybridDatasetSummary } from './generate-hybrid-summary.ts';
import { createHybridPool, runHybridChunk } from './generate-hybrid-pool.ts';

/** The folder of the hybrid recording inside a dataset. */
export const HYBRID_DIR = 'hybrid';

export interface GenerateHybridOptions {
  preset: HybridPresetV1;
  out: string;
  workers?: number;
  dtype?: 'int16' | 'float32';
  chunkSeconds?: number;
  overwrite?: boolean;
  signal?: AbortSignal;
  onProgress?: (p: GenerationProgress) => void;
  onGroundTruth?: (gt: HybridGroundTruth) => void;
  build?: HybridBuildOptions;
  pool?: Piscina;
  workerFilename?: string;
}

export interface HybridGenerationResult {
  out: string;
  summary: ReturnType<typeof hybridDatasetSummary>;
  groundTruth: HybridGroundTruth;
}

function templatePeak(gt: HybridGroundTruth): { peak: number; amp: number } {
  let peak = 0, amp = 1;
  for (const v of gt.templatesAtSteps.waveforms) peak = Math.max(peak, Math.abs(v));
  if (gt.amplitudeFactor) for (const a of gt.amplitudeFactor) amp = Math.max(amp, Math.abs(a));
  return { peak, amp };
}

function scalingFor(gt: HybridGroundTruth, dtype: 'int16' | 'float32'): Int16Scaling | null {
  if (dtype === 'float32') return null;
  const { peak, amp } = templatePeak(gt);
  return chooseHybridInt16Scaling(gt.recording, peak, amp, () => {
    const src = openOriginal(gt.recording.spec);
    try { return maxAbsMicrovolts(src); } finally { src.close(); }
  });
}

function estimateBytes(gt: HybridGroundTruth, dtype: 'int16' | 'float32'): number {
  const recording = gt.numSamples * gt.numChannels * (dtype === 'int16' ? 2 : 4);
  const templates = gt.templates.byteLength + gt.templatesAtSteps.waveforms.byteLength + gt.templatesAtSteps.channels.byteLength;
  return recording + templates + gt.spikes.length * 64 + 1_000_000;
}

export async function generateHybridDataset(o: GenerateHybridOptions): Promise<HybridGenerationResult> {
  const t0 = performance.now();
  const gt = await buildHybridGroundTruth(o.preset, { ...o.build, signal: o.signal ?? o.build?.signal });
  o.onGroundTruth?.(gt);
  const tGt = performance.now();
  const dtype = o.dtype ?? o.preset.output?.dtype ?? 'int16';
  const chunkSeconds = o.chunkSeconds ?? o.preset.output?.chunk_seconds ?? 1;
  const need = estimateBytes(gt, dtype);
  const free = freeBytesAt(o.out);
  if (need > free) throw new NotEnoughSpaceError(need, free, o.out);

  const partial = beginAtomicFolder(o.out, o.overwrite ?? false);
  const ownPool = !o.pool;
  const pool = o.pool ?? createHybridPool(o.workers, o.workerFilename);
  const workers = o.workers ?? pool.options.maxThreads;
  try {
    const scaling = scalingFor(gt, dtype);
    const folder = preallocateBinaryFolder(subdir(partial, HYBRID_DIR), {
      numSamples: gt.numSamples, numChannels: gt.numChannels, dtype, samplingFrequency: gt.samplingFrequency,
      probe: gt.recording.probe, gainToUv: scaling?.gains, offsetToUv: scaling?.offsets, channelIds: [...gt.recording.channelIds],
    });
    writeHybridGroundTruthFiles(gt, subdir(partial, DATASET_DIRS.groundTruth));
    writeNumpyFolderSorting(subdir(partial, DATASET_DIRS.sorting), {
      spikes: gt.spikes, samplingFrequency: gt.samplingFrequency, unitIds: Array.from({ length: gt.numUnits }, (_, i) => String(i)),
      properties: { gt_unit_locations: gt.unitLocations, max_channel_index: gt.maxChannelIndex },
    });
    const seed = typeof gt.seed === 'bigint' ? gt.seed.toString() : gt.seed;
    const stamped = { ...o.preset, provenance: { app_version: APP_VERSION, resolved_seed: seed, created: new Date().toISOString() } };
    writeFileSynced(join(partial, 'preset.json'), JSON.stringify(stamped, null, 2) + '\n');

    const model = toSharedHybridModel(hybridRenderModel(gt));
    gt.templatesAtSteps = model.templates; // one copy of the templates: the shared one
    const target = { rawPath: folder.rawPath, dtype, scaling };
    const chunks = planChunks(gt.numSamples, gt.samplingFrequency, chunkSeconds, Number.MAX_SAFE_INTEGER);
    let done = 0, samplesDone = 0, bytesWritten = 0, clipped = 0;
    const tRender = performance.now();
    const onResult = (r: RenderHybridChunkResult) => {
      done++;
      samplesDone += r.end - r.start;
      bytesWritten += r.bytesWritten;
      clipped += r.clipped;
      const elapsed = (performance.now() - tRender) / 1000;
      const rate = elapsed > 0 ? samplesDone / gt.samplingFrequency / elapsed : 0;
      o.onProgress?.({
        chunksDone: done, chunksTotal: chunks.length, samplesDone, numSamples: gt.numSamples, bytesWritten, elapsedSeconds: elapsed,
        realtimeFactor: rate, etaSeconds: rate > 0 ? (gt.numSamples - samplesDone) / gt.samplingFrequency / rate : Infinity,
      });
    };
    const inner = new AbortController();
    setMaxListeners(0, inner.signal); // one listener per queued chunk
    const stop = () => inner.abort(o.signal?.reason ?? new Error('cancelled'));
    o.signal?.addEventListener('abort', stop, { once: true });
    if (o.signal?.aborted) stop();
    const running = chunks.map((c) => runHybridChunk(pool, { model, recording: gt.recording.spec, start: c.start, end: c.end, target }, inner.signal)
      .then(onResult));
    try {
      await Promise.all(running);
    } catch (e) {
      inner.abort(e);
      await Promise.allSettled(running);
      throw e;
    } finally {
      o.signal?.removeEventListener('abort', stop);
    }
    const tSums = performance.now();
    const files = fileManifest(partial);
    const tEnd = performance.now();
    const summary = hybridDatasetSummary(gt, {
      name: o.preset.name, dtype, scaling, workers, chunkSeconds, clipped, files,
      timings: { ground_truth_s: (tGt - t0) / 1000, render_s: (tSums - tRender) / 1000, exports_s: 0, checksums_s: (tEnd - tSums) / 1000, total_s: (tEnd - t0) / 1000 },
    });
    writeFileSynced(join(partial, 'dataset.json'), JSON.stringify(summary, null, 2) + '\n');
    commitAtomicFolder(o.out);
    return { out: o.out, summary, groundTruth: gt };
  } catch (e) {
    abandonAtomicFolder(o.out);
    throw e;
  } finally {
    if (ownPool) await pool.destroy();
  }
}
