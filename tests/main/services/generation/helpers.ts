import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PresetV1 } from '../../../../app/presets/types.ts';

export function tempDir(prefix = 'spikegen-gen-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A small drifting preset: 8 units on a Neuropixels1-128, 4 s, drift from 1 s, correlated noise. */
export function smallPreset(over: Partial<PresetV1['params']> = {}, output: PresetV1['output'] = {}): PresetV1 {
  return {
    format: 'spikegen-preset', version: 1, name: 'small test', kind: 'drifting', output,
    params: {
      num_units: 8, duration: 4, sampling_frequency: 30000, probe_name: 'Neuropixels1-128', seed: 11, amplitude_std: 0.1,
      generate_displacement_vector_kwargs: { displacement_sampling_frequency: 5, drift_start_um: [0, 20], drift_stop_um: [0, -20], drift_step_um: 1,
        motion_list: [{ drift_mode: 'zigzag', t_start_drift: 1, period_s: 2 }] },
      generate_sorting_kwargs: { firing_rates: { range: [10, 20] }, refractory_period_ms: 4 },
      ...over,
    },
  };
}

export function rawFloat32(path: string): Float32Array {
  const b = readFileSync(path);
  return new Float32Array(b.buffer, b.byteOffset, b.byteLength / 4);
}

export function rawInt16(path: string): Int16Array {
  const b = readFileSync(path);
  return new Int16Array(b.buffer, b.byteOffset, b.byteLength / 2);
}
