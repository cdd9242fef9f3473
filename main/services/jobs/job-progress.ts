/**
 * From the generator's progress (chunks, samples, bytes, elapsed time) to the numbers a job shows: fraction done,
 * chunks, real-time factor, MB/s written, time left.
 */
import type { JobInfo } from '../../../app/api/types.ts';
import type { GenerationProgress } from '../generation/generate-dataset.ts';

export type JobProgressFields = Pick<JobInfo, 'fraction' | 'chunksDone' | 'chunksTotal' | 'realtimeFactor' | 'megabytesPerSecond' | 'etaSeconds'>;

export function progressFields(p: GenerationProgress): JobProgressFields {
  const fraction = p.numSamples > 0 ? Math.min(1, p.samplesDone / p.numSamples) : 0;
  return {
    fraction,
    chunksDone: p.chunksDone,
    chunksTotal: p.chunksTotal,
    realtimeFactor: Number.isFinite(p.realtimeFactor) ? p.realtimeFactor : 0,
    megabytesPerSecond: p.elapsedSeconds > 0 ? p.bytesWritten / p.elapsedSeconds / 1e6 : 0,
    // Infinity (no rate yet) crosses JSON as null: "unknown"
    etaSeconds: Number.isFinite(p.etaSeconds) ? Math.max(0, p.etaSeconds) : null,
  };
}

/** The live numbers reset when a job ends, so a finished job never shows a rate or a time left. */
export function finalFields(job: JobInfo, completed: boolean): JobProgressFields {
  return {
    fraction: completed ? 1 : job.fraction,
    chunksDone: completed ? job.chunksTotal : job.chunksDone,
    chunksTotal: job.chunksTotal,
    realtimeFactor: 0,
    megabytesPerSecond: 0,
    etaSeconds: null,
  };
}
