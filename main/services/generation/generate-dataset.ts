/**
 * A generation job from preset to finished dataset folder (DESIGN.md "How a generation job flows"): build the
 * ground truth, check the disk, write into `<out>.partial/` (preallocated recordings, ground truth, sorting,
 * preset), render the chunks on the worker pool with positional writes, add exports and `dataset.json`
 * (with checksums), flush and rename to `<out>`. A failure or a cancel removes the partial folder.
 */
import { setMaxListeners } from 'node:events';
import { join, relative, sep } from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import type { Piscina } from 'piscina';
import { buildGroundTruthSharing, type BuildOptions } from '../../../app/generation/ground-truth.ts';
import type { GroundTruth } from '../../../app/generation/ground-truth-types.ts';
import { abandonAtomicFolder, beginAtomicFolder, commitAtomicFolder, ensureParentFolder, subdir, writeFileSynced } from '../../../app/formats/atomic-folder.ts';
import { DATASET_DIRS } from '../../../app/formats/dataset-layout.ts';
import { writeGroundTruthFiles } from '../../../app/formats/ground-truth-files.ts';
import { chooseInt16Gain } from '../../../app/formats/int16-gain.ts';
import { preallocateBinaryFolder } from '../../../app/formats/si-binary-folder.ts';
import { writeNumpyFolderSorting } from '../../../app/formats/si-sorting-folder.ts';
import type { PresetV1 } from '../../../app/presets/types.ts';
import { renderModelFromGroundTruth, toSharedRenderModel } from '../../../app/render/render-model.ts';
import type { ChunkBytes, RenderChunkResult, RecordingTarget } from '../../../workers/render-chunk.ts';
import { releaseSharedPiece, sharedPieceBytes } from '../../../workers/shared-pieces.ts';
import { amplitudeBoundUv } from './amplitude-bound.ts';
import { planChunks } from './chunk-plan.ts';
import { datasetSummary, fileManifest, presetWithProvenance } from './dataset-summary.ts';
import { estimateDatasetBytes, freeBytesAt, NotEnoughSpaceError } from './estimate.ts';
import { writeExports } from './exports.ts';
import { np1Channels } from '../../../app/formats/spikeglx-meta.ts';
import { PresetProblemError } from '../../../app/presets/problems.ts';
import { runChunksInWindow } from './chunk-window.ts';
import { OrderedHasher } from './ordered-hasher.ts';
import { createRenderPool, runChunk } from './render-pool.ts';
import { templateStepsOnPool } from './template-steps-pool.ts';

export interface GenerationProgress {
  chunksDone: number;
  chunksTotal: number;
  samplesDone: number;
  numSamples: number;
  bytesWritten: number;
  elapsedSeconds: number;
  /** seconds of recording pair written per wall-clock second */
  realtimeFactor: number;
  etaSeconds: number;
}

export interface GenerateOptions {
  preset: PresetV1;
  out: string;
  workers?: number;
  dtype?: 'int16' | 'float32';
  chunkSeconds?: number;
  overwrite?: boolean;
  exports?: { kilosort?: boolean; spikeglx?: boolean };
  signal?: AbortSignal;
  onProgress?: (p: GenerationProgress) => void;
  /** Called once the ground truth is built, before anything is written. */
  onGroundTruth?: (gt: GroundTruth) => void;
  build?: BuildOptions;
  /** A pool to use (the app's); otherwise one is made for this job and destroyed after. */
  pool?: Piscina;
  /** The worker module (tests pass a failing one); default workers/render-chunk.mjs. */
  workerFilename?: string;
}

export interface GenerationResult {
  out: string;
  summary: ReturnType<typeof datasetSummary>;
  groundTruth: GroundTruth;
}

/**
 * Waits for a chunk's last bytes message; a task module that never sends one (a custom worker) only costs the
 * overlap: its files are hashed from disk afterwards (the hasher is then incomplete).
 */
async function endOrTimeout(drained: Promise<void>, ms = 30_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([drained, new Promise<void>((resolve) => { timer = setTimeout(resolve, ms); timer.unref(); })]);
  clearTimeout(timer);
}

export async function generateDataset(o: GenerateOptions): Promise<GenerationResult> {
  const t0 = performance.now();
  // the pool's threads load their modules (a few hundred ms) on the other cores while the ground truth is built
  // (a preset refused below only costs starting and stopping them)
  const ownPool = !o.pool;
  const pool = o.pool ?? createRenderPool(o.workers, o.workerFilename);
  try {
    return await generateWithPool(o, pool, t0);
  } finally {
    if (ownPool) await pool.destroy();
  }
}

async function generateWithPool(o: GenerateOptions, pool: Piscina, t0: number): Promise<GenerationResult> {
  // the templates at displacement steps are built on the pool's threads while this one builds the rest
  const gt = await buildGroundTruthSharing(o.preset, o.build ?? {}, (job) => templateStepsOnPool(pool, pool.options.maxThreads, job));
  o.onGroundTruth?.(gt);
  const tGt = performance.now();
  const dtype = o.dtype ?? o.preset.output?.dtype ?? 'int16';
  const chunkSeconds = o.chunkSeconds ?? o.preset.output?.chunk_seconds ?? 1;
  const exportsWanted = o.exports ?? o.preset.output?.exports ?? {};
  const estimate = estimateDatasetBytes({
    numSamples: gt.numSamples, numChannels: gt.numChannels, dtype, numUnits: gt.numUnits,
    numTemplateSamples: gt.numTemplateSamples, numSpikes: gt.spikes.length, exports: exportsWanted,
  });
  if (exportsWanted.spikeglx) {
    // refuse before rendering anything rather than after
    try { np1Channels(gt.probe); } catch (e) {
      throw new PresetProblemError([{ path: 'output.exports.spikeglx', message: (e as Error).message }]);
    }
  }
  ensureParentFolder(o.out); // an unwritable place is refused as such, before its free space is measured
  const free = freeBytesAt(o.out);
  if (estimate.totalBytes > free) throw new NotEnoughSpaceError(estimate.totalBytes, free, o.out);

  const partial = beginAtomicFolder(o.out, o.overwrite ?? false);
  const workers = o.workers ?? pool.options.maxThreads;
  const hashers: Record<'static' | 'drifting', OrderedHasher | undefined> = { static: undefined, drifting: undefined };
  try {
    const gain = dtype === 'int16' ? chooseInt16Gain(amplitudeBoundUv(gt)) : null;
    const targets: Record<'static' | 'drifting', RecordingTarget> = { static: undefined!, drifting: undefined! };
    for (const rec of ['static', 'drifting'] as const) {
      const folder = preallocateBinaryFolder(subdir(partial, DATASET_DIRS[rec]), {
        numSamples: gt.numSamples, numChannels: gt.numChannels, dtype, samplingFrequency: gt.samplingFrequency,
        probe: gt.probe, gainToUv: gain ?? undefined, offsetToUv: gain === null ? undefined : 0,
      });
      targets[rec] = { rawPath: folder.rawPath, dtype, gainToUv: gain ?? 1 };
      hashers[rec] = new OrderedHasher(folder.rawSizeBytes);
    }
    // written while the first chunks render (the main thread is otherwise only hashing)
    const writeSmallFiles = () => {
      writeGroundTruthFiles(gt, subdir(partial, DATASET_DIRS.groundTruth));
      writeNumpyFolderSorting(subdir(partial, DATASET_DIRS.sorting), {
        spikes: gt.spikes, samplingFrequency: gt.samplingFrequency, unitIds: Array.from({ length: gt.numUnits }, (_, i) => String(i)),
        properties: { gt_unit_locations: gt.unitLocations, max_channel_index: gt.maxChannelIndex },
      });
      writeFileSynced(join(partial, 'preset.json'), JSON.stringify(presetWithProvenance(o.preset, gt.seed), null, 2) + '\n');
    };

    const model = toSharedRenderModel(renderModelFromGroundTruth(gt));
    gt.templatesAtSteps = model.templates; // keep one copy of the templates: the shared one
    const chunks = planChunks(gt.numSamples, gt.samplingFrequency, chunkSeconds, gt.noise.blockSize);
    const clipped = { static: 0, drifting: 0 };
    let done = 0, samplesDone = 0, bytesWritten = 0;
    const tRender = performance.now();
    const onResult = (r: RenderChunkResult) => {
      done++;
      samplesDone += r.end - r.start;
      bytesWritten += r.bytesWritten;
      clipped.static += r.clippedStatic;
      clipped.drifting += r.clippedDrifting;
      const elapsed = (performance.now() - tRender) / 1000;
      const rate = elapsed > 0 ? samplesDone / gt.samplingFrequency / elapsed : 0;
      o.onProgress?.({
        chunksDone: done, chunksTotal: chunks.length, samplesDone, numSamples: gt.numSamples, bytesWritten,
        elapsedSeconds: elapsed, realtimeFactor: rate, etaSeconds: rate > 0 ? (gt.numSamples - samplesDone) / gt.samplingFrequency / rate : Infinity,
      });
    };
    const inner = new AbortController();
    setMaxListeners(0, inner.signal); // one listener per queued chunk
    const stop = () => inner.abort(o.signal?.reason ?? new Error('cancelled'));
    o.signal?.addEventListener('abort', stop, { once: true });
    if (o.signal?.aborted) stop();
    // The raw files are hashed from the bytes the workers write, while they render (ordered-hasher.ts). Chunks go
    // to the pool a few at a time, in order, so that few finish ahead of the ones being hashed. A chunk's last
    // bytes may still be on their way when its task ends: the next chunk does not wait for them, the checksums do.
    const hashed: Promise<void>[] = [];
    const runOne = (i: number) => {
      const c = chunks[i];
      const { port1, port2 } = new MessageChannel();
      let ended: () => void;
      const drained = new Promise<void>((resolve) => { ended = resolve; });
      port1.on('message', (m: ChunkBytes) => {
        if ('end' in m) ended();
        else hashers[m.recording]!.add(m.position, sharedPieceBytes(m.piece), () => releaseSharedPiece(m.piece));
      });
      return runChunk(pool, { model, start: c.start, end: c.end, static: targets.static, drifting: targets.drifting, bytesPort: port2 }, inner.signal)
        .then((r) => { hashed.push(endOrTimeout(drained).then(() => port1.close())); onResult(r); }, (e) => {
          // the pieces the chunk sent before it failed are still arriving: they are released (the hashers are
          // disposed with the job), then the port closes
          setTimeout(() => port1.close(), 500).unref();
          throw e;
        });
    };
    try {
      if (inner.signal.aborted) throw inner.signal.reason;
      const rendered = runChunksInWindow(chunks.length, workers + 1, runOne, (e) => inner.abort(e));
      try {
        writeSmallFiles();
      } catch (e) {
        inner.abort(e);
        await rendered.catch(() => undefined);
        throw e;
      }
      await rendered;
      await Promise.all(hashed);
    } finally {
      o.signal?.removeEventListener('abort', stop);
    }
    const tExports = performance.now();
    const exportsWritten = writeExports(partial, gt, { dtype, gainToUv: gain, wanted: exportsWanted, name: o.preset.name });
    const tSums = performance.now();
    const known: Record<string, string> = {};
    for (const rec of ['static', 'drifting'] as const) {
      if (hashers[rec]!.complete) known[relative(partial, targets[rec].rawPath).split(sep).join('/')] = hashers[rec]!.digest();
    }
    const files = fileManifest(partial, known);
    const tEnd = performance.now();
    const summary = datasetSummary(gt, {
      name: o.preset.name, dtype, gainToUv: gain, workers, chunkSeconds, clipped, files, exports: exportsWritten,
      timings: { ground_truth_s: (tGt - t0) / 1000, render_s: (tExports - tRender) / 1000, exports_s: (tSums - tExports) / 1000,
        checksums_s: (tEnd - tSums) / 1000, total_s: (tEnd - t0) / 1000 },
    });
    writeFileSynced(join(partial, 'dataset.json'), JSON.stringify(summary, null, 2) + '\n');
    commitAtomicFolder(o.out);
    return { out: o.out, summary, groundTruth: gt };
  } catch (e) {
    abandonAtomicFolder(o.out);
    throw e;
  } finally {
    // pieces still held (a failed job) go back to their workers' staging pools
    for (const h of Object.values(hashers)) h?.dispose();
  }
}
