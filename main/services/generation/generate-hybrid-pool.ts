/**
 * The piscina pool of hybrid chunks: the render pool of render-pool.ts with the hybrid task module, and one chunk run
 * whose failure (a worker that died, a read that failed) becomes the same sentence as for drifting datasets.
 */
import type { Piscina } from 'piscina';
import type { RenderHybridChunkResult, RenderHybridChunkTask } from '../../../workers/render-hybrid-chunk.ts';
import { createRenderPool, WorkerFailedError } from './render-pool.ts';

export const RENDER_HYBRID_CHUNK_WORKER = new URL('../../../workers/render-hybrid-chunk.mjs', import.meta.url).href;

export function createHybridPool(workers?: number, filename = RENDER_HYBRID_CHUNK_WORKER): Piscina {
  return createRenderPool(workers, filename);
}

export async function runHybridChunk(pool: Piscina, task: RenderHybridChunkTask, signal?: AbortSignal): Promise<RenderHybridChunkResult> {
  try {
    return (await pool.run(task, { signal })) as RenderHybridChunkResult;
  } catch (e) {
    if (signal?.aborted) throw signal.reason ?? e;
    throw new WorkerFailedError(task, e);
  }
}
