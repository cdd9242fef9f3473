/**
 * The viewers' worker threads, apart from the generation pool so that scrolling never waits behind a job's
 * chunks: two threads decimate trace windows (one per recording, in parallel); one thread renders previews (it
 * keeps the last preset's ground truth, so the next preview of the same preset is fast). Made on first use.
 */
import { Piscina } from 'piscina';
import type { DecimateResult, DecimateTask } from '../../../workers/decimate-window.ts';
import type { PreviewResult, PreviewTask } from '../../../workers/preview-window.ts';

const DECIMATE_WORKER = new URL('../../../workers/decimate-window.mjs', import.meta.url).href;
const PREVIEW_WORKER = new URL('../../../workers/preview-window.mjs', import.meta.url).href;

export class ViewerPool {
  private decimatePool: Piscina | null = null;
  private previewPool: Piscina | null = null;

  decimate(task: DecimateTask): Promise<DecimateResult> {
    this.decimatePool ??= this.make(DECIMATE_WORKER, 2);
    return this.decimatePool.run(task) as Promise<DecimateResult>;
  }

  preview(task: PreviewTask): Promise<PreviewResult> {
    this.previewPool ??= this.make(PREVIEW_WORKER, 1);
    return this.previewPool.run(task) as Promise<PreviewResult>;
  }

  private make(filename: string, threads: number): Piscina {
    const pool = new Piscina({ filename, minThreads: threads, maxThreads: threads, idleTimeout: 120_000 });
    pool.on('error', (e: unknown) => console.error('viewer worker error:', e));
    return pool;
  }

  /** Starts the decimation threads now (their module load takes a few hundred ms) so the first window is quick. */
  warm(): void {
    this.decimatePool ??= this.make(DECIMATE_WORKER, 2);
  }

  async close(): Promise<void> {
    await Promise.all([this.decimatePool?.destroy(), this.previewPool?.destroy()]);
    this.decimatePool = this.previewPool = null;
  }
}
