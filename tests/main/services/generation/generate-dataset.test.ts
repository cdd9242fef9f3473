// Whole generations on the real piscina pool writing real files: determinism across chunkings and worker counts,
// equality with the on-demand renderer, int16 accuracy, static == drifting without displacement, failures.
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildGroundTruth } from '../../../../app/index.ts';
import { renderWindow } from '../../../../app/render/render-window.ts';
import { generateDataset } from '../../../../main/services/generation/generate-dataset.ts';
import { createRenderPool } from '../../../../main/services/generation/render-pool.ts';
import { NotEnoughSpaceError } from '../../../../main/services/generation/estimate.ts';
import { int64Values, readNpyIndependently } from '../../../helpers/independent-npy.ts';
import { rawFloat32, rawInt16, smallPreset, tempDir } from './helpers.ts';

const preset = smallPreset();
const root = tempDir();
const a = join(root, 'one-worker');
const b = join(root, 'two-workers-small-chunks');
const c = join(root, 'int16');
const results = {} as Record<string, Awaited<ReturnType<typeof generateDataset>>>;

test('a float32 dataset is the same bits with 1 worker x 1 s chunks and 2 workers x 0.37 s chunks', async () => {
  results.a = await generateDataset({ preset, out: a, workers: 1, chunkSeconds: 1, dtype: 'float32' });
  results.b = await generateDataset({ preset, out: b, workers: 2, chunkSeconds: 0.37, dtype: 'float32' });
  for (const rec of ['static', 'drifting']) {
    const x = readFileSync(join(a, rec, 'traces_cached_seg0.raw'));
    const y = readFileSync(join(b, rec, 'traces_cached_seg0.raw'));
    assert.equal(x.length, 4 * 30000 * 128 * 4);
    assert.ok(x.equals(y), `${rec} differs between chunkings`);
  }
});

test('the files equal renderWindow of the whole recording in one piece, bit for bit', () => {
  const gt = buildGroundTruth(preset);
  const w = renderWindow(gt, 0, gt.numSamples);
  assert.deepEqual(rawFloat32(join(a, 'static', 'traces_cached_seg0.raw')), w.static);
  assert.deepEqual(rawFloat32(join(a, 'drifting', 'traces_cached_seg0.raw')), w.drifting);
  // and any window alone equals the same rows of the file
  const part = renderWindow(gt, 12345, 45678);
  assert.deepEqual(part.drifting, w.drifting.subarray(12345 * 128, 45678 * 128));
});

test('static equals drifting where the displacement is zero (before the drift starts)', () => {
  const st = rawFloat32(join(a, 'static', 'traces_cached_seg0.raw'));
  const dr = rawFloat32(join(a, 'drifting', 'traces_cached_seg0.raw'));
  const gt = results.a.groundTruth;
  // spikes before 1 s use the zero step in both; stop one template before the drift starts
  const end = (30000 - gt.numTemplateSamples) * 128;
  assert.deepEqual(dr.subarray(0, end), st.subarray(0, end));
  let differs = 0;
  for (let i = 60000 * 128; i < dr.length; i++) if (dr[i] !== st[i]) differs++;
  assert.ok(differs > 1000, 'the drifting recording differs once units have moved');
  // and the drifting template index follows the displacement: some spikes use other steps than the static one
  assert.ok(gt.displacementIndices.some((s) => s !== gt.staticStepIndex));
});

test('int16 stores a real gain; the round trip is within half a bit of the float32 dataset', async () => {
  results.c = await generateDataset({ preset, out: c, workers: 2, dtype: 'int16' });
  const summary = JSON.parse(readFileSync(join(c, 'dataset.json'), 'utf8'));
  const gain = summary.gain_to_uV as number;
  assert.ok(gain > 0 && gain < 1, `gain ${gain}`);
  assert.deepEqual(summary.clipped_samples, { static: 0, drifting: 0 });
  const binary = JSON.parse(readFileSync(join(c, 'drifting', 'binary.json'), 'utf8'));
  assert.equal(binary.kwargs.dtype, '<i2');
  assert.equal(binary.kwargs.gain_to_uV[0], gain);
  for (const rec of ['static', 'drifting']) {
    const f = rawFloat32(join(a, rec, 'traces_cached_seg0.raw'));
    const q = rawInt16(join(c, rec, 'traces_cached_seg0.raw'));
    let worst = 0;
    for (let i = 0; i < f.length; i++) worst = Math.max(worst, Math.abs(q[i] * gain - f[i]));
    assert.ok(worst <= gain / 2 * (1 + 1e-6), `${rec}: worst error ${worst} uV for a gain of ${gain}`);
  }
});

test('the dataset folder has the layout, the ground truth, checksums and the preset with its resolved seed', () => {
  for (const f of ['preset.json', 'dataset.json', 'static/binary.json', 'static/si_folder.json', 'static/probegroup.json', 'static/probe.json',
    'drifting/traces_cached_seg0.raw', 'sorting/spikes.npy', 'sorting/numpysorting_info.json', 'sorting/si_folder.json',
    'sorting/properties/gt_unit_locations.npy', 'sorting/properties/max_channel_index.npy', 'ground_truth/unit_locations.npy',
    'ground_truth/unit_displacements.npy', 'ground_truth/displacement_vectors.npy', 'ground_truth/displacement_unit_factor.npy',
    'ground_truth/templates.npy', 'ground_truth/unit_params.json']) assert.ok(existsSync(join(c, f)), f);
  const saved = JSON.parse(readFileSync(join(c, 'preset.json'), 'utf8'));
  assert.equal(saved.provenance.resolved_seed, 11);
  assert.equal(saved.provenance.app_version, '0.2.0');
  assert.deepEqual(saved.params, preset.params);
  const summary = JSON.parse(readFileSync(join(c, 'dataset.json'), 'utf8'));
  assert.equal(summary.num_spikes, results.c.groundTruth.spikes.length);
  // the raw files are hashed from the bytes the workers post while writing: the digest must be the file's on disk
  for (const f of ['static/traces_cached_seg0.raw', 'drifting/traces_cached_seg0.raw', 'sorting/spikes.npy']) {
    assert.equal(summary.files[f].sha256, createHash('sha256').update(readFileSync(join(c, f))).digest('hex'), f);
  }
  assert.equal(summary.files['drifting/traces_cached_seg0.raw'].bytes, 4 * 30000 * 128 * 2);
  const spikes = int64Values(readNpyIndependently(join(c, 'sorting', 'spikes.npy')));
  assert.deepEqual(spikes.filter((_, i) => i % 3 === 0), Array.from(results.c.groundTruth.spikes.sampleIndex));
  assert.ok(!existsSync(c + '.partial'));
});

test('spikes at the very first and last sample of the recording are written, clipped to it', async () => {
  const out = join(root, 'borders');
  const p = smallPreset({ num_units: 2, sorting: { sample_index: [0, 60000, 119999], unit_index: [0, 1, 0] }, amplitude_std: null });
  const r = await generateDataset({ preset: p, out, workers: 2, dtype: 'float32', chunkSeconds: 1 });
  const gt = r.groundTruth;
  const noise = renderWindow(gt, 0, gt.numSamples).noise!;
  const st = rawFloat32(join(out, 'static', 'traces_cached_seg0.raw'));
  const ch = gt.maxChannelIndex[0];
  const t = gt.templates; // unit 0 at rest: (units, samples, channels)
  const C = gt.numChannels, W = gt.numTemplateSamples;
  // first spike: template samples nbefore.. land at rows 0..; last spike: samples ..nbefore at rows ..end
  for (const [row, s] of [[0, gt.nbefore], [5, gt.nbefore + 5], [gt.numSamples - 1, gt.nbefore]]) {
    const signal = st[row * C + ch] - noise[row * C + ch];
    assert.ok(Math.abs(signal - t[(0 * W + s) * C + ch]) < 0.11, `row ${row}: ${signal} vs ${t[(0 * W + s) * C + ch]}`);
  }
});

test('a worker that dies fails the job with a clear error and leaves no complete-looking folder', async () => {
  const out = join(root, 'dying');
  await assert.rejects(
    generateDataset({ preset, out, workers: 2, chunkSeconds: 0.5, workerFilename: fileURLToPath(new URL('../../../fixtures/workers/dying-render-chunk.mjs', import.meta.url)) }),
    /a generation worker stopped unexpectedly while rendering samples \d+-\d+.*the dataset was not written/);
  assert.ok(!existsSync(out), 'no dataset folder');
  assert.ok(!existsSync(out + '.partial'), 'no partial folder');
});

test('not enough disk space is refused before writing, with the needed and available sizes', async () => {
  const out = join(root, 'huge');
  // 0 units keeps the ground truth tiny; 10^6 s of 128 channels needs ~15 TB
  const p = smallPreset({ num_units: 0, duration: 1_000_000, generate_displacement_vector_kwargs: { motion_list: [] }, amplitude_std: null });
  await assert.rejects(generateDataset({ preset: p, out, workers: 1 }), (e: unknown) => {
    assert.ok(e instanceof NotEnoughSpaceError);
    assert.match(e.message, /the dataset needs 15\.\d TB but only [\d.]+ [KMGT]?B is free/);
    assert.ok(e.needed > e.available);
    return true;
  });
  assert.ok(!existsSync(out) && !existsSync(out + '.partial'));
  assert.deepEqual(readdirSync(root).filter((n) => n.startsWith('huge')), []);
});

test('a cancelled job removes its partial folder', async () => {
  const out = join(root, 'cancelled');
  const controller = new AbortController();
  const job = generateDataset({ preset: smallPreset({ duration: 20 }), out, workers: 1, chunkSeconds: 0.25, signal: controller.signal,
    onProgress: (p) => { if (p.chunksDone === 2) controller.abort(new Error('cancelled by test')); } });
  await assert.rejects(job, /cancelled by test/);
  assert.ok(!existsSync(out) && !existsSync(out + '.partial'));
});

test('an output folder that cannot be created is refused with a sentence, not an errno', async () => {
  const { writeFileSync } = await import('node:fs');
  const file = join(root, 'a-file');
  writeFileSync(file, 'not a folder');
  await assert.rejects(generateDataset({ preset, out: join(file, 'dataset'), workers: 1 }),
    /cannot create the folder for .*a-file.*: a part of the path is a file, not a folder; choose another output folder/);
  await assert.rejects(generateDataset({ preset, out: join(file, 'deeper', 'dataset'), workers: 1 }),
    /cannot create the folder for .*: a part of the path is a file, not a folder; choose another output folder/);
});

test('two jobs at once on one worker (the app\'s shared pool) each get the checksums of their own files', async () => {
  // one worker, so the two jobs' chunks alternate on it and share its staging memory: a piece of one job must not
  // be overwritten by the other's bytes while it waits to be hashed
  const pool = createRenderPool(1);
  try {
    const outs = [join(root, 'concurrent-a'), join(root, 'concurrent-b')];
    const presets = [smallPreset({ seed: 21 }), smallPreset({ seed: 22, num_units: 5 })];
    const done = await Promise.all(outs.map((out, i) => generateDataset({ preset: presets[i], out, pool, dtype: 'int16', chunkSeconds: 0.5 })));
    for (const [i, r] of done.entries()) {
      for (const f of ['static/traces_cached_seg0.raw', 'drifting/traces_cached_seg0.raw']) {
        assert.equal(r.summary.files[f].sha256, createHash('sha256').update(readFileSync(join(outs[i], f))).digest('hex'), `job ${i} ${f}`);
      }
    }
  } finally {
    await pool.destroy();
  }
});
