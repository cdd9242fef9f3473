/** The displacement curves (each motion, their sum, chosen units) as an SVG line figure. */
import type { DriftQc } from '../api/viewer-types.ts';
import { axes, esc, extent, pathOf, scale, svgDocument, unitColor, type Frame } from './svg.ts';

export function driftFigureSvg(d: DriftQc, width = 720, height = 280): string {
  const f: Frame = { width, height, left: 56, right: 120, top: 24, bottom: 36 };
  const series = [
    ...d.motions.map((m, i) => ({ label: m.label, y: m.dy, color: ['#94a3b8', '#64748b', '#cbd5e1'][i % 3], w: 1.2 })),
    { label: 'sum of motions', y: d.sum, color: '#111827', w: 2 },
    ...d.units.map((u) => ({ label: `unit ${u.index}`, y: u.dy, color: unitColor(u.index), w: 1.5 })),
  ];
  const x = extent(d.times), y = extent(series.flatMap((s) => s.y));
  const sx = scale(x[0], x[1], f.left, width - f.right), sy = scale(y[0], y[1], height - f.bottom, f.top);
  const lines = series.map((s) => `<path d="${pathOf(d.times, s.y, sx, sy)}" fill="none" stroke="${s.color}" stroke-width="${s.w}"/>`);
  const legend = series.map((s, i) => `<line x1="${width - f.right + 8}" x2="${width - f.right + 24}" y1="${f.top + 8 + i * 14}" y2="${f.top + 8 + i * 14}" stroke="${s.color}" stroke-width="2"/><text x="${width - f.right + 28}" y="${f.top + 12 + i * 14}">${esc(s.label)}</text>`);
  return svgDocument(width, height, axes(f, x, y, 'time (s)', 'displacement y (µm)') + lines.join('') + legend.join(''), 'Displacement over time');
}
