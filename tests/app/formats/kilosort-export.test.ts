import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getNamedProbe } from '../../../app/probes/named-probes.ts';
import { closeRaw, openForPositionalWrites, preallocateBinaryFolder, writeFrames } from '../../../app/formats/si-binary-folder.ts';
import { exportKilosort } from '../../../app/formats/kilosort-export.ts';

function makeFolder(dir: string, dtype: 'int16' | 'float32', probeName = 'Neuropixels1-128') {
  const probe = getNamedProbe(probeName);
  const numChannels = probe.getContactCount(), numSamples = 300;
  const f = preallocateBinaryFolder(dir, { numSamples, numChannels, dtype, samplingFrequency: 30000, probe, gainToUv: dtype === 'int16' ? 0.05 : undefined });
  const data = dtype === 'int16' ? new Int16Array(numSamples * numChannels) : new Float32Array(numSamples * numChannels);
  for (let i = 0; i < data.length; i++) data[i] = dtype === 'int16' ? (i % 2001) - 1000 : ((i % 2001) - 1000) * 0.05;
  const fd = openForPositionalWrites(f.rawPath);
  writeFrames(fd, 0, data, numChannels);
  closeRaw(fd);
  return { f, data, probe, numChannels, numSamples };
}

/** The probe as Kilosort 4 `io.load_probe` reads a .prb: exec → channel_groups, concatenated by sorted group key. */
function parsePrb(text: string) {
  const chanMap: number[] = [], xc: number[] = [], yc: number[] = [], kcoords: number[] = [];
  const groups = [...text.matchAll(/^ {4}(\d+): \{\n {8}'channels': \[([^\]]*)\],\n {8}'geometry': \{\n([\s\S]*?)\n {8}\},/gm)];
  for (const g of groups.sort((a, b) => Number(a[1]) - Number(b[1]))) {
    const geometry = new Map([...g[3].matchAll(/(\d+): \(([-\d.e]+), ([-\d.e]+)\)/g)].map((m) => [Number(m[1]), [Number(m[2]), Number(m[3])]]));
    for (const c of g[2].split(',').map(Number)) { chanMap.push(c); xc.push(geometry.get(c)![0]); yc.push(geometry.get(c)![1]); kcoords.push(Number(g[1])); }
  }
  return { chanMap, xc, yc, kcoords, n_chan: chanMap.length };
}

test('int16 recording: the .bin is the raw file (hard link), probe .json/.prb hold the channel positions Kilosort 4 reads', () => {
  const root = mkdtempSync(join(tmpdir(), 'spikegen-ks-'));
  try {
    const { f, probe, numChannels } = makeFolder(join(root, 'drifting'), 'int16');
    const r = exportKilosort(join(root, 'drifting'), join(root, 'exports/kilosort'), { name: 'my-dataset' });
    assert.equal(r.method, 'hardlink');
    assert.equal(statSync(r.binPath).ino, statSync(f.rawPath).ino);
    assert.deepEqual(readFileSync(r.binPath), readFileSync(f.rawPath));
    assert.equal(r.gainToUv, 0.05);

    const text = readFileSync(r.probeJsonPath, 'utf8');
    const json = JSON.parse(text) as Record<string, unknown>;
    // the keys kilosort.io.save_probe writes / load_probe requires (chanMap, yc, xc, n_chan) + kcoords
    assert.deepEqual(Object.keys(json), ['chanMap', 'xc', 'yc', 'kcoords', 'n_chan']);
    assert.equal(json.n_chan, numChannels);
    assert.deepEqual(json.chanMap, Array.from({ length: numChannels }, (_, i) => i));
    const pos = probe.contact_positions;
    assert.deepEqual(json.xc, Array.from({ length: numChannels }, (_, i) => pos[2 * i]));
    assert.deepEqual(json.yc, Array.from({ length: numChannels }, (_, i) => pos[2 * i + 1]));
    assert.deepEqual(json.kcoords, new Array(numChannels).fill(0));
    assert.match(text, /"xc": \[\n {8}16\.0,\n {8}48\.0,/); // float32 arrays after load_probe; floats in the text

    const prb = parsePrb(readFileSync(r.prbPath, 'utf8'));
    assert.deepEqual(prb, { chanMap: json.chanMap, xc: json.xc, yc: json.yc, kcoords: json.kcoords, n_chan: numChannels });

    const readme = readFileSync(r.readmePath, 'utf8');
    for (const line of ['n_chan_bin         128', 'fs                 30000', 'dtype              int16', 'gain               0.05 uV per bit']) {
      assert.ok(readme.includes(line), line);
    }
    assert.throws(() => exportKilosort(join(root, 'drifting'), join(root, 'exports/kilosort'), { name: 'my-dataset' }), /already exists; choose another output folder/);
  } finally { rmSync(root, { recursive: true, force: true }); }
});

test('float32 recording is converted with the given gain; copy when linking is off; bad names and missing gains are sentences', () => {
  const root = mkdtempSync(join(tmpdir(), 'spikegen-ks-'));
  try {
    const { data } = makeFolder(join(root, 'static'), 'float32', 'tetrode');
    assert.throws(() => exportKilosort(join(root, 'static'), join(root, 'ks'), { name: 'x' }), /needs a gain/);
    assert.throws(() => exportKilosort(join(root, 'static'), join(root, 'ks'), { name: '../x', gainToUv: 0.05 }), /cannot name an export file/);
    const r = exportKilosort(join(root, 'static'), join(root, 'ks'), { name: 'x', gainToUv: 0.05 });
    assert.equal(r.method, 'converted');
    assert.equal(r.clipped, 0);
    const back = new Int16Array(new Uint8Array(readFileSync(r.binPath)).buffer);
    assert.deepEqual(Array.from(back.subarray(0, 6)), Array.from(data.subarray(0, 6), (v) => Math.round(v / 0.05)));
    assert.equal(back.length, data.length);

    makeFolder(join(root, 'drifting'), 'int16', 'tetrode');
    assert.equal(exportKilosort(join(root, 'drifting'), join(root, 'ks2'), { name: 'y', link: false }).method, 'copy');
  } finally { rmSync(root, { recursive: true, force: true }); }
});
