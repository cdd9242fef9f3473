// The Node probe library: a local node:http server on 127.0.0.1 stands in for the probeinterface_library
// repository (the internet is never touched); the cache lives in a temporary folder.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { DiskProbeCache, HttpProbeLibrarySource, nodeProbeLibrary } from '../../../app/formats/probe-library-cache.ts';
import { getLibraryProbe, getNamedProbe, makeProbeByName, writeProbeinterfaceJson } from '../../../app/probes/index.ts';

const probeDoc = writeProbeinterfaceJson(getNamedProbe('Neuronexus-32'));
probeDoc.probes[0].annotations = { model_name: 'TEST32', manufacturer: '' };
const PROBE_TEXT = JSON.stringify(probeDoc, null, 4);
const requests: string[] = [];
let server: Server;
let base: string;
let dir: string;

function listFiles(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => d.name);
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'spikegen-probe-cache-'));
  server = createServer((req, res) => {
    requests.push(req.url ?? '');
    if (req.url === '/main/acme/TEST32/TEST32.json') { res.end(PROBE_TEXT); return; }
    if (req.url === '/main/acme/corrupt/corrupt.json') { res.end('{"specification": "probeinterface", "probes": ['); return; }
    if (req.url === '/main/acme/invalid/invalid.json') { res.end('{"specification": "probeinterface", "version": "0.3.2", "probes": [{"ndim": 5}]}'); return; }
    if (req.url === '/main/acme/slow/slow.json') { setTimeout(() => res.end(PROBE_TEXT), 800); return; }
    if (req.url === '/main/acme/boom/boom.json') { res.statusCode = 500; res.end('no'); return; }
    res.statusCode = 404;
    res.end('404: Not Found');
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

after(async () => {
  server.closeAllConnections();
  await new Promise((ok) => server.close(ok));
  rmSync(dir, { recursive: true, force: true });
});

test('downloads a probe, fills the empty manufacturer, caches it, then serves it from the cache', async () => {
  const folder = join(dir, 'a');
  const lib = { source: new HttpProbeLibrarySource({ baseUrl: base }), cache: new DiskProbeCache(folder) };
  requests.length = 0;
  const p = await getLibraryProbe('acme', 'TEST32', { ...lib, name: 'mine' });
  assert.equal(p.getContactCount(), 32);
  assert.equal(p.manufacturer, 'acme');
  assert.equal(p.name, 'mine');
  assert.equal(readFileSync(join(folder, 'main', 'acme', 'TEST32.json'), 'utf8'), PROBE_TEXT);
  const again = await getLibraryProbe('acme', 'TEST32', lib);
  assert.deepEqual(requests, ['/main/acme/TEST32/TEST32.json']);
  assert.deepEqual(writeProbeinterfaceJson(again).probes[0].contact_positions, probeDoc.probes[0].contact_positions);
  await getLibraryProbe('acme', 'TEST32', { ...lib, forceDownload: true });
  assert.equal(requests.length, 2);
  assert.deepEqual(listFiles(folder), ['TEST32.json']);
});

test('offline: the cache answers when the network cannot, and a miss says so in a sentence', async () => {
  const folder = join(dir, 'b');
  await getLibraryProbe('acme', 'TEST32', { source: new HttpProbeLibrarySource({ baseUrl: base }), cache: new DiskProbeCache(folder) });
  const dead = new HttpProbeLibrarySource({ baseUrl: 'http://127.0.0.1:9/', timeoutMs: 2000 });
  const cache = new DiskProbeCache(folder);
  assert.equal((await getLibraryProbe('acme', 'TEST32', { source: dead, cache, forceDownload: true })).getContactCount(), 32);
  assert.equal((await getLibraryProbe('acme', 'TEST32', nodeProbeLibrary({ cacheFolder: folder, offline: true }))).getContactCount(), 32);
  await assert.rejects(getLibraryProbe('acme', 'OTHER', { source: dead, cache }),
    /^ProbeLibraryError: Could not get probe acme\/OTHER from the probeinterface library, and it is not cached: Could not reach http:\/\/127\.0\.0\.1:9\/main\/acme\/OTHER\/OTHER\.json \(.+\); check the network connection\.$/);
  await assert.rejects(getLibraryProbe('acme', 'OTHER', { cache }), /acme\/OTHER is not in the probe cache and no library source was given \(offline\)/);
});

test('HTTP errors and timeouts become sentences naming the URL', async () => {
  const lib = { source: new HttpProbeLibrarySource({ baseUrl: base, timeoutMs: 300 }), cache: new DiskProbeCache(join(dir, 'c')) };
  await assert.rejects(getLibraryProbe('acme', 'NOPE', lib),
    new RegExp(`The probeinterface library has no file at ${base}main/acme/NOPE/NOPE\\.json \\(HTTP 404\\); check the manufacturer and probe name\\.`));
  await assert.rejects(getLibraryProbe('acme', 'boom', lib), /answered HTTP 500 Internal Server Error for http/);
  await assert.rejects(getLibraryProbe('acme', 'slow', lib), /did not finish within 0\.3 s\./);
  await assert.rejects(getLibraryProbe('acme', '../x', lib), /probe name '\.\.\/x' is not a valid library name/);
});

test('a corrupt or invalid download is refused and nothing is written to the cache', async () => {
  const folder = join(dir, 'd');
  const lib = { source: new HttpProbeLibrarySource({ baseUrl: base }), cache: new DiskProbeCache(folder) };
  await assert.rejects(getLibraryProbe('acme', 'corrupt', lib),
    /The probeinterface library file of acme\/corrupt is not a valid probe file, so it was not cached: The text is not JSON/);
  await assert.rejects(getLibraryProbe('acme', 'invalid', lib), /not a valid probe file, so it was not cached: Probe 0: "ndim" must be 2 or 3/);
  assert.deepEqual(readdirSync(dir).includes('d') ? listFiles(folder) : [], []);
});

test('a corrupt cached file is replaced by a fresh download', async () => {
  const folder = join(dir, 'e');
  mkdirSync(join(folder, 'main', 'acme'), { recursive: true });
  writeFileSync(join(folder, 'main', 'acme', 'TEST32.json'), '{"half": ');
  const p = await getLibraryProbe('acme', 'TEST32', { source: new HttpProbeLibrarySource({ baseUrl: base }), cache: new DiskProbeCache(folder) });
  assert.equal(p.getContactCount(), 32);
  assert.equal(readFileSync(join(folder, 'main', 'acme', 'TEST32.json'), 'utf8'), PROBE_TEXT);
});

test('makeProbeByName takes "manufacturer/probe" and "manufacturer#probe" from the library and wires it', async () => {
  const lib = { source: new HttpProbeLibrarySource({ baseUrl: base }), cache: new DiskProbeCache(join(dir, 'f')) };
  for (const name of ['acme/TEST32', 'acme#TEST32']) {
    const p = await makeProbeByName(name, lib);
    assert.deepEqual(Array.from(p.device_channel_indices ?? []), Array.from({ length: 32 }, (_, i) => i));
  }
  assert.throws(() => new DiskProbeCache(dir).fileOf('../../etc/passwd'), /points outside the probe cache/);
});
