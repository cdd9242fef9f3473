/**
 * "A newer request for the same view supersedes older ones": per view key, at most one request runs and at most
 * one waits. A request arriving while another waits replaces it — the replaced one fails with 'cancelled' and
 * never reaches the worker pool. The running one is left to finish (stopping a piscina task mid-run terminates
 * its worker thread, which costs far more than the few milliseconds of work left) and is answered: while the
 * user keeps scrolling, the newest finished window is what the renderer can show until the next one is ready.
 */
import { ApiError } from '../../../app/api/errors.ts';

interface Waiting<T> { run: () => Promise<T>; resolve: (v: T) => void; reject: (e: unknown) => void }

interface ViewState { running: boolean; waiting: Waiting<unknown> | null }

export const SUPERSEDED = 'a newer request for the same view replaced this one';

export class LatestPerView {
  private readonly views = new Map<string, ViewState>();

  /** Runs `run` now, or once the view's running request is done; requests without a view key run at once. */
  submit<T>(view: string | undefined, run: () => Promise<T>): Promise<T> {
    if (!view) return run();
    let st = this.views.get(view);
    if (!st) this.views.set(view, (st = { running: false, waiting: null }));
    const state = st;
    return new Promise<T>((resolve, reject) => {
      state.waiting?.reject(new ApiError('cancelled', SUPERSEDED));
      state.waiting = { run, resolve, reject } as Waiting<unknown>;
      this.pump(view, state);
    });
  }

  private pump(view: string, st: ViewState): void {
    if (st.running || !st.waiting) {
      if (!st.running && !st.waiting) this.views.delete(view);
      return;
    }
    const job = st.waiting;
    st.waiting = null;
    st.running = true;
    job.run().then(job.resolve, job.reject).finally(() => {
      st.running = false;
      this.pump(view, st);
    });
  }
}
