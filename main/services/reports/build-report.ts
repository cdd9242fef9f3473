/**
 * Gathers a dataset's report (app/figures/report-html.ts): the figures are drawn by the pure SVG functions of
 * app/figures from the dataset's own files — ground truth arrays, and a short window of both recordings read and
 * decimated here (a few MB, no worker needed) — so the CLI and the app write the same file, without a browser.
 */
import { closeSync, openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RecordingName, TraceWindowMeta } from '../../../app/api/viewer-types.ts';
import { driftFigureSvg } from '../../../app/figures/drift-figure.ts';
import { histogramSvg } from '../../../app/figures/histogram-figure.ts';
import { rasterFigureSvg } from '../../../app/figures/raster-figure.ts';
import { reportHtml, type ReportFigure } from '../../../app/figures/report-html.ts';
import { templateFigureSvg } from '../../../app/figures/template-figure.ts';
import { traceFigureSvg } from '../../../app/figures/trace-figure.ts';
import { readFrames } from '../../../app/formats/raw-positional-io.ts';
import { APP_VERSION } from '../../../app/version.ts';
import { driftCurves } from '../../../app/viewer/drift-curves.ts';
import { driftRaster } from '../../../app/viewer/drift-raster.ts';
import { minMaxColumns } from '../../../app/viewer/min-max-columns.ts';
import { spikeMarkers } from '../../../app/viewer/spike-markers.ts';
import { unitsQc, unitTemplatesOf } from '../qc/qc-service.ts';
import type { DatasetSource } from '../traces/dataset-source.ts';

export const REPORT_FILE = 'report.html';

export interface WindowChoice { start: number; end: number; channelStart: number; channelEnd: number; recordings: RecordingName[] }

/** Reads and decimates a window of the dataset in this thread (report figures and SVG exports only: small windows). */
export function decimatedWindow(s: DatasetSource, w: WindowChoice, pixels = 900): { meta: TraceWindowMeta; data: Float32Array } {
  const parts = w.recordings.map((r) => {
    const info = s.recordings[r];
    const fd = openSync(info.rawPath, 'r');
    try {
      const raw = readFrames(fd, w.start, w.end - w.start, info.numChannels, info.dtype);
      return minMaxColumns(raw, w.end - w.start, pixels, { numChannels: info.numChannels, channelStart: w.channelStart, channelEnd: w.channelEnd, gains: info.gains, offsets: info.offsets });
    } finally {
      closeSync(fd);
    }
  });
  const data = new Float32Array(parts.reduce((n, p) => n + p.data.length, 0));
  parts.reduce((o, p) => { data.set(p.data, o); return o + p.data.length; }, 0);
  return {
    meta: { startSample: w.start, endSample: w.end, samplingFrequency: s.gt.samplingFrequency, channelStart: w.channelStart, channelEnd: w.channelEnd,
      columns: parts[0].plan.columns, recordings: w.recordings, exact: true, framesReadPerColumn: Math.ceil((w.end - w.start) / parts[0].plan.columns), elapsedMs: 0 },
    data,
  };
}

/** The biggest units (by template peak-to-peak), largest first. */
export function biggestUnits(s: DatasetSource, n: number): number[] {
  return Array.from(s.peaks.ptp, (v, i) => [v, i]).sort((a, b) => b[0] - a[0]).slice(0, n).map((p) => p[1]);
}

/** A 100 ms window of 32 channels around the biggest unit: what the report's and export's trace figure shows. */
export function defaultTraceWindow(s: DatasetSource): WindowChoice {
  const g = s.gt;
  const centre = g.maxChannelIndex[biggestUnits(s, 1)[0] ?? 0] ?? 0;
  const channelStart = Math.max(0, Math.min(g.numChannels - 32, centre - 16));
  return { start: 0, end: Math.min(g.numSamples, Math.round(0.1 * g.samplingFrequency)), channelStart, channelEnd: Math.min(g.numChannels, channelStart + 32), recordings: ['static', 'drifting'] };
}

export function reportFigures(s: DatasetSource): ReportFigure[] {
  const g = s.gt;
  const big = biggestUnits(s, 3);
  const units = unitsQc(s);
  const raster = driftRaster(g, 100_000, s.peaks.peak);
  const steps = [...new Set([0, g.staticStepIndex, g.displacement.numSteps - 1])];
  const unit = big[0] ?? 0;
  const t = unitTemplatesOf(s, unit, steps);
  const tMeta = { unit, numSamples: t.numSamples, nbefore: g.nbefore, samplingFrequency: g.samplingFrequency, channels: t.channels, steps, displacements: steps.flatMap((st) => [g.displacement.steps[2 * st], g.displacement.steps[2 * st + 1]]) };
  const w = decimatedWindow(s, defaultTraceWindow(s));
  const markers = spikeMarkers(g, { start: w.meta.startSample, end: w.meta.endSample }, s.peaks.peak);
  const sortedNoise = Array.from(g.noiseLevels).sort((a, b) => a - b);
  const uvPerRow = Math.max(20, 6 * (sortedNoise[sortedNoise.length >> 1] ?? 10));
  return [
    { title: 'Drift', caption: `Displacement of each motion, their sum and the three biggest units (${big.join(', ')}).`, svg: driftFigureSvg(driftCurves(g.displacement, g.numUnits, big)) },
    { title: 'Drift raster', caption: `Ground-truth spikes (${raster.meta.numSpikes} of ${raster.meta.totalSpikes} shown), depth = unit y (static) or y + displacement at the spike's time bin (drifting); colour = amplitude.`, svg: rasterFigureSvg(raster.meta, raster.data) },
    { title: 'Units on the probe', caption: 'Unit locations over the probe contour and contacts; colour per unit.', svg: templateFigureSvg(units, null, null, { height: 520 }) },
    { title: `Template of unit ${unit}`, caption: `At displacement steps ${steps.join(', ')} (static step ${g.staticStepIndex}), each channel's waveform drawn at its contact.`, svg: templateFigureSvg(units, tMeta, t.data) },
    { title: 'Template amplitudes', caption: 'Peak-to-peak of each unit\'s static template on its max channel.', svg: histogramSvg(units.units.map((u) => u.amplitudeUv), { title: 'Amplitude distribution', xlabel: 'peak-to-peak (µV)' }) },
    { title: 'Unit depths', caption: 'y of each unit location.', svg: histogramSvg(units.units.map((u) => u.y), { title: 'Depth distribution', xlabel: 'depth y (µm)' }) },
    { title: 'Traces', caption: `First ${((w.meta.endSample - w.meta.startSample) / g.samplingFrequency * 1000).toFixed(0)} ms, channels ${w.meta.channelStart}-${w.meta.channelEnd - 1}, min/max per column; dots = ground-truth spikes on their unit's nearest channel.`, svg: traceFigureSvg(w.meta, w.data, markers, { uvPerRow }) },
  ];
}

export function writeReport(s: DatasetSource): { path: string; bytes: number; figures: string[] } {
  const g = s.gt;
  const p = (s.preset.params ?? {}) as Record<string, unknown>;
  const figures = reportFigures(s);
  const sum = s.summary;
  const html = reportHtml({
    name: s.name, path: s.path, generatedAt: new Date().toISOString(), appVersion: APP_VERSION,
    summary: [
      ['duration', `${(g.numSamples / g.samplingFrequency).toFixed(3)} s (${g.numSamples} samples at ${g.samplingFrequency} Hz)`],
      ['probe', `${String(p.probe_name ?? 'custom')} — ${g.numChannels} channels`],
      ['units', `${g.numUnits} units, ${g.spikes.length} spikes`],
      ['seed', String(sum.seed ?? p.seed ?? '')],
      ['storage', `${String(sum.dtype ?? s.dtype)}${sum.gain_to_uV ? `, gain ${Number(sum.gain_to_uV).toPrecision(4)} µV/bit` : ''}, ${(Number(sum.total_bytes ?? 0) / 1e6).toFixed(1)} MB`],
      ['displacement', `${g.displacement.numMotions} motion(s) at ${g.displacement.samplingFrequency} Hz, ${g.displacement.numSteps} template steps`],
    ],
    preset: s.preset, figures, warnings: Array.isArray(sum.warnings) ? sum.warnings.map(String) : [],
  });
  const path = join(s.path, REPORT_FILE);
  writeFileSync(path, html);
  return { path, bytes: Buffer.byteLength(html), figures: figures.map((f) => f.title) };
}
