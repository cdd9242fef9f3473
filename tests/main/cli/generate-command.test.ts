import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { float32Values, readNpyIndependently } from '../../helpers/independent-npy.ts';
import { smallPreset } from '../services/generation/helpers.ts';

const BIN = fileURLToPath(new URL('../../../bin/spikegen.mjs', import.meta.url));

function run(args: string[], onStderr?: (chunk: string, kill: (sig: NodeJS.Signals) => void) => void) {
  return new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '', err = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { err += d; onStderr?.(String(d), (s) => child.kill(s)); });
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

const dir = mkdtempSync(join(tmpdir(), 'spikegen-cli-gen-'));
const presetPath = join(dir, 'small.json');
writeFileSync(presetPath, JSON.stringify(smallPreset()));

test('generate writes a dataset, prints one progress line per 10% when not on a terminal, and exits 0', async () => {
  const out = join(dir, 'ds');
  const r = await run(['generate', presetPath, '--out', out, '--workers', '2', '--dtype', 'float32', '--chunk-seconds', '0.25']);
  assert.equal(r.code, 0, r.err);
  const lines = r.err.split('\n').filter((l) => l.startsWith('progress '));
  assert.deepEqual(lines.map((l) => l.split(':')[0]), [10, 20, 30, 40, 50, 60, 70, 80, 90, 100].map((p) => `progress ${p}%`));
  assert.match(lines[9], /16\/16 chunks, [\d.]+x real time, \d+ MB\/s/);
  assert.match(r.out, /Dataset "small test" written to .*float32/);
  assert.ok(existsSync(join(out, 'dataset.json')));
});

test('preview renders a window without a dataset, equal to the same rows of the generated files', async () => {
  const win = join(dir, 'window.npy');
  const r = await run(['preview', presetPath, '--start', '1.5', '--end', '1.6', '--out', win]);
  assert.equal(r.code, 0, r.err);
  const npy = readNpyIndependently(win);
  assert.equal(npy.descr, '<f4');
  assert.deepEqual(npy.shape, [3000, 128]);
  const raw = readFileSync(join(dir, 'ds', 'drifting', 'traces_cached_seg0.raw'));
  const rows = new Float32Array(raw.buffer, raw.byteOffset + 45000 * 128 * 4, 3000 * 128);
  assert.deepEqual(float32Values(npy), Array.from(rows));
});

test('generate exits 2 on a bad preset or bad flags, with sentences', async () => {
  const bad = join(dir, 'bad.json');
  writeFileSync(bad, JSON.stringify({ ...smallPreset(), params: { ...smallPreset().params, duration: 0 } }));
  let r = await run(['generate', bad, '--out', join(dir, 'x')]);
  assert.equal(r.code, 2);
  assert.match(r.err, /params\.duration: must be greater than 0/);
  r = await run(['generate', presetPath, '--out', join(dir, 'x'), '--dtype', 'int8']);
  assert.equal(r.code, 2);
  assert.match(r.err, /--dtype must be int16 or float32/);
  r = await run(['generate', presetPath, '--out', join(dir, 'x'), '--workers', '0']);
  assert.equal(r.code, 2);
  assert.match(r.err, /--workers must be a positive whole number/);
  assert.ok(!existsSync(join(dir, 'x')));
});

test('generate refuses a SpikeGLX export for a probe SpikeGLX cannot describe, before writing', async () => {
  const p = join(dir, 'tetrode.json');
  writeFileSync(p, JSON.stringify(smallPreset({ probe_name: 'tetrode', num_units: 2 })));
  const r = await run(['generate', p, '--out', join(dir, 'tet'), '--spikeglx']);
  assert.equal(r.code, 2);
  assert.match(r.err, /output\.exports\.spikeglx: The SpikeGLX export needs a Neuropixels 1\.0 probe/);
  assert.ok(!existsSync(join(dir, 'tet')) && !existsSync(join(dir, 'tet.partial')));
});

test('Ctrl-C cancels cleanly: exit 1, no dataset and no partial folder left', async () => {
  const long = join(dir, 'long.json');
  writeFileSync(long, JSON.stringify(smallPreset({ duration: 60 })));
  const out = join(dir, 'interrupted');
  let sent = false;
  const r = await run(['generate', long, '--out', out, '--workers', '1', '--chunk-seconds', '0.5'], (chunk, kill) => {
    if (!sent && chunk.includes('progress 10%')) { sent = true; kill('SIGINT'); }
  });
  assert.ok(sent, 'progress was reported before the interrupt');
  assert.equal(r.code, 1, r.err);
  assert.match(r.err, /cancelled; no dataset was written/);
  assert.ok(!existsSync(out) && !existsSync(out + '.partial'));
});

test('exports: a Kilosort .bin + probe and a SpikeGLX .bin + .meta pair', async () => {
  const out = join(dir, 'exp');
  const r = await run(['generate', presetPath, '--out', out, '--kilosort', '--spikeglx']);
  assert.equal(r.code, 0, r.err);
  for (const f of ['exports/kilosort/small_test.bin', 'exports/kilosort/kilosort_probe.json', 'exports/spikeglx/small_test_g0_t0.imec0.ap.bin',
    'exports/spikeglx/small_test_g0_t0.imec0.ap.meta']) assert.ok(existsSync(join(out, f)), f);
  const meta = readFileSync(join(out, 'exports/spikeglx/small_test_g0_t0.imec0.ap.meta'), 'utf8');
  assert.match(meta, /^nSavedChans=129$/m);
  assert.match(meta, /^imSampRate=30000$/m);
});
