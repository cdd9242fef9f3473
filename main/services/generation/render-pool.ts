/**
 * The piscina pool that renders chunks. One pool per CLI run; the app keeps one for all its jobs. A task that
 * fails because its worker died (killed, out of memory, a native crash) becomes a sentence that says so.
 */
import { Piscina } from 'piscina';
import { availableParallelism } from 'node:os';
import type { RenderChunkResult, RenderChunkTask } from '../../../workers/render-chunk.ts';

export const RENDER_CHUNK_WORKER = new URL('../../../workers/render-chunk.mjs', import.meta.url).href;

export function createRenderPool(workers = availableParallelism(), filename = RENDER_CHUNK_WORKER): Piscina {
  return new Piscina({ filename, minThreads: workers, maxThreads: workers, idleTimeout: 60_000 });
}

export class WorkerFailedError extends Error {
  constructor(readonly chunk: { start: number; end: number }, cause: unknown) {
    const why = cause instanceof Error ? cause.message : String(cause);
    const died = /terminated|exited|exit code|worker/i.test(why);
    super(died
      ? `a generation worker stopped unexpectedly while rendering samples ${chunk.start}-${chunk.end} (${why}); the dataset was not written — run the job again, with fewer workers if memory is short`
      : `rendering samples ${chunk.start}-${chunk.end} failed: ${why}; the dataset was not written`);
    this.name = 'WorkerFailedError';
  }
}

export async function runChunk(pool: Piscina, task: RenderChunkTask, signal?: AbortSignal): Promise<RenderChunkResult> {
  try {
    return (await pool.run(task, { signal, transferList: task.bytesPort ? [task.bytesPort] : undefined })) as RenderChunkResult;
  } catch (e) {
    if (signal?.aborted) throw signal.reason ?? e;
    throw new WorkerFailedError(task, e);
  }
}
