/**
 * The drift raster (time × depth, colour by amplitude) of the static and the drifting recording side by side, as
 * SVG. Points are thinned to at most `maxPoints` per panel so the file stays small.
 */
import type { RasterMeta } from '../api/viewer-types.ts';
import { axes, extent, ramp, scale, svgDocument, type Frame } from './svg.ts';

export function rasterFigureSvg(meta: RasterMeta, data: Float32Array, width = 900, height = 320, maxPoints = 6000): string {
  const n = meta.numSpikes;
  const time = data.subarray(0, n), st = data.subarray(n, 2 * n), dr = data.subarray(2 * n, 3 * n), amp = data.subarray(3 * n, 4 * n);
  const x = extent(time), y = extent([...extent(st), ...extent(dr)]);
  const [a0, a1] = extent(amp);
  const step = Math.max(1, Math.ceil(n / maxPoints));
  const panel = (depth: Float32Array, left: number, label: string) => {
    const f: Frame = { width: left + width / 2, height, left: left + 56, right: 12, top: 28, bottom: 36 };
    const sx = scale(x[0], x[1], f.left, f.width - f.right), sy = scale(y[0], y[1], height - f.bottom, f.top);
    let dots = '';
    for (let i = 0; i < n; i += step) dots += `<circle cx="${sx(time[i]).toFixed(1)}" cy="${sy(depth[i]).toFixed(1)}" r="1.3" fill="${ramp((amp[i] - a0) / (a1 - a0 || 1))}"/>`;
    return axes(f, x, y, 'time (s)', 'depth (µm)') + dots + `<text x="${(f.left + f.width - f.right) / 2}" y="22" text-anchor="middle" font-weight="bold">${label}</text>`;
  };
  return svgDocument(width, height, panel(st, 0, 'static (depth = unit y)') + panel(dr, width / 2, 'drifting (unit y + displacement)'));
}
