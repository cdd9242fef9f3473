/**
 * A unit's template drawn on the probe layout: the probe contour, every contact, the unit locations (the chosen
 * one ringed), and the waveform of each shown channel drawn at its contact's position — at rest and at chosen
 * displacement steps overlaid. Every unit dot carries `data-unit`, so the view built from this SVG selects a unit
 * on click (event delegation) and the report shows the same drawing.
 */
import type { TemplatesMeta, UnitsQc } from '../api/viewer-types.ts';
import { esc, extent, svgDocument, unitColor } from './svg.ts';

const STEP_COLORS = ['#111827', '#dc2626', '#2563eb', '#16a34a', '#9333ea', '#ea580c'];

export function templateFigureSvg(u: UnitsQc, t: TemplatesMeta | null, data: Float32Array | null, o: { width?: number; height?: number; selected?: number | null } = {}): string {
  const width = o.width ?? 520, height = o.height ?? 640;
  const ch = u.channelLocations;
  const [x0, x1] = extent([...ch.filter((_, i) => i % 2 === 0), ...u.units.map((v) => v.x), ...u.contour.filter((_, i) => i % 2 === 0)]);
  // zoom on the unit's channels when a template is shown, else the whole probe
  let [y0, y1] = extent([...ch.filter((_, i) => i % 2 === 1), ...u.units.map((v) => v.y)]);
  if (t && t.channels.length) {
    const ys = t.channels.map((c) => ch[2 * c + 1]);
    y0 = Math.min(...ys) - 40; y1 = Math.max(...ys) + 40;
  }
  const pad = 30, top = 24;
  const k = Math.min((width - 2 * pad) / (x1 - x0 + 60), (height - pad - top) / (y1 - y0 || 1));
  const sx = (x: number) => pad + (x - x0 + 30) * k, sy = (y: number) => height - pad - (y - y0) * k;
  const parts: string[] = [];
  if (u.contour.length) {
    parts.push(`<polygon points="${u.contour.reduce((s, v, i) => s + (i % 2 ? `${sy(v).toFixed(1)} ` : `${sx(v).toFixed(1)},`), '')}" fill="#f1f5f9" stroke="#94a3b8"/>`);
  }
  const r = Math.max(1.5, u.contactRadiusUm * k);
  for (let c = 0; c < ch.length / 2; c++) parts.push(`<rect x="${(sx(ch[2 * c]) - r).toFixed(1)}" y="${(sy(ch[2 * c + 1]) - r).toFixed(1)}" width="${(2 * r).toFixed(1)}" height="${(2 * r).toFixed(1)}" fill="#e2e8f0" stroke="#cbd5e1"/>`);
  if (t && data) {
    const S = t.numSamples, K = t.channels.length;
    let peak = 1e-9;
    for (const v of data) peak = Math.max(peak, Math.abs(v));
    // a waveform spans about one contact pitch horizontally and 60 µm vertically at its peak
    const wx = Math.max(16, 14 * k * 2) / S, wy = (30 * k) / peak;
    t.steps.forEach((_, i) => {
      let d = '';
      t.channels.forEach((c, kk) => {
        const cx = sx(ch[2 * c]) - (S * wx) / 2, cy = sy(ch[2 * c + 1]);
        for (let s = 0; s < S; s++) d += `${s ? 'L' : 'M'}${(cx + s * wx).toFixed(1)} ${(cy - data[(i * K + kk) * S + s] * wy).toFixed(1)}`;
      });
      parts.push(`<path d="${d}" fill="none" stroke="${STEP_COLORS[i % STEP_COLORS.length]}" stroke-width="1.1" opacity="0.9"/>`);
      const dy = t.displacements[2 * i + 1];
      parts.push(`<text x="${width - 8}" y="${top + 14 + i * 14}" text-anchor="end" fill="${STEP_COLORS[i % STEP_COLORS.length]}">step ${t.steps[i]} (dy ${dy.toFixed(1)} µm)</text>`);
    });
  }
  for (const v of u.units) {
    if (sy(v.y) < top - 10 || sy(v.y) > height) continue;
    const sel = v.index === (o.selected ?? t?.unit);
    parts.push(`<circle data-unit="${v.index}" cx="${sx(v.x).toFixed(1)}" cy="${sy(v.y).toFixed(1)}" r="${sel ? 6 : 4}" fill="${unitColor(v.index)}" stroke="${sel ? '#000' : '#fff'}" stroke-width="${sel ? 2 : 1}" style="cursor:pointer"><title>unit ${esc(v.id)} (${v.x.toFixed(1)}, ${v.y.toFixed(1)}) µm, ${v.amplitudeUv.toFixed(0)} µV</title></circle>`);
  }
  const title = t ? `Unit ${t.unit} template on the probe` : 'Units on the probe';
  return svgDocument(width, height, parts.join(''), title);
}
