// Small recordings and presets the hybrid tests write themselves: SpikeInterface binary folders (float32 µV, or int16
// with a gain) on a 2 × 16 contact probe, filled with a deterministic pseudo-random background.
import { closeSync, mkdtempSync, openSync, readFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeNpy, decodeStructuredNpy } from '../../../app/formats/npy.ts';
import { preallocateBinaryFolder } from '../../../app/formats/si-binary-folder.ts';
import type { HybridParams, HybridPresetV1 } from '../../../app/presets/hybrid-types.ts';
import { generateMultiColumnsProbe } from '../../../app/probes/multi-columns.ts';

export const SI_REF = fileURLToPath(new URL('../../fixtures/reference/formats/', import.meta.url));
export const TEMPLATE_DB = fileURLToPath(new URL('../../fixtures/template_db/', import.meta.url));
export const NP1_BIN = fileURLToPath(new URL('../../fixtures/recordings/spikeglx-np1/fixture_np1_g0/fixture_np1_g0_imec0/fixture_np1_g0_t0.imec0.ap.bin', import.meta.url));

export function tempDir(prefix = 'spikegen-hybrid-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function smallProbe() {
  const probe = generateMultiColumnsProbe({ num_columns: 2, num_contact_per_column: 16, xpitch: 20, ypitch: 20 });
  probe.setDeviceChannelIndices(Array.from({ length: probe.getContactCount() }, (_, i) => i));
  return probe;
}

/** Writes a SpikeInterface binary folder of `numSamples` × 32 channels; returns its folder. */
export function writeSiRecording(dir: string, o: { numSamples: number; dtype: 'float32' | 'int16'; gain?: number; seed?: number }): string {
  const probe = smallProbe();
  const C = probe.getContactCount();
  const folder = preallocateBinaryFolder(dir, {
    numSamples: o.numSamples, numChannels: C, dtype: o.dtype, samplingFrequency: 30000, probe,
    gainToUv: o.dtype === 'int16' ? o.gain ?? 2.5 : undefined, offsetToUv: o.dtype === 'int16' ? 0 : undefined,
  });
  let x = o.seed ?? 12345;
  const next = () => { x = (Math.imul(x, 1103515245) + 12345) >>> 0; return x / 2 ** 32 - 0.5; };
  const data = o.dtype === 'int16' ? new Int16Array(o.numSamples * C) : new Float32Array(o.numSamples * C);
  for (let i = 0; i < data.length; i++) data[i] = o.dtype === 'int16' ? Math.round(next() * 16) : next() * 40;
  const fd = openSync(folder.rawPath, 'r+');
  try { writeSync(fd, new Uint8Array(data.buffer)); } finally { closeSync(fd); }
  return dir;
}

export function hybridPreset(params: Partial<HybridParams> & Pick<HybridParams, 'recording'>): HybridPresetV1 {
  return {
    format: 'spikegen-preset', version: 1, name: 'hybrid test', kind: 'hybrid',
    params: { seed: 7, generate_sorting_kwargs: { num_units: 4, firing_rates: 40, refractory_period_ms: 4 }, ...params },
  };
}

export function npy(path: string): ArrayLike<number> {
  const a = decodeNpy(new Uint8Array(readFileSync(path))).data;
  return a instanceof BigInt64Array ? Array.from(a, Number) : (a as ArrayLike<number>);
}

/**
 * The injected signal (samples × channels, float64) recomputed from a dataset's ground_truth/ files alone: every
 * spike adds its (step, unit) template × its amplitude factor at sample − nbefore.
 */
export function injectedFromGroundTruth(gtDir: string, numSamples: number, numChannels: number): Float64Array {
  const info = JSON.parse(readFileSync(join(gtDir, 'ground_truth.json'), 'utf8')) as { nbefore: number; num_units: number; num_template_samples: number; files: Record<string, unknown> };
  const spikes = decodeStructuredNpy(new Uint8Array(readFileSync(join(gtDir, 'spikes.npy')))).columns;
  const samples = Array.from(spikes.sample_index as BigInt64Array, Number), units = Array.from(spikes.unit_index as BigInt64Array, Number);
  const amps = info.files['amplitude_factor.npy'] ? npy(join(gtDir, 'amplitude_factor.npy')) : null;
  const steps = npy(join(gtDir, 'displacement_indices.npy'));
  const offsets = npy(join(gtDir, 'templates_at_steps_channel_offsets.npy'));
  const channels = npy(join(gtDir, 'templates_at_steps_channels.npy'));
  const waveforms = npy(join(gtDir, 'templates_at_steps_waveforms.npy'));
  const S = info.num_template_samples, U = info.num_units;
  const out = new Float64Array(numSamples * numChannels);
  samples.forEach((t, i) => {
    const b = steps[i] * U + units[i];
    const lo = offsets[b], nnz = offsets[b + 1] - lo;
    for (let s = 0; s < S; s++) {
      const row = t - info.nbefore + s;
      if (row < 0 || row >= numSamples) continue;
      for (let k = 0; k < nnz; k++) out[row * numChannels + channels[lo + k]] += waveforms[lo * S + s * nnz + k] * (amps ? amps[i] : 1);
    }
  });
  return out;
}
