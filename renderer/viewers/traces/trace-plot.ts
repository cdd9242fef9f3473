/**
 * A framework-free trace plot on uPlot: channels stacked with an offset (y = channel index, a trace value v µV
 * drawn at channel + v / uvPerRow), min/max columns of one recording of a decimated window, ground-truth spike
 * markers. uPlot gives the axes, the synced cursor (uPlot.sync) and drag-to-zoom; the traces themselves are
 * painted in the draw hook straight into a pixel buffer (one vertical run per column per channel), which keeps
 * 384 channels × 1,000+ columns well inside a frame. When the columns are sparser than the pixels (zoomed in to
 * single samples) each channel is a polyline instead.
 *
 * Frames: every change (view, window, markers) only marks the plot dirty; one requestAnimationFrame callback
 * applies them all in a single uPlot commit, so a window arriving with its markers costs one paint, not two,
 * and wheel events faster than the display refresh cost one paint per frame. In pixel mode the markers are
 * stamped into the same pixel buffer as the traces (no canvas path per marker); buffers are reused.
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { TraceWindowMeta } from '../../../app/api/viewer-types.ts';
import { unitColor } from '../unit-colors.ts';
import { recordPaint } from './viewer-stats.ts';

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
  /** a window and its markers together: one paint */
  setWindow(meta: TraceWindowMeta, block: Float32Array, m: TraceMarkers | null, onPainted?: () => void): void;
  setSize(width: number): void;
  readonly canvas: HTMLCanvasElement;
  destroy(): void;
}

/**
 * The animation frame being painted (its rAF timestamp) and the last one in which some plot rasterized a window.
 * The two plots of a viewer (static, drifting) get their new windows in the same message. While the user
 * scrolls, rasterizing both in the frame that also scrolls overran it, so the second waits for the next frame
 * (16 ms), showing its previous raster shifted meanwhile; a window that arrives while the view stands still
 * (a jump, a zoom) is painted in both plots at once.
 */
let frameNow = -1;
let rasterFrame = -2;

const TRACE_RGBA = 0xff3b291e; // #1e293b as little-endian ABGR

/** '#rrggbb' → opaque little-endian ABGR (a pixel of a Uint32Array view of ImageData) */
function abgr(css: string): number {
  const n = parseInt(css.slice(1), 16);
  return (0xff000000 | ((n & 0xff) << 16) | (n & 0xff00) | ((n >> 16) & 0xff)) >>> 0;
}
const unitAbgr = new Map<number, number>();
function unitPixel(u: number): number {
  let c = unitAbgr.get(u);
  if (c === undefined) { c = abgr(unitColor(u)); unitAbgr.set(u, c); }
  return c;
}
/** the disc of a marker (radius 3.5 px): per row dy = -3..3, the half width */
const DISC = [1, 2, 3, 3, 3, 2, 1];

export function createTracePlot(el: HTMLElement, o: TracePlotOptions): TracePlot {
  let view: TraceView = { t0: 0, t1: 1, channelStart: 0, channelEnd: 1, uvPerRow: 100 };
  let meta: TraceWindowMeta | null = null;
  let block: Float32Array = new Float32Array(0);
  let colT = new Float64Array(0);
  let markers: TraceMarkers | null = null;
  let image: ImageData | null = null;
  let px = new Uint32Array(0);
  let xs = new Int32Array(0);
  const off = document.createElement('canvas');
  const offCtx = off.getContext('2d')!;
  let raf = 0;
  let destroyed = false;

  /**
   * The pixel-mode image of the current window and markers, as painted for the view it was made in. While the
   * user scrolls or zooms, frames only blit it shifted and scaled to the new view (a GPU copy, well under a
   * millisecond); it is painted again when a window or markers arrive, or the rows (channels, gain) or the size
   * change. So a frame costs a full paint only when there is something new to paint.
   */
  let raster: { version: number; t0: number; xk: number; rows: string; w: number; h: number } | null = null;
  /** bumped by every new window or markers: the raster is stale */
  let version = 0;

  function paintPixels(u: uPlot, m: TraceWindowMeta): void {
    const { left, top, width: W, height: H } = u.bbox;
    const w = Math.round(W), h = Math.round(H);
    if (w <= 0 || h <= 0) return;
    const sx = u.scales.x, sy = u.scales.y;
    const x0v = sx.min ?? 0, xk = W / ((sx.max ?? 1) - x0v);
    const rows = `${sy.min},${sy.max},${view.channelStart},${view.channelEnd},${view.uvPerRow}`;
    const stale = !raster || raster.version !== version || raster.rows !== rows || raster.w !== w || raster.h !== h;
    const deferred = stale && scrolling && raster !== null && raster.w === w && raster.h === h && rasterFrame === frameNow;
    if (deferred) schedule(); // another plot rasterized in this frame: this one's turn is the next frame
    if (stale && !deferred) {
      rasterFrame = frameNow;
      rasterize(u, m, w, h, x0v, xk);
      raster = { version, t0: x0v, xk, rows, w, h };
      painted();
      u.ctx.drawImage(off, left, top);
      return;
    }
    // the raster maps t to (t - raster.t0) * raster.xk; this view maps it to (t - x0v) * xk
    const ctx = u.ctx;
    ctx.save();
    ctx.beginPath();
    ctx.rect(left, top, W, H);
    ctx.clip();
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(off, 0, 0, w, h, left + (raster.t0 - x0v) * xk, top, w * (xk / raster.xk), h);
    ctx.restore();
  }

  function rasterize(u: uPlot, m: TraceWindowMeta, w: number, h: number, x0v: number, xk: number): void {
    const H = u.bbox.height;
    if (!image || image.width !== w || image.height !== h) { image = new ImageData(w, h); off.width = w; off.height = h; px = new Uint32Array(image.data.buffer); }
    px.fill(0);
    const P = m.columns;
    // value → pixel by hand (linear scales): a uPlot call per column and channel costs more than the painting
    const sy = u.scales.y;
    const y0v = sy.min ?? 0, yk = H / ((sy.max ?? 1) - y0v);
    const k = yk / view.uvPerRow;
    if (xs.length < P + 1) xs = new Int32Array(P + 1);
    for (let i = 0; i <= P; i++) xs[i] = Math.round(((i < P ? colT[i] : m.endSample / m.samplingFrequency) - x0v) * xk);
    for (let c = Math.max(view.channelStart, m.channelStart); c < Math.min(view.channelEnd, m.channelEnd); c++) {
      const base = H - (c - y0v) * yk, o2 = (c - m.channelStart) * P * 2;
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
    if (markers) stampMarkers(w, h, H, x0v, xk, y0v, yk);
    offCtx.putImageData(image, 0, 0);
  }

  /** markers as discs in the pixel buffer, in the traces' coordinates (plot area, device pixels) */
  function stampMarkers(w: number, h: number, H: number, x0v: number, xk: number, y0v: number, yk: number): void {
    const mk = markers!;
    let first = '';
    const dpr = devicePixelRatio || 1;
    for (let i = 0; i < mk.t.length; i++) {
      const c = mk.channel[i], t = mk.t[i];
      if (c < view.channelStart || c >= view.channelEnd || t < view.t0 || t > view.t1) continue;
      const cx = Math.round((t - x0v) * xk), cy = Math.round(H - (c - y0v) * yk);
      const color = unitPixel(mk.unit[i]);
      for (let dy = -3; dy <= 3; dy++) {
        const y = cy + dy;
        if (y < 0 || y >= h) continue;
        const half = DISC[dy + 3], row = y * w;
        for (let x = Math.max(0, cx - half), x1 = Math.min(w - 1, cx + half); x <= x1; x++) px[row + x] = color;
      }
      first ||= `${(cx / dpr).toFixed(1)},${(cy / dpr).toFixed(1)}`;
    }
    // where the first visible marker is, relative to the plot area (tests hover it)
    el.dataset.firstMarker = first;
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

  /** markers as canvas discs, one path per colour (line mode, or no window yet) */
  function paintMarkers(u: uPlot): void {
    if (!markers) return;
    const ctx = u.ctx, r = 3.5 * devicePixelRatio;
    let first = '';
    ctx.save();
    ctx.beginPath();
    ctx.rect(u.bbox.left, u.bbox.top, u.bbox.width, u.bbox.height);
    ctx.clip();
    const byColor = new Map<string, number[]>();
    for (let i = 0; i < markers.t.length; i++) {
      const c = markers.channel[i];
      if (c < view.channelStart || c >= view.channelEnd || markers.t[i] < view.t0 || markers.t[i] > view.t1) continue;
      const col = unitColor(markers.unit[i]);
      let list = byColor.get(col);
      if (!list) byColor.set(col, (list = []));
      list.push(i);
      first ||= `${u.valToPos(markers.t[i], 'x').toFixed(1)},${u.valToPos(c, 'y').toFixed(1)}`;
    }
    for (const [col, list] of byColor) {
      ctx.fillStyle = col;
      ctx.beginPath();
      for (const i of list) {
        const x = u.valToPos(markers.t[i], 'x', true), y = u.valToPos(markers.channel[i], 'y', true);
        ctx.moveTo(x + r, y);
        ctx.arc(x, y, r, 0, 2 * Math.PI);
      }
      ctx.fill();
    }
    ctx.restore();
    // where the first visible marker is, relative to the plot area (tests hover it)
    el.dataset.firstMarker = first;
  }

  function draw(u: uPlot): void {
    const t = performance.now();
    paint(u);
    scrolling = false;
    recordPaint(performance.now() - t);
  }

  /** the view changed since the last paint (the user is scrolling or zooming) */
  let scrolling = false;
  /** called once the window given with it is painted (the viewer's "window drawn" timing) */
  let onPainted: (() => void) | null = null;
  function painted(): void {
    const f = onPainted;
    onPainted = null;
    f?.();
  }

  function paint(u: uPlot): void {
    if (meta && block.length) {
      const secondsPerColumn = (meta.endSample - meta.startSample) / meta.columns / meta.samplingFrequency;
      const pxPerColumn = (u.bbox.width * secondsPerColumn) / Math.max(1e-9, view.t1 - view.t0);
      if (pxPerColumn > 2) { paintLines(u, meta); paintMarkers(u); painted(); } else paintPixels(u, meta);
    } else paintMarkers(u);
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
      plot.redraw(false, false);
    });
  }

  /** one paint on the next frame for everything changed since the last one */
  function schedule(): void {
    if (!raf && !destroyed) raf = requestAnimationFrame((now) => { raf = 0; frameNow = now; if (!destroyed) applyScales(); });
  }

  function takeData(m: TraceWindowMeta, b: Float32Array): void {
    meta = m;
    block = b;
    const n = m.endSample - m.startSample;
    if (colT.length !== m.columns) colT = new Float64Array(m.columns);
    for (let i = 0; i < m.columns; i++) colT[i] = (m.startSample + Math.floor((i * n) / m.columns)) / m.samplingFrequency;
  }

  return {
    get canvas() { return plot.ctx.canvas; },
    setView(v) { view = v; scrolling = true; schedule(); },
    setData(m, b) { takeData(m, b); version++; schedule(); },
    setMarkers(m) { markers = m; version++; schedule(); },
    setWindow(m, b, mk, done) { takeData(m, b); markers = mk; version++; onPainted = done ?? null; schedule(); },
    setSize(width) { plot.setSize({ width: Math.max(width, 200), height: o.height }); applyScales(); },
    destroy() {
      destroyed = true;
      if (raf) cancelAnimationFrame(raf);
      raf = 0;
      image = null;
      raster = null;
      px = new Uint32Array(0);
      off.width = off.height = 0;
      plot.over.removeEventListener('mousemove', onMove);
      plot.over.removeEventListener('mouseleave', onLeave);
      plot.over.removeEventListener('click', onClick);
      plot.destroy();
    },
  };
}
