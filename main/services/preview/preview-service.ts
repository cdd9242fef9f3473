/**
 * `preview.window`: a window of a preset — saved or still being edited, never generated — rendered on the fly
 * by the viewer pool's preview thread with `renderWindow` and decimated there, so the editor shows what the
 * recording will look like before anything is written. Requests of the same view supersede each other.
 */
import type { Api } from '../../../app/api/contract.ts';
import { ApiError } from '../../../app/api/errors.ts';
import type { TraceWindowMeta } from '../../../app/api/viewer-types.ts';
import { validatePreset } from '../../../app/presets/validate.ts';
import { LatestPerView } from '../traces/latest-per-view.ts';
import type { ViewerPool } from '../traces/viewer-pool.ts';

/** Longest preview window: rendering is ~real-time per core for big probes, and a preview should come back fast. */
export const MAX_PREVIEW_SECONDS = 2;

export function createPreviewService(pool: ViewerPool): Api['preview'] {
  const latest = new LatestPerView();
  return {
    window: async (req) => {
      const v = validatePreset(req.preset);
      if (!v.ok) throw new ApiError('invalid-preset', `the preset has ${v.problems.length} problem(s); fix them to see a preview`, v.problems);
      const fs = v.preset.params.sampling_frequency ?? 30000;
      if (!(req.start < req.end)) throw new ApiError('invalid-argument', `the preview window ${req.start}-${req.end} is empty: ask for start < end`);
      if (req.end - req.start > MAX_PREVIEW_SECONDS * fs) {
        throw new ApiError('invalid-argument', `a preview shows at most ${MAX_PREVIEW_SECONDS} s; generate the dataset to view longer windows`);
      }
      const recordings = req.recordings ?? ['static', 'drifting'];
      return latest.submit(req.view, async () => {
        const t0 = performance.now();
        let r;
        try {
          r = await pool.preview({
            preset: v.preset, key: JSON.stringify(v.preset), start: req.start, end: req.end,
            channelStart: req.channelStart, channelEnd: req.channelEnd, pixels: req.pixels, recordings,
          });
        } catch (e) {
          throw new ApiError('invalid-preset', `the preview could not be rendered: ${(e as Error).message}`);
        }
        const meta: TraceWindowMeta = {
          startSample: r.start, endSample: r.end, samplingFrequency: r.samplingFrequency, channelStart: r.channelStart, channelEnd: r.channelEnd,
          columns: r.columns, recordings, exact: true, framesReadPerColumn: Math.ceil((r.end - r.start) / r.columns), elapsedMs: performance.now() - t0,
        };
        return { meta, data: r.data.buffer as ArrayBuffer };
      });
    },
  };
}
