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

/**
 * `minIntervalMs`: while requests keep coming (continuous scrolling: a request arrived while another was in
 * flight), start one at most this often. A request made while the loader was idle goes at once, so a jump or a
 * click is never delayed; while the user scrolls, the viewer shows the last window shifted (trace-plot.ts), and
 * fetching and painting fewer of the windows it would replace anyway leaves the frames to the scrolling.
 */
export function createLatestLoader<Q, R>(fetch: (q: Q) => Promise<R>, onResult: (q: Q, r: R) => void, onError: (e: unknown) => void, minIntervalMs = 0): LatestLoader<Q> {
  let running = false;
  let waiting: Q | null = null;
  let idleWaiters: (() => void)[] = [];
  let lastStart = -Infinity;
  let timer: ReturnType<typeof setTimeout> | null = null;
  /** a request came while a fetch was in flight or waiting: the user is scrolling */
  let burst = false;
  const pump = () => {
    if (running || timer) return;
    if (waiting === null) { idleWaiters.forEach((f) => f()); idleWaiters = []; return; }
    const wait = burst ? lastStart + minIntervalMs - performance.now() : 0;
    if (wait > 0) { timer = setTimeout(() => { timer = null; pump(); }, wait); return; }
    burst = false;
    lastStart = performance.now();
    const q = waiting;
    waiting = null;
    running = true;
    fetch(q).then((r) => onResult(q, r), (e) => {
      if ((e as { kind?: string })?.kind !== 'cancelled') onError(e);
    }).finally(() => { running = false; pump(); });
  };
  return {
    request(q) {
      if (running || waiting !== null || timer) burst = true;
      waiting = q;
      pump();
    },
    idle: () => (running || waiting !== null || timer ? new Promise((r) => idleWaiters.push(r)) : Promise.resolve()),
  };
}
