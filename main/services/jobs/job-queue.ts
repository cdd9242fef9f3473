/**
 * The generation queue: jobs wait in order and run `concurrentJobs` at a time on the shared pool. Every change of
 * state is written to SQLite and pushed as `jobs.changed`; progress is pushed at most four times a second per job.
 * A job that fails records its sentence and the queue goes on; a cancel aborts the job's pool tasks and the
 * generator removes the partial folder.
 */
import type { JobInfo, JobOptions } from '../../../app/api/types.ts';
import type { AnyPresetV1 } from '../../../app/presets/hybrid-types.ts';
import { formatProblem, PresetProblemError } from '../../../app/presets/problems.ts';
import type { DatasetCatalogue } from '../datasets/dataset-catalogue.ts';
import type { ServiceEvents } from '../service-events.ts';
import { throttle } from '../throttle.ts';
import { finalFields, progressFields } from './job-progress.ts';
import type { JobStore } from './job-store.ts';
import { runGeneration } from './run-generation.ts';
import type { SharedPool } from './shared-pool.ts';

/** ~4 updates a second: smooth enough for a progress bar, cheap for IPC and the socket. */
export const PROGRESS_INTERVAL_MS = 250;

export const CANCELLED_MESSAGE = 'cancelled by the user; the partial dataset was removed';

interface LiveJob {
  info: JobInfo;
  options: JobOptions;
  preset: AnyPresetV1;
  controller: AbortController;
  done?: Promise<void>;
}

export interface JobQueueDeps {
  store: JobStore;
  pool: SharedPool;
  catalogue: DatasetCatalogue;
  events: ServiceEvents;
  concurrentJobs: () => number;
  /** the hybrid chunk task module (tests pass a failing one) */
  hybridWorkerFilename?: string;
  now?: () => Date;
}

export class JobQueue {
  private readonly live = new Map<string, LiveJob>();
  private readonly waiting: string[] = [];
  private running = 0;
  private closed = false;

  constructor(private readonly d: JobQueueDeps) {}

  enqueue(info: JobInfo, options: JobOptions, preset: AnyPresetV1): JobInfo {
    this.d.store.insert(info, options);
    this.live.set(info.id, { info, options, preset, controller: new AbortController() });
    this.waiting.push(info.id);
    this.changed(info);
    this.pump();
    return { ...info };
  }

  /** The live state of a queued or running job; undefined once it has ended. */
  get(id: string): JobInfo | undefined {
    const j = this.live.get(id);
    return j && { ...j.info };
  }

  liveJobs(): JobInfo[] {
    return [...this.live.values()].map((j) => ({ ...j.info }));
  }

  /** Whether any job is running or queued (the window asks before closing). */
  busy(): boolean {
    return this.live.size > 0;
  }

  cancel(id: string): JobInfo | undefined {
    const j = this.live.get(id);
    if (!j) return undefined;
    if (j.info.state === 'queued') {
      this.waiting.splice(this.waiting.indexOf(id), 1);
      this.finish(j, 'cancelled', CANCELLED_MESSAGE);
    } else {
      j.controller.abort(new Error(CANCELLED_MESSAGE));
    }
    return { ...j.info };
  }

  /** Admits waiting jobs up to the concurrency (called again when settings change). */
  pump(): void {
    while (!this.closed && this.running < Math.max(1, this.d.concurrentJobs()) && this.waiting.length > 0) {
      const j = this.live.get(this.waiting.shift()!)!;
      this.running++;
      j.done = this.run(j).finally(() => {
        this.running--;
        this.pump();
      });
    }
  }

  /** Cancels everything and waits for running jobs to clean up (app shutdown). */
  async close(): Promise<void> {
    this.closed = true;
    for (const id of [...this.waiting]) this.cancel(id);
    const running = [...this.live.values()];
    for (const j of running) j.controller.abort(new Error('cancelled because the app is closing'));
    await Promise.allSettled(running.map((j) => j.done));
  }

  private async run(j: LiveJob): Promise<void> {
    j.info.state = 'running';
    this.d.store.update(j.info);
    this.changed(j.info);
    const report = throttle(() => this.changed(j.info), PROGRESS_INTERVAL_MS);
    const lease = this.d.pool.acquire();
    try {
      const result = await runGeneration({
        preset: j.preset, out: j.info.out, options: j.options, pool: lease.pool, signal: j.controller.signal,
        onProgress: (p) => { Object.assign(j.info, progressFields(p)); report(); }, hybridWorkerFilename: this.d.hybridWorkerFilename,
      });
      report.cancel();
      this.d.catalogue.record(result.out, result.summary);
      this.finish(j, 'completed');
      this.d.events.emit('datasets.changed', {});
    } catch (e) {
      report.cancel();
      if (j.controller.signal.aborted) this.finish(j, 'cancelled', String((j.controller.signal.reason as Error)?.message ?? CANCELLED_MESSAGE));
      else this.finish(j, 'failed', failureSentence(e));
    } finally {
      lease.release();
    }
  }

  private finish(j: LiveJob, state: 'completed' | 'failed' | 'cancelled', error?: string): void {
    Object.assign(j.info, finalFields(j.info, state === 'completed'), { state, finished: (this.d.now ?? (() => new Date()))().toISOString() });
    if (error) j.info.error = error;
    this.live.delete(j.info.id);
    try {
      this.d.store.update(j.info);
    } catch {
      // the database is closing (shutdown): the next start marks the row interrupted, which is true enough
    }
    this.changed(j.info);
  }

  private changed(info: JobInfo): void {
    this.d.events.emit('jobs.changed', { ...info });
  }
}

function failureSentence(e: unknown): string {
  if (e instanceof PresetProblemError) return `the preset cannot be generated: ${e.problems.map(formatProblem).join('; ')}`;
  const message = e instanceof Error ? e.message : String(e);
  return message || 'the job failed without a message; see the app log';
}
