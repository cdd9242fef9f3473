/**
 * `traces.*` of the contract (DESIGN.md "How a viewer window flows"): open a dataset, read a window of one or
 * both recordings and decimate it to min/max per pixel column in the viewer pool (binary result, never JSON),
 * and list the ground-truth spikes of a window as markers. Window requests carrying the same `view` key
 * supersede each other (latest-per-view.ts).
 */
import type { Api } from '../../../app/api/contract.ts';
import { ApiError } from '../../../app/api/errors.ts';
import type { RecordingName, TraceWindowMeta } from '../../../app/api/viewer-types.ts';
import { spikeMarkers } from '../../../app/viewer/spike-markers.ts';
import type { DatasetSource } from './dataset-source.ts';
import type { DatasetSources } from './dataset-sources.ts';
import { LatestPerView } from './latest-per-view.ts';
import type { ViewerPool } from './viewer-pool.ts';

/** Bytes read per recording at most; longer windows are overviews (each column from its first frames). */
export const MAX_WINDOW_BYTES = 64 * 1024 * 1024;

export interface WindowRequest {
  start: number; end: number; channelStart: number; channelEnd: number; pixels: number; recordings?: RecordingName[]; view?: string;
}

export function checkWindow(r: WindowRequest, numSamples: number, numChannels: number): void {
  if (!(r.start < r.end && r.end <= numSamples)) {
    throw new ApiError('invalid-argument', `the window ${r.start}-${r.end} is not inside the recording (0-${numSamples} samples): ask for start < end <= ${numSamples}`);
  }
  if (!(r.channelStart < r.channelEnd && r.channelEnd <= numChannels)) {
    throw new ApiError('invalid-argument', `the channels ${r.channelStart}-${r.channelEnd} are not inside the probe's 0-${numChannels}`);
  }
}

/** Joins per-recording decimated buffers (all of one type) into one [recording][channel][column][min,max] buffer. */
export function joinRecordings(parts: (Float32Array | Int16Array)[]): ArrayBuffer {
  if (parts.length === 1 && parts[0].byteOffset === 0 && parts[0].byteLength === parts[0].buffer.byteLength) return parts[0].buffer as ArrayBuffer;
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let o = 0;
  for (const p of parts) { out.set(new Uint8Array(p.buffer, p.byteOffset, p.byteLength), o); o += p.byteLength; }
  return out.buffer;
}

/** The display names of a source's two recordings (dataset-source.ts may name them, e.g. hybrid datasets). */
export function recordingNames(s: DatasetSource): string[] {
  const names = s.recordingNames;
  return names && names.length === 2 ? [...names] : ['static', 'drifting'];
}

export function createTracesService(sources: DatasetSources, pool: ViewerPool): Api['traces'] {
  const latest = new LatestPerView();
  return {
    open: async (id) => {
      pool.warm();
      const s = sources.get(id);
      const g = s.gt;
      const sortedNoise = Array.from(g.noiseLevels).sort((a, b) => a - b);
      return {
        datasetId: id, name: s.name, path: s.path, numChannels: g.numChannels, numSamples: g.numSamples,
        samplingFrequency: g.samplingFrequency, durationSeconds: g.numSamples / g.samplingFrequency, dtype: s.dtype,
        channelLocations: Array.from(g.channelLocations), numUnits: g.numUnits, numSpikes: g.spikes.length,
        unitIds: Array.from({ length: g.numUnits }, (_, i) => String(i)), unitPeakUv: Array.from(s.peaks.peak),
        noiseLevelUv: sortedNoise[sortedNoise.length >> 1] ?? 1,
        recordings: recordingNames(s),
      };
    },
    window: async (req) => {
      const s = sources.get(req.dataset);
      checkWindow(req, s.gt.numSamples, s.gt.numChannels);
      const recordings = req.recordings ?? ['static', 'drifting'];
      // int16 recordings go out as their stored values with gains in the meta: half the bytes of µV float32
      const int16 = recordings.every((r) => s.recordings[r].dtype === 'int16');
      const scale = (a: Float64Array | null, dflt: number) => Array.from({ length: req.channelEnd - req.channelStart }, (_, k) => a ? a[req.channelStart + k] : dflt);
      return latest.submit(req.view && `${req.dataset}:${req.view}`, async () => {
        const t0 = performance.now();
        const results = await Promise.all(recordings.map((r) => {
          const info = s.recordings[r];
          return pool.decimate({
            rawPath: info.rawPath, dtype: info.dtype, numChannels: info.numChannels,
            gains: info.gains ? Array.from(info.gains) : null, offsets: info.offsets ? Array.from(info.offsets) : null,
            start: req.start, end: req.end, channelStart: req.channelStart, channelEnd: req.channelEnd, pixels: req.pixels, maxBytes: MAX_WINDOW_BYTES,
            output: int16 ? 'int16' : 'float32',
          });
        }));
        const meta: TraceWindowMeta = {
          startSample: req.start, endSample: req.end, samplingFrequency: s.gt.samplingFrequency, channelStart: req.channelStart,
          channelEnd: req.channelEnd, columns: results[0].columns, recordings, exact: results.every((r) => r.exact),
          framesReadPerColumn: results[0].framesReadPerColumn, elapsedMs: performance.now() - t0,
          ...(int16 ? { int16: {
            gains: recordings.map((r) => scale(s.recordings[r].gains, 1)), offsets: recordings.map((r) => scale(s.recordings[r].offsets, 0)),
          } } : {}),
        };
        return { meta, data: joinRecordings(results.map((r) => r.data)) };
      });
    },
    spikes: async (q) => {
      const s = sources.get(q.dataset);
      return spikeMarkers(s.gt, { start: q.start, end: q.end, units: q.units, maxSpikes: q.maxSpikes }, s.peaks.peak);
    },
  };
}
