/**
 * A template's waveform on its best channels as SVG polyline points: one trace per channel, stacked top to bottom,
 * all on one µV scale (the largest absolute value fills half a row) so amplitudes compare between channels.
 */
import type { TemplateThumbnail } from '../../../app/api/hybrid-api-types.ts';

export function thumbnailLines(t: TemplateThumbnail, width: number, height: number): string[] {
  const C = t.channels.length, S = t.numSamples;
  if (C === 0 || S < 2) return [];
  let peak = 1e-9;
  for (const v of t.values) peak = Math.max(peak, Math.abs(v));
  const row = height / C;
  return t.channels.map((_, c) => {
    const mid = row * (c + 0.5);
    const pts: string[] = [];
    for (let s = 0; s < S; s++) {
      const x = (s / (S - 1)) * width, y = mid - (t.values[c * S + s] / peak) * (row / 2) * 0.95;
      pts.push(`${x.toFixed(1)},${y.toFixed(1)}`);
    }
    return pts.join(' ');
  });
}
