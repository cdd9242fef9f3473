/**
 * One job's generation, by the preset's kind: a drifting preset runs `generateDataset` on the shared pool; a hybrid
 * preset runs `generateHybridDataset`, which injects into a real recording and so needs the hybrid chunk task — its
 * own pool of the same size, made for the job and closed after it. Both report progress the same way, stop on the
 * same signal and leave no partial folder behind.
 */
import type { Piscina } from 'piscina';
import { isHybridPreset, type AnyPresetV1 } from '../../../app/presets/hybrid-types.ts';
import type { JobOptions } from '../../../app/api/types.ts';
import { resolveLibraryProbe } from '../../cli/library-probe.ts';
import type { DatasetSummaryFields } from '../datasets/dataset-catalogue.ts';
import { generateDataset, type GenerationProgress } from '../generation/generate-dataset.ts';
import { generateHybridDataset } from '../generation/generate-hybrid.ts';

export interface GenerationRun {
  preset: AnyPresetV1;
  out: string;
  options: JobOptions;
  /** the shared drifting pool (leased by the queue) */
  pool: Piscina;
  signal: AbortSignal;
  onProgress: (p: GenerationProgress) => void;
  /** the hybrid pool's worker module (tests pass a failing one); default workers/render-hybrid-chunk.mjs */
  hybridWorkerFilename?: string;
}

export async function runGeneration(r: GenerationRun): Promise<{ out: string; summary: DatasetSummaryFields }> {
  if (isHybridPreset(r.preset)) {
    const result = await generateHybridDataset({
      preset: r.preset, out: r.out, dtype: r.options.dtype, chunkSeconds: r.options.chunkSeconds,
      workers: r.options.workers ?? r.pool.options.maxThreads, signal: r.signal, onProgress: r.onProgress,
      workerFilename: r.hybridWorkerFilename,
    });
    return { out: result.out, summary: result.summary };
  }
  const libraryProbe = await resolveLibraryProbe(r.preset);
  const result = await generateDataset({
    preset: r.preset, out: r.out, dtype: r.options.dtype, chunkSeconds: r.options.chunkSeconds, exports: r.options.exports,
    workers: r.options.workers, pool: r.pool, signal: r.signal, build: { libraryProbe }, onProgress: r.onProgress,
  });
  return { out: result.out, summary: result.summary };
}
