/**
 * Timings of the trace viewer, exposed on `window.__spikegenViewerStats` for the e2e tests and the viewer
 * benchmark (bench/viewer.bench.ts): when each window was asked for and when it was drawn.
 */
import type { TraceWindowMeta } from '../../../app/api/viewer-types.ts';

export interface ViewerStats {
  requested: number;
  drawn: { askedAt: number; drawnAt: number; ms: number; start: number; end: number; channels: number; columns: number; serverMs: number }[];
}

declare global {
  interface Window { __spikegenViewerStats?: ViewerStats }
}

function stats(): ViewerStats {
  return (window.__spikegenViewerStats ??= { requested: 0, drawn: [] });
}

export function recordWindowRequested(): void {
  stats().requested++;
}

export function recordWindowDrawn(askedAt: number, m: TraceWindowMeta): void {
  const s = stats();
  // the plot paints in uPlot's next commit; the next animation frame comes after it
  requestAnimationFrame(() => {
    const drawnAt = performance.now();
    s.drawn.push({ askedAt, drawnAt, ms: drawnAt - askedAt, start: m.startSample, end: m.endSample, channels: m.channelEnd - m.channelStart, columns: m.columns, serverMs: m.elapsedMs });
    if (s.drawn.length > 1000) s.drawn.splice(0, s.drawn.length - 1000);
  });
}
