/**
 * Tiny SVG toolkit of the figures (report.html and the views' "export SVG"): a frame with axes and ticks, linear
 * scales, number formatting, colours. Pure string building: no DOM, so figures are drawn server-side too.
 */

export interface Frame { width: number; height: number; left: number; right: number; top: number; bottom: number }

export const UNIT_COLORS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];

export const unitColor = (u: number): string => UNIT_COLORS[u % UNIT_COLORS.length];

export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export const fmt = (v: number): string => (Math.abs(v) >= 100 || Number.isInteger(v) ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(1) : v.toPrecision(2));

export function scale(d0: number, d1: number, r0: number, r1: number): (v: number) => number {
  const k = d1 === d0 ? 0 : (r1 - r0) / (d1 - d0);
  return (v) => r0 + (v - d0) * k;
}

/** About n round tick values covering [a, b]. */
export function ticks(a: number, b: number, n = 5): number[] {
  if (!(b > a)) return [a];
  const step0 = (b - a) / n;
  const mag = 10 ** Math.floor(Math.log10(step0));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= step0) ?? step0;
  const out: number[] = [];
  for (let v = Math.ceil(a / step) * step; v <= b + step * 1e-9; v += step) out.push(+v.toPrecision(12));
  return out;
}

export function extent(values: Iterable<number>): [number, number] {
  let lo = Infinity, hi = -Infinity;
  for (const v of values) if (Number.isFinite(v)) { if (v < lo) lo = v; if (v > hi) hi = v; }
  if (lo === Infinity) return [0, 1];
  if (lo === hi) return [lo - 1, hi + 1];
  return [lo, hi];
}

export function svgDocument(width: number, height: number, body: string, title = ''): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`
    + `<rect width="${width}" height="${height}" fill="#ffffff"/>${title ? `<text x="${width / 2}" y="14" text-anchor="middle" font-size="13" font-weight="bold">${esc(title)}</text>` : ''}${body}</svg>`;
}

/** Axes with ticks and labels around the plot area of `f` for the domains [x0, x1] × [y0, y1]. */
export function axes(f: Frame, x: [number, number], y: [number, number], xlabel: string, ylabel: string): string {
  const sx = scale(x[0], x[1], f.left, f.width - f.right), sy = scale(y[0], y[1], f.height - f.bottom, f.top);
  const parts = [`<rect x="${f.left}" y="${f.top}" width="${f.width - f.left - f.right}" height="${f.height - f.top - f.bottom}" fill="none" stroke="#999"/>`];
  for (const t of ticks(x[0], x[1])) parts.push(`<line x1="${sx(t)}" x2="${sx(t)}" y1="${f.height - f.bottom}" y2="${f.height - f.bottom + 4}" stroke="#666"/><text x="${sx(t)}" y="${f.height - f.bottom + 15}" text-anchor="middle">${fmt(t)}</text>`);
  for (const t of ticks(y[0], y[1])) parts.push(`<line x1="${f.left - 4}" x2="${f.left}" y1="${sy(t)}" y2="${sy(t)}" stroke="#666"/><text x="${f.left - 6}" y="${sy(t) + 4}" text-anchor="end">${fmt(t)}</text>`);
  parts.push(`<text x="${(f.left + f.width - f.right) / 2}" y="${f.height - 4}" text-anchor="middle">${esc(xlabel)}</text>`);
  parts.push(`<text transform="translate(${f.left - 42} ${(f.top + f.height - f.bottom) / 2}) rotate(-90)" text-anchor="middle">${esc(ylabel)}</text>`);
  return parts.join('');
}

/** A polyline path "M x y L x y ..." of points (NaN points break the line). */
export function pathOf(xs: ArrayLike<number>, ys: ArrayLike<number>, sx: (v: number) => number, sy: (v: number) => number): string {
  let d = '', pen = false;
  for (let i = 0; i < xs.length; i++) {
    if (!Number.isFinite(ys[i])) { pen = false; continue; }
    d += `${pen ? 'L' : 'M'}${sx(xs[i]).toFixed(1)} ${sy(ys[i]).toFixed(1)}`;
    pen = true;
  }
  return d;
}

/** A perceptual-ish blue → yellow ramp (viridis endpoints) for t in [0, 1]. */
export function ramp(t: number): string {
  const stops = [[68, 1, 84], [59, 82, 139], [33, 145, 140], [94, 201, 98], [253, 231, 37]];
  const x = Math.max(0, Math.min(1, t)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x)), f = x - i;
  const c = stops[i].map((v, k) => Math.round(v + (stops[i + 1][k] - v) * f));
  return `rgb(${c[0]},${c[1]},${c[2]})`;
}
