/**
 * A hybrid dataset opened for the viewers: its two recordings are the ORIGINAL one the units were injected into
 * (read where dataset.json's `original_recording` says, through the readers' `openRecording`) and the HYBRID one
 * (the `hybrid/` SpikeInterface binary folder). They fill the 'static' and 'drifting' blocks of a trace window, in
 * that order, and are named ['original', 'hybrid'] for display; spike markers and QC come from `ground_truth/`.
 * The viewers' decimation reads interleaved int16/float32 frames from offset 0, which every SpikeGLX, Open Ephys and
 * SpikeInterface recording is; a raw file with a header, a channel-major layout or another sample type is refused
 * with a sentence.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readBinaryFolderInfo, type BinaryFolderInfo } from '../../../app/formats/si-binary-folder-read.ts';
import { openRecording } from '../../../app/formats/readers/open-recording.ts';
import type { RecordingSource, RecordingSpec } from '../../../app/formats/readers/types.ts';
import { unitPeaks } from '../../../app/viewer/viewer-ground-truth.ts';
import type { DatasetSource } from './dataset-source.ts';
import { readViewerGroundTruth } from './ground-truth-read.ts';

export const HYBRID_RECORDING_NAMES = ['original', 'hybrid'];

/** Samples used to estimate the original's noise levels (a quarter of a second at 30 kHz). */
const NOISE_WINDOW = 7500;

/** The original recording as the decimation reads it: samples file, frame stride, dtype and µV scaling. */
function originalAsFolder(src: RecordingSource, dir: string): BinaryFolderInfo {
  if (src.dtype !== 'int16' && src.dtype !== 'float32') {
    throw new Error(`the original recording ${src.path} holds ${src.dtype} samples; the viewer shows int16 or float32 recordings only`);
  }
  const bytes = src.dtype === 'int16' ? 2 : 4;
  // the file may hold channels the reader does not count (SpikeGLX SY0, Open Ephys ADC) after the voltage ones
  const stride = statSync(src.path).size / (src.numSamples * bytes);
  if (!Number.isInteger(stride) || stride < src.numChannels) {
    throw new Error(`the original recording ${src.path} is not a plain interleaved file (a header or a channel-major layout); open it in another viewer`);
  }
  return {
    dir, rawPath: src.path, numChannels: stride, numSamples: src.numSamples, dtype: src.dtype, samplingFrequency: src.samplingFrequency,
    channelIds: [...src.channelIds], gains: Float64Array.from(src.gainToUv), offsets: Float64Array.from(src.offsetToUv), bytesPerSample: bytes,
    probe: src.probe, siVersion: null,
  };
}

/** Per channel, median(|x - median|) / 0.6745 over the first samples (SpikeInterface's get_noise_levels "mad"). */
export function madNoiseLevels(src: RecordingSource, numChannels: number): Float64Array {
  const n = Math.min(src.numSamples, NOISE_WINDOW);
  const w = src.readWindow(0, n);
  const C = src.numChannels, out = new Float64Array(numChannels), col = new Float64Array(n);
  const median = (a: Float64Array) => { const s = a.slice().sort(); return s.length ? s[s.length >> 1] : 0; };
  for (let c = 0; c < Math.min(C, numChannels); c++) {
    for (let i = 0; i < n; i++) col[i] = w[i * C + c];
    const m = median(col);
    for (let i = 0; i < n; i++) col[i] = Math.abs(col[i] - m);
    out[c] = median(col) / 0.6744897501960817;
  }
  return out;
}

export function openHybridDatasetSource(root: string, summary: Record<string, unknown>): DatasetSource {
  const ref = summary.original_recording as { spec?: RecordingSpec; path?: string } | undefined;
  if (!ref?.spec) throw new Error(`${root}/dataset.json names no original_recording: it was not written by a hybrid generation`);
  if (!existsSync(ref.spec.path)) throw new Error(`the original recording ${ref.spec.path} is no longer there; move it back to open the dataset`);
  const preset = JSON.parse(readFileSync(join(root, 'preset.json'), 'utf8')) as Record<string, unknown>;
  const hybrid = readBinaryFolderInfo(join(root, 'hybrid'));
  const src = openRecording(ref.spec);
  try {
    const original = originalAsFolder(src, ref.spec.path);
    if (original.numSamples !== hybrid.numSamples) {
      throw new Error(`the original recording ${ref.spec.path} has ${original.numSamples} samples but the hybrid one ${hybrid.numSamples}: it is not the recording the dataset was made from`);
    }
    const { gt, probe } = readViewerGroundTruth(join(root, 'ground_truth'), hybrid, (c) => madNoiseLevels(src, c));
    return {
      path: root, name: String(summary.name ?? ''), dtype: hybrid.dtype, recordings: { static: original, drifting: hybrid },
      gt, probe, peaks: unitPeaks(gt), preset, summary, recordingNames: [...HYBRID_RECORDING_NAMES],
    };
  } finally {
    src.close();
  }
}
