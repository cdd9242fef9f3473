/**
 * The size of a hybrid preset's dataset before it is generated: one recording (`hybrid/`) as long and as wide as the
 * original, plus a ground truth whose templates at displacement steps dominate — bounded here by a generous
 * allowance, since counting them exactly means building them. Opening the original (its header only) is quick; a
 * recording that cannot be opened is the user's to fix, so it comes back as an 'invalid-argument' sentence.
 */
import { ApiError } from '../../../app/api/errors.ts';
import { describeOriginal } from '../../../app/hybrid/hybrid-recording.ts';
import type { HybridPresetV1 } from '../../../app/presets/hybrid-types.ts';

/** ground truth, sorting and metadata: templates at tens of steps of a few hundred units fit well within this */
const GROUND_TRUTH_ALLOWANCE = 64 * 1024 * 1024;

export function estimateHybridBytes(preset: HybridPresetV1, o: { dtype?: 'int16' | 'float32' } = {}): number {
  let info;
  try {
    info = describeOriginal(preset.params.recording);
  } catch (e) {
    throw new ApiError('invalid-argument', (e as Error).message);
  }
  const dtype = o.dtype ?? preset.output?.dtype ?? 'int16';
  return info.numSamples * info.numChannels * (dtype === 'int16' ? 2 : 4) + GROUND_TRUTH_ALLOWANCE;
}
