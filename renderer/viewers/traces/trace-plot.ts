/**
 * A framework-free trace plot on uPlot: channels stacked with an offset (y = channel index, a trace value v µV
 * drawn at channel + v / uvPerRow), min/max columns of one recording of a decimated window, ground-truth spike
 * markers. uPlot gives the axes, the synced cursor (uPlot.sync) and drag-to-zoom; the traces themselves are
 * painted in the draw hook straight into a pixel buffer (one vertical run per column per channel), which keeps
 * 384 channels × 1,000+ columns well inside a frame. When the columns are sparser than the pixels (zoomed in to
 * single samples) each channel is a polyline instead.
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { TraceWindowMeta } from '../../../app/api/viewer-types.ts';
import { unitColor } from '../unit-colors.ts';

export interface TraceView { t0: number; t1: number; channelStart: number; channelEnd: number; uvPerRow: number }

export interface TraceMarkers { t: Float64Array; channel: Int32Array; unit: Int32Array }

export interface TracePlotOptions {
  title: string;
  height: number;
  syncKey: string;
  /** drag-selected time range (seconds) */
  onZoom?: (t0: number, t1: number) => void;
  /** the marker under the pointer (index into the markers), or -1 */
  onHover?: (marker: number, clientX: number, clientY: number) => void;
  onPick?: (marker: number) => void;
}

export interface TracePlot {
  setView(v: TraceView): void;
  /** one recording's block of a window: [channel][column][min, max] for channels meta.channelStart.. */
  setData(meta: TraceWindowMeta, block: Float32Array): void;
  setMarkers(m: TraceMarkers | null): void;
  setSize(width: number): void;
  readonly canvas: HTMLCanvasElement;
  destroy(): void;
}

const TRACE_RGBA = 0xff3b291e; // #1e293b as little-endian ABGR

export function createTracePlot(el: HTMLElement, o: TracePlotOptions): TracePlot {
  let view: TraceView = { t0: 0, t1: 1, channelStart: 0, channelEnd: 1, uvPerRow: 100 };
  let meta: TraceWindowMeta | null = null;
  let block: Float32Array = new Float32Array(0);
  let colT = new Float64Array(0);
  let markers: TraceMarkers | null = null;
  let image: ImageData | null = null;
  const off = document.createElement('canvas');

  function paintPixels(u: uPlot, m: TraceWindowMeta): void {
    const { left, top, width: W, height: H } = u.bbox;
    const w = Math.round(W), h = Math.round(H);
    if (!image || image.width !== w || image.height !== h) { image = new ImageData(w, h); off.width = w; off.height = h; }
    const px = new Uint32Array(image.data.buffer);
    px.fill(0);
    const P = m.columns;
    const xOf = (t: number) => u.valToPos(t, 'x', true) - left;
    const k = (u.valToPos(0, 'y', true) - u.valToPos(1, 'y', true)) / view.uvPerRow;
    const xs = new Int32Array(P + 1);
    for (let i = 0; i <= P; i++) xs[i] = Math.round(xOf(i < P ? colT[i] : m.endSample / m.samplingFrequency));
    for (let c = Math.max(view.channelStart, m.channelStart); c < Math.min(view.channelEnd, m.channelEnd); c++) {
      const base = u.valToPos(c, 'y', true) - top, o2 = (c - m.channelStart) * P * 2;
      let prevTop = NaN, prevBot = NaN;
      for (let i = 0; i < P; i++) {
        const lo = block[o2 + 2 * i], hi = block[o2 + 2 * i + 1];
        if (lo !== lo) { prevTop = NaN; continue; }
        let yT = Math.round(base - hi * k), yB = Math.round(base - lo * k);
        if (yB < prevTop) yB = prevTop; // join the previous column so a trace has no gaps
        if (yT > prevBot) yT = prevBot;
        prevTop = Math.round(base - hi * k); prevBot = Math.round(base - lo * k);
        const x0 = Math.max(0, xs[i]), x1 = Math.min(w, Math.max(xs[i] + 1, xs[i + 1]));
        if (x1 <= 0 || x0 >= w) continue;
        const y0 = Math.max(0, yT), y1 = Math.min(h - 1, yB);
        for (let y = y0; y <= y1; y++) { const row = y * w; for (let x = x0; x < x1; x++) px[row + x] = TRACE_RGBA; }
      }
    }
    off.getContext('2d')!.putImageData(image, 0, 0);
    u.ctx.drawImage(off, left, top);
  }

  function paintLines(u: uPlot, m: TraceWindowMeta): void {
    const ctx = u.ctx, P = m.columns;
    const k = (u.valToPos(0, 'y', true) - u.valToPos(1, 'y', true)) / view.uvPerRow;
    ctx.save();
    ctx.beginPath();
    ctx.rect(u.bbox.left, u.bbox.top, u.bbox.width, u.bbox.height);
    ctx.clip();
    ctx.strokeStyle = '#1e293b';
    ctx.lineWidth = devicePixelRatio;
    ctx.beginPath();
    for (let c = Math.max(view.channelStart, m.channelStart); c < Math.min(view.channelEnd, m.channelEnd); c++) {
      const base = u.valToPos(c, 'y', true), o2 = (c - m.channelStart) * P * 2;
      for (let i = 0; i < P; i++) {
        const x = u.valToPos(colT[i], 'x', true), v = (block[o2 + 2 * i] + block[o2 + 2 * i + 1]) / 2;
        if (i === 0) ctx.moveTo(x, base - v * k); else ctx.lineTo(x, base - v * k);
      }
    }
    ctx.stroke();
    ctx.restore();
  }

  function paintMarkers(u: uPlot): void {
    if (!markers) return;
    const ctx = u.ctx, r = 3.5 * devicePixelRatio;
    let first = '';
    ctx.save();
    ctx.beginPath();
    ctx.rect(u.bbox.left, u.bbox.top, u.bbox.width, u.bbox.height);
    ctx.clip();
    for (let i = 0; i < markers.t.length; i++) {
      const c = markers.channel[i];
      if (c < view.channelStart || c >= view.channelEnd || markers.t[i] < view.t0 || markers.t[i] > view.t1) continue;
      ctx.fillStyle = unitColor(markers.unit[i]);
      ctx.beginPath();
      ctx.arc(u.valToPos(markers.t[i], 'x', true), u.valToPos(c, 'y', true), r, 0, 2 * Math.PI);
      ctx.fill();
      first ||= `${u.valToPos(markers.t[i], 'x').toFixed(1)},${u.valToPos(c, 'y').toFixed(1)}`;
    }
    ctx.restore();
    // where the first visible marker is, relative to the plot area (tests hover it)
    el.dataset.firstMarker = first;
  }

  function draw(u: uPlot): void {
    if (meta && block.length) {
      const secondsPerColumn = (meta.endSample - meta.startSample) / meta.columns / meta.samplingFrequency;
      const pxPerColumn = (u.bbox.width * secondsPerColumn) / Math.max(1e-9, view.t1 - view.t0);
      if (pxPerColumn > 2) paintLines(u, meta);
      else paintPixels(u, meta);
    }
    paintMarkers(u);
  }

  const plot = new uPlot({
    width: Math.max(el.clientWidth, 200), height: o.height, title: o.title,
    scales: { x: { time: false, auto: false }, y: { auto: false } },
    axes: [{ label: 'time (s)' }, { label: 'channel', size: 50, incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500] }],
    series: [{}, { label: 'traces', stroke: 'transparent', points: { show: false } }],
    legend: { show: false },
    cursor: { sync: { key: o.syncKey }, drag: { x: true, y: false, setScale: false }, points: { show: false } },
    hooks: {
      draw: [draw],
      setSelect: [(u) => {
        if (u.select.width > 4) o.onZoom?.(u.posToVal(u.select.left, 'x'), u.posToVal(u.select.left + u.select.width, 'x'));
        u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
      }],
    },
  }, [[0, 1], [null, null]] as unknown as uPlot.AlignedData, el);

  function markerAt(e: MouseEvent): number {
    if (!markers) return -1;
    const rect = plot.over.getBoundingClientRect();
    const x = e.clientX - rect.left, y = e.clientY - rect.top;
    let best = -1, bestD = 49;
    for (let i = 0; i < markers.t.length; i++) {
      const c = markers.channel[i];
      if (c < view.channelStart || c >= view.channelEnd) continue;
      const dx = plot.valToPos(markers.t[i], 'x') - x, dy = plot.valToPos(c, 'y') - y;
      const d = dx * dx + dy * dy;
      if (d < bestD) { bestD = d; best = i; }
    }
    return best;
  }
  const onMove = (e: MouseEvent) => o.onHover?.(markerAt(e), e.clientX, e.clientY);
  const onLeave = () => o.onHover?.(-1, 0, 0);
  const onClick = (e: MouseEvent) => { const m = markerAt(e); if (m >= 0) o.onPick?.(m); };
  plot.over.addEventListener('mousemove', onMove);
  plot.over.addEventListener('mouseleave', onLeave);
  plot.over.addEventListener('click', onClick);

  function applyScales(): void {
    plot.batch(() => {
      plot.setScale('x', { min: view.t0, max: view.t1 });
      plot.setScale('y', { min: view.channelStart - 1, max: view.channelEnd });
    });
  }

  return {
    get canvas() { return plot.ctx.canvas; },
    setView(v) { view = v; applyScales(); },
    setData(m, b) {
      meta = m;
      block = b;
      const n = m.endSample - m.startSample;
      colT = new Float64Array(m.columns);
      for (let i = 0; i < m.columns; i++) colT[i] = (m.startSample + Math.floor((i * n) / m.columns)) / m.samplingFrequency;
      plot.redraw(false, false);
    },
    setMarkers(m) { markers = m; plot.redraw(false, false); },
    setSize(width) { plot.setSize({ width: Math.max(width, 200), height: o.height }); applyScales(); },
    destroy() {
      plot.over.removeEventListener('mousemove', onMove);
      plot.over.removeEventListener('mouseleave', onLeave);
      plot.over.removeEventListener('click', onClick);
      plot.destroy();
    },
  };
}
