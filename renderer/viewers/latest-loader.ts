/**
 * Keeps at most one request in flight and one waiting: while the user scrolls, each new request replaces the
 * waiting one, so the renderer never queues stale windows (the server does the same per view key). Results of
 * a request are delivered even when newer ones wait: the newest finished window is better than none.
 */
export interface LatestLoader<Q> {
  request(q: Q): void;
  /** resolves when nothing is in flight or waiting (tests and benchmarks) */
  idle(): Promise<void>;
}

export function createLatestLoader<Q, R>(fetch: (q: Q) => Promise<R>, onResult: (q: Q, r: R) => void, onError: (e: unknown) => void): LatestLoader<Q> {
  let running = false;
  let waiting: Q | null = null;
  let idleWaiters: (() => void)[] = [];
  const pump = () => {
    if (running) return;
    if (waiting === null) { idleWaiters.forEach((f) => f()); idleWaiters = []; return; }
    const q = waiting;
    waiting = null;
    running = true;
    fetch(q).then((r) => onResult(q, r), (e) => {
      if ((e as { kind?: string })?.kind !== 'cancelled') onError(e);
    }).finally(() => { running = false; pump(); });
  };
  return {
    request(q) { waiting = q; pump(); },
    idle: () => (running || waiting !== null ? new Promise((r) => idleWaiters.push(r)) : Promise.resolve()),
  };
}
