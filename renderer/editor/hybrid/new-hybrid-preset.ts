/**
 * The document a "New hybrid preset" starts from: SpikeInterface's generate_hybrid_recording defaults (generated
 * templates, no motion) and a placeholder recording path the user replaces with the recording picker.
 */
import type { HybridPresetV1 } from '../../../app/presets/hybrid-types.ts';

export const PLACEHOLDER_RECORDING = '/path/to/run_g0_t0.imec0.ap.bin';

export function newHybridPreset(name = 'Hybrid preset'): HybridPresetV1 {
  return {
    format: 'spikegen-preset', version: 1, name, kind: 'hybrid',
    description: 'Templates injected into a real recording (generate_hybrid_recording).',
    params: { recording: { format: 'spikeglx', path: PLACEHOLDER_RECORDING }, templates: null, motion: null, seed: null },
  };
}
