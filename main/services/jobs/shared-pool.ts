/**
 * The app's one piscina pool, shared by every job (DESIGN.md: the worker threads load the engine once, not per
 * job). It is made on first use, so starting the app spawns no threads. A new worker count takes effect for the
 * next job: a job keeps the pool it started on, and an old pool is destroyed when its last job releases it.
 */
import type { Piscina } from 'piscina';
import { createRenderPool } from '../generation/render-pool.ts';

interface Entry { pool: Piscina; users: number; retired: boolean }

export interface PoolLease {
  pool: Piscina;
  release(): void;
}

export class SharedPool {
  private current: Entry | null = null;
  private readonly retiring = new Set<Promise<void>>();

  constructor(
    private workers: number, private readonly workerFilename?: string,
    private readonly onWorkerError: (e: unknown) => void = (e) => console.error('generation worker error:', e),
  ) {}

  acquire(): PoolLease {
    if (!this.current) {
      const pool = createRenderPool(this.workers, this.workerFilename);
      // a worker that dies outside a task (its module fails to load, a native crash) is reported by the pool as an
      // 'error' event; unheard, that event would end the whole app — the job's own task fails with the sentence
      pool.on('error', (e: unknown) => this.onWorkerError(e));
      this.current = { pool, users: 0, retired: false };
    }
    const entry = this.current;
    entry.users++;
    let released = false;
    return {
      pool: entry.pool,
      release: () => {
        if (released) return;
        released = true;
        entry.users--;
        if (entry.retired && entry.users === 0) this.destroy(entry);
      },
    };
  }

  /** Uses `workers` threads from the next job on. */
  resize(workers: number): void {
    if (workers === this.workers) return;
    this.workers = workers;
    const old = this.current;
    this.current = null;
    if (old) this.retire(old);
  }

  /** Destroys every pool (jobs must have been stopped). */
  async close(): Promise<void> {
    if (this.current) this.retire(this.current);
    this.current = null;
    await Promise.allSettled([...this.retiring]);
  }

  private retire(entry: Entry): void {
    entry.retired = true;
    if (entry.users === 0) this.destroy(entry);
  }

  private destroy(entry: Entry): void {
    const p = entry.pool.destroy().catch(() => undefined).finally(() => this.retiring.delete(p));
    this.retiring.add(p);
  }
}
