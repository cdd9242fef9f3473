/**
 * A framework-free drift raster on uPlot: spikes as dots at (time, depth) coloured by amplitude (blue → yellow),
 * painted in the draw hook (hundreds of thousands of dots stay fast as fillRect). Cursors of the static and
 * drifting rasters are synced; a click reports the nearest spike.
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface RasterData { time: Float32Array; depth: Float32Array; amplitude: Float32Array; unit: Float32Array; ampRange: [number, number] }

export interface RasterPlot {
  setData(d: RasterData, selectedUnit: number | null): void;
  setSize(width: number): void;
  readonly canvas: HTMLCanvasElement;
  destroy(): void;
}

const STOPS = [[68, 1, 84], [59, 82, 139], [33, 145, 140], [94, 201, 98], [253, 231, 37]];
const PALETTE = Array.from({ length: 64 }, (_, i) => {
  const x = (i / 63) * (STOPS.length - 1), k = Math.min(STOPS.length - 2, Math.floor(x)), f = x - k;
  const c = STOPS[k].map((v, j) => Math.round(v + (STOPS[k + 1][j] - v) * f));
  return `rgb(${c[0]},${c[1]},${c[2]})`;
});

export function createRasterPlot(el: HTMLElement, o: { title: string; height: number; syncKey: string; yRange: [number, number]; xRange: [number, number]; onPick?: (unit: number) => void }): RasterPlot {
  let data: RasterData | null = null;
  let selected: number | null = null;

  function draw(u: uPlot): void {
    if (!data) return;
    const ctx = u.ctx, { left, top, width, height } = u.bbox;
    const [a0, a1] = data.ampRange;
    const s = Math.max(1, Math.round(devicePixelRatio * 1.5));
    const xk = width / (o.xRange[1] - o.xRange[0]), yk = height / (o.yRange[1] - o.yRange[0]);
    ctx.save();
    // bucket by colour: one fillStyle change per colour, not per dot
    const buckets: number[][] = PALETTE.map(() => []);
    for (let i = 0; i < data.time.length; i++) {
      const c = Math.max(0, Math.min(63, Math.round(((data.amplitude[i] - a0) / (a1 - a0 || 1)) * 63)));
      buckets[c].push(i);
    }
    buckets.forEach((idx, c) => {
      ctx.fillStyle = PALETTE[c];
      for (const i of idx) ctx.fillRect(left + (data!.time[i] - o.xRange[0]) * xk, top + height - (data!.depth[i] - o.yRange[0]) * yk, s, s);
    });
    if (selected !== null) {
      ctx.fillStyle = '#dc2626';
      for (let i = 0; i < data.time.length; i++) if (data.unit[i] === selected) ctx.fillRect(left + (data.time[i] - o.xRange[0]) * xk - s, top + height - (data.depth[i] - o.yRange[0]) * yk - s, 3 * s, 3 * s);
    }
    ctx.restore();
  }

  const plot = new uPlot({
    width: Math.max(el.clientWidth, 200), height: o.height, title: o.title,
    scales: { x: { time: false, auto: false, range: () => o.xRange }, y: { auto: false, range: () => o.yRange } },
    axes: [{ label: 'time (s)' }, { label: 'depth (µm)', size: 56 }],
    series: [{}, { stroke: 'transparent', points: { show: false } }],
    legend: { show: false },
    cursor: { sync: { key: o.syncKey }, drag: { x: false, y: false }, points: { show: false } },
    hooks: { draw: [draw] },
  }, [[o.xRange[0], o.xRange[1]], [null, null]] as unknown as uPlot.AlignedData, el);

  const onClick = (e: MouseEvent) => {
    if (!data) return;
    const r = plot.over.getBoundingClientRect();
    const t = plot.posToVal(e.clientX - r.left, 'x'), y = plot.posToVal(e.clientY - r.top, 'y');
    const tx = (o.xRange[1] - o.xRange[0]) / r.width, ty = (o.yRange[1] - o.yRange[0]) / r.height;
    let best = -1, bestD = 64;
    for (let i = 0; i < data.time.length; i++) {
      const d = ((data.time[i] - t) / tx) ** 2 + ((data.depth[i] - y) / ty) ** 2;
      if (d < bestD) { bestD = d; best = i; }
    }
    if (best >= 0) o.onPick?.(data.unit[best]);
  };
  plot.over.addEventListener('click', onClick);

  return {
    get canvas() { return plot.ctx.canvas; },
    setData(d, sel) { data = d; selected = sel; plot.redraw(false, false); },
    setSize(width) { plot.setSize({ width: Math.max(width, 200), height: o.height }); },
    destroy() { plot.over.removeEventListener('click', onClick); plot.destroy(); },
  };
}
