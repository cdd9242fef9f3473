/**
 * Thumbnails of template-database templates for the template browser: each template's waveform on the few channels
 * around its best one (largest peak-to-peak), as SpikeInterface's template widgets pick them. The templates come
 * through `queryTemplates`, which orders units by dataset (sorted) then by request order; they are mapped back to
 * the order they were asked in.
 */
import type { TemplateThumbnail } from '../../../app/api/hybrid-api-types.ts';
import { denseArray } from '../../../app/hybrid/hybrid-templates-given.ts';
import { listDatasets, type TemplateInfoRow } from '../../../app/hybrid/template-database-csv.ts';
import type { Templates } from '../../../app/hybrid/templates-object.ts';

/** The channel of largest peak-to-peak of unit u of a dense (units, samples, channels) array. */
export function bestChannel(dense: Float32Array, u: number, S: number, C: number): number {
  let best = 0, bestPtp = -1;
  for (let c = 0; c < C; c++) {
    let lo = Infinity, hi = -Infinity;
    for (let s = 0; s < S; s++) {
      const v = dense[(u * S + s) * C + c];
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    if (hi - lo > bestPtp) { bestPtp = hi - lo; best = c; }
  }
  return best;
}

/** Units of `queryTemplates(rows)` in the order of the rows (the inverse of its dataset grouping). */
export function unitOrder(rows: readonly TemplateInfoRow[]): number[] {
  const order: number[] = [];
  for (const d of listDatasets(rows)) rows.forEach((r, i) => { if (r.dataset === d) order.push(i); });
  const unitOfRow = new Array<number>(rows.length);
  order.forEach((row, unit) => { unitOfRow[row] = unit; });
  return unitOfRow;
}

export function thumbnailsOf(t: Templates, rows: readonly TemplateInfoRow[], numChannels: number): TemplateThumbnail[] {
  const dense = denseArray(t);
  const { numSamples: S, numChannels: C } = t;
  const unitOfRow = unitOrder(rows);
  return rows.map((row, i) => {
    const u = unitOfRow[i];
    const best = bestChannel(dense, u, S, C);
    const first = Math.max(0, Math.min(C - numChannels, best - Math.floor(numChannels / 2)));
    const channels = Array.from({ length: Math.min(numChannels, C) }, (_, k) => first + k);
    const values: number[] = [];
    for (const c of channels) for (let s = 0; s < S; s++) values.push(Math.round(dense[(u * S + s) * C + c] * 100) / 100);
    return { dataset: row.dataset, templateIndex: row.templateIndex, channels, numSamples: S, values };
  });
}
