/**
 * Leading-and-trailing throttle: the first call runs at once, later calls within `intervalMs` are folded into one
 * that runs at the end of the interval. Progress events use it so the UI gets about four updates a second however
 * fast chunks finish, and always sees the latest one.
 */
export interface Throttled<A extends unknown[]> {
  (...args: A): void;
  /** runs a pending trailing call now */
  flush(): void;
  /** drops a pending trailing call */
  cancel(): void;
}

export function throttle<A extends unknown[]>(fn: (...args: A) => void, intervalMs: number, now: () => number = () => performance.now()): Throttled<A> {
  let last = -Infinity;
  let pending: A | null = null;
  let timer: NodeJS.Timeout | null = null;
  const run = () => {
    if (timer) { clearTimeout(timer); timer = null; }
    if (!pending) return;
    const args = pending;
    pending = null;
    last = now();
    fn(...args);
  };
  const throttled = ((...args: A) => {
    pending = args;
    const wait = last + intervalMs - now();
    if (wait <= 0) run();
    else if (!timer) timer = setTimeout(run, wait);
  }) as Throttled<A>;
  throttled.flush = run;
  throttled.cancel = () => {
    pending = null;
    if (timer) { clearTimeout(timer); timer = null; }
  };
  return throttled;
}
