/**
 * `hybrid.*` of the contract: what the editor's recording picker asks before a hybrid preset is generated — open the
 * recording at a path on this machine with the readers (app/formats/readers), describe it (channels, rate, duration,
 * probe) and close it. A recording that cannot be read comes back as an 'invalid-argument' error whose message is
 * the reader's sentence.
 */
import type { Api } from '../../../app/api/contract.ts';
import { ApiError } from '../../../app/api/errors.ts';
import type { RecordingInspection } from '../../../app/api/hybrid-api-types.ts';
import { openOriginal, recordingSpecOf } from '../../../app/hybrid/hybrid-recording.ts';
import type { Probe } from '../../../app/probes/probe.ts';
import type { HybridRecordingRef } from '../../../app/presets/hybrid-types.ts';

function probeSummary(p: Probe | null): RecordingInspection['probe'] {
  if (!p) return null;
  const xy = p.contact_positions;
  let xMin = Infinity, xMax = -Infinity, yMin = Infinity, yMax = -Infinity;
  for (let i = 0; i < xy.length; i += 2) {
    xMin = Math.min(xMin, xy[i]); xMax = Math.max(xMax, xy[i]);
    yMin = Math.min(yMin, xy[i + 1]); yMax = Math.max(yMax, xy[i + 1]);
  }
  const a = p.annotations as Record<string, unknown> | undefined;
  const model = [a?.manufacturer, a?.model_name ?? a?.name].filter((v) => typeof v === 'string' && v !== '').join(' ');
  return { numContacts: xy.length / 2, xMinUm: xMin, xMaxUm: xMax, yMinUm: yMin, yMaxUm: yMax, model };
}

export function inspectRecording(ref: HybridRecordingRef): RecordingInspection {
  let src;
  try {
    src = openOriginal(recordingSpecOf(ref));
  } catch (e) {
    throw new ApiError('invalid-argument', (e as Error).message);
  }
  try {
    return {
      format: src.format, samplesPath: src.path, numChannels: src.numChannels, samplingFrequency: src.samplingFrequency,
      numSamples: src.numSamples, durationSeconds: src.numSamples / src.samplingFrequency, dtype: src.dtype, probe: probeSummary(src.probe),
    };
  } finally {
    src.close();
  }
}

export function createHybridService(): Api['hybrid'] {
  return {
    inspectRecording: async (r) => inspectRecording(r),
  };
}
