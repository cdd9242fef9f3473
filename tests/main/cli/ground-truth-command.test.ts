import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { float32Values, float64Values, int64Values, readNpyIndependently } from '../../helpers/independent-npy.ts';
import { refJson, refNpy, refStructuredNpy } from '../../helpers/reference.ts';

const BIN = fileURLToPath(new URL('../../../bin/spikegen.mjs', import.meta.url));
const meta = refJson<{ params: Record<string, unknown> }>('parity/meta.json');

function run(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function writePreset(dir: string, params: Record<string, unknown>, name = 'preset.json'): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify({ format: 'spikegen-preset', version: 1, name: 'cli test', kind: 'drifting', params }));
  return path;
}

test('ground-truth writes every array as .npy, named as SpikeInterface names them, equal to the reference', () => {
  const dir = mkdtempSync(join(tmpdir(), 'spikegen-gt-'));
  const out = join(dir, 'gt');
  const r = run(['ground-truth', writePreset(dir, meta.params), '--out', out]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /10 units, 549 spikes, 128 channels, 41 drift steps, seed 2205/);
  const files = readdirSync(out).sort();
  for (const f of ['unit_locations.npy', 'firing_rates.npy', 'spikes.npy', 'unit_params.json', 'templates.npy', 'displacements_steps.npy',
    'displacement_vectors.npy', 'unit_displacements.npy', 'displacement_unit_factor.npy', 'displacement_indices.npy',
    'noise_levels.npy', 'max_channel_index.npy', 'probe.json', 'ground_truth.json']) assert.ok(files.includes(f), `${f} missing`);
  assert.ok(!files.includes('amplitude_factor.npy'), 'no amplitude factors without amplitude_std');
  assert.ok(!existsSync(out + '.partial'));

  const loc = readNpyIndependently(join(out, 'unit_locations.npy'));
  assert.equal(loc.descr, '<f4');
  assert.deepEqual(loc.shape, [10, 3]);
  assert.equal(loc.headerLength % 64, 0);
  assert.deepEqual(float32Values(loc), Array.from(refNpy('parity/unit_locations.npy').data as Float32Array));

  const spikes = readNpyIndependently(join(out, 'spikes.npy'));
  assert.equal(spikes.descr, '[["sample_index","<i8"],["unit_index","<i8"],["segment_index","<i8"]]');
  const flat = int64Values(spikes);
  const ref = refStructuredNpy('parity/spike_vector.npy');
  assert.deepEqual(flat.filter((_, i) => i % 3 === 0), Array.from(ref.columns.sample_index as BigInt64Array, Number));
  assert.deepEqual(flat.filter((_, i) => i % 3 === 1), Array.from(ref.columns.unit_index as BigInt64Array, Number));

  const tpl = readNpyIndependently(join(out, 'templates.npy'));
  assert.deepEqual(tpl.shape, [10, 135, 128]);
  const dv = readNpyIndependently(join(out, 'displacement_vectors.npy'));
  assert.deepEqual(dv.shape, [50, 2, 1]);
  assert.deepEqual(readNpyIndependently(join(out, 'unit_displacements.npy')).shape, [50, 10, 2]);
  assert.deepEqual(int64Values(readNpyIndependently(join(out, 'displacement_indices.npy'))),
    refJson<{ data: number[] }>('parity/drifting_displacement_indices.json').data);
  assert.deepEqual(float64Values(readNpyIndependently(join(out, 'noise_levels.npy'))), Array.from(refNpy('parity/noise_levels.npy').data as Float64Array));

  const summary = JSON.parse(readFileSync(join(out, 'ground_truth.json'), 'utf8'));
  assert.equal(summary.seed, '2205');
  assert.equal(summary.noise_segment_seed, '4200258347049412327');
  assert.equal(summary.num_spikes, 549);
  const probe = JSON.parse(readFileSync(join(out, 'probe.json'), 'utf8'));
  assert.equal(probe.specification, 'probeinterface');
  assert.equal(probe.probes[0].contact_positions.length, 128);
  const params = JSON.parse(readFileSync(join(out, 'unit_params.json'), 'utf8'));
  assert.deepEqual(params.alpha, refJson<{ values: Record<string, number[]> }>('parity/unit_params.json').values.alpha);
});

test('amplitude_factor.npy is written when amplitude_std is set', () => {
  const dir = mkdtempSync(join(tmpdir(), 'spikegen-gt-'));
  const r = run(['ground-truth', writePreset(dir, { ...meta.params, amplitude_std: 0.1 }), '--out', join(dir, 'gt')]);
  assert.equal(r.code, 0, r.err);
  const amp = readNpyIndependently(join(dir, 'gt', 'amplitude_factor.npy'));
  assert.deepEqual(amp.shape, [549]);
  const v = float64Values(amp);
  const mean = v.reduce((a, b) => a + b, 0) / v.length;
  assert.ok(Math.abs(mean - 1) < 0.02, `mean factor ${mean}`);
});

test('a bad preset exits 2 with every validation message and no stack trace, writing nothing', () => {
  const dir = mkdtempSync(join(tmpdir(), 'spikegen-gt-'));
  const out = join(dir, 'gt');
  const r = run(['ground-truth', writePreset(dir, { duration: -3, num_units: 'ten', generate_sorting_kwargs: { firing_rates: 300 } }), '--out', out]);
  assert.equal(r.code, 2);
  assert.match(r.err, /params\.duration: must be greater than 0/);
  assert.match(r.err, /params\.num_units: must be a number/);
  assert.doesNotMatch(r.err, /\n\s+at /);
  assert.ok(!existsSync(out) && !existsSync(out + '.partial'));
});

test('a preset that validates but cannot be built (duration before the drift) exits 2 with a sentence', () => {
  const dir = mkdtempSync(join(tmpdir(), 'spikegen-gt-'));
  const r = run(['ground-truth', writePreset(dir, { duration: 5, num_units: 2 }), '--out', join(dir, 'gt')]);
  assert.equal(r.code, 2);
  assert.match(r.err, /the drift starts at 60 s, after the recording ends/);
});

test('a missing preset file, missing --out or an unknown command exit 2 with a sentence', () => {
  const dir = mkdtempSync(join(tmpdir(), 'spikegen-gt-'));
  let r = run(['ground-truth', join(dir, 'nope.json'), '--out', join(dir, 'x')]);
  assert.equal(r.code, 2);
  assert.match(r.err, /cannot read the preset .*no such file/);
  r = run(['ground-truth', writePreset(dir, {})]);
  assert.equal(r.code, 2);
  assert.match(r.err, /--out/);
  r = run(['frobnicate']);
  assert.equal(r.code, 2);
  assert.match(r.err, /unknown command "frobnicate"/);
});

test('an existing non-empty output folder is refused unless --overwrite is given', () => {
  const dir = mkdtempSync(join(tmpdir(), 'spikegen-gt-'));
  const out = join(dir, 'gt');
  mkdirSync(out);
  writeFileSync(join(out, 'keep.txt'), 'mine');
  const preset = writePreset(dir, { ...meta.params, num_units: 2 });
  let r = run(['ground-truth', preset, '--out', out]);
  assert.equal(r.code, 2);
  assert.match(r.err, /already exists and is not empty/);
  assert.equal(readFileSync(join(out, 'keep.txt'), 'utf8'), 'mine');
  r = run(['ground-truth', preset, '--out', out, '--overwrite']);
  assert.equal(r.code, 0, r.err);
  assert.ok(existsSync(join(out, 'spikes.npy')) && !existsSync(join(out, 'keep.txt')));
});
