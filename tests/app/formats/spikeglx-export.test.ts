import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getNamedProbe } from '../../../app/probes/named-probes.ts';
import { closeRaw, openForPositionalWrites, preallocateBinaryFolder, writeFrames } from '../../../app/formats/si-binary-folder.ts';
import { exportSpikeGlx } from '../../../app/formats/spikeglx-export.ts';
import { imAiRangeMaxFor } from '../../../app/formats/spikeglx-meta.ts';

const FIXTURE_META = fileURLToPath(new URL('../../fixtures/spikeglx/np1/fixture_np1_g0_t0.imec0.ap.meta', import.meta.url));

/**
 * A .meta parser following SpikeGLX's rules as neo's `read_meta_file` applies them: one `key=value` a line, a line
 * that does not split into exactly two parts is skipped, `~key` values are lists `(header)(entry)(entry)…` whose
 * header is dropped.
 */
function parseMeta(text: string) {
  const meta: Record<string, string> = {}, lists: Record<string, string[]> = {}, headers: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const parts = line.split('=');
    if (parts.length !== 2) continue;
    const [k, v] = parts;
    if (k.startsWith('~')) {
      const items = v.slice(1, -1).split(')(');
      headers[k.slice(1)] = items[0];
      lists[k.slice(1)] = items.slice(1);
    } else meta[k] = v;
  }
  return { meta, lists, headers, keys: text.split('\n').filter(Boolean).map((l) => l.split('=')[0]) };
}

/** neo spikeglxrawio `extract_stream_info`, NP1.0 branch: per AP channel imAiRangeMax / 512 × 1/apGain × 1e6; the last (sync) channel has gain factor 1. */
function neoGains(p: ReturnType<typeof parseMeta>): number[] {
  const n = Number(p.meta.nSavedChans);
  const perChannel = new Array<number>(n).fill(1);
  for (let c = 0; c < n - 1; c++) perChannel[c] = 1.0 / Number(p.lists.imroTbl[c].split(' ')[3]);
  const factor = Number(p.meta.imAiRangeMax) / 512;
  return perChannel.map((g) => factor * g * 1e6);
}

test('the parser reads the real NP1.0 fixture as neo does: gain 2.34375 µV/bit, sync gain 1171.875', () => {
  const p = parseMeta(readFileSync(FIXTURE_META, 'utf8'));
  const g = neoGains(p);
  assert.equal(g.length, 385);
  assert.equal(g[0], 2.34375);
  assert.equal(g[384], 1171.875);
  assert.equal(p.lists.imroTbl.length, 384);
  assert.equal(p.lists.snsChanMap.length, 385);
});

function makeFolder(dir: string, gain: number) {
  const probe = getNamedProbe('Neuropixels1-128');
  const numChannels = 128, numSamples = 500;
  const f = preallocateBinaryFolder(dir, { numSamples, numChannels, dtype: 'int16', samplingFrequency: 30000, probe, gainToUv: gain });
  const data = new Int16Array(numSamples * numChannels);
  for (let i = 0; i < data.length; i++) data[i] = ((i * 31) % 60001) - 30000;
  const fd = openForPositionalWrites(f.rawPath);
  writeFrames(fd, 0, data, numChannels);
  closeRaw(fd);
  return { data, numChannels, numSamples, probe };
}

test('exported .bin holds our channels then a zero sync channel; .meta parses back with consistent sizes, channel lists and geometry', () => {
  const root = mkdtempSync(join(tmpdir(), 'spikegen-sglx-'));
  try {
    const gain = 0.0125;
    const { data, numChannels, numSamples, probe } = makeFolder(join(root, 'drifting'), gain);
    const r = exportSpikeGlx(join(root, 'drifting'), join(root, 'exports/spikeglx'), { name: 'demo', createdAt: new Date(2024, 0, 2, 3, 4, 5) });
    assert.ok(r.binPath.endsWith('demo_g0_t0.imec0.ap.bin'));
    assert.ok(r.metaPath.endsWith('demo_g0_t0.imec0.ap.meta'));
    const bin = new Int16Array(new Uint8Array(readFileSync(r.binPath)).buffer);
    assert.equal(bin.length, numSamples * 129);
    for (const t of [0, 1, 250, numSamples - 1]) {
      assert.deepEqual(bin.subarray(t * 129, t * 129 + 128), data.subarray(t * numChannels, (t + 1) * numChannels));
      assert.equal(bin[t * 129 + 128], 0);
    }

    const text = readFileSync(r.metaPath, 'utf8');
    assert.ok(!text.includes('\r'));
    const p = parseMeta(text);
    assert.deepEqual(p.keys, [...p.keys].sort()); // SpikeGLX writes keys sorted, ~lists last
    assert.equal(p.meta.nSavedChans, '129');
    assert.equal(Number(p.meta.fileSizeBytes), statSync(r.binPath).size);
    assert.equal(p.meta.fileSHA1, createHash('sha1').update(readFileSync(r.binPath)).digest('hex').toUpperCase());
    assert.equal(Number(p.meta.fileTimeSecs), numSamples / 30000);
    assert.equal(p.meta.imSampRate, '30000');
    assert.equal(p.meta.fileCreateTime, '2024-01-02T03:04:05');
    assert.equal(p.meta.fileName, 'demo_g0_t0.imec0.ap.bin');
    assert.equal(p.meta.snsApLfSy, '128,0,1');
    assert.equal(p.meta.acqApLfSy, '384,384,1');
    assert.equal(p.meta.snsSaveChanSubset, '0:127,768');
    assert.equal(p.meta.imDatPrb_type, '0');
    assert.equal(p.meta.imDatPrb_pn, 'NP1000');
    assert.equal(p.meta.imMaxInt, '512');
    assert.equal(Number(p.meta.imAiRangeMin), -Number(p.meta.imAiRangeMax));
    assert.equal(p.headers.imroTbl, '0,384');
    assert.equal(p.lists.imroTbl.length, 384);
    assert.equal(p.lists.imroTbl[5], '5 0 0 500 250 1');
    assert.equal(p.headers.snsChanMap, '384,384,1');
    assert.equal(p.lists.snsChanMap.length, 129);
    assert.equal(p.lists.snsChanMap[0], 'AP0;0:0');
    assert.equal(p.lists.snsChanMap[128], 'SY0;768:768');
    assert.equal(p.headers.snsGeomMap, 'NP1000,1,0,70');
    assert.equal(p.lists.snsGeomMap.length, 128);
    // snsGeomMap x is relative to the shank's left edge: probe x + 11 for NP1.0, as in the fixture
    const pos = probe.contact_positions;
    p.lists.snsGeomMap.forEach((e, k) => assert.equal(e, `0:${pos[2 * k] + 11}:${pos[2 * k + 1]}:1`));
    assert.ok(p.lists.muxTbl.length > 0);
    // every key we write is one the real SpikeGLX file has
    const fixtureKeys = new Set(parseMeta(readFileSync(FIXTURE_META, 'utf8')).keys);
    assert.deepEqual(p.keys.filter((k) => !fixtureKeys.has(k)), []);

    // neo's conversion gives exactly our gain for every AP channel
    const g = neoGains(p);
    assert.deepEqual(g.slice(0, 128), new Array(128).fill(gain));
    assert.equal(r.gainToUv, gain);
  } finally { rmSync(root, { recursive: true, force: true }); }
});

test('imAiRangeMax is chosen so that neo recovers the gain exactly for typical gains', () => {
  for (const gain of [0.0125, 0.01831, 0.1, 0.2345, 1e-4, 0.5, 2.34375, 0.03052]) {
    const x = imAiRangeMaxFor(gain);
    const viaText = Number(String(x)); // neo reads the text back with float()
    assert.equal((viaText / 512) * (1.0 / 500) * 1e6, gain, `gain ${gain}`);
  }
});

test('a probe that is not a Neuropixels 1.0 is refused with a sentence', () => {
  const root = mkdtempSync(join(tmpdir(), 'spikegen-sglx-'));
  try {
    const probe = getNamedProbe('Neuronexus-32');
    preallocateBinaryFolder(join(root, 'rec'), { numSamples: 10, numChannels: 32, dtype: 'int16', samplingFrequency: 30000, probe, gainToUv: 0.1 });
    assert.throws(() => exportSpikeGlx(join(root, 'rec'), join(root, 'out'), { name: 'x' }), /SpikeGLX export needs a Neuropixels 1\.0 probe/);
  } finally { rmSync(root, { recursive: true, force: true }); }
});
