/**
 * `reports.*`: write a dataset's self-contained report.html into its folder, and draw any one of its figures as
 * SVG for the views' "export SVG" (the figure of the view's current state: window, unit, step).
 */
import type { Api } from '../../../app/api/contract.ts';
import { ApiError } from '../../../app/api/errors.ts';
import { driftFigureSvg } from '../../../app/figures/drift-figure.ts';
import { histogramSvg } from '../../../app/figures/histogram-figure.ts';
import { rasterFigureSvg } from '../../../app/figures/raster-figure.ts';
import { templateFigureSvg } from '../../../app/figures/template-figure.ts';
import { traceFigureSvg } from '../../../app/figures/trace-figure.ts';
import { driftCurves } from '../../../app/viewer/drift-curves.ts';
import { driftRaster } from '../../../app/viewer/drift-raster.ts';
import { spikeMarkers } from '../../../app/viewer/spike-markers.ts';
import { unitsQc, unitTemplatesOf } from '../qc/qc-service.ts';
import type { DatasetSources } from '../traces/dataset-sources.ts';
import { checkWindow } from '../traces/traces-service.ts';
import { biggestUnits, decimatedWindow, defaultTraceWindow, writeReport } from './build-report.ts';

/** SVG exports of traces read the window in the main thread: keep them short. */
const MAX_SVG_WINDOW_BYTES = 256 * 1024 * 1024;

export function createReportsService(sources: DatasetSources): Api['reports'] {
  return {
    write: async (id) => {
      const s = sources.get(id);
      try {
        return writeReport(s);
      } catch (e) {
        throw new ApiError('internal', `the report of "${s.name}" could not be written (${(e as Error).message}); check that ${s.path} is writable`);
      }
    },
    figure: async (q) => {
      const s = sources.get(q.dataset);
      const g = s.gt;
      const unit = q.unit ?? biggestUnits(s, 1)[0] ?? 0;
      switch (q.figure) {
        case 'drift': return { svg: driftFigureSvg(driftCurves(g.displacement, g.numUnits, q.unit === undefined ? biggestUnits(s, 3) : [unit])) };
        case 'raster': { const r = driftRaster(g, 100_000, s.peaks.peak); return { svg: rasterFigureSvg(r.meta, r.data) }; }
        case 'amplitudes': {
          const u = unitsQc(s);
          return { svg: histogramSvg(u.units.map((v) => v.amplitudeUv), { title: 'Amplitude distribution', xlabel: 'peak-to-peak (µV)', mark: u.units[unit]?.amplitudeUv }) };
        }
        case 'templates': {
          const steps = [...new Set([g.staticStepIndex, q.step ?? g.staticStepIndex])];
          const t = unitTemplatesOf(s, unit, steps);
          const meta = { unit, numSamples: t.numSamples, nbefore: g.nbefore, samplingFrequency: g.samplingFrequency, channels: t.channels, steps, displacements: steps.flatMap((st) => [g.displacement.steps[2 * st], g.displacement.steps[2 * st + 1]]) };
          return { svg: templateFigureSvg(unitsQc(s), meta, t.data) };
        }
        case 'traces': {
          const d = defaultTraceWindow(s);
          const w = { start: q.start ?? d.start, end: q.end ?? d.end, channelStart: q.channelStart ?? d.channelStart, channelEnd: q.channelEnd ?? d.channelEnd, recordings: q.recordings ?? d.recordings, pixels: 900 };
          checkWindow(w, g.numSamples, g.numChannels);
          if ((w.end - w.start) * g.numChannels * 4 > MAX_SVG_WINDOW_BYTES) throw new ApiError('invalid-argument', 'the window is too long to export as SVG; zoom in to a few seconds, or export PNG');
          const dec = decimatedWindow(s, w);
          const noise = Array.from(g.noiseLevels).sort((a, b) => a - b);
          return { svg: traceFigureSvg(dec.meta, dec.data, spikeMarkers(g, { start: w.start, end: w.end }, s.peaks.peak), { uvPerRow: Math.max(20, 6 * (noise[noise.length >> 1] ?? 10)) }) };
        }
      }
    },
  };
}
