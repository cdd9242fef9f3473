// Issue "Hybrid recordings" part 4, done-when: subtracting the original recording from a hybrid dataset leaves exactly
// the injected templates × their amplitude factors at the ground-truth times — recomputed here from ground_truth/
// alone — with no motion, a generated motion and a SpikeInterface Motion folder; float32 within 1e-4 µV, int16 within
// half a bit. Plus dataset.json's reference to the original recording, atomicity and the CLI.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openRecording } from '../../../../app/formats/readers/open-recording.ts';
import type { HybridMotionSpec } from '../../../../app/presets/hybrid-types.ts';
import { main } from '../../../../main/cli/index.ts';
import { generateHybridDataset } from '../../../../main/services/generation/generate-hybrid.ts';
import {
  hybridPreset, injectedFromGroundTruth, NP1_BIN, npy, SI_REF, TEMPLATE_DB, tempDir, writeSiRecording,
} from '../../../app/hybrid/hybrid-fixtures.ts';

const GENERATED: HybridMotionSpec = {
  source: 'generated',
  generate_displacement_vector_kwargs: { displacement_sampling_frequency: 20, drift_start_um: [0, 15], drift_stop_um: [0, -15],
    motion_list: [{ drift_mode: 'zigzag', t_start_drift: 0.05, period_s: 0.2 }] },
};

/** Largest |hybrid − original − injected| over the whole recording, and the largest |injected|. */
function residual(originalSpec: Parameters<typeof openRecording>[0], out: string): { worst: number; injectedPeak: number; hybridGain: number } {
  const o = openRecording(originalSpec), h = openRecording({ format: 'spikeinterface', path: join(out, 'hybrid') });
  try {
    assert.equal(h.numSamples, o.numSamples);
    assert.equal(h.numChannels, o.numChannels);
    const a = o.readWindow(0, o.numSamples), b = h.readWindow(0, h.numSamples);
    const inj = injectedFromGroundTruth(join(out, 'ground_truth'), o.numSamples, o.numChannels);
    let worst = 0, injectedPeak = 0;
    for (let i = 0; i < a.length; i++) {
      worst = Math.max(worst, Math.abs(b[i] - a[i] - inj[i]));
      injectedPeak = Math.max(injectedPeak, Math.abs(inj[i]));
    }
    return { worst, injectedPeak, hybridGain: h.gainToUv[0] };
  } finally {
    o.close();
    h.close();
  }
}

for (const [label, motion] of [['no motion', null], ['a generated motion', GENERATED], ['a SpikeInterface Motion folder', { source: 'spikeinterface', path: join(SI_REF, 'motion_rigid_1seg') }]] as const) {
  test(`float32 hybrid minus the original equals the injected templates within 1e-4 uV, with ${label}`, async () => {
    const dir = tempDir();
    const rec = writeSiRecording(join(dir, 'rec'), { numSamples: 15000, dtype: 'float32' });
    const out = join(dir, 'dataset');
    const r = await generateHybridDataset({
      preset: hybridPreset({ recording: { format: 'spikeinterface', path: rec }, motion: motion as HybridMotionSpec | null }),
      out, dtype: 'float32', workers: 2, chunkSeconds: 0.07, build: { templateErrorBoundUv: 0 },
    });
    assert.ok(r.groundTruth.spikes.length > 20, 'enough spikes to mean something');
    const { worst, injectedPeak } = residual({ format: 'spikeinterface', path: rec }, out);
    assert.ok(injectedPeak > 20, `templates were injected (peak ${injectedPeak} uV)`);
    assert.ok(worst <= 1e-4, `largest residual ${worst} uV`);
    const steps = new Set(Array.from(npy(join(out, 'ground_truth', 'displacement_indices.npy'))));
    if (motion) assert.ok(steps.size > 1, 'with motion, spikes use several displacement steps');
    else assert.deepEqual([...steps], [0]);
    assert.ok(!existsSync(`${out}.partial`));
  });
}

test('int16 hybrid of an int16 SpikeInterface folder keeps its gain: original samples unchanged, templates within half a bit', async () => {
  const dir = tempDir();
  const rec = writeSiRecording(join(dir, 'rec'), { numSamples: 9000, dtype: 'int16', gain: 2.5 });
  const out = join(dir, 'dataset');
  const r = await generateHybridDataset({
    preset: hybridPreset({ recording: { format: 'spikeinterface', path: rec }, motion: GENERATED, amplitude_std: 0.1 }),
    out, dtype: 'int16', workers: 1, build: { templateErrorBoundUv: 0 },
  });
  assert.equal(r.summary.gain_to_uV, 2.5);
  assert.equal(r.summary.int16_scaling, 'original');
  const { worst, hybridGain } = residual({ format: 'spikeinterface', path: rec }, out);
  assert.equal(hybridGain, 2.5);
  assert.ok(worst <= 2.5 / 2 + 1e-3, `largest residual ${worst} uV, half a bit is 1.25 uV`);
  const before = new Int16Array(new Uint8Array(readFileSync(join(rec, 'traces_cached_seg0.raw'))).buffer);
  const after = new Int16Array(new Uint8Array(readFileSync(join(out, 'hybrid', 'traces_cached_seg0.raw'))).buffer);
  const inj = injectedFromGroundTruth(join(out, 'ground_truth'), 9000, 32);
  let untouched = 0;
  for (let i = 0; i < inj.length; i++) if (inj[i] === 0) { untouched++; assert.equal(after[i], before[i], `sample ${i}`); }
  assert.ok(untouched > 1000, 'many samples carry no template');
});

test('given templates (a Templates.to_zarr folder) into the SpikeGLX fixture with a Motion folder: int16 within half a bit', async () => {
  const dir = tempDir();
  const zarr = join(TEMPLATE_DB, readdirSync(TEMPLATE_DB).find((n) => n.includes('SYNTH02'))!);
  const out = join(dir, 'dataset');
  const r = await generateHybridDataset({
    preset: hybridPreset({
      recording: { format: 'spikeglx', path: NP1_BIN }, templates: { source: 'zarr', path: zarr },
      motion: { source: 'spikeinterface', path: join(SI_REF, 'motion_rigid_1seg') }, generate_sorting_kwargs: { firing_rates: 20 },
    }),
    out, dtype: 'int16', workers: 2, chunkSeconds: 0.1, build: { templateErrorBoundUv: 0 },
  });
  assert.equal(r.groundTruth.numUnits, 8, 'one unit per template');
  assert.equal(r.summary.num_displacement_steps, 40, 'int((20 - (-20)) / drift_step_um 1) steps, as generate_hybrid_recording');
  const { worst, injectedPeak, hybridGain } = residual({ format: 'spikeglx', path: NP1_BIN }, out);
  assert.ok(injectedPeak > 20);
  assert.ok(worst <= hybridGain / 2 + 1e-3, `largest residual ${worst} uV, gain ${hybridGain}`);
});

test('dataset.json names the original recording: path, format and sha256 of its first MiB', async () => {
  const dir = tempDir();
  const rec = writeSiRecording(join(dir, 'rec'), { numSamples: 12000, dtype: 'float32' }); // 1.5 MB: more than 1 MiB
  const out = join(dir, 'dataset');
  await generateHybridDataset({ preset: hybridPreset({ recording: { format: 'spikeinterface', path: rec } }), out, dtype: 'float32', workers: 1 });
  const summary = JSON.parse(readFileSync(join(out, 'dataset.json'), 'utf8'));
  const raw = join(rec, 'traces_cached_seg0.raw');
  const first = readFileSync(raw).subarray(0, 1024 * 1024);
  assert.equal(summary.kind, 'hybrid');
  assert.equal(summary.original_recording.format, 'spikeinterface');
  assert.equal(summary.original_recording.path, rec);
  assert.equal(summary.original_recording.samples_path, raw);
  assert.equal(summary.original_recording.checksum_bytes, 1024 * 1024);
  assert.equal(summary.original_recording.sha256_first_mib, createHash('sha256').update(first).digest('hex'));
  for (const f of ['hybrid/traces_cached_seg0.raw', 'hybrid/binary.json', 'sorting/spikes.npy', 'ground_truth/templates.npy']) assert.ok(summary.files[f], f);
  assert.equal(JSON.parse(readFileSync(join(out, 'preset.json'), 'utf8')).kind, 'hybrid');
});

test('spikegen hybrid writes a dataset (exit 0), refuses a drifting preset and a missing recording (exit 2)', async () => {
  const dir = tempDir();
  const rec = writeSiRecording(join(dir, 'rec'), { numSamples: 6000, dtype: 'float32' });
  const presetPath = join(dir, 'hybrid.json');
  writeFileSync(presetPath, JSON.stringify(hybridPreset({ recording: { format: 'spikeinterface', path: rec } })));
  const errs: string[] = [];
  const code = await main(['hybrid', presetPath, '--out', join(dir, 'ds'), '--workers', '1', '--dtype', 'float32'], () => {}, (s) => errs.push(s));
  assert.equal(code, 0, errs.join('\n'));
  assert.ok(existsSync(join(dir, 'ds', 'dataset.json')));

  const missing = join(dir, 'missing.json');
  writeFileSync(missing, JSON.stringify(hybridPreset({ recording: { format: 'spikeinterface', path: join(dir, 'nope') } })));
  const errs2: string[] = [];
  assert.equal(await main(['hybrid', missing, '--out', join(dir, 'ds2')], () => {}, (s) => errs2.push(s)), 2);
  assert.match(errs2.join('\n'), /params\.recording: The recording .*nope does not exist/);
  assert.ok(!existsSync(join(dir, 'ds2')) && !existsSync(join(dir, 'ds2.partial')));

  const drifting = join(dir, 'drifting.json');
  writeFileSync(drifting, JSON.stringify({ format: 'spikegen-preset', version: 1, name: 'd', kind: 'drifting', params: {} }));
  const errs3: string[] = [];
  assert.equal(await main(['hybrid', drifting, '--out', join(dir, 'ds3')], () => {}, (s) => errs3.push(s)), 2);
  assert.match(errs3.join('\n'), /spikegen generate/);
});
