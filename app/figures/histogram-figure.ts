/** Distribution of a per-unit value (template amplitude, depth) as an SVG histogram; the chosen unit's bin is marked. */
import { axes, extent, scale, svgDocument, type Frame } from './svg.ts';

export function histogramSvg(values: readonly number[], o: { title: string; xlabel: string; bins?: number; width?: number; height?: number; mark?: number | null }): string {
  const width = o.width ?? 360, height = o.height ?? 220, bins = o.bins ?? 20;
  const f: Frame = { width, height, left: 52, right: 12, top: 26, bottom: 36 };
  const [a, b] = extent(values);
  const counts = new Array<number>(bins).fill(0);
  for (const v of values) counts[Math.min(bins - 1, Math.floor(((v - a) / (b - a)) * bins))]++;
  const top = Math.max(1, ...counts);
  const sx = scale(a, b, f.left, width - f.right), sy = scale(0, top, height - f.bottom, f.top);
  const w = (b - a) / bins;
  const bars = counts.map((c, i) => `<rect x="${sx(a + i * w).toFixed(1)}" y="${sy(c).toFixed(1)}" width="${Math.max(0.5, sx(a + w) - sx(a) - 1).toFixed(1)}" height="${(sy(0) - sy(c)).toFixed(1)}" fill="#60a5fa"/>`);
  const mark = o.mark != null && Number.isFinite(o.mark) ? `<line x1="${sx(o.mark)}" x2="${sx(o.mark)}" y1="${f.top}" y2="${height - f.bottom}" stroke="#dc2626" stroke-width="2"/>` : '';
  return svgDocument(width, height, axes(f, [a, b], [0, top], o.xlabel, 'units') + bars.join('') + mark, o.title);
}
