/**
 * Timings of the trace viewer, exposed on `window.__spikegenViewerStats` for the e2e tests and the viewer
 * benchmark (bench/viewer.bench.ts): when each window was asked for and when it was drawn.
 */
import type { TraceWindowMeta } from '../../../app/api/viewer-types.ts';

export interface ViewerStats {
  requested: number;
  drawn: { askedAt: number; drawnAt: number; ms: number; receivedMs: number; arrivedMs?: { traces: number; spikes: number }; start: number; end: number; channels: number; columns: number; serverMs: number }[];
  /** the last few thousand plot paints (ms of JavaScript in uPlot's draw hook), full paints and blits alike */
  paints: number[];
}

declare global {
  interface Window { __spikegenViewerStats?: ViewerStats }
}

function stats(): ViewerStats {
  return (window.__spikegenViewerStats ??= { requested: 0, drawn: [], paints: [] });
}

export function recordWindowRequested(): void {
  stats().requested++;
}

export function recordPaint(ms: number): void {
  const p = stats().paints;
  p.push(ms);
  if (p.length > 5000) p.splice(0, p.length - 5000);
}

/**
 * Called when both plots have painted a window (in an animation frame); it counts as drawn at the next animation
 * frame, once the painted one is on screen. `receivedAt`: when its bytes and markers had arrived.
 */
export function recordWindowDrawn(askedAt: number, m: TraceWindowMeta, receivedAt: number, arrivedMs?: { traces: number; spikes: number }): void {
  const s = stats();
  requestAnimationFrame(() => {
    const drawnAt = performance.now();
    s.drawn.push({ askedAt, drawnAt, ms: drawnAt - askedAt, receivedMs: receivedAt - askedAt, arrivedMs, start: m.startSample, end: m.endSample, channels: m.channelEnd - m.channelStart, columns: m.columns, serverMs: m.elapsedMs });
    if (s.drawn.length > 1000) s.drawn.splice(0, s.drawn.length - 1000);
  });
}
