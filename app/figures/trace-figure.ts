/**
 * A decimated trace window (min/max per column, layout of TraceWindowMeta) as SVG: channels stacked with an
 * offset, one panel per recording, ground-truth spikes marked on their channels in their unit's colour.
 */
import type { SpikeMarkers, TraceWindowMeta } from '../api/viewer-types.ts';
import { axes, scale, svgDocument, unitColor, type Frame } from './svg.ts';

export function traceFigureSvg(meta: TraceWindowMeta, data: Float32Array, spikes: SpikeMarkers | null, o: { uvPerRow: number; width?: number; height?: number }): string {
  const R = meta.recordings.length, C = meta.channelEnd - meta.channelStart, P = meta.columns;
  const width = o.width ?? 900, height = o.height ?? 420;
  const n = meta.endSample - meta.startSample, fs = meta.samplingFrequency;
  const t0 = meta.startSample / fs, t1 = meta.endSample / fs;
  const parts: string[] = [];
  for (let r = 0; r < R; r++) {
    const pw = width / R;
    const f: Frame = { width: pw * (r + 1), height, left: pw * r + 56, right: 10, top: 28, bottom: 36 };
    const sx = scale(t0, t1, f.left, f.width - f.right), sy = scale(meta.channelStart - 1, meta.channelEnd, height - f.bottom, f.top);
    const rowPx = sy(0) - sy(1);
    parts.push(axes(f, [t0, t1], [meta.channelStart - 1, meta.channelEnd], 'time (s)', 'channel'));
    parts.push(`<text x="${(f.left + f.width - f.right) / 2}" y="22" text-anchor="middle" font-weight="bold">${meta.recordings[r]}</text>`);
    let d = '';
    for (let c = 0; c < C; c++) {
      const base = sy(meta.channelStart + c), off = ((r * C + c) * P) * 2;
      for (let i = 0; i < P; i++) {
        const x = sx((meta.startSample + Math.floor((i * n) / P)) / fs).toFixed(1);
        const lo = data[off + 2 * i], hi = data[off + 2 * i + 1];
        if (!Number.isFinite(lo)) continue;
        d += `M${x} ${(base - (hi / o.uvPerRow) * rowPx).toFixed(1)}V${(base - (lo / o.uvPerRow) * rowPx).toFixed(1)}`;
        if (P < 400 && i + 1 < P) d += `L${sx((meta.startSample + Math.floor(((i + 1) * n) / P)) / fs).toFixed(1)} ${(base - (data[off + 2 * i + 2] / o.uvPerRow) * rowPx).toFixed(1)}`;
      }
    }
    parts.push(`<path d="${d}" fill="none" stroke="#1e293b" stroke-width="0.7"/>`);
    if (spikes) {
      const chans = meta.recordings[r] === 'static' ? spikes.staticChannel : spikes.driftingChannel;
      spikes.sampleIndex.forEach((s, i) => {
        const c = chans[i];
        if (c < meta.channelStart || c >= meta.channelEnd) return;
        parts.push(`<circle cx="${sx(s / fs).toFixed(1)}" cy="${sy(c).toFixed(1)}" r="3" fill="${unitColor(spikes.unitIndex[i])}" opacity="0.8"/>`);
      });
    }
  }
  return svgDocument(width, height, parts.join(''));
}
