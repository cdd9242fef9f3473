// A preset naming a probeinterface-library probe ("manufacturer/name") is fetched over HTTP once, cached on disk,
// and used offline afterwards. The library is served from 127.0.0.1 by the test: nothing touches the internet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { refPath } from '../../helpers/reference.ts';

const BIN = fileURLToPath(new URL('../../../bin/spikegen.mjs', import.meta.url));

function runCli(args: string[], env: Record<string, string>): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env } });
    let out = '', err = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { err += d; });
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

test('probe_name "manufacturer/name" is fetched from the library once, cached, then works offline', async () => {
  const probeText = readFileSync(refPath('probes/Neuropixels1-128.json'), 'utf8');
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(req.url ?? '');
    if (req.url === '/main/testmaker/TP128/TP128.json') { res.writeHead(200, { 'content-type': 'application/json' }); res.end(probeText); }
    else { res.writeHead(404); res.end('not found'); }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const dir = mkdtempSync(join(tmpdir(), 'spikegen-lib-'));
  const cache = join(dir, 'cache');
  const preset = join(dir, 'p.json');
  writeFileSync(preset, JSON.stringify({ format: 'spikegen-preset', version: 1, name: 'lib', kind: 'drifting', params: {
    num_units: 3, duration: 3, probe_name: 'testmaker/TP128', seed: 1,
    generate_displacement_vector_kwargs: { motion_list: [{ drift_mode: 'zigzag', t_start_drift: 1, period_s: 2 }] } } }));
  try {
    const first = await runCli(['ground-truth', preset, '--out', join(dir, 'gt1')], { SPIKEGEN_PROBE_LIBRARY_URL: base, SPIKEGEN_PROBE_CACHE: cache });
    assert.equal(first.code, 0, first.err);
    assert.match(first.out, /128 channels/);
    assert.equal(requests.length, 1);
    // offline: the library URL now points nowhere, the cache answers
    const second = await runCli(['ground-truth', preset, '--out', join(dir, 'gt2')], { SPIKEGEN_PROBE_LIBRARY_URL: 'http://127.0.0.1:9/', SPIKEGEN_PROBE_CACHE: cache });
    assert.equal(second.code, 0, second.err);
    assert.equal(requests.length, 1);
    // an unknown probe gives a sentence and exit 1, not a stack trace
    writeFileSync(preset, readFileSync(preset, 'utf8').replace('testmaker/TP128', 'testmaker/NOPE'));
    const missing = await runCli(['ground-truth', preset, '--out', join(dir, 'gt3')], { SPIKEGEN_PROBE_LIBRARY_URL: base, SPIKEGEN_PROBE_CACHE: cache });
    assert.notEqual(missing.code, 0);
    assert.doesNotMatch(missing.err, /\n\s+at /);
    assert.match(missing.err, /NOPE/);
  } finally {
    server.close();
  }
});
