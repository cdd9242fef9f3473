/**
 * Events for the window, held back until the page says it listens (READY_CHANNEL): sent earlier, they would be lost
 * while the page loads. A reload makes the page deaf again until it says ready. The queue keeps the latest
 * `MAX_QUEUED` events: job progress is superseded by the next update anyway.
 */
export const MAX_QUEUED = 500;

export class RendererEvents {
  private queue: { event: string; payload: unknown }[] = [];
  private ready = false;

  constructor(private readonly send: (message: { event: string; payload: unknown }) => void) {}

  push(event: string, payload: unknown): void {
    if (this.ready) return this.send({ event, payload });
    this.queue.push({ event, payload });
    if (this.queue.length > MAX_QUEUED) this.queue.splice(0, this.queue.length - MAX_QUEUED);
  }

  markReady(): void {
    this.ready = true;
    const queued = this.queue;
    this.queue = [];
    for (const m of queued) this.send(m);
  }

  /** the page is (re)loading: hold events until it says ready again */
  markLoading(): void {
    this.ready = false;
  }
}
